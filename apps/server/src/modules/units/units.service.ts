import {
  UNIT_KIND_LABELS,
  UNIT_STATE_LABELS,
  type Building,
  type CreateUnitBody,
  type Unit,
  type UnitDetail,
  type UnitExportQuery,
  type UnitImportResult,
  type UnitKind,
  type UnitListQuery,
  type UnitState,
  type UpdateUnitBody,
} from '@propdesk/contracts';
import { isUniqueViolation } from '../../db/query.js';
import type { UnitsTable } from '../../db/schema.js';
import type { Ctx } from '../../http/context.js';
import { badRequest, conflict, notFound, type Localized } from '../../http/errors.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { buildTemplate, buildWorkbook, importFailed, readSheet } from '../../lib/xlsx.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertProjectInScope, projectFilter, scopedProjectIds } from '../auth/auth.scope.js';
import { orgRepository } from '../org/org.repository.js';
import { insertOrgUnit } from '../org/org.service.js';
import { formatAreaM2, IMPORT_MAX_ROWS, parseImportRows, planImport, UNIT_COLUMNS, type RowError } from './units.policy.js';
import { unitsRepository, type UnitRow } from './units.repository.js';

const UNIT: Localized = { zh: '房屋', en: 'unit' };
const BUILDING: Localized = { zh: '楼栋', en: 'building' };
const PROJECT: Localized = { zh: '项目', en: 'project' };
/** An export is a whole project's register at most; beyond this the filters are too wide. */
const EXPORT_MAX_ROWS = 50_000;

export function toUnit(r: UnitRow): Unit {
  return {
    id: r.id,
    projectId: r.project_id,
    buildingId: r.building_id,
    buildingName: r.building_name,
    number: r.number,
    floor: r.floor,
    grossArea: r.gross_area,
    kind: r.kind as UnitKind,
    state: r.state as UnitState,
    note: r.note,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const numberTaken = (buildingName: string, number: string) =>
  conflict(
    'unit_number_taken',
    { zh: `${buildingName}已有房号为“${number}”的房屋`, en: `${buildingName} already has a unit numbered "${number}"` },
    [{ path: 'body.number', message: 'taken in this building' }],
  );

/**
 * Scope checks read the project list outside the transaction (SQLite has one connection: a
 * query on the pool inside a transaction would wait for itself), so callers fetch the ids first.
 */
function inScope(projectIds: string[], projectId: string | null, what: Localized): asserts projectId is string {
  if (!projectId || !projectIds.includes(projectId)) throw notFound(what);
}

export const unitsService = {
  async list(ctx: Ctx, q: UnitListQuery) {
    const projectIds = await projectFilter(ctx, 'units.read', q.projectId);
    if (projectIds.length === 0) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    const { rows, total } = await unitsRepository.list(ctx.database.db, { ...q, projectIds }, q);
    return { items: rows.map(toUnit), total: total ?? rows.length, page: q.page, pageSize: q.pageSize };
  },

  async get(ctx: Ctx, id: string): Promise<UnitDetail> {
    const db = ctx.database.db;
    const row = await unitsRepository.findById(db, id);
    if (!row) throw notFound(UNIT);
    await assertProjectInScope(ctx, 'units.read', row.project_id, UNIT);
    // Who lives there (names, phones) is residents' data: only for those who may read residents here.
    const mayReadResidents = (await scopedProjectIds(ctx, 'residents.read')).includes(row.project_id);
    const [zone, links] = await Promise.all([
      unitsRepository.findZoneOfBuilding(db, row.building_id),
      mayReadResidents ? unitsRepository.listOccupants(db, id) : Promise.resolve([]),
    ]);
    // Current residents first, then the history, most recently ended first.
    const occupants = links
      .map((l) => ({ linkId: l.link_id, residentId: l.resident_id, name: l.name, phone: l.phone, relation: l.relation, startDate: l.start_date, endDate: l.end_date }))
      .sort((a, b) => (a.endDate === null ? 0 : 1) - (b.endDate === null ? 0 : 1) || (b.endDate ?? '').localeCompare(a.endDate ?? '') || (a.startDate ?? '').localeCompare(b.startDate ?? ''));
    return { ...toUnit(row), zoneId: zone?.id ?? null, zoneName: zone?.name ?? null, occupants };
  },

  async create(ctx: Ctx, input: CreateUnitBody): Promise<Unit> {
    try {
      const manageable = await scopedProjectIds(ctx, 'units.manage');
      return await ctx.database.db.transaction().execute(async (tx) => {
        const building = await orgRepository.findById(tx, input.buildingId);
        if (!building || building.kind !== 'building') throw notFound(BUILDING);
        inScope(manageable, building.project_id, BUILDING);
        if (await unitsRepository.findByBuildingAndNumber(tx, building.id, input.number)) throw numberTaken(building.name, input.number);
        const now = nowIso();
        // The project is the building's: a client cannot file a unit under another project.
        const row: UnitsTable = {
          id: newId(),
          project_id: building.project_id,
          building_id: building.id,
          number: input.number,
          floor: input.floor,
          gross_area: input.grossArea,
          kind: input.kind,
          state: input.state,
          note: input.note || null,
          created_at: now,
          updated_at: now,
        };
        await unitsRepository.insert(tx, row);
        const unit = toUnit({ ...row, building_name: building.name });
        await recordAudit(tx, ctx, { action: 'unit.create', entity: 'unit', entityId: row.id, projectId: row.project_id, before: null, after: unit });
        return unit;
      });
    } catch (err) {
      // Two people adding the same number at once: the constraint decides, the loser gets the same 409.
      if (isUniqueViolation(err)) throw numberTaken(BUILDING.zh, input.number);
      throw err;
    }
  },

  async update(ctx: Ctx, id: string, input: UpdateUnitBody): Promise<Unit> {
    try {
      const manageable = await scopedProjectIds(ctx, 'units.manage');
      return await ctx.database.db.transaction().execute(async (tx) => {
        const row = await unitsRepository.findById(tx, id);
        if (!row) throw notFound(UNIT);
        inScope(manageable, row.project_id, UNIT);
        if (input.number !== undefined && input.number !== row.number && (await unitsRepository.findByBuildingAndNumber(tx, row.building_id, input.number))) {
          throw numberTaken(row.building_name, input.number);
        }
        const patch: Partial<UnitsTable> = { updated_at: nowIso() };
        if (input.number !== undefined) patch.number = input.number;
        if (input.floor !== undefined) patch.floor = input.floor;
        if (input.grossArea !== undefined) patch.gross_area = input.grossArea;
        if (input.kind !== undefined) patch.kind = input.kind;
        if (input.state !== undefined) patch.state = input.state;
        if (input.note !== undefined) patch.note = input.note || null;
        await unitsRepository.update(tx, id, patch);
        const after = toUnit({ ...row, ...patch });
        await recordAudit(tx, ctx, { action: 'unit.update', entity: 'unit', entityId: id, projectId: row.project_id, before: toUnit(row), after });
        return after;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw numberTaken(BUILDING.zh, input.number ?? '');
      throw err;
    }
  },

  async listBuildings(ctx: Ctx, q: { projectId?: string; q?: string; page: number; pageSize: number }) {
    const projectIds = await projectFilter(ctx, 'units.read', q.projectId);
    if (projectIds.length === 0) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    const { rows, total } = await unitsRepository.listBuildings(ctx.database.db, { projectIds, q: q.q }, q);
    const items: Building[] = rows.map((r) => ({
      id: r.id,
      projectId: r.project_id!,
      projectName: r.project_name,
      name: r.name,
      code: r.code,
      unitCount: Number(r.unit_count ?? 0),
      zoneId: r.zone_id,
      zoneName: r.zone_name,
    }));
    return { items, total, page: q.page, pageSize: q.pageSize };
  },

  template(): Promise<Buffer> {
    return buildTemplate('房屋 units', UNIT_COLUMNS);
  },

  /** The filtered list as .xlsx, in the same columns as the template (an export can be edited and re-imported). */
  async exportXlsx(ctx: Ctx, q: UnitExportQuery): Promise<Buffer> {
    const projectIds = await projectFilter(ctx, 'units.read', q.projectId);
    const rows = projectIds.length === 0 ? [] : (await unitsRepository.list(ctx.database.db, { ...q, projectIds }, { sort: q.sort, limit: EXPORT_MAX_ROWS })).rows;
    const lang = ctx.locale === 'en' ? 'en' : 'zh';
    const sheetRows = rows.map((r) => ({
      building: r.building_name,
      number: r.number,
      floor: r.floor,
      // A number cell, so Excel can sum it; the value is exact to the 0.01 m².
      grossArea: Number(formatAreaM2(r.gross_area)),
      kind: UNIT_KIND_LABELS[r.kind as UnitKind]?.[lang] ?? r.kind,
      state: UNIT_STATE_LABELS[r.state as UnitState]?.[lang] ?? r.state,
      note: r.note ?? '',
    }));
    return buildWorkbook(ctx.locale === 'en' ? 'Units' : '房屋', UNIT_COLUMNS, sheetRows, ctx.locale);
  },

  /**
   * All-or-nothing import into one project: every row is checked first (nothing is written when
   * any row is wrong); then, in one transaction, missing buildings are created, new units
   * inserted and existing ones (same building name + number) updated. One audit record.
   */
  async importXlsx(ctx: Ctx, projectId: string, file: Buffer): Promise<UnitImportResult> {
    await assertProjectInScope(ctx, 'units.import', projectId, PROJECT);
    const sheet = await readSheet(file, UNIT_COLUMNS);
    if (sheet.length === 0) {
      throw badRequest('import_empty', { zh: '文件中没有房屋数据行', en: 'The file has no unit rows' });
    }
    if (sheet.length > IMPORT_MAX_ROWS) {
      throw badRequest('import_too_large', {
        zh: `一次最多导入 ${IMPORT_MAX_ROWS} 行，请拆分文件`,
        en: `At most ${IMPORT_MAX_ROWS} rows per import: split the file`,
      });
    }
    const parsed = parseImportRows(sheet);
    return ctx.database.db.transaction().execute(async (tx) => {
      const project = await orgRepository.findById(tx, projectId);
      if (!project || project.kind !== 'project') throw notFound(PROJECT);
      const buildings = await orgRepository.listBuildings(tx, [projectId]);
      const byName = new Map<string, (typeof buildings)[number][]>();
      for (const b of buildings) byName.set(b.name, [...(byName.get(b.name) ?? []), b]);
      // Two buildings of the same name cannot be told apart by a spreadsheet row.
      const errors: RowError[] = [...parsed.errors];
      for (const r of parsed.rows) {
        if ((byName.get(r.building)?.length ?? 0) > 1) errors.push({ row: r.row, field: 'building', message: `building "${r.building}" is ambiguous: the project has several buildings of that name` });
      }
      if (errors.length > 0) throw importFailed(errors.sort((a, b) => a.row - b.row));

      const existing = await unitsRepository.listByProject(tx, projectId);
      const plan = planImport(
        parsed.rows,
        buildings.map((b) => b.name),
        existing.map((u) => ({ ...u, buildingName: u.building_name })),
      );
      const buildingId = new Map(buildings.map((b) => [b.name, b.id]));
      for (const name of plan.newBuildings) {
        const b = await insertOrgUnit(tx, { kind: 'building', name, parentId: project.id }, project);
        buildingId.set(name, b.id);
      }
      const now = nowIso();
      await unitsRepository.insertMany(
        tx,
        plan.create.map((r) => ({
          id: newId(),
          project_id: projectId,
          building_id: buildingId.get(r.building)!,
          number: r.number,
          floor: r.floor,
          gross_area: r.grossArea,
          kind: r.kind,
          state: r.state ?? 'vacant',
          note: r.note,
          created_at: now,
          updated_at: now,
        })),
      );
      for (const { row: r, existing: u } of plan.update) {
        // Blank state / note cells leave what the unit already has (an occupied unit stays occupied).
        await unitsRepository.update(tx, u.id, {
          floor: r.floor,
          gross_area: r.grossArea,
          kind: r.kind,
          ...(r.state !== null ? { state: r.state } : {}),
          ...(r.note !== null ? { note: r.note } : {}),
          updated_at: now,
        });
      }
      const result = { created: plan.create.length, updated: plan.update.length, buildingsCreated: plan.newBuildings };
      await recordAudit(tx, ctx, { action: 'unit.import', entity: 'unit', entityId: null, projectId, before: null, after: { ...result, rows: parsed.rows.length } });
      return result;
    });
  },
};
