import { z } from 'zod';
import { CalendarDate, Id, IdNumber, Instant, ListQuery, Name, Phone } from './common.js';

export const Relation = z.enum(['owner', 'tenant', 'family']);
export type Relation = z.infer<typeof Relation>;

export const ResidentUnitLink = z.object({
  linkId: Id,
  unitId: Id,
  unitNumber: z.string(),
  buildingName: z.string(),
  relation: Relation,
  startDate: CalendarDate.nullable(),
  endDate: CalendarDate.nullable(),
});

export const Resident = z.object({
  id: Id,
  projectId: Id,
  name: z.string(),
  phone: z.string(),
  /** Masked (110***********1234) unless the viewer may reveal; see POST /api/residents/:id/reveal-id */
  idNumber: z.string().nullable(),
  idNumberMasked: z.boolean(),
  note: z.string().nullable(),
  units: z.array(ResidentUnitLink),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Resident = z.infer<typeof Resident>;

export const LinkUnitInput = z.strictObject({
  unitId: Id,
  relation: Relation,
  startDate: CalendarDate.optional(),
  endDate: CalendarDate.optional(),
});

export const CreateResidentBody = z.strictObject({
  projectId: Id,
  name: Name,
  phone: Phone,
  idNumber: IdNumber.optional(),
  note: z.string().trim().max(500).optional(),
  units: z.array(LinkUnitInput).max(50).default([]),
});
export type CreateResidentBody = z.infer<typeof CreateResidentBody>;

export const UpdateResidentBody = z.strictObject({
  name: Name.optional(),
  phone: Phone.optional(),
  idNumber: IdNumber.nullable().optional(),
  note: z.string().trim().max(500).nullable().optional(),
  units: z.array(LinkUnitInput).max(50).optional(),
});

export const ResidentListQuery = ListQuery.extend({
  projectId: Id.optional(),
  unitId: Id.optional(),
  /** Last digits of the phone number (the way callers are found at the desk). */
  phoneTail: z.string().regex(/^\d{1,11}$/, 'digits only').optional(),
  relation: Relation.optional(),
});

export const RevealIdResponse = z.object({ idNumber: z.string().nullable() });
