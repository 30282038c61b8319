import type {
  AddResidentUnitBody,
  CreateResidentBody,
  EndResidentUnitBody,
  LinkUnitInput,
  Page,
  Relation,
  Resident,
  ResidentExportQuery,
  ResidentImportResult,
  ResidentListQuery,
  ResidentUnitLink,
  UpdateResidentBody,
} from '@propdesk/contracts';
import ExcelJS from 'exceljs';
import type { Tx } from '../../db/database.js';
import type { ResidentsTable, ResidentUnitsTable } from '../../db/schema.js';
import type { Ctx } from '../../http/context.js';
import { AppError, badRequest, conflict, fieldInvalid, forbidden, notFound } from '../../http/errors.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { buildTemplate, buildWorkbook, importFailed, readSheet, type XlsxColumn } from '../../lib/xlsx.js';
import { recordAudit } from '../audit/audit.service.js';
import { scopedProjectIds } from '../auth/auth.scope.js';
import { DEFAULT_TIMEZONE } from '../org/org.service.js';
import {
  checkIdNumber,
  datesInOrder,
  isCurrentLink,
  personKey,
  phoneRev,
  phoneTailPrefix,
  planLinkSync,
  RELATION_LABELS,
  searchPhoneDigits,
  shownIdNumber,
  todayIn,
  validateImportRow,
  type ImportRow,
  type ImportRowValues,
  type RowError,
} from './residents.policy.js';
import { residentsRepository as repo, type LinkRow, type ResidentFilter, type UnitRef } from './residents.repository.js';

const RESIDENT = { zh: '住户', en: 'resident' };
const PROJECT = { zh: '项目', en: 'project' };
const UNIT = { zh: '房屋', en: 'unit' };
const LINK = { zh: '住户与房屋的关系', en: 'unit link' };

/** Rows one import may carry, and rows one export may write. */
export const IMPORT_MAX_ROWS = 5000;
export const EXPORT_MAX_ROWS = 50_000;

/** The import template's columns (the header reads "姓名 name" so either language matches). */
export const IMPORT_COLUMNS: XlsxColumn[] = [
  { key: 'name', zh: '姓名', en: 'Name', example: '张三' },
  { key: 'phone', zh: '手机号', en: 'Phone', example: '13800138000', width: 16 },
  { key: 'idNumber', zh: '证件号', en: 'ID number', example: '', width: 22 },
  { key: 'building', zh: '楼栋', en: 'Building', example: '1栋' },
  { key: 'unit', zh: '房号', en: 'Unit', example: '1201' },
  { key: 'relation', zh: '关系', en: 'Relation', example: '业主' },
  { key: 'startDate', zh: '入住日期', en: 'Start date', example: '2024-05-01' },
];

const EXPORT_COLUMNS: XlsxColumn[] = [
  { key: 'name', zh: '姓名', en: 'Name' },
  { key: 'phone', zh: '手机号', en: 'Phone' },
  { key: 'idNumber', zh: '证件号（已脱敏）', en: 'ID number (masked)', width: 22 },
  { key: 'units', zh: '房屋', en: 'Units', width: 40 },
  { key: 'note', zh: '备注', en: 'Note', width: 30 },
  { key: 'createdAt', zh: '登记时间', en: 'Registered at', width: 22 },
];

// ---------------------------------------------------------------------------------------------
// Mapping

function toLink(l: LinkRow): ResidentUnitLink {
  return {
    linkId: l.id,
    unitId: l.unit_id,
    unitNumber: l.unit_number,
    buildingName: l.building_name,
    relation: l.relation as Relation,
    startDate: l.start_date,
    endDate: l.end_date,
  };
}

/** The resident as every ordinary answer shows it: the ID number masked. */
export function toResident(r: ResidentsTable, links: LinkRow[]): Resident {
  return {
    id: r.id,
    projectId: r.project_id,
    name: r.name,
    phone: r.phone,
    idNumber: shownIdNumber(r.id_number),
    idNumberMasked: true,
    note: r.note,
    units: links.map(toLink),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** What the audit log keeps: the raw ID number (recordAudit masks it), so a changed number shows as changed. */
function auditView(r: ResidentsTable, links: LinkRow[]) {
  return {
    name: r.name,
    phone: r.phone,
    idNumber: r.id_number,
    note: r.note,
    units: links.map((l) => ({ unitId: l.unit_id, unit: `${l.building_name}-${l.unit_number}`, relation: l.relation, startDate: l.start_date, endDate: l.end_date })),
  };
}

/** A single resident's links: current first (by building and number), then ended ones, latest first. */
function orderForDetail(links: LinkRow[], today: string): LinkRow[] {
  const current = links.filter((l) => isCurrentLink({ endDate: l.end_date }, today));
  const ended = links.filter((l) => !isCurrentLink({ endDate: l.end_date }, today)).sort((a, b) => (b.end_date ?? '').localeCompare(a.end_date ?? ''));
  return [...current, ...ended];
}

function byResidentId(links: LinkRow[]): Map<string, LinkRow[]> {
  const out = new Map<string, LinkRow[]>();
  for (const l of links) out.set(l.resident_id, [...(out.get(l.resident_id) ?? []), l]);
  return out;
}

function linkState(l: LinkRow) {
  return { id: l.id, unitId: l.unit_id, relation: l.relation as Relation, startDate: l.start_date, endDate: l.end_date };
}

// ---------------------------------------------------------------------------------------------
// Scope helpers

/** The business date for lists over several projects (all in the PRC); single records use their project's zone. */
function listToday(): string {
  return todayIn(DEFAULT_TIMEZONE);
}

async function projectToday(tx: Tx, projectId: string): Promise<string> {
  const p = await repo.findProject(tx, projectId);
  return todayIn(p?.timezone ?? DEFAULT_TIMEZONE);
}

/**
 * The projects where the actor may read residents, and those where she may do `permission`.
 * Resolved BEFORE a transaction opens: SQLite has one connection, and the scope lookup uses it.
 */
interface Scope {
  read: string[];
  act: string[];
}
async function scopeFor(ctx: Ctx, permission: 'residents.manage' | 'residents.reveal_id' | 'residents.import'): Promise<Scope> {
  return { read: await scopedProjectIds(ctx, 'residents.read'), act: await scopedProjectIds(ctx, permission) };
}

/** The resident if the actor may read it; 404 otherwise (exactly as if it did not exist). */
async function readable(tx: Tx, id: string, read: string[]): Promise<ResidentsTable> {
  const row = await repo.findById(tx, id);
  if (!row || !read.includes(row.project_id)) throw notFound(RESIDENT);
  return row;
}

/** As readable, and the actor must hold the scope's permission in the resident's project (403 if only readable). */
async function actionable(tx: Tx, id: string, scope: Scope): Promise<ResidentsTable> {
  const row = await readable(tx, id, scope.read);
  if (!scope.act.includes(row.project_id)) throw forbidden();
  return row;
}

async function buildFilter(ctx: Ctx, q: ResidentExportQuery): Promise<ResidentFilter> {
  const scoped = await scopedProjectIds(ctx, 'residents.read');
  // A project outside the scope answers an empty list, exactly as a project that does not exist.
  const projectIds = q.projectId === undefined ? scoped : scoped.filter((id) => id === q.projectId);
  const phoneDigitsInQ = q.q ? searchPhoneDigits(q.q) : null;
  return {
    projectIds,
    unitId: q.unitId,
    relation: q.relation,
    phoneRevPrefix: q.phoneTail ? phoneTailPrefix(q.phoneTail) : null,
    nameContains: q.q ? q.q : undefined,
    phoneRevContains: phoneDigitsInQ ? phoneRev(phoneDigitsInQ) : null,
    today: listToday(),
  };
}

/**
 * Units to link: each must exist where the actor may see residents (else 404) and belong to the
 * resident's project (else 400 naming the field). Returns them by id.
 */
async function unitsForLinks(tx: Tx, scope: string[], projectId: string, items: { unitId: string }[], pathOf: (i: number) => string): Promise<Map<string, UnitRef>> {
  const units = new Map((await repo.findUnits(tx, [...new Set(items.map((i) => i.unitId))])).map((u) => [u.id, u]));
  const seen = new Set<string>();
  for (const [i, item] of items.entries()) {
    const u = units.get(item.unitId);
    if (!u || !scope.includes(u.project_id)) {
      throw new AppError(404, 'not_found', { zh: `${UNIT.zh}不存在`, en: `The ${UNIT.en} does not exist` }, [{ path: pathOf(i), message: 'unit does not exist' }]);
    }
    if (u.project_id !== projectId) {
      throw fieldInvalid(pathOf(i), { zh: `房屋 ${u.building_name}-${u.number} 不属于该住户所在项目`, en: `unit ${u.building_name}-${u.number} belongs to another project than the resident` });
    }
    if (seen.has(item.unitId)) {
      throw fieldInvalid(pathOf(i), { zh: `房屋 ${u.building_name}-${u.number} 重复出现`, en: `unit ${u.building_name}-${u.number} is listed twice` });
    }
    seen.add(item.unitId);
  }
  return units;
}

function checkLinkDates(items: LinkUnitInput[], path: string) {
  for (const [i, item] of items.entries()) {
    if (!datesInOrder(item.startDate, item.endDate)) {
      throw fieldInvalid(`${path}.${i}.endDate`, { zh: '迁出日期不能早于入住日期', en: 'the end date is before the start date' });
    }
  }
}

function validIdNumber(raw: string, path: string): string {
  const checked = checkIdNumber(raw);
  if (!checked.ok) throw fieldInvalid(path, checked.text);
  return checked.value;
}

/** One person per name + phone in a project: a second record would split their history. */
async function assertNoSamePerson(tx: Tx, projectId: string, name: string, phone: string, exceptId?: string) {
  const same = (await repo.findByNameAndPhoneRev(tx, projectId, name, phoneRev(phone))).filter((r) => r.id !== exceptId);
  if (same.length > 0) {
    throw conflict(
      'resident_exists',
      { zh: `本项目已登记住户“${name}”（${phone}），请在原记录上添加房屋`, en: `"${name}" (${phone}) is already registered in this project: add the unit to that record` },
      { residentId: same[0]!.id },
    );
  }
}

function newLinkRow(residentId: string, projectId: string, item: { unitId: string; relation: Relation; startDate?: string | null; endDate?: string | null }, now: string): ResidentUnitsTable {
  return {
    id: newId(),
    project_id: projectId,
    resident_id: residentId,
    unit_id: item.unitId,
    relation: item.relation,
    start_date: item.startDate ?? null,
    end_date: item.endDate ?? null,
    created_at: now,
  };
}

async function detail(tx: Tx, row: ResidentsTable, today: string): Promise<{ resident: Resident; links: LinkRow[] }> {
  const links = orderForDetail(await repo.linksOf(tx, [row.id]), today);
  return { resident: toResident(row, links), links };
}

// ---------------------------------------------------------------------------------------------
// Use cases

export const residentsService = {
  async list(ctx: Ctx, q: ResidentListQuery): Promise<Page<Resident>> {
    const db = ctx.database.db;
    const f = await buildFilter(ctx, q);
    const { rows, total } = await repo.list(db, f, q);
    const links = await repo.linksOf(db, rows.map((r) => r.id), { currentOn: f.today });
    const byResident = byResidentId(links);
    return { items: rows.map((r) => toResident(r, byResident.get(r.id) ?? [])), total, page: q.page, pageSize: q.pageSize };
  },

  async get(ctx: Ctx, id: string): Promise<Resident> {
    const db = ctx.database.db;
    const row = await readable(db, id, await scopedProjectIds(ctx, 'residents.read'));
    return (await detail(db, row, await projectToday(db, row.project_id))).resident;
  },

  async create(ctx: Ctx, input: CreateResidentBody): Promise<Resident> {
    const scope = await scopeFor(ctx, 'residents.manage');
    if (!scope.act.includes(input.projectId)) {
      if (scope.read.includes(input.projectId)) throw forbidden();
      throw notFound(PROJECT);
    }
    return ctx.database.db.transaction().execute(async (tx) => {
      const idNumber = input.idNumber ? validIdNumber(input.idNumber, 'body.idNumber') : null;
      checkLinkDates(input.units, 'body.units');
      await unitsForLinks(tx, scope.read, input.projectId, input.units, (i) => `body.units.${i}.unitId`);
      await assertNoSamePerson(tx, input.projectId, input.name, input.phone);
      const now = nowIso();
      const row: ResidentsTable = {
        id: newId(),
        project_id: input.projectId,
        name: input.name,
        phone: input.phone,
        phone_rev: phoneRev(input.phone),
        id_number: idNumber,
        note: input.note || null,
        created_at: now,
        updated_at: now,
      };
      await repo.insert(tx, row);
      await repo.insertLinks(tx, input.units.map((u) => newLinkRow(row.id, row.project_id, u, now)));
      const { resident, links } = await detail(tx, row, await projectToday(tx, row.project_id));
      await recordAudit(tx, ctx, { action: 'resident.create', entity: 'resident', entityId: row.id, projectId: row.project_id, before: null, after: auditView(row, links) });
      return resident;
    });
  },

  async update(ctx: Ctx, id: string, input: UpdateResidentBody): Promise<Resident> {
    const scope = await scopeFor(ctx, 'residents.manage');
    return ctx.database.db.transaction().execute(async (tx) => {
      const row = await actionable(tx, id, scope);
      const today = await projectToday(tx, row.project_id);
      const beforeLinks = orderForDetail(await repo.linksOf(tx, [id]), today);
      const patch: Partial<ResidentsTable> = {};
      if (input.name !== undefined && input.name !== row.name) patch.name = input.name;
      if (input.phone !== undefined && input.phone !== row.phone) {
        patch.phone = input.phone;
        patch.phone_rev = phoneRev(input.phone);
      }
      if (input.idNumber !== undefined) {
        const idNumber = input.idNumber === null ? null : validIdNumber(input.idNumber, 'body.idNumber');
        if (idNumber !== row.id_number) patch.id_number = idNumber;
      }
      if (input.note !== undefined && (input.note || null) !== row.note) patch.note = input.note || null;
      if (patch.name !== undefined || patch.phone !== undefined) {
        await assertNoSamePerson(tx, row.project_id, patch.name ?? row.name, patch.phone ?? row.phone, row.id);
      }

      let linksChanged = false;
      if (input.units !== undefined) {
        checkLinkDates(input.units, 'body.units');
        await unitsForLinks(tx, scope.read, row.project_id, input.units, (i) => `body.units.${i}.unitId`);
        const current = beforeLinks.filter((l) => isCurrentLink({ endDate: l.end_date }, today)).map(linkState);
        const plan = planLinkSync(current, input.units, today);
        const now = nowIso();
        await repo.insertLinks(tx, plan.add.map((u) => newLinkRow(row.id, row.project_id, u, now)));
        for (const c of plan.change) await repo.updateLink(tx, c.id, { relation: c.relation, start_date: c.startDate, end_date: c.endDate });
        for (const e of plan.end) await repo.updateLink(tx, e.id, { end_date: e.endDate });
        linksChanged = plan.add.length + plan.change.length + plan.end.length > 0;
      }

      if (Object.keys(patch).length === 0 && !linksChanged) return toResident(row, beforeLinks);
      const after: ResidentsTable = { ...row, ...patch, updated_at: nowIso() };
      await repo.update(tx, id, { ...patch, updated_at: after.updated_at });
      const { resident, links } = await detail(tx, after, today);
      await recordAudit(tx, ctx, { action: 'resident.update', entity: 'resident', entityId: id, projectId: row.project_id, before: auditView(row, beforeLinks), after: auditView(after, links) });
      return resident;
    });
  },

  async addUnit(ctx: Ctx, id: string, input: AddResidentUnitBody): Promise<Resident> {
    const scope = await scopeFor(ctx, 'residents.manage');
    return ctx.database.db.transaction().execute(async (tx) => {
      const row = await actionable(tx, id, scope);
      const units = await unitsForLinks(tx, scope.read, row.project_id, [input], () => 'body.unitId');
      const unit = units.get(input.unitId)!;
      const today = await projectToday(tx, row.project_id);
      const existing = await repo.linksOf(tx, [id], { currentOn: today });
      if (existing.some((l) => l.unit_id === input.unitId)) {
        throw conflict('unit_already_linked', {
          zh: `${row.name} 已关联房屋 ${unit.building_name}-${unit.number}，如需变更关系请先结束原关系`,
          en: `${row.name} is already linked to unit ${unit.building_name}-${unit.number}: end that link first to change the relation`,
        });
      }
      const link = newLinkRow(row.id, row.project_id, input, nowIso());
      await repo.insertLinks(tx, [link]);
      await repo.update(tx, id, { updated_at: link.created_at });
      await recordAudit(tx, ctx, {
        action: 'resident.link_unit', entity: 'resident', entityId: id, projectId: row.project_id, before: null,
        after: { linkId: link.id, unitId: unit.id, unit: `${unit.building_name}-${unit.number}`, relation: link.relation, startDate: link.start_date },
      });
      return (await detail(tx, { ...row, updated_at: link.created_at }, today)).resident;
    });
  },

  async endUnit(ctx: Ctx, id: string, linkId: string, input: EndResidentUnitBody): Promise<Resident> {
    const scope = await scopeFor(ctx, 'residents.manage');
    return ctx.database.db.transaction().execute(async (tx) => {
      const row = await actionable(tx, id, scope);
      const link = await repo.findLink(tx, id, linkId);
      if (!link) throw notFound(LINK);
      const today = await projectToday(tx, row.project_id);
      // A planned move-out (end date still ahead) may be moved; a past one is history.
      if (!isCurrentLink({ endDate: link.end_date }, today)) {
        throw conflict('link_already_ended', { zh: `该关系已于 ${link.end_date} 结束`, en: `This link already ended on ${link.end_date}` });
      }
      if (!datesInOrder(link.start_date, input.endDate)) {
        throw fieldInvalid('body.endDate', { zh: `迁出日期不能早于入住日期 ${link.start_date}`, en: `the end date is before the start date ${link.start_date}` });
      }
      await repo.updateLink(tx, linkId, { end_date: input.endDate });
      const now = nowIso();
      await repo.update(tx, id, { updated_at: now });
      await recordAudit(tx, ctx, {
        action: 'resident.end_unit', entity: 'resident', entityId: id, projectId: row.project_id,
        before: { linkId, unitId: link.unit_id, endDate: link.end_date }, after: { linkId, unitId: link.unit_id, endDate: input.endDate },
      });
      return (await detail(tx, { ...row, updated_at: now }, today)).resident;
    });
  },

  /** The full ID number, for those who may see it; every reveal leaves an audit record. */
  async revealId(ctx: Ctx, id: string): Promise<{ idNumber: string | null }> {
    const scope = await scopeFor(ctx, 'residents.reveal_id');
    return ctx.database.db.transaction().execute(async (tx) => {
      const row = await actionable(tx, id, scope);
      await recordAudit(tx, ctx, { action: 'resident.reveal_id', entity: 'resident', entityId: id, projectId: row.project_id });
      return { idNumber: row.id_number };
    });
  },

  async template(): Promise<Buffer> {
    const buf = await buildTemplate('住户 residents', IMPORT_COLUMNS);
    // Phones and 18-digit ID numbers must stay text, or Excel turns them into 1.10101E+17.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    for (const key of ['phone', 'idNumber', 'unit', 'startDate']) ws.getColumn(IMPORT_COLUMNS.findIndex((c) => c.key === key) + 1).numFmt = '@';
    return Buffer.from(await wb.xlsx.writeBuffer());
  },

  /** The filtered list as .xlsx; ID numbers always masked. */
  async export(ctx: Ctx, q: ResidentExportQuery): Promise<Buffer> {
    const db = ctx.database.db;
    const f = await buildFilter(ctx, q);
    const total = await repo.count(db, f);
    if (total > EXPORT_MAX_ROWS) {
      throw badRequest('export_too_large', {
        zh: `符合条件的住户有 ${total} 位，超过单次导出上限 ${EXPORT_MAX_ROWS}，请按项目或其他条件缩小范围`,
        en: `${total} residents match, more than the ${EXPORT_MAX_ROWS} one export may hold: narrow the filter (e.g. by project)`,
      });
    }
    const rows = await repo.listAll(db, f, q.sort, EXPORT_MAX_ROWS);
    const byResident = byResidentId(await repo.currentLinksOfMany(db, rows.map((r) => r.id), f.today));
    const en = ctx.locale === 'en';
    const out = rows.map((r) => ({
      name: r.name,
      phone: r.phone,
      idNumber: shownIdNumber(r.id_number) ?? '',
      units: (byResident.get(r.id) ?? []).map((l) => `${l.building_name}-${l.unit_number} ${en ? RELATION_LABELS[l.relation as Relation].en : RELATION_LABELS[l.relation as Relation].zh}`).join('; '),
      note: r.note ?? '',
      createdAt: r.created_at,
    }));
    return buildWorkbook(en ? 'Residents' : '住户', EXPORT_COLUMNS, out, ctx.locale);
  },

  /**
   * All-or-nothing import of a filled-in template: every row is checked (on its own, then against
   * the project's buildings and units and the people already on record) before anything is written.
   */
  async importXlsx(ctx: Ctx, projectId: string, file: Buffer): Promise<ResidentImportResult> {
    const importScope = await scopedProjectIds(ctx, 'residents.import');
    if (!importScope.includes(projectId)) throw notFound(PROJECT);
    const sheet = await readSheet(file, IMPORT_COLUMNS);
    if (sheet.length === 0) {
      throw badRequest('import_empty', { zh: '文件中没有住户数据（第 2 行起填写）', en: 'The file has no resident rows (fill them in from row 2)' });
    }
    if (sheet.length > IMPORT_MAX_ROWS) {
      throw badRequest('import_too_large', {
        zh: `一次最多导入 ${IMPORT_MAX_ROWS} 行，文件有 ${sheet.length} 行，请分批导入`,
        en: `At most ${IMPORT_MAX_ROWS} rows per import; the file has ${sheet.length}: split it`,
      });
    }

    const errors: RowError[] = [];
    const rows: ImportRow[] = [];
    for (const r of sheet) {
      const v = (k: keyof ImportRowValues) => r.values[k] ?? '';
      const checked = validateImportRow(r.row, {
        name: v('name'), phone: v('phone'), idNumber: v('idNumber'), building: v('building'), unit: v('unit'), relation: v('relation'), startDate: v('startDate'),
      });
      if (checked.value) rows.push(checked.value);
      else errors.push(...checked.errors);
    }

    return ctx.database.db.transaction().execute(async (tx) => {
      const today = await projectToday(tx, projectId);
      // Resolve "3栋" + "1201" against the project's own buildings and units.
      const unitByName = new Map((await repo.unitsOfProject(tx, projectId)).map((u) => [`${u.building_name}\u0000${u.number}`, u]));
      const buildingNames = new Set((await repo.buildingNamesOfProject(tx, projectId)).map((b) => b.name));
      const rowUnit = new Map<number, UnitRef>();
      // Every row naming a building and a unit is looked up, even one with other problems, so one pass reports all.
      for (const r of sheet) {
        const building = (r.values.building ?? '').trim();
        const number = (r.values.unit ?? '').trim();
        if (!building || !number) continue;
        const u = unitByName.get(`${building}\u0000${number}`);
        if (u) rowUnit.set(r.row, u);
        else {
          const why = buildingNames.has(building) ? '' : ` (no building named ${building})`;
          const whyZh = buildingNames.has(building) ? '' : `（没有名为“${building}”的楼栋）`;
          errors.push({ row: r.row, field: 'unit', message: `unit ${building}-${number} does not exist${why}`, messageZh: `房屋 ${building}-${number} 不存在${whyZh}` });
        }
      }

      // Group rows by person (same name + phone): one resident, several links.
      const people = new Map<string, { rows: ImportRow[]; idNumber: string | null; idRow: number }>();
      const seenLink = new Map<string, number>();
      for (const r of rows) {
        const key = personKey(r.name, r.phone);
        const p = people.get(key) ?? { rows: [], idNumber: null, idRow: 0 };
        if (r.idNumber) {
          if (p.idNumber && p.idNumber !== r.idNumber) {
            errors.push({ row: r.row, field: 'idNumber', message: `ID number differs from row ${p.idRow} for the same person`, messageZh: `证件号与第 ${p.idRow} 行同一人的不一致` });
          } else if (!p.idNumber) {
            p.idNumber = r.idNumber;
            p.idRow = r.row;
          }
        }
        const u = rowUnit.get(r.row);
        if (u) {
          const linkKey = `${key}\u0000${u.id}`;
          const first = seenLink.get(linkKey);
          if (first !== undefined) {
            errors.push({ row: r.row, field: 'unit', message: `repeats row ${first} (same person and unit)`, messageZh: `与第 ${first} 行重复（同一人同一房屋）` });
          } else seenLink.set(linkKey, r.row);
        }
        p.rows.push(r);
        people.set(key, p);
      }

      // People already on record in the project are reused.
      const existing = await repo.findByPhoneRevs(tx, projectId, rows.map((r) => phoneRev(r.phone)));
      const existingByKey = new Map(existing.map((e) => [personKey(e.name, e.phone), e]));
      for (const [key, p] of people) {
        const e = existingByKey.get(key);
        if (e && p.idNumber && e.id_number && e.id_number !== p.idNumber) {
          errors.push({
            row: p.idRow, field: 'idNumber',
            message: `ID number differs from the one on record for ${e.name}; correct it on the resident's page first`,
            messageZh: `证件号与系统中 ${e.name} 的登记不一致，请先在住户页面核对`,
          });
        }
      }
      if (errors.length > 0) throw importFailed(errors.sort((a, b) => a.row - b.row));

      const linkedNow = new Set(
        (await repo.currentLinksInProject(tx, projectId, existing.map((e) => e.id), today)).map((l) => `${l.resident_id}\u0000${l.unit_id}`),
      );
      const now = nowIso();
      const newResidents: ResidentsTable[] = [];
      const newLinks: ResidentUnitsTable[] = [];
      let updated = 0;
      for (const [key, p] of people) {
        const first = p.rows[0]!;
        const onRecord = existingByKey.get(key);
        const resident: ResidentsTable = onRecord ?? {
          id: newId(), project_id: projectId, name: first.name, phone: first.phone, phone_rev: phoneRev(first.phone),
          id_number: p.idNumber, note: null, created_at: now, updated_at: now,
        };
        if (!onRecord) newResidents.push(resident);
        let linksAdded = 0;
        for (const r of p.rows) {
          const u = rowUnit.get(r.row)!;
          if (linkedNow.has(`${resident.id}\u0000${u.id}`)) continue; // already lives there: nothing to add
          newLinks.push(newLinkRow(resident.id, projectId, { unitId: u.id, relation: r.relation, startDate: r.startDate }, now));
          linksAdded++;
        }
        if (onRecord) {
          // A person on record gets the ID number the file brings if none was on record.
          const fillsId = p.idNumber !== null && onRecord.id_number === null;
          if (fillsId || linksAdded > 0) {
            await repo.update(tx, onRecord.id, { ...(fillsId ? { id_number: p.idNumber } : {}), updated_at: now });
            updated++;
          }
        }
      }
      await repo.insertMany(tx, newResidents);
      await repo.insertLinks(tx, newLinks);
      const result = { created: newResidents.length, updated, linked: newLinks.length };
      await recordAudit(tx, ctx, { action: 'resident.import', entity: 'resident', entityId: null, projectId, before: null, after: { rows: sheet.length, ...result } });
      return result;
    });
  },
};
