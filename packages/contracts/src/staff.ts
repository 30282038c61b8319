import { z } from 'zod';
import { CalendarDate, Id, Instant, ListQuery, Locale, Name, Phone, QueryBool } from './common.js';
import { PERMISSION_CODES } from './permissions.js';

export const Education = z.enum(['junior_high', 'high_school', 'vocational', 'college', 'bachelor', 'master', 'doctorate']);

/** A YYYY-MM-DD that names a real day (no 2024-02-30). */
export const RealDate = CalendarDate.refine((s) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}, 'not a real calendar date');

export const Training = z.object({ name: z.string().max(200), date: CalendarDate.optional(), hours: z.number().int().min(0).max(10000).optional() });
export type Training = z.infer<typeof Training>;
/** POST /api/users/:id/trainings: one course attended (the training module appends here too). */
export const AddTrainingBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  date: RealDate.optional(),
  hours: z.number().int().min(0).max(10000).optional(),
});
export type AddTrainingBody = z.infer<typeof AddTrainingBody>;

export const StaffProfile = z.strictObject({
  education: Education.nullable().optional(),
  birthDate: RealDate.nullable().optional(),
  healthCertExpiry: RealDate.nullable().optional(),
  experienceYears: z.number().int().min(0).max(60).nullable().optional(),
  skills: z.array(z.string().trim().min(1).max(50)).max(50).optional(),
});

export const RoleGrant = z.object({
  id: Id,
  roleId: Id,
  roleCode: z.string(),
  roleName: z.string(),
  orgUnitId: Id,
  orgUnitName: z.string(),
});
export type RoleGrant = z.infer<typeof RoleGrant>;

export const User = z.object({
  id: Id,
  username: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  position: z.string().nullable(),
  orgUnitId: Id.nullable(),
  orgUnitName: z.string().nullable(),
  active: z.boolean(),
  locale: Locale,
  education: Education.nullable(),
  birthDate: z.string().nullable(),
  healthCertExpiry: z.string().nullable(),
  experienceYears: z.number().int().nullable(),
  skills: z.array(z.string()),
  trainings: z.array(Training),
  grants: z.array(RoleGrant),
  lockedUntil: Instant.nullable(),
  /** Set when an administrator chose the password: the user must pick a new one. */
  mustChangePassword: z.boolean(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type User = z.infer<typeof User>;

export const Username = z.string().trim().min(2).max(64).regex(/^[a-zA-Z0-9_.-]+$/, 'letters, digits, _ . - only');

export const CreateUserBody = StaffProfile.extend({
  username: Username,
  displayName: Name,
  password: z.string().min(8, 'at least 8 characters').max(200),
  phone: Phone.optional(),
  position: z.string().trim().max(100).optional(),
  orgUnitId: Id.nullable().optional(),
});
export const UpdateUserBody = StaffProfile.extend({
  displayName: Name.optional(),
  phone: Phone.nullable().optional(),
  position: z.string().trim().max(100).nullable().optional(),
  orgUnitId: Id.nullable().optional(),
  active: z.boolean().optional(),
  password: z.string().min(8, 'at least 8 characters').max(200).optional(),
});
export type CreateUserBody = z.infer<typeof CreateUserBody>;
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;
/** orgUnitId: users placed at that node or anywhere below it; roleId: users holding that role somewhere. */
export const UserListQuery = ListQuery.extend({ orgUnitId: Id.optional(), roleId: Id.optional(), active: QueryBool.optional() });
export type UserListQuery = z.infer<typeof UserListQuery>;

export const GrantRoleBody = z.strictObject({ roleId: Id, orgUnitId: Id });
export type GrantRoleBody = z.infer<typeof GrantRoleBody>;
export const GrantParams = z.object({ id: Id, grantId: Id });

export const Role = z.object({
  id: Id,
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  permissions: z.array(z.string()),
  builtin: z.boolean(),
});
export type Role = z.infer<typeof Role>;
export const PermissionCode = z.enum(PERMISSION_CODES as [string, ...string[]]);
export const CreateRoleBody = z.strictObject({
  code: z.string().trim().min(2).max(40).regex(/^[a-z][a-z0-9_]*$/, 'lower-case letters, digits and _'),
  name: Name,
  nameEn: Name,
  permissions: z.array(PermissionCode).min(1).max(200),
});
export type CreateRoleBody = z.infer<typeof CreateRoleBody>;
/** Built-in roles are not editable (409 builtin_role); the code of a role never changes. */
export const UpdateRoleBody = z.strictObject({
  name: Name.optional(),
  nameEn: Name.optional(),
  permissions: z.array(PermissionCode).min(1).max(200).optional(),
});
export type UpdateRoleBody = z.infer<typeof UpdateRoleBody>;
export const RoleListQuery = ListQuery;
export const PermissionInfo = z.object({ code: z.string(), zh: z.string(), en: z.string() });

export const TeamKind = z.enum(['maintenance', 'reception', 'security', 'cleaning', 'other']);
export const Team = z.object({
  id: Id,
  projectId: Id,
  name: z.string(),
  kind: TeamKind,
  leaderId: Id.nullable(),
  leaderName: z.string().nullable(),
  members: z.array(z.object({ userId: Id, displayName: z.string() })),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Team = z.infer<typeof Team>;
export const CreateTeamBody = z.strictObject({
  projectId: Id,
  name: Name,
  kind: TeamKind.default('maintenance'),
  leaderId: Id.nullable().optional(),
  memberIds: z.array(Id).max(200).default([]),
});
export const UpdateTeamBody = z.strictObject({
  name: Name.optional(),
  kind: TeamKind.optional(),
  leaderId: Id.nullable().optional(),
  memberIds: z.array(Id).max(200).optional(),
});
export type CreateTeamBody = z.infer<typeof CreateTeamBody>;
export type UpdateTeamBody = z.infer<typeof UpdateTeamBody>;
export const TeamListQuery = ListQuery.extend({ projectId: Id.optional(), kind: TeamKind.optional() });
export type TeamListQuery = z.infer<typeof TeamListQuery>;

export const AuditEntry = z.object({
  id: Id,
  at: Instant,
  actorId: Id.nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  projectId: Id.nullable(),
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })).nullable(),
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditListQuery = ListQuery.extend({
  actorId: Id.optional(),
  entity: z.string().max(40).optional(),
  entityId: z.string().max(40).optional(),
  action: z.string().max(60).optional(),
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
});
