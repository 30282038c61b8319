import { z } from 'zod';
import { Id, Instant, ListQuery, Name } from './common.js';

export const UnitKind = z.enum(['residence', 'shop', 'office', 'clubhouse', 'parking', 'storage']);
export type UnitKind = z.infer<typeof UnitKind>;
export const UnitState = z.enum(['vacant', 'occupied', 'renovating']);
export type UnitState = z.infer<typeof UnitState>;

/** What staff see and type (the import accepts the code, the zh label or the en label). */
export const UNIT_KIND_LABELS: Record<UnitKind, { zh: string; en: string }> = {
  residence: { zh: '住宅', en: 'Residence' },
  shop: { zh: '商铺', en: 'Shop' },
  office: { zh: '办公', en: 'Office' },
  clubhouse: { zh: '会所', en: 'Clubhouse' },
  parking: { zh: '车位', en: 'Parking space' },
  storage: { zh: '储藏室', en: 'Storage room' },
};
export const UNIT_STATE_LABELS: Record<UnitState, { zh: string; en: string }> = {
  vacant: { zh: '空置', en: 'Vacant' },
  occupied: { zh: '已入住', en: 'Occupied' },
  renovating: { zh: '装修中', en: 'Renovating' },
};

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
export type UpdateUnitBody = z.infer<typeof UpdateUnitBody>;

/** Sort fields: number, floor, grossArea, kind, state, buildingName, createdAt, updatedAt (default: building, floor, number). */
export const UnitListQuery = ListQuery.extend({
  projectId: Id.optional(),
  buildingId: Id.optional(),
  kind: UnitKind.optional(),
  state: UnitState.optional(),
  floor: z.coerce.number().int().min(-10).max(200).optional(),
});
export type UnitListQuery = z.infer<typeof UnitListQuery>;
/** The export takes the list's filters and sort, without paging. */
export const UnitExportQuery = UnitListQuery.omit({ page: true, pageSize: true });
export type UnitExportQuery = z.infer<typeof UnitExportQuery>;
/** The import's project may come here or as the multipart field `projectId`. */
export const UnitImportQuery = z.object({ projectId: Id.optional() });

/** A resident linked to the unit; a link with an endDate is history (moved out, sold). */
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

/** A building (an org unit of kind building) as the units pages list it. */
export const Building = z.object({
  id: Id,
  projectId: Id,
  projectName: z.string(),
  name: z.string(),
  code: z.string().nullable(),
  unitCount: z.number().int(),
  zoneId: Id.nullable(),
  zoneName: z.string().nullable(),
});
export type Building = z.infer<typeof Building>;
export const BuildingListQuery = ListQuery.extend({
  projectId: Id.optional(),
  pageSize: z.coerce.number().int().min(1).max(200).default(200),
});

/** Responsibility zone (责任区): a named set of a project's buildings with its maintenance team. */
export const Zone = z.object({
  id: Id,
  projectId: Id,
  name: z.string(),
  teamId: Id.nullable(),
  teamName: z.string().nullable(),
  buildingIds: z.array(Id),
  buildings: z.array(z.object({ id: Id, name: z.string() })),
  createdAt: Instant,
  updatedAt: Instant,
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
export type CreateZoneBody = z.infer<typeof CreateZoneBody>;
export type UpdateZoneBody = z.infer<typeof UpdateZoneBody>;
/** Sort fields: name, createdAt, updatedAt (default: name). */
export const ZoneListQuery = ListQuery.extend({ projectId: Id.optional(), teamId: Id.optional() });
export type ZoneListQuery = z.infer<typeof ZoneListQuery>;

/** Result of an all-or-nothing .xlsx import. */
export const ImportResult = z.object({ created: z.number().int(), updated: z.number().int() });
export const ImportRowError = z.object({ row: z.number().int(), field: z.string().optional(), message: z.string() });
/** The units import also names the buildings it had to create (a typo in 楼栋 shows up here). */
export const UnitImportResult = ImportResult.extend({ buildingsCreated: z.array(z.string()) });
export type UnitImportResult = z.infer<typeof UnitImportResult>;

/** A downloaded .xlsx file (template or export): the body is the file's bytes. */
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const XlsxFile = z.string().meta({ format: 'binary' }).describe('.xlsx file');
