import { z } from 'zod';
import { Id, Instant, ListQuery, Name, Phone, ShortText } from './common.js';

/** group (集团) → company → center (客服中心) → project (小区/商场) → building */
export const OrgUnitKind = z.enum(['group', 'company', 'center', 'project', 'building']);
export type OrgUnitKind = z.infer<typeof OrgUnitKind>;
/** A project is a residential community (小区) or a shopping mall (商场). */
export const ProjectType = z.enum(['residential', 'mall']);

export const OrgUnit = z.object({
  id: Id,
  parentId: Id.nullable(),
  kind: OrgUnitKind,
  name: z.string(),
  code: z.string().nullable(),
  projectType: ProjectType.nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  timezone: z.string(),
  /** The project this node belongs to (itself for a project, the parent project for a building). */
  projectId: Id.nullable(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type OrgUnit = z.infer<typeof OrgUnit>;

export const CreateOrgUnitBody = z.strictObject({
  name: Name,
  kind: OrgUnitKind,
  parentId: Id.nullable(),
  code: z.string().trim().max(32).optional(),
  projectType: ProjectType.optional(),
  address: ShortText.optional(),
  phone: Phone.optional(),
  timezone: z.string().max(64).optional(),
});
export type CreateOrgUnitBody = z.infer<typeof CreateOrgUnitBody>;

export const UpdateOrgUnitBody = z.strictObject({
  name: Name.optional(),
  code: z.string().trim().max(32).nullable().optional(),
  projectType: ProjectType.optional(),
  address: ShortText.nullable().optional(),
  phone: Phone.nullable().optional(),
  timezone: z.string().max(64).optional(),
});

export const OrgUnitListQuery = ListQuery.extend({
  kind: OrgUnitKind.optional(),
  parentId: Id.optional(),
  pageSize: z.coerce.number().int().min(1).max(200).default(200),
});
