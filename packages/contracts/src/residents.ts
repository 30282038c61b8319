import { z } from 'zod';
import { CalendarDate, Id, IdNumber, Instant, ListQuery, Name, Phone } from './common.js';

/** 业主 owner · 租户 tenant · 家属 family member */
export const Relation = z.enum(['owner', 'tenant', 'family']);
export type Relation = z.infer<typeof Relation>;

/** A calendar date that exists (2024-02-30 is refused, not rolled over). */
const MoveDate = CalendarDate.refine((s) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}, 'not a real calendar date');

/** One person ↔ unit link. Links are ended (endDate), never deleted, so the history stays. */
export const ResidentUnitLink = z.object({
  linkId: Id,
  unitId: Id,
  unitNumber: z.string(),
  buildingName: z.string(),
  relation: Relation,
  startDate: CalendarDate.nullable(),
  endDate: CalendarDate.nullable(),
});
export type ResidentUnitLink = z.infer<typeof ResidentUnitLink>;

export const Resident = z.object({
  id: Id,
  projectId: Id,
  name: z.string(),
  phone: z.string(),
  /** Always masked (110***********1234); the full number only via the audited POST /api/residents/:id/reveal-id */
  idNumber: z.string().nullable(),
  idNumberMasked: z.boolean(),
  note: z.string().nullable(),
  /** In lists: the current links only. In a single resident's answer: every link, current ones first, then ended ones. */
  units: z.array(ResidentUnitLink),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Resident = z.infer<typeof Resident>;

export const LinkUnitInput = z.strictObject({
  unitId: Id,
  relation: Relation,
  startDate: MoveDate.optional(),
  endDate: MoveDate.optional(),
});
export type LinkUnitInput = z.infer<typeof LinkUnitInput>;

export const CreateResidentBody = z.strictObject({
  projectId: Id,
  name: Name,
  phone: Phone,
  /** 18-digit PRC ID numbers must carry the right check digit (GB 11643); other documents are taken as given. */
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
  /**
   * The person's current units, as a whole: listed units without a current link are linked,
   * listed ones with a current link get its relation/dates updated, current links left out are ended today.
   */
  units: z.array(LinkUnitInput).max(50).optional(),
});
export type UpdateResidentBody = z.infer<typeof UpdateResidentBody>;

export const ResidentListQuery = ListQuery.extend({
  projectId: Id.optional(),
  unitId: Id.optional(),
  /** Last digits of the phone number (the way callers are found at the desk). */
  phoneTail: z.string().regex(/^\d{1,11}$/, 'digits only').optional(),
  relation: Relation.optional(),
});
export type ResidentListQuery = z.infer<typeof ResidentListQuery>;

/** The export takes the list's filters, without paging. */
export const ResidentExportQuery = ResidentListQuery.omit({ page: true, pageSize: true });
export type ResidentExportQuery = z.infer<typeof ResidentExportQuery>;

export const RevealIdResponse = z.object({ idNumber: z.string().nullable() });

/** POST /api/residents/:id/units — link one more unit. */
export const AddResidentUnitBody = z.strictObject({
  unitId: Id,
  relation: Relation,
  startDate: MoveDate.optional(),
});
export type AddResidentUnitBody = z.infer<typeof AddResidentUnitBody>;

/** POST /api/residents/:id/units/:linkId/end — the person moved out (the link is kept with its end date). */
export const EndResidentUnitBody = z.strictObject({ endDate: MoveDate });
export type EndResidentUnitBody = z.infer<typeof EndResidentUnitBody>;

export const ResidentUnitParams = z.object({ id: Id, linkId: Id });

/** POST /api/residents/import: the project may come as ?projectId= or as a multipart field. */
export const ResidentImportQuery = z.object({ projectId: Id.optional() });

export const ResidentImportResult = z.object({
  /** New residents. */
  created: z.number().int(),
  /** Residents already on record that got a new unit link or their ID number. */
  updated: z.number().int(),
  /** Unit links added (new people's and existing people's). */
  linked: z.number().int(),
});
export type ResidentImportResult = z.infer<typeof ResidentImportResult>;
