import type {
  CreateMeterBody,
  Meter,
  MeterListQuery,
  MeterReading,
  MeterReadingInput,
  MeterReadingListQuery,
  MeterReadingsResult,
} from '@propdesk/contracts';
import type { Tx } from '../../db/database.js';
import { isUniqueViolation } from '../../db/query.js';
import type { MeterReadingsTable, MetersTable } from '../../db/schema.js';
import type { Ctx } from '../../http/context.js';
import { AppError, conflict, fieldInvalid, notFound, type Localized } from '../../http/errors.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { buildWorkbook, importFailed, readSheet, type XlsxColumn } from '../../lib/xlsx.js';
import { recordAudit } from '../audit/audit.service.js';
import { projectFilter, scopedProjectIds } from '../auth/auth.scope.js';
import { checkMeterReading } from '../billing/billing.meter.js';
import { parseScaled } from '../billing/billing.money.js';
import { isFuturePeriod } from '../billing/billing.period.js';
import { todayIn } from '../billing/billing.today.js';
import { orgRepository } from '../org/org.repository.js';
import { metersRepository, type MeterRow, type ReadingRow } from './meters.repository.js';

const READING = { zh: '抄表记录', en: 'meter reading' };
const PROJECT = { zh: '项目', en: 'project' };
/** How many recent consumptions make a unit's "usual" (the 3× review rule). */
const USUAL_WINDOW = 12;

function toMeter(r: MeterRow, last: Meter['lastReading'] = null, periodReading: Meter['periodReading'] = null): Meter {
  return {
    id: r.id, projectId: r.project_id, unitId: r.unit_id, unitNumber: r.unit_number, buildingId: r.building_id, buildingName: r.building_name,
    kind: r.kind as Meter['kind'], number: r.number, location: r.location, digits: r.digits, active: r.active === 1,
    lastReading: last, periodReading, createdAt: r.created_at,
  };
}

export function toReading(r: ReadingRow): MeterReading {
  return {
    id: r.id, meterId: r.meter_id, meterNumber: r.meter_number, meterKind: r.meter_kind as MeterReading['meterKind'], projectId: r.project_id,
    unitId: r.unit_id, unitNumber: r.unit_number, buildingName: r.building_name, period: r.period, readingMilli: Number(r.reading_milli),
    previousMilli: r.previous_milli === null ? null : Number(r.previous_milli), consumptionMilli: Number(r.consumption_milli),
    kind: r.kind as MeterReading['kind'], reason: r.reason, status: r.status as MeterReading['status'], readOn: r.read_on,
    enteredBy: r.entered_by, reviewedBy: r.reviewed_by, reviewedAt: r.reviewed_at, createdAt: r.created_at,
  };
}

/** A problem with one reading of a batch: where (index in the array, or sheet row) and why. */
export interface ReadingProblem {
  index: number;
  path: string;
  code: string;
  text: Localized;
}

type History = Awaited<ReturnType<typeof metersRepository.readingsOfMeters>>[number];

/**
 * Checks and writes a batch of readings in the caller's transaction: all or nothing. Readings of
 * one meter in the batch are taken in period order, each checked against the ones before it.
 * Returns the problems (nothing written) or the ids written. Used by the API, the import and the demo.
 */
export async function enterReadings(
  tx: Tx,
  input: readonly MeterReadingInput[],
  opts: { projectIds: readonly string[]; userId: string | null; today: (projectId: string) => string },
): Promise<{ problems: ReadingProblem[]; ids: string[]; held: number; replaced: number }> {
  const meterIds = [...new Set(input.map((r) => r.meterId))];
  const meters = new Map((await metersRepository.findByIds(tx, meterIds)).map((m) => [m.id, m]));
  const history = new Map<string, History[]>();
  for (const h of await metersRepository.readingsOfMeters(tx, meterIds)) {
    const list = history.get(h.meter_id) ?? [];
    list.push(h);
    history.set(h.meter_id, list);
  }
  const problems: ReadingProblem[] = [];
  const inserts: MeterReadingsTable[] = [];
  const replaces: { id: string; row: MeterReadingsTable }[] = [];
  const now = nowIso();
  const order = input.map((r, index) => ({ r, index })).sort((a, b) => a.r.meterId.localeCompare(b.r.meterId) || a.r.period.localeCompare(b.r.period));
  const seen = new Set<string>();
  let held = 0;
  for (const { r, index } of order) {
    const problem = (path: string, code: string, zh: string, en: string) => problems.push({ index, path: `[${index}]${path}`, code, text: { zh, en } });
    const meter = meters.get(r.meterId);
    if (!meter || !opts.projectIds.includes(meter.project_id)) {
      problem('.meterId', 'unknown_meter', '仪表不存在', 'The meter does not exist');
      continue;
    }
    if (meter.active !== 1) {
      problem('.meterId', 'meter_inactive', `仪表 ${meter.number} 已停用`, `Meter ${meter.number} is no longer in use`);
      continue;
    }
    const today = opts.today(meter.project_id);
    if (isFuturePeriod(r.period, today)) {
      problem('.period', 'future_period', `${r.period} 尚未到来，不能录入读数`, `${r.period} has not come yet; no reading can be entered for it`);
      continue;
    }
    const key = `${r.meterId}:${r.period}`;
    if (seen.has(key)) {
      problem('.period', 'duplicate_in_batch', `仪表 ${meter.number} 在本批中重复录入 ${r.period} 的读数`, `Meter ${meter.number} has two readings for ${r.period} in this batch`);
      continue;
    }
    seen.add(key);
    const past = history.get(meter.id) ?? [];
    const existing = past.find((h) => h.period === r.period);
    if (existing && existing.status !== 'rejected') {
      problem('.period', 'reading_exists', `仪表 ${meter.number} 已有 ${r.period} 的读数`, `Meter ${meter.number} already has a reading for ${r.period}`);
      continue;
    }
    const standing = past.filter((h) => h.status !== 'rejected');
    const later = standing.find((h) => h.period > r.period);
    if (later) {
      problem('.period', 'reading_out_of_order', `仪表 ${meter.number} 已有更晚月份（${later.period}）的读数`, `Meter ${meter.number} already has a reading for a later month (${later.period})`);
      continue;
    }
    const previous = standing.length > 0 ? standing[standing.length - 1]! : null;
    const recent = standing.filter((h) => h.status === 'accepted' && h.previous_milli !== null).slice(-USUAL_WINDOW).map((h) => Number(h.consumption_milli));
    const check = checkMeterReading({
      previousMilli: previous ? Number(previous.reading_milli) : null,
      currentMilli: r.readingMilli,
      kind: r.kind,
      reason: r.reason ?? null,
      meterDigits: meter.digits,
      replacement: r.replacement ?? null,
      recentConsumptionsMilli: recent,
    });
    if (!check.ok) {
      problems.push({ index, path: `[${index}].readingMilli`, code: check.code, text: { zh: `仪表 ${meter.number}：${check.text.zh}`, en: `Meter ${meter.number}: ${check.text.en}` } });
      continue;
    }
    const status = check.heldForReview ? 'held' : 'accepted';
    if (status === 'held') held++;
    const row: MeterReadingsTable = {
      id: existing?.id ?? newId(), meter_id: meter.id, project_id: meter.project_id, period: r.period, reading_milli: r.readingMilli,
      previous_milli: previous ? Number(previous.reading_milli) : null, consumption_milli: check.consumptionMilli, kind: r.kind,
      reason: r.reason?.trim() || null, status, reviewed_by: null, reviewed_at: null, read_on: r.readOn ?? today, entered_by: opts.userId, created_at: now,
    };
    if (existing) replaces.push({ id: existing.id, row });
    else inserts.push(row);
    // Later readings of the same meter in this batch are checked against this one.
    past.push({ id: row.id, meter_id: row.meter_id, period: row.period, reading_milli: row.reading_milli, previous_milli: row.previous_milli, consumption_milli: row.consumption_milli, status });
    past.sort((a, b) => a.period.localeCompare(b.period));
    history.set(meter.id, past);
  }
  if (problems.length > 0) return { problems: problems.sort((a, b) => a.index - b.index), ids: [], held: 0, replaced: 0 };
  await metersRepository.insertReadings(tx, inserts);
  for (const { id, row } of replaces) {
    if (!(await metersRepository.replaceRejectedReading(tx, id, row))) {
      throw conflict('reading_changed', { zh: '该读数刚被他人修改，请刷新后重试', en: 'Someone changed this reading meanwhile; reload and try again' });
    }
  }
  return { problems: [], ids: [...inserts.map((r) => r.id), ...replaces.map((r) => r.id)], held, replaced: replaces.length };
}

/** The answer to a refused batch: 409 when the only trouble is readings already entered, else 400; every row listed. */
function readingsRefused(problems: ReadingProblem[], locale: string) {
  const first = problems[0]!;
  const onlyDuplicates = problems.every((p) => p.code === 'reading_exists');
  const details = problems.map((p) => ({ index: p.index, path: p.path, code: p.code, message: locale === 'en' ? p.text.en : p.text.zh, messageZh: p.text.zh, messageEn: p.text.en }));
  return new AppError(
    onlyDuplicates ? 409 : 400,
    onlyDuplicates ? 'reading_exists' : 'readings_invalid',
    {
      zh: `共 ${problems.length} 条读数有误，未写入任何读数。第 ${first.index + 1} 条：${first.text.zh}`,
      en: `${problems.length} reading(s) refused; nothing was written. #${first.index + 1}: ${first.text.en}`,
    },
    details,
  );
}

async function projectTimezones(tx: Tx, projectIds: readonly string[]) {
  const zones = new Map<string, string>();
  for (const id of projectIds) zones.set(id, (await orgRepository.findById(tx, id))?.timezone ?? 'Asia/Shanghai');
  return (projectId: string) => todayIn(zones.get(projectId) ?? 'Asia/Shanghai');
}

const READING_COLUMNS: XlsxColumn[] = [
  { key: 'meterNumber', zh: '表号', en: 'Meter number', width: 16, example: 'W-1-0101' },
  { key: 'unit', zh: '房屋', en: 'Unit', width: 14 },
  { key: 'previous', zh: '上次读数', en: 'Previous reading', width: 12 },
  { key: 'period', zh: '抄表月份', en: 'Period', width: 10, example: '2026-11' },
  { key: 'reading', zh: '本次读数', en: 'Reading', width: 12, example: '123.4' },
  { key: 'readOn', zh: '抄表日期', en: 'Read on', width: 12 },
  { key: 'kind', zh: '类型', en: 'Kind', width: 10 },
  { key: 'reason', zh: '原因', en: 'Reason', width: 20 },
  { key: 'oldFinal', zh: '旧表止码', en: 'Old meter final', width: 12 },
  { key: 'newStart', zh: '新表起码', en: 'New meter start', width: 12 },
];
const KIND_WORDS: Record<string, MeterReadingInput['kind']> = { '': 'normal', 正常: 'normal', normal: 'normal', 换表: 'replacement', replacement: 'replacement', 翻转: 'rollover', 表码翻转: 'rollover', rollover: 'rollover' };

/** 0.001-unit integer as the decimal people read off a meter: 123400 → "123.4". */
export function formatMilli(milli: number): string {
  const whole = Math.trunc(milli / 1000);
  const frac = String(milli % 1000).padStart(3, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}

export const metersService = {
  async list(ctx: Ctx, q: MeterListQuery) {
    const projectIds = await projectFilter(ctx, 'billing.read', q.projectId);
    if (projectIds.length === 0) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    const db = ctx.database.db;
    const { rows, total } = await metersRepository.list(db, { ...q, projectIds }, q);
    const readings = await metersRepository.readingsOfMeters(db, rows.map((r) => r.id));
    const items = rows.map((m) => {
      const mine = readings.filter((h) => h.meter_id === m.id && h.status !== 'rejected');
      const before = q.period ? mine.filter((h) => h.period < q.period!) : mine;
      const last = before.length > 0 ? before[before.length - 1]! : null;
      const at = q.period ? mine.find((h) => h.period === q.period) : undefined;
      return toMeter(
        m,
        last ? { period: last.period, readingMilli: Number(last.reading_milli), status: last.status } : null,
        at ? { id: at.id, readingMilli: Number(at.reading_milli), consumptionMilli: Number(at.consumption_milli), status: at.status } : null,
      );
    });
    return { items, total, page: q.page, pageSize: q.pageSize };
  },

  async create(ctx: Ctx, input: CreateMeterBody): Promise<Meter> {
    const allowed = await scopedProjectIds(ctx, 'billing.configure');
    if (!allowed.includes(input.projectId)) throw notFound(PROJECT);
    const taken = () => conflict('meter_number_taken', { zh: `本项目已有表号为“${input.number}”的仪表`, en: `This project already has a meter numbered "${input.number}"` });
    try {
      return await ctx.database.db.transaction().execute(async (tx) => {
        let buildingId = input.buildingId ?? null;
        if (input.unitId) {
          const unit = await metersRepository.findUnit(tx, input.unitId);
          if (!unit || unit.project_id !== input.projectId) throw notFound({ zh: '房屋', en: 'unit' });
          buildingId = unit.building_id;
        } else {
          if (!input.location) throw fieldInvalid('body.location', { zh: '公摊表须注明安装位置', en: 'a shared meter needs its location' });
          if (buildingId) {
            const b = await orgRepository.findById(tx, buildingId);
            if (!b || b.kind !== 'building' || b.project_id !== input.projectId) throw notFound({ zh: '楼栋', en: 'building' });
          }
        }
        if (await metersRepository.findByNumber(tx, input.projectId, input.number)) throw taken();
        const now = nowIso();
        const row: MetersTable = {
          id: newId(), project_id: input.projectId, unit_id: input.unitId ?? null, building_id: buildingId, kind: input.kind, number: input.number,
          location: input.location ?? null, digits: input.digits, active: 1, created_at: now, updated_at: now,
        };
        await metersRepository.insert(tx, row);
        const meter = toMeter((await metersRepository.findById(tx, row.id))!);
        await recordAudit(tx, ctx, { action: 'meter.create', entity: 'meter', entityId: row.id, projectId: row.project_id, before: null, after: meter });
        return meter;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw taken();
      throw err;
    }
  },

  /** A batch of readings, all or nothing: any bad row refuses the whole batch with every row's problem. */
  async enter(ctx: Ctx, input: readonly MeterReadingInput[]): Promise<MeterReadingsResult> {
    const projectIds = await scopedProjectIds(ctx, 'billing.read_meters');
    return ctx.database.db.transaction().execute(async (tx) => {
      const today = await projectTimezones(tx, projectIds);
      const { problems, ids, held, replaced } = await enterReadings(tx, input, { projectIds, userId: ctx.actor.user.id, today });
      if (problems.length > 0) throw readingsRefused(problems, ctx.locale);
      const items = (await metersRepository.readingsByIds(tx, ids)).map(toReading);
      const byProject = new Map<string, number>();
      for (const r of items) byProject.set(r.projectId, (byProject.get(r.projectId) ?? 0) + 1);
      for (const [projectId, count] of byProject) {
        await recordAudit(tx, ctx, { action: 'meter_reading.enter', entity: 'meter_reading', entityId: null, projectId, after: { count, held: items.filter((r) => r.projectId === projectId && r.status === 'held').length } });
      }
      return { created: items.length - replaced, updated: replaced, held, items };
    });
  },

  async template(ctx: Ctx, q: { projectId: string; buildingId?: string; period?: string }): Promise<Buffer> {
    const projectIds = await projectFilter(ctx, 'billing.read_meters', q.projectId);
    if (projectIds.length === 0) throw notFound(PROJECT);
    const { items } = await metersService.list(ctx, { projectId: q.projectId, buildingId: q.buildingId, period: q.period, page: 1, pageSize: 200 });
    // The grid for a whole building can be long: page through everything.
    const all = [...items];
    for (let p = 2; all.length % 200 === 0 && all.length > 0; p++) {
      const more = await metersService.list(ctx, { projectId: q.projectId, buildingId: q.buildingId, period: q.period, page: p, pageSize: 200 });
      if (more.items.length === 0) break;
      all.push(...more.items);
    }
    const rows = all.filter((m) => m.active).map((m) => ({
      meterNumber: m.number,
      unit: m.unitNumber ? `${m.buildingName ?? ''} ${m.unitNumber}`.trim() : (m.location ?? ''),
      previous: m.lastReading ? formatMilli(m.lastReading.readingMilli) : '',
      period: q.period ?? '',
      reading: '',
      readOn: '',
      kind: '',
      reason: '',
      oldFinal: '',
      newStart: '',
    }));
    return buildWorkbook('抄表', READING_COLUMNS, rows, 'zh-CN');
  },

  /** Readings from a filled-in template: every row checked, all or nothing (400 import_failed with each row's problem). */
  async importXlsx(ctx: Ctx, projectId: string, file: Buffer): Promise<MeterReadingsResult> {
    const projectIds = await projectFilter(ctx, 'billing.read_meters', projectId);
    if (projectIds.length === 0) throw notFound(PROJECT);
    const lang = ctx.locale === 'en' ? 'en' : 'zh';
    const sheet = await readSheet(file, READING_COLUMNS);
    const rows = sheet.filter((r) => (r.values.reading ?? '') !== '');
    if (rows.length === 0) {
      throw importFailed([{ row: 2, field: 'reading', message: lang === 'en' ? 'no readings filled in' : '没有填写任何读数' }]);
    }
    const db = ctx.database.db;
    const numbers = await metersRepository.findByNumbers(db, projectId, [...new Set(rows.map((r) => r.values.meterNumber ?? ''))]);
    const idOf = new Map(numbers.map((m) => [m.number, m.id]));
    const errors: { row: number; field?: string; message: string }[] = [];
    const inputs: MeterReadingInput[] = [];
    const rowOf: number[] = [];
    for (const r of rows) {
      const cell = (k: string) => r.values[k] ?? '';
      const v = { meterNumber: cell('meterNumber'), period: cell('period'), reading: cell('reading'), readOn: cell('readOn'), kind: cell('kind'), reason: cell('reason'), oldFinal: cell('oldFinal'), newStart: cell('newStart') };
      const meterId = idOf.get(v.meterNumber);
      const reading = parseScaled(v.reading, 3);
      const kind = KIND_WORDS[v.kind.toLowerCase()];
      const oldFinal = v.oldFinal ? parseScaled(v.oldFinal, 3) : null;
      const newStart = v.newStart ? parseScaled(v.newStart, 3) : null;
      const bad = (field: string, zh: string, en: string) => errors.push({ row: r.row, field, message: lang === 'en' ? en : zh });
      if (!meterId) bad('meterNumber', `表号“${v.meterNumber}”不存在`, `no meter numbered "${v.meterNumber}"`);
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(v.period)) bad('period', '抄表月份应为 YYYY-MM', 'the period must be YYYY-MM');
      if (reading === null) bad('reading', '读数应为不超过三位小数的非负数', 'the reading must be a non-negative number with at most 3 decimals');
      if (!kind) bad('kind', '类型应为 正常、换表 或 翻转', 'the kind must be normal, replacement or rollover');
      if (v.readOn && !/^\d{4}-\d{2}-\d{2}$/.test(v.readOn)) bad('readOn', '抄表日期应为 YYYY-MM-DD', 'the date read must be YYYY-MM-DD');
      if ((v.oldFinal && oldFinal === null) || (v.newStart && newStart === null)) bad('oldFinal', '换表读数应为非负数', 'replacement readings must be non-negative numbers');
      if (!meterId || reading === null || !kind || !/^\d{4}-(0[1-9]|1[0-2])$/.test(v.period)) continue;
      inputs.push({
        meterId, period: v.period, readingMilli: reading, kind, reason: v.reason || null, ...(v.readOn ? { readOn: v.readOn } : {}),
        replacement: kind === 'replacement' && oldFinal !== null && newStart !== null ? { oldFinalMilli: oldFinal, newStartMilli: newStart } : null,
      });
      rowOf.push(r.row);
    }
    if (errors.length > 0) throw importFailed(errors.sort((a, b) => a.row - b.row));
    return ctx.database.db.transaction().execute(async (tx) => {
      const today = await projectTimezones(tx, projectIds);
      const { problems, ids, held, replaced } = await enterReadings(tx, inputs, { projectIds, userId: ctx.actor.user.id, today });
      if (problems.length > 0) {
        throw importFailed(problems.map((p) => ({ row: rowOf[p.index]!, field: p.path.replace(/^\[\d+\]\./, ''), message: lang === 'en' ? p.text.en : p.text.zh })));
      }
      const items = (await metersRepository.readingsByIds(tx, ids)).map(toReading);
      await recordAudit(tx, ctx, { action: 'meter_reading.import', entity: 'meter_reading', entityId: null, projectId, after: { count: items.length, held } });
      return { created: items.length - replaced, updated: replaced, held, items };
    });
  },

  async listReadings(ctx: Ctx, q: MeterReadingListQuery) {
    const projectIds = await projectFilter(ctx, 'billing.read', q.projectId);
    if (projectIds.length === 0) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    const { rows, total } = await metersRepository.listReadings(ctx.database.db, { ...q, projectIds }, q);
    return { items: rows.map(toReading), total, page: q.page, pageSize: q.pageSize };
  },

  /** A held reading (far above the usual) approved for billing, or rejected (the meter is read again). */
  async review(ctx: Ctx, id: string, decision: 'accepted' | 'rejected', note?: string): Promise<MeterReading> {
    const allowed = await scopedProjectIds(ctx, 'billing.approve');
    return ctx.database.db.transaction().execute(async (tx) => {
      const [row] = await metersRepository.readingsByIds(tx, [id]);
      if (!row || !allowed.includes(row.project_id)) throw notFound(READING);
      if (!(await metersRepository.review(tx, id, decision, ctx.actor.user.id, nowIso()))) {
        throw conflict('reading_not_held', { zh: '该读数不在待复核状态', en: 'This reading is not held for review' });
      }
      const after = toReading((await metersRepository.readingsByIds(tx, [id]))[0]!);
      await recordAudit(tx, ctx, {
        action: decision === 'accepted' ? 'meter_reading.approve' : 'meter_reading.reject', entity: 'meter_reading', entityId: id, projectId: row.project_id,
        before: { status: row.status }, after: { status: after.status, note: note ?? null },
      });
      return after;
    });
  },
};
