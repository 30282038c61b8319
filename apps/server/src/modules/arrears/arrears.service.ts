/**
 * Arrears (欠费) and dunning (催缴): what each unit owes past its due dates, aged and with late
 * fees to date; reminder letters and SMS queued to the outbox for chosen units, each kept as a
 * dunning notice on the unit.
 */
import type {
  AgingAmounts,
  ArrearsExportQuery,
  ArrearsLine,
  ArrearsPage,
  ArrearsQuery,
  ArrearsRow,
  CreateDunningBody,
  DunningChannel,
  DunningLetter,
  DunningListQuery,
  DunningNotice,
  DunningResult,
  DunningSkip,
  Page,
  UnitArrears,
} from '@propdesk/contracts';
import { AGING_BUCKETS } from '@propdesk/contracts';
import type { Permission } from '@propdesk/contracts';
import type { Tx } from '../../db/database.js';
import type { Ctx } from '../../http/context.js';
import { badRequest, notFound } from '../../http/errors.js';
import { newId } from '../../lib/ids.js';
import { maskPhone } from '../../lib/mask.js';
import { nowIso } from '../../lib/time.js';
import { buildWorkbook, type XlsxColumn } from '../../lib/xlsx.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertProjectInScope, projectFilter, scopedProjectIds } from '../auth/auth.scope.js';
import { capitalAmount } from '../billing/billing.capital.js';
import { formatYuan } from '../billing/billing.money.js';
import { queueOutbox } from '../notifications/notifications.service.js';
import { DEFAULT_TIMEZONE } from '../org/org.service.js';
import { todayIn } from '../residents/residents.policy.js';
import { agingBucket, daysPastDue, sumArrears, totalArrears, type AgedLine } from './arrears.policy.js';
import { unbilledLateFee } from '../billing/billing.late-fee.js';
import { arrearsRepository as repo } from './arrears.repository.js';

const PROJECT = { zh: '项目', en: 'project' };
const UNIT = { zh: '房屋', en: 'unit' };
const NOTICE = { zh: '催缴记录', en: 'dunning notice' };
/** Exports are capped so one click cannot build a workbook the size of the database. */
const EXPORT_MAX_ROWS = 50_000;

interface DetailedLine extends AgedLine {
  line: ArrearsLine;
  projectId: string;
  unitNumber: string;
  buildingName: string;
}

interface ProjectInfo {
  id: string;
  name: string;
  today: string;
  address: string | null;
  phone: string | null;
}

async function projectsOf(db: Tx, ids: readonly string[]): Promise<Map<string, ProjectInfo>> {
  const rows = await repo.projects(db, ids);
  return new Map(rows.map((p) => [p.id, { id: p.id, name: p.name, today: todayIn(p.timezone || DEFAULT_TIMEZONE), address: p.address, phone: p.phone }]));
}

/**
 * The lines in arrears under a filter, each aged against its own project's today and with its
 * late fee to date. Reads through `db` (a transaction when dunning).
 */
async function arrearsLines(
  db: Tx,
  projects: Map<string, ProjectInfo>,
  f: { buildingId?: string; unitIds?: string[]; q?: string; aging?: ArrearsQuery['aging'] },
): Promise<DetailedLine[]> {
  if (projects.size === 0) return [];
  const latestToday = [...projects.values()].reduce((max, p) => (p.today > max ? p.today : max), '0000-00-00');
  const rows = await repo.overdueLines(db, { projectIds: [...projects.keys()], buildingId: f.buildingId, unitIds: f.unitIds, q: f.q, dueBefore: latestToday });
  const lineIds = rows.map((r) => r.id);
  const [payments, billedFees] = await Promise.all([repo.paymentsOfLines(db, lineIds), repo.billedLateFees(db, lineIds)]);
  const paymentsOf = new Map<string, { date: string; amountFen: number }[]>();
  for (const p of payments) {
    const list = paymentsOf.get(p.bill_line_id) ?? [];
    list.push({ date: p.business_date, amountFen: Number(p.amount_fen) });
    paymentsOf.set(p.bill_line_id, list);
  }
  const billedFeeOf = new Map(billedFees.map((r) => [r.related_line_id!, Number(r.fen)]));

  const out: DetailedLine[] = [];
  for (const r of rows) {
    const asOf = projects.get(r.project_id)!.today;
    const aging = agingBucket(r.due_date, asOf);
    if (!aging || (f.aging && aging !== f.aging)) continue;
    const amountFen = Number(r.amount_fen);
    const paidFen = Number(r.paid_fen);
    const creditedFen = Number(r.credited_fen);
    const outstandingFen = Math.max(0, amountFen - paidFen - creditedFen);
    if (outstandingFen === 0) continue;
    const kind = r.kind as 'charge' | 'late_fee';
    const lateFeeFen = unbilledLateFee(
      { kind, dueDate: r.due_date, amountFen, creditedFen, lateFeeDailyBp: r.late_fee_daily_bp, lateFeeGraceDays: r.late_fee_grace_days },
      asOf,
      paymentsOf.get(r.id) ?? [],
      billedFeeOf.get(r.id) ?? 0,
    ).feeFen;
    const days = daysPastDue(r.due_date, asOf);
    out.push({
      unitId: r.unit_id,
      buildingId: r.building_id,
      dueDate: r.due_date,
      daysPastDue: days,
      aging,
      outstandingFen,
      lateFeeFen,
      projectId: r.project_id,
      unitNumber: r.unit_number,
      buildingName: r.building_name,
      line: {
        billLineId: r.id,
        billId: r.bill_id,
        period: r.period,
        description: r.description,
        feeItemName: r.fee_item_name,
        kind,
        dueDate: r.due_date,
        daysPastDue: days,
        aging,
        amountFen: amountFen - creditedFen,
        paidFen,
        outstandingFen,
        lateFeeFen,
      },
    });
  }
  return out;
}

async function ownersOf(db: Tx, unitIds: readonly string[], today: string) {
  const rows = await repo.owners(db, unitIds, today);
  const map = new Map<string, { name: string; phone: string }[]>();
  for (const r of rows) {
    const list = map.get(r.unit_id) ?? [];
    list.push({ name: r.name, phone: r.phone });
    map.set(r.unit_id, list);
  }
  return map;
}

const naturalCompare = (a: string, b: string) => a.localeCompare(b, 'zh-CN', { numeric: true });

const SORTS: Record<string, (a: ArrearsRow, b: ArrearsRow) => number> = {
  totalFen: (a, b) => a.totalFen - b.totalFen,
  outstandingFen: (a, b) => a.outstandingFen - b.outstandingFen,
  lateFeeFen: (a, b) => a.lateFeeFen - b.lateFeeFen,
  oldestDueDate: (a, b) => (a.oldestDueDate < b.oldestDueDate ? -1 : a.oldestDueDate > b.oldestDueDate ? 1 : 0),
  maxDaysPastDue: (a, b) => a.maxDaysPastDue - b.maxDaysPastDue,
  lineCount: (a, b) => a.lineCount - b.lineCount,
  unitCount: (a, b) => a.unitCount - b.unitCount,
  dunningCount: (a, b) => a.dunningCount - b.dunningCount,
  unitNumber: (a, b) => naturalCompare(a.buildingName, b.buildingName) || naturalCompare(a.unitNumber ?? '', b.unitNumber ?? ''),
};

function sortRows(rows: ArrearsRow[], sort: string | undefined): ArrearsRow[] {
  const wanted = sort && SORTS[sort.replace(/^-/, '')] ? sort : '-totalFen';
  const cmp = SORTS[wanted.replace(/^-/, '')]!;
  const dir = wanted.startsWith('-') ? -1 : 1;
  // Ties fall back to building and unit, so pages never repeat or skip rows.
  return rows.sort((a, b) => dir * cmp(a, b) || SORTS.unitNumber!(a, b) || (a.id < b.id ? -1 : 1));
}

/** The filtered, grouped and sorted rows with their totals (shared by the list and the export). */
async function arrearsRows(ctx: Ctx, q: ArrearsExportQuery): Promise<{ rows: ArrearsRow[]; totals: ArrearsPage['totals'] }> {
  if (q.projectId) await assertProjectInScope(ctx, 'billing.read', q.projectId, PROJECT);
  const projectIds = await projectFilter(ctx, 'billing.read', q.projectId);
  const db = ctx.database.db;
  const projects = await projectsOf(db, projectIds);
  const lines = await arrearsLines(db, projects, { buildingId: q.buildingId, unitIds: q.unitId ? [q.unitId] : undefined, q: q.q, aging: q.aging });

  const byUnit = new Map<string, DetailedLine>();
  for (const l of lines) if (!byUnit.has(l.unitId)) byUnit.set(l.unitId, l);
  let sums = sumArrears(lines, q.group);
  if (q.minFen !== undefined) sums = sums.filter((s) => s.outstandingFen >= q.minFen!);
  // The totals cover the rows that passed the minimum, over all pages.
  const keptKeys = new Set(sums.map((s) => s.key));
  const keptLines = lines.filter((l) => keptKeys.has(q.group === 'unit' ? l.unitId : l.buildingId));
  const buildingSample = new Map<string, DetailedLine>();
  for (const l of lines) if (!buildingSample.has(l.buildingId)) buildingSample.set(l.buildingId, l);

  const unitIds = q.group === 'unit' ? sums.map((s) => s.key) : [];
  const anyToday = [...projects.values()][0]?.today ?? '9999-12-31';
  const [owners, stats] = await Promise.all([ownersOf(db, unitIds, anyToday), repo.dunningStats(db, unitIds)]);
  const statOf = new Map(stats.map((s) => [s.unit_id, { n: Number(s.n), last: (s.last as string | null) ?? null }]));

  const rows: ArrearsRow[] = sums.map((s) => {
    const sample = q.group === 'unit' ? byUnit.get(s.key)! : buildingSample.get(s.key)!;
    const project = projects.get(sample.projectId)!;
    const stat = statOf.get(s.key);
    return {
      id: s.key,
      projectId: sample.projectId,
      projectName: project.name,
      buildingId: sample.buildingId,
      buildingName: sample.buildingName,
      unitId: q.group === 'unit' ? s.key : null,
      unitNumber: q.group === 'unit' ? sample.unitNumber : null,
      owners: (owners.get(s.key) ?? []).map((o) => ({ name: o.name, phoneMasked: maskPhone(o.phone) })),
      unitCount: s.unitIds.size,
      lineCount: s.lineCount,
      oldestDueDate: s.oldestDueDate,
      maxDaysPastDue: s.maxDaysPastDue,
      outstandingFen: s.outstandingFen,
      lateFeeFen: s.lateFeeFen,
      totalFen: s.outstandingFen + s.lateFeeFen,
      aging: s.aging,
      dunningCount: stat?.n ?? 0,
      lastDunningAt: stat?.last ?? null,
    };
  });
  return { rows: sortRows(rows, q.sort), totals: totalArrears(keptLines) };
}

const fenCell = (fen: number) => Number(formatYuan(fen));

function exportColumns(group: 'unit' | 'building'): XlsxColumn[] {
  const agingCols = AGING_BUCKETS.map((b) => ({
    key: b,
    zh: { d0_30: '30天以内', d31_90: '31–90天', d91_180: '91–180天', d181_365: '181–365天', over_365: '365天以上' }[b],
    en: { d0_30: '≤30 days', d31_90: '31–90 days', d91_180: '91–180 days', d181_365: '181–365 days', over_365: '>365 days' }[b],
    width: 12,
  }));
  return [
    { key: 'project', zh: '项目', en: 'Project', width: 16 },
    { key: 'building', zh: '楼栋', en: 'Building', width: 12 },
    ...(group === 'unit'
      ? [
          { key: 'unit', zh: '房号', en: 'Unit', width: 10 },
          { key: 'owners', zh: '业主', en: 'Owners', width: 18 },
        ]
      : [{ key: 'unitCount', zh: '欠费户数', en: 'Units', width: 10 }]),
    { key: 'lineCount', zh: '欠费笔数', en: 'Lines', width: 10 },
    { key: 'oldestDueDate', zh: '最早应缴日', en: 'Oldest due', width: 12 },
    { key: 'maxDays', zh: '最长逾期天数', en: 'Days overdue', width: 12 },
    { key: 'outstanding', zh: '欠费本金(元)', en: 'Outstanding (CNY)', width: 14 },
    { key: 'lateFee', zh: '滞纳金(元)', en: 'Late fees (CNY)', width: 12 },
    { key: 'total', zh: '合计(元)', en: 'Total (CNY)', width: 14 },
    ...agingCols,
    { key: 'dunning', zh: '催缴次数', en: 'Reminders', width: 10 },
  ];
}

function noticeOf(r: {
  id: string; project_id: string; unit_id: string; channel: string; amount_fen: number | string; late_fee_fen: number | string; oldest_due_date: string | null;
  recipient_count: number; created_at: string; unit_number: string; building_name: string; created_by_name: string | null; outbox_status: string | null;
}): DunningNotice {
  return {
    id: r.id,
    projectId: r.project_id,
    unitId: r.unit_id,
    buildingName: r.building_name,
    unitNumber: r.unit_number,
    channel: r.channel as DunningChannel,
    amountFen: Number(r.amount_fen),
    lateFeeFen: Number(r.late_fee_fen),
    oldestDueDate: r.oldest_due_date,
    recipientCount: Number(r.recipient_count),
    outboxStatus: r.outbox_status,
    createdByName: r.created_by_name,
    createdAt: r.created_at,
  };
}

function smsText(letter: DunningLetter): string {
  const phone = letter.projectPhone ? `，咨询电话${letter.projectPhone}` : '';
  return (
    `【${letter.projectName}】尊敬的业主：您的房屋${letter.buildingName}${letter.unitNumber}截至${letter.asOf}尚欠物业服务等费用` +
    `${formatYuan(letter.outstandingFen)}元` +
    (letter.lateFeeFen > 0 ? `，另有滞纳金${formatYuan(letter.lateFeeFen)}元` : '') +
    `，最早一笔应于${letter.lines[0]?.dueDate ?? letter.asOf}缴纳。请尽快到客服中心缴纳，如已缴纳请忽略${phone}。`
  );
}

export const arrearsService = {
  async list(ctx: Ctx, q: ArrearsQuery): Promise<ArrearsPage> {
    const { rows, totals } = await arrearsRows(ctx, q);
    const start = (q.page - 1) * q.pageSize;
    return { items: rows.slice(start, start + q.pageSize), total: rows.length, page: q.page, pageSize: q.pageSize, totals };
  },

  async exportXlsx(ctx: Ctx, q: ArrearsExportQuery): Promise<Buffer> {
    const { rows } = await arrearsRows(ctx, q);
    const sheetRows = rows.slice(0, EXPORT_MAX_ROWS).map((r) => ({
      project: r.projectName,
      building: r.buildingName,
      unit: r.unitNumber ?? '',
      owners: r.owners.map((o) => o.name).join('、'),
      unitCount: r.unitCount,
      lineCount: r.lineCount,
      oldestDueDate: r.oldestDueDate,
      maxDays: r.maxDaysPastDue,
      // Number cells (exact to the fen) so Excel can sum them.
      outstanding: fenCell(r.outstandingFen),
      lateFee: fenCell(r.lateFeeFen),
      total: fenCell(r.totalFen),
      ...Object.fromEntries(AGING_BUCKETS.map((b) => [b, fenCell(r.aging[b])])),
      dunning: r.dunningCount,
    }));
    return buildWorkbook(ctx.locale === 'en' ? 'Arrears' : '欠费', exportColumns(q.group), sheetRows, ctx.locale);
  },

  /** One unit's lines in arrears (drill-down and the letter's content). */
  async unit(ctx: Ctx, unitId: string): Promise<UnitArrears> {
    return unitArrears(ctx.database.db, ctx, 'billing.read', unitId);
  },

  /**
   * Reminders for chosen units, all in one transaction: a letter notice (printable, its content
   * kept) and/or an SMS to each current owner's phone through the outbox. Units with nothing
   * overdue, or without an owner phone for SMS, are skipped and reported.
   */
  async dun(ctx: Ctx, body: CreateDunningBody): Promise<DunningResult> {
    const unitIds = [...new Set(body.unitIds)];
    const channels = [...new Set(body.channels)];
    return ctx.database.db.transaction().execute(async (tx) => {
      // In the order chosen (the letters print in that order).
      const order = new Map(unitIds.map((id, i) => [id, i]));
      const units = (await repo.unitsByIds(tx, unitIds)).sort((a, b) => order.get(a.id)! - order.get(b.id)!);
      const scope = await scopedProjectIds(ctx, 'billing.dunning');
      // A unit outside the actor's scope is unknown, exactly as if it did not exist.
      if (units.length !== unitIds.length || units.some((u) => !scope.includes(u.project_id))) throw notFound(UNIT);
      return issueDunning(tx, { userId: ctx.actor.user.id, name: ctx.actor.user.displayName, audit: ctx }, units, channels);
    });
  },

  async listNotices(ctx: Ctx, q: DunningListQuery): Promise<Page<DunningNotice>> {
    if (q.projectId) await assertProjectInScope(ctx, 'billing.read', q.projectId, PROJECT);
    const projectIds = await projectFilter(ctx, 'billing.read', q.projectId);
    const { rows, total } = await repo.listNotices(ctx.database.db, { projectIds, unitId: q.unitId, channel: q.channel, q: q.q }, q);
    return { items: rows.map(noticeOf), total, page: q.page, pageSize: q.pageSize };
  },

  /** The letter as issued (a reprint says the same as the first print). */
  async letter(ctx: Ctx, id: string): Promise<DunningLetter> {
    const n = await repo.notice(ctx.database.db, id);
    if (!n) throw notFound(NOTICE);
    await assertProjectInScope(ctx, 'billing.read', n.project_id, NOTICE);
    if (!n.detail) throw badRequest('no_letter', { zh: '该催缴记录没有保存通知书内容', en: 'This notice has no letter kept with it' });
    return JSON.parse(n.detail) as DunningLetter;
  },
};

async function unitArrears(db: Tx, ctx: Ctx, permission: Permission, unitId: string): Promise<UnitArrears> {
  const unit = await repo.unit(db, unitId);
  if (!unit) throw notFound(UNIT);
  await assertProjectInScope(ctx, permission, unit.project_id, UNIT);
  const projects = await projectsOf(db, [unit.project_id]);
  const project = projects.get(unit.project_id)!;
  const lines = await arrearsLines(db, projects, { unitIds: [unitId] });
  const owners = (await ownersOf(db, [unitId], project.today)).get(unitId) ?? [];
  const totals = totalArrears(lines);
  const aging: AgingAmounts = totals.aging;
  return {
    unitId,
    projectId: unit.project_id,
    projectName: project.name,
    buildingName: unit.building_name,
    unitNumber: unit.number,
    owners: owners.map((o) => ({ name: o.name, phoneMasked: maskPhone(o.phone) })),
    asOf: project.today,
    lines: lines.map((l) => l.line),
    outstandingFen: totals.outstandingFen,
    lateFeeFen: totals.lateFeeFen,
    totalFen: totals.totalFen,
    aging,
  };
}

type UnitRef = Awaited<ReturnType<typeof repo.unitsByIds>>[number];

/**
 * Issues reminders for units already checked to be in scope, in the caller's transaction: per unit
 * and channel a notice with the letter as issued; SMS go to the outbox. Used by the API and the demo seed.
 */
export async function issueDunning(
  tx: Tx,
  by: { userId: string | null; name: string | null; audit: Parameters<typeof recordAudit>[1] },
  units: readonly UnitRef[],
  channels: readonly DunningChannel[],
): Promise<DunningResult> {
  const unitIds = units.map((u) => u.id);
  const projects = await projectsOf(tx, [...new Set(units.map((u) => u.project_id))]);
  const lines = await arrearsLines(tx, projects, { unitIds });
  const byUnit = new Map<string, DetailedLine[]>();
  for (const l of lines) byUnit.set(l.unitId, [...(byUnit.get(l.unitId) ?? []), l]);
  const notices: DunningNotice[] = [];
  const skipped: DunningSkip[] = [];
  const now = nowIso();
  for (const unit of units) {
    const project = projects.get(unit.project_id)!;
    const own = byUnit.get(unit.id) ?? [];
    if (own.length === 0) {
      skipped.push({ unitId: unit.id, channel: null, reason: 'no_arrears' });
      continue;
    }
    const owners = (await ownersOf(tx, [unit.id], project.today)).get(unit.id) ?? [];
    const outstandingFen = own.reduce((s, l) => s + l.outstandingFen, 0);
    const lateFeeFen = own.reduce((s, l) => s + l.lateFeeFen, 0);
    for (const channel of channels) {
      const id = newId();
      const letter: DunningLetter = {
        noticeId: id,
        projectName: project.name,
        projectAddress: project.address,
        projectPhone: project.phone,
        buildingName: unit.building_name,
        unitNumber: unit.number,
        ownerNames: owners.map((o) => o.name),
        asOf: project.today,
        lines: own.map((l) => l.line),
        outstandingFen,
        lateFeeFen,
        totalFen: outstandingFen + lateFeeFen,
        totalCapital: capitalAmount(outstandingFen + lateFeeFen),
        createdAt: now,
      };
      let outboxId: string | null = null;
      let recipientCount = 0;
      if (channel === 'sms') {
        const phones = [...new Set(owners.map((o) => o.phone).filter((p) => /^1\d{10}$/.test(p)))];
        if (phones.length === 0) {
          skipped.push({ unitId: unit.id, channel, reason: 'no_owner_phone' });
          continue;
        }
        const text = smsText(letter);
        for (const phone of phones) {
          const oid = await queueOutbox(tx, { channel: 'sms', recipient: phone, body: text, projectId: project.id });
          outboxId ??= oid;
        }
        recipientCount = phones.length;
      }
      await repo.insertNotice(tx, {
        id,
        project_id: project.id,
        unit_id: unit.id,
        channel,
        amount_fen: outstandingFen,
        late_fee_fen: lateFeeFen,
        oldest_due_date: own[0]!.dueDate,
        outbox_id: outboxId,
        created_by: by.userId,
        created_at: now,
        detail: JSON.stringify(letter),
        recipient_count: recipientCount,
      });
      await recordAudit(tx, by.audit, {
        action: 'dunning.create',
        entity: 'dunning_notice',
        entityId: id,
        projectId: project.id,
        after: { unitId: unit.id, channel, amountFen: outstandingFen, lateFeeFen, recipientCount },
      });
      notices.push({
        id,
        projectId: project.id,
        unitId: unit.id,
        buildingName: unit.building_name,
        unitNumber: unit.number,
        channel,
        amountFen: outstandingFen,
        lateFeeFen,
        oldestDueDate: own[0]!.dueDate,
        recipientCount,
        outboxStatus: outboxId ? 'pending' : null,
        createdByName: by.name,
        createdAt: now,
      });
    }
  }
  return { notices, skipped };
}
