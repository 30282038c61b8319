import { z } from 'zod';
import { Id, Instant, ListQuery, Name } from './common.js';

export const UnitKind = z.enum(['residence', 'shop', 'office', 'clubhouse', 'parking', 'storage']);
export type UnitKind = z.infer<typeof UnitKind>;
export const UnitState = z.enum(['vacant', 'occupied', 'renovating']);
export type UnitState = z.infer<typeof UnitState>;

/** Gross area (建筑面积) in 0.01 m²: 8925 = 89.25 m². */
export const AreaCentiM2 = z.number().int('area is in 0.01 m², a whole number').min(1).max(100_000_000);

export const Unit = z.object({
  id: Id,
  projectId: Id,
  buildingId: Id,
  buildingName: z.string(),
  number: z.string(),
  floor: z.number().int(),
  grossArea: z.number().int(),
  kind: UnitKind,
  state: UnitState,
  note: z.string().nullable(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Unit = z.infer<typeof Unit>;

export const UnitNumber = z.string().trim().min(1).max(32);

export const CreateUnitBody = z.strictObject({
  buildingId: Id,
  number: UnitNumber,
  floor: z.number().int().min(-10).max(200),
  grossArea: AreaCentiM2,
  kind: UnitKind,
  state: UnitState.default('vacant'),
  note: z.string().trim().max(500).optional(),
});
export type CreateUnitBody = z.infer<typeof CreateUnitBody>;

export const UpdateUnitBody = z.strictObject({
  number: UnitNumber.optional(),
  floor: z.number().int().min(-10).max(200).optional(),
  grossArea: AreaCentiM2.optional(),
  kind: UnitKind.optional(),
  state: UnitState.optional(),
  note: z.string().trim().max(500).nullable().optional(),
});

export const UnitListQuery = ListQuery.extend({
  projectId: Id.optional(),
  buildingId: Id.optional(),
  kind: UnitKind.optional(),
  state: UnitState.optional(),
  floor: z.coerce.number().int().optional(),
});

export const UnitOccupant = z.object({
  linkId: Id,
  residentId: Id,
  name: z.string(),
  phone: z.string(),
  relation: z.string(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
});
export const UnitDetail = Unit.extend({ occupants: z.array(UnitOccupant), zoneId: Id.nullable(), zoneName: z.string().nullable() });
export type UnitDetail = z.infer<typeof UnitDetail>;

/** Responsibility zone (责任区): a named set of a project's buildings with its maintenance team. */
export const Zone = z.object({
  id: Id,
  projectId: Id,
  name: z.string(),
  teamId: Id.nullable(),
  teamName: z.string().nullable(),
  buildingIds: z.array(Id),
  createdAt: Instant,
});
export type Zone = z.infer<typeof Zone>;
export const CreateZoneBody = z.strictObject({
  projectId: Id,
  name: Name,
  teamId: Id.nullable().optional(),
  buildingIds: z.array(Id).max(500).default([]),
});
export const UpdateZoneBody = z.strictObject({
  name: Name.optional(),
  teamId: Id.nullable().optional(),
  buildingIds: z.array(Id).max(500).optional(),
});
export const ZoneListQuery = ListQuery.extend({ projectId: Id.optional() });

/** Result of an all-or-nothing .xlsx import. */
export const ImportResult = z.object({ created: z.number().int(), updated: z.number().int() });
export const ImportRowError = z.object({ row: z.number().int(), field: z.string().optional(), message: z.string() });
