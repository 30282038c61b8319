/**
 * Billing runs (出账), bills and their lines: void, reductions (减免) and one-off charges.
 * Every change of money happens in one transaction with its audit record.
 */
import type {
  Bill,
  BillDetail,
  BillingRun,
  BillingRunBody,
  BillingRunResult,
  BillLine,
  BillListQuery,
  FeePricing,
  OneOffChargeBody,
  Reduction,
  ReductionBody,
} from '@propdesk/contracts';
import type { Tx } from '../../db/database.js';
import { isUniqueViolation } from '../../db/query.js';
import type { BillLinesTable, BillsTable } from '../../db/schema.js';
import type { Ctx } from '../../http/context.js';
import { conflict, fieldInvalid, notFound } from '../../http/errors.js';
import { newId, newIds } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { recordAudit } from '../audit/audit.service.js';
import { projectFilter, scopedProjectIds } from '../auth/auth.scope.js';
import { feeItemsRepository } from '../fee-items/fee-items.repository.js';
import { toFeeItem } from '../fee-items/fee-items.service.js';
import { orgRepository } from '../org/org.repository.js';
import { refreshBills } from './billing.ledger.repository.js';
import { formatYuan } from './billing.money.js';
import { addMonths, isFuturePeriod, parsePeriod, periodOf } from './billing.period.js';
import { billingRepository, type BillRow, type LineRow } from './billing.repository.js';
import { LATE_READING_MONTHS, planRun, type PlanFeeItem, type RunPlan } from './billing.run.js';
import { lineStatus, owedFen } from './billing.state.js';
import { todayIn } from './billing.today.js';

const PROJECT = { zh: '项目', en: 'project' };
const BILL = { zh: '账单', en: 'bill' };
const LINE = { zh: '账单行', en: 'bill line' };

/** Who a run or charge is recorded for: a request's actor, or nobody (the demo seed). */
export interface Actor {
  userId: string | null;
  audit: Pick<Ctx, 'actor' | 'ip'> | { actor: null; ip: string | null };
}

function toBill(r: BillRow): Bill {
  const total = Number(r.total_fen);
  const paid = Number(r.paid_fen);
  return {
    id: r.id, projectId: r.project_id, buildingId: r.building_id, buildingName: r.building_name, unitId: r.unit_id, unitNumber: r.unit_number,
    period: r.period, status: r.status as Bill['status'], totalFen: total, paidFen: paid, owedFen: Math.max(0, total - paid), dueDate: r.due_date,
    runId: r.run_id, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

function toLine(r: LineRow): BillLine {
  const money = { amountFen: Number(r.amount_fen), paidFen: Number(r.paid_fen), creditedFen: Number(r.credited_fen) };
  return {
    id: r.id, billId: r.bill_id, unitId: r.unit_id, feeItemId: r.fee_item_id, feeItemName: r.fee_item_name, kind: r.kind as BillLine['kind'],
    description: r.description, coverFrom: r.cover_from, coverTo: r.cover_to,
    quantityMilli: r.quantity_milli === null ? null : Number(r.quantity_milli), rateCentiFen: r.rate_centi_fen,
    tiers: r.detail ? (JSON.parse(r.detail) as BillLine['tiers']) : null,
    ...money, owedFen: r.kind === 'reduction' || r.status === 'void' ? 0 : owedFen(money), status: r.status as BillLine['status'], dueDate: r.due_date,
    source: r.source, sourceId: r.source_id, relatedLineId: r.related_line_id, reason: r.reason, voidReason: r.void_reason, voidedBy: r.voided_by,
    voidedAt: r.voided_at, approvedBy: r.approved_by, approvedAt: r.approved_at, createdBy: r.created_by, createdAt: r.created_at, version: r.version,
  };
}

async function projectToday(tx: Tx, projectId: string): Promise<string> {
  const p = await orgRepository.findById(tx, projectId);
  return todayIn(p?.timezone ?? 'Asia/Shanghai');
}

const futurePeriod = (period: string) =>
  fieldInvalid('body.period', { zh: `${period} 尚未到来，不能为未来的月份出账`, en: `${period} has not come yet; a future month cannot be billed` });

/** Loads everything a run of the project and period looks at, and plans it (pure). */
async function loadPlan(tx: Tx, projectId: string, period: string) {
  const items: PlanFeeItem[] = (await feeItemsRepository.activeOfProject(tx, projectId)).map((r) => {
    const f = toFeeItem(r);
    return { id: f.id, name: f.name, kind: f.kind, unitKinds: f.unitKinds, cycle: f.cycle, billingMode: f.billingMode, dueDay: f.dueDay, rounding: f.rounding, pricing: f.pricing, meterKind: f.meterKind };
  });
  const metered = items.some((i) => i.kind === 'metered');
  const { year } = parsePeriod(period);
  // Readings: last year's January on (tiers count from January; late readings up to a year back).
  const itemIds = items.map((i) => i.id);
  const meteredIds = items.filter((i) => i.kind === 'metered').map((i) => i.id);
  const [units, meters, readings, existing, first, prepaid] = await Promise.all([
    billingRepository.unitsOfProject(tx, projectId),
    metered ? billingRepository.unitMetersOfProject(tx, projectId) : Promise.resolve([]),
    metered ? billingRepository.readingsOfProject(tx, projectId, `${year - 1}-01`, period) : Promise.resolve([]),
    // Yearly items billed in arrears cover up to a year back; late readings another year.
    billingRepository.existingKeys(tx, projectId, itemIds, addMonths(period, -LATE_READING_MONTHS - 12)),
    billingRepository.firstBilled(tx, projectId, meteredIds),
    billingRepository.prepaidOfProject(tx, projectId),
  ]);
  const plan = planRun({
    period,
    items,
    units: units.map((u) => ({ id: u.id, buildingId: u.building_id, buildingName: u.building_name, number: u.number, kind: u.kind, grossArea: u.gross_area })),
    meters: meters.map((m) => ({ id: m.id, unitId: m.unit_id!, kind: m.kind, number: m.number })),
    readings: readings.map((r) => ({ id: r.id, meterId: r.meter_id, period: r.period, previousMilli: r.previous_milli === null ? null : Number(r.previous_milli), consumptionMilli: Number(r.consumption_milli), status: r.status })),
    existing: new Map(existing.map((e) => [`${e.unit_id}|${e.billing_key}`, Number(e.amount_fen)])),
    firstBilled: new Map(first.map((f) => [f.fee_item_id!, String(f.first)])),
    prepaid: prepaid.map((a) => ({ id: a.id, unitId: a.unit_id, accountKey: a.account_key, balanceFen: Number(a.balance_fen), version: a.version })),
  });
  return { plan, units: new Map(units.map((u) => [u.id, u])) };
}

function runResult(projectId: string, period: string, runId: string | null, plan: RunPlan, units: Map<string, { number: string; building_name: string }>, bills: number): BillingRunResult {
  const billedFen = plan.lines.reduce((s, l) => s + l.amountFen, 0);
  const withoutReading = plan.withoutReading.length;
  return {
    runId, projectId, period, dryRun: runId === null,
    billed: { count: plan.lines.length, totalFen: billedFen, bills },
    skipped: { count: plan.alreadyBilled + plan.held.length + withoutReading, alreadyBilled: plan.alreadyBilled, alreadyBilledFen: plan.alreadyBilledFen, heldReadings: plan.held.length, withoutReading },
    prepaidAppliedFen: plan.prepaidAppliedFen,
    byFeeItem: plan.byItem,
    heldReadings: plan.held.map((h) => ({ readingId: h.readingId, meterNumber: h.meterNumber, unitNumber: units.get(h.unitId)?.number ?? null, period: h.period, consumptionMilli: h.consumptionMilli })),
    unitsWithoutReading: plan.withoutReading.slice(0, 200).map((w) => ({
      unitId: w.unitId, unitNumber: units.get(w.unitId)?.number ?? '', buildingName: units.get(w.unitId)?.building_name ?? '', feeItemName: w.feeItemName, meterNumber: w.meterNumber,
    })),
  };
}

/**
 * Commits a billing run in the caller's transaction: waits for any other run of the project,
 * plans against what is billed by then, writes the run record, the new bills and lines, the
 * prepaid applications, and the audit record. Used by the API and the demo seed.
 */
export async function commitRun(tx: Tx, who: Actor, projectId: string, period: string): Promise<BillingRunResult> {
  await billingRepository.lockProjectRuns(tx, projectId);
  const { plan, units } = await loadPlan(tx, projectId, period);
  const now = nowIso();
  const runId = newId();
  const existingBills = new Map((await billingRepository.billsOfPeriod(tx, projectId, period)).map((b) => [b.unit_id, b.id]));
  const newBills = new Map<string, BillsTable>();
  const touchedBills = new Set<string>();
  // Ascending ids (one timestamp, sorted random parts): primary keys are appended, not scattered.
  const ids = newIds(plan.lines.length * 2).sort();
  let nextId = 0;
  const lineRows: BillLinesTable[] = plan.lines.map((l) => {
    let billId = existingBills.get(l.unitId);
    if (billId) touchedBills.add(billId);
    else {
      let bill = newBills.get(l.unitId);
      if (!bill) {
        const unit = units.get(l.unitId)!;
        bill = {
          id: ids[nextId++]!, project_id: projectId, building_id: unit.building_id, unit_id: l.unitId, period, status: 'unpaid', total_fen: 0, paid_fen: 0,
          due_date: l.dueDate, run_id: runId, created_at: now, updated_at: now, version: 1,
        };
        newBills.set(l.unitId, bill);
      }
      bill.total_fen += l.amountFen;
      bill.paid_fen += l.paidFen;
      if (l.dueDate < bill.due_date) bill.due_date = l.dueDate;
      billId = bill.id;
    }
    return {
      id: ids[nextId++]!, bill_id: billId, project_id: projectId, unit_id: l.unitId, fee_item_id: l.feeItemId, kind: 'charge', description: l.description,
      cover_from: l.coverFrom, cover_to: l.coverTo, quantity_milli: l.quantityMilli, rate_centi_fen: l.rateCentiFen, detail: l.tiers ? JSON.stringify(l.tiers) : null,
      amount_fen: l.amountFen, paid_fen: l.paidFen, credited_fen: 0, status: l.status, due_date: l.dueDate, billing_key: l.billingKey,
      source: 'run', source_id: l.readingId ?? runId, related_line_id: null, void_reason: null, voided_by: null, voided_at: null,
      approved_by: null, approved_at: null, reason: null, created_by: who.userId, created_at: now, updated_at: now, version: 1,
    };
  });
  for (const bill of newBills.values()) {
    bill.status = bill.paid_fen === 0 ? 'unpaid' : bill.paid_fen >= bill.total_fen ? 'paid' : 'partially_paid';
  }
  const billedFen = plan.lines.reduce((s, l) => s + l.amountFen, 0);
  const skipped = plan.alreadyBilled + plan.held.length + plan.withoutReading.length;
  await billingRepository.insertRun(tx, {
    id: runId, project_id: projectId, period, billed_count: plan.lines.length, billed_total_fen: billedFen, skipped_count: skipped,
    prepaid_applied_fen: plan.prepaidAppliedFen,
    summary: JSON.stringify({ byFeeItem: plan.byItem, heldReadings: plan.held.length, withoutReading: plan.withoutReading.length, alreadyBilled: plan.alreadyBilled }),
    created_by: who.userId, created_at: now,
  });
  await billingRepository.insertBills(tx, [...newBills.values()]);
  await billingRepository.insertLines(tx, lineRows);
  await refreshBills(tx, [...touchedBills]);

  // Prepaid balances: each account debited once by what the plan applied (guarded), each application an entry.
  if (plan.prepaid.length > 0) {
    const perAccount = new Map<string, number>();
    for (const p of plan.prepaid) perAccount.set(p.accountId, (perAccount.get(p.accountId) ?? 0) + p.amountFen);
    const accounts = new Map((await billingRepository.prepaidOfProject(tx, projectId)).map((a) => [a.id, a]));
    const balanceAfter = new Map<string, number>();
    for (const [accountId, total] of perAccount) {
      const a = accounts.get(accountId);
      const after = a ? await billingRepository.takePrepaid(tx, { id: a.id, version: a.version }, total, now) : null;
      if (after === null) throw conflict('prepaid_changed', { zh: '预存款余额刚被改动，请重新出账', en: 'A prepaid balance changed meanwhile; run the billing again' });
      balanceAfter.set(accountId, after + total);
    }
    await billingRepository.insertPrepaidEntries(tx, plan.prepaid.map((p) => {
      const running = balanceAfter.get(p.accountId)! - p.amountFen;
      balanceAfter.set(p.accountId, running);
      return { id: newId(), account_id: p.accountId, kind: 'applied', amount_fen: -p.amountFen, balance_after_fen: running, payment_id: null, bill_line_id: lineRows[p.lineIndex]!.id, run_id: runId, created_by: who.userId, created_at: now };
    }));
  }
  await recordAudit(tx, who.audit, {
    action: 'billing_run.commit', entity: 'billing_run', entityId: runId, projectId,
    after: { period, billedCount: plan.lines.length, billedTotalFen: billedFen, skipped, prepaidAppliedFen: plan.prepaidAppliedFen, bills: newBills.size },
  });
  return runResult(projectId, period, runId, plan, units, newBills.size);
}

function line(id: string, now: string, who: string | null, fields: Pick<BillLinesTable, 'bill_id' | 'project_id' | 'unit_id' | 'fee_item_id' | 'kind' | 'description' | 'amount_fen' | 'status' | 'due_date' | 'source'> & Partial<BillLinesTable>): BillLinesTable {
  return {
    id, cover_from: null, cover_to: null, quantity_milli: null, rate_centi_fen: null, detail: null, paid_fen: 0, credited_fen: 0, billing_key: null,
    source_id: null, related_line_id: null, void_reason: null, voided_by: null, voided_at: null, approved_by: null, approved_at: null, reason: null,
    created_by: who, created_at: now, updated_at: now, version: 1, ...fields,
  };
}

/** The bill of a unit for a period, created empty when there is none yet (one-off charges). */
async function billFor(tx: Tx, unit: { id: string; project_id: string; building_id: string }, period: string, dueDate: string, now: string): Promise<string> {
  const found = await billingRepository.findBillOfUnit(tx, unit.id, period);
  if (found) return found.id;
  const id = newId();
  await billingRepository.insertBill(tx, {
    id, project_id: unit.project_id, building_id: unit.building_id, unit_id: unit.id, period, status: 'unpaid', total_fen: 0, paid_fen: 0,
    due_date: dueDate, run_id: null, created_at: now, updated_at: now, version: 1,
  });
  return id;
}

const staleLine = () => conflict('stale_version', { zh: '该账单行刚被他人改动，请刷新后重试', en: 'Someone changed this bill line meanwhile; reload and try again' });

export const billingService = {
  /** A preview (dryRun) or the commit of a run; a future month is refused. */
  async run(ctx: Ctx, input: BillingRunBody): Promise<BillingRunResult> {
    const allowed = await scopedProjectIds(ctx, 'billing.run');
    if (!allowed.includes(input.projectId)) throw notFound(PROJECT);
    const db = ctx.database.db;
    const project = await orgRepository.findById(db, input.projectId);
    if (!project || project.kind !== 'project') throw notFound(PROJECT);
    if (isFuturePeriod(input.period, todayIn(project.timezone ?? 'Asia/Shanghai'))) throw futurePeriod(input.period);
    if (input.dryRun) {
      const { plan, units } = await loadPlan(db, input.projectId, input.period);
      return runResult(input.projectId, input.period, null, plan, units, new Set(plan.lines.map((l) => l.unitId)).size);
    }
    try {
      return await db.transaction().execute((tx) => commitRun(tx, { userId: ctx.actor.user.id, audit: ctx }, input.projectId, input.period));
    } catch (err) {
      // A one-off charge created the unit's bill of the period at the same moment: nothing was written.
      if (isUniqueViolation(err)) throw conflict('billing_conflict', { zh: '出账时账单被同时改动，未写入任何数据，请重试', en: 'Bills changed while billing; nothing was written, try again' });
      throw err;
    }
  },

  async listRuns(ctx: Ctx, q: { projectId?: string; period?: string; page: number; pageSize: number; sort?: string }) {
    const projectIds = await projectFilter(ctx, 'billing.read', q.projectId);
    if (projectIds.length === 0) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    const { rows, total } = await billingRepository.listRuns(ctx.database.db, { projectIds, period: q.period }, q);
    const items: BillingRun[] = rows.map((r) => ({
      id: r.id, projectId: r.project_id, period: r.period, billedCount: r.billed_count, billedTotalFen: Number(r.billed_total_fen), skippedCount: r.skipped_count,
      prepaidAppliedFen: Number(r.prepaid_applied_fen), byFeeItem: (JSON.parse(r.summary) as { byFeeItem?: BillingRun['byFeeItem'] }).byFeeItem ?? [],
      createdBy: r.created_by, createdByName: r.created_by_name, createdAt: r.created_at,
    }));
    return { items, total, page: q.page, pageSize: q.pageSize };
  },

  async listBills(ctx: Ctx, q: BillListQuery) {
    const projectIds = await projectFilter(ctx, 'billing.read', q.projectId);
    if (projectIds.length === 0) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    const { rows, total } = await billingRepository.listBills(ctx.database.db, { ...q, projectIds }, q);
    return { items: rows.map(toBill), total, page: q.page, pageSize: q.pageSize };
  },

  async getBill(ctx: Ctx, id: string): Promise<BillDetail> {
    const db = ctx.database.db;
    const row = await billingRepository.findBill(db, id);
    if (!row || !(await scopedProjectIds(ctx, 'billing.read')).includes(row.project_id)) throw notFound(BILL);
    return { ...toBill(row), lines: (await billingRepository.linesOfBill(db, id)).map(toLine) };
  },

  /** 作废: a charge nobody has paid is voided with a reason; it stays on the bill, never deleted. */
  async voidLine(ctx: Ctx, id: string, reason: string): Promise<BillLine> {
    const allowed = await scopedProjectIds(ctx, 'billing.void');
    return ctx.database.db.transaction().execute(async (tx) => {
      const row = await billingRepository.findLine(tx, id);
      if (!row || !allowed.includes(row.project_id)) throw notFound(LINE);
      if (row.kind === 'reduction') throw conflict('not_a_charge', { zh: '减免行不能作废，请驳回该减免申请', en: 'A reduction is not voided; reject it instead' });
      if (row.status === 'void') throw conflict('already_void', { zh: '该账单行已作废', en: 'This bill line is already void' });
      if (Number(row.paid_fen) > 0) {
        throw conflict('line_has_payments', { zh: '该账单行已有收款，请先冲正收款再作废', en: 'This line has payments; reverse them before voiding it' });
      }
      if (Number(row.credited_fen) > 0 || (await billingRepository.pendingReductionsOf(tx, id)).length > 0) {
        throw conflict('line_has_reductions', { zh: '该账单行有减免，不能作废', en: 'This line has reductions; it cannot be voided' });
      }
      const now = nowIso();
      if (!(await billingRepository.updateLine(tx, id, row.version, { status: 'void', void_reason: reason, voided_by: ctx.actor.user.id, voided_at: now, updated_at: now }))) throw staleLine();
      await refreshBills(tx, [row.bill_id]);
      const after = toLine((await billingRepository.findLine(tx, id))!);
      await recordAudit(tx, ctx, { action: 'bill_line.void', entity: 'bill_line', entityId: id, projectId: row.project_id, before: { status: row.status }, after: { status: 'void', reason } });
      return after;
    });
  },

  /** 减免申请: a pending credit line against a charge; it counts only once approved by someone else. */
  async requestReduction(ctx: Ctx, lineId: string, input: ReductionBody): Promise<BillLine> {
    const allowed = await scopedProjectIds(ctx, 'billing.reduce');
    return ctx.database.db.transaction().execute(async (tx) => {
      const row = await billingRepository.findLine(tx, lineId);
      if (!row || !allowed.includes(row.project_id)) throw notFound(LINE);
      if (row.kind === 'reduction' || row.status === 'void') throw conflict('not_reducible', { zh: '只能对有效的费用行申请减免', en: 'Only a standing charge can be reduced' });
      const owed = owedFen({ amountFen: Number(row.amount_fen), paidFen: Number(row.paid_fen), creditedFen: Number(row.credited_fen) });
      const pending = (await billingRepository.pendingReductionsOf(tx, lineId)).reduce((s, r) => s - Number(r.amount_fen), 0);
      if (input.amountFen > owed - pending) {
        throw fieldInvalid('body.amountFen', {
          zh: `减免金额不能超过尚欠的 ${formatYuan(owed - pending)} 元（已扣除待审批的减免）`,
          en: `The reduction cannot exceed the ${formatYuan(owed - pending)} yuan still owed (after pending reductions)`,
        });
      }
      const now = nowIso();
      const id = newId();
      await billingRepository.insertLine(tx, line(id, now, ctx.actor.user.id, {
        bill_id: row.bill_id, project_id: row.project_id, unit_id: row.unit_id, fee_item_id: row.fee_item_id, kind: 'reduction',
        description: `减免：${row.description}`, amount_fen: -input.amountFen, status: 'pending', due_date: row.due_date, source: 'reduction',
        source_id: row.id, related_line_id: row.id, reason: input.reason, cover_from: row.cover_from, cover_to: row.cover_to,
      }));
      const after = toLine((await billingRepository.findLine(tx, id))!);
      await recordAudit(tx, ctx, { action: 'reduction.request', entity: 'bill_line', entityId: id, projectId: row.project_id, after: { lineId, amountFen: input.amountFen, reason: input.reason } });
      return after;
    });
  },

  /** Approve (credits the charge) or reject a pending reduction; not one's own request. */
  async reviewReduction(ctx: Ctx, id: string, decision: 'approved' | 'rejected', note?: string): Promise<BillLine> {
    const allowed = await scopedProjectIds(ctx, 'billing.approve');
    return ctx.database.db.transaction().execute(async (tx) => {
      const row = await billingRepository.findLine(tx, id);
      if (!row || row.kind !== 'reduction' || !allowed.includes(row.project_id)) throw notFound({ zh: '减免申请', en: 'reduction' });
      if (row.status !== 'pending') throw conflict('reduction_not_pending', { zh: '该减免申请已处理', en: 'This reduction has already been decided' });
      if (row.created_by === ctx.actor.user.id) {
        throw conflict('own_reduction', { zh: '不能审批自己提交的减免申请', en: 'A reduction is approved by someone other than who requested it' });
      }
      const now = nowIso();
      if (decision === 'approved') {
        const charge = await billingRepository.findLine(tx, row.related_line_id!);
        if (!charge || charge.status === 'void') throw conflict('not_reducible', { zh: '被减免的费用行已作废', en: 'The charge it reduces has been voided' });
        const credit = -Number(row.amount_fen);
        const money = { amountFen: Number(charge.amount_fen), paidFen: Number(charge.paid_fen), creditedFen: Number(charge.credited_fen) + credit };
        if (money.paidFen + money.creditedFen > money.amountFen) {
          throw conflict('reduction_exceeds_owed', { zh: '减免金额已超过该费用尚欠的金额（可能已收款），请驳回后重新申请', en: 'The reduction now exceeds what the charge still owes (it may have been paid); reject it and request again' });
        }
        if (!(await billingRepository.updateLine(tx, charge.id, charge.version, { credited_fen: money.creditedFen, status: lineStatus(money), updated_at: now }))) throw staleLine();
      }
      if (!(await billingRepository.updateLine(tx, id, row.version, { status: decision, approved_by: ctx.actor.user.id, approved_at: now, updated_at: now }))) throw staleLine();
      await refreshBills(tx, [row.bill_id]);
      const after = toLine((await billingRepository.findLine(tx, id))!);
      await recordAudit(tx, ctx, {
        action: decision === 'approved' ? 'reduction.approve' : 'reduction.reject', entity: 'bill_line', entityId: id, projectId: row.project_id,
        before: { status: 'pending' }, after: { status: decision, amountFen: -Number(row.amount_fen), note: note ?? null },
      });
      return after;
    });
  },

  async listReductions(ctx: Ctx, q: { projectId?: string; status?: 'pending' | 'approved' | 'rejected'; page: number; pageSize: number; sort?: string }) {
    const projectIds = await projectFilter(ctx, 'billing.read', q.projectId);
    if (projectIds.length === 0) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    const { rows, total } = await billingRepository.listReductions(ctx.database.db, { projectIds, status: q.status }, q);
    const items: Reduction[] = rows.map((r) => ({
      ...toLine(r as LineRow), unitNumber: r.unit_number, buildingName: r.building_name, period: r.period, relatedDescription: r.related_description, createdByName: r.created_by_name,
    }));
    return { items, total, page: q.page, pageSize: q.pageSize };
  },

  /** A one-off charge on the unit's bill of the current month (created when missing); or a finished work order's charge, once. */
  async charge(ctx: Ctx, input: OneOffChargeBody): Promise<BillDetail> {
    const allowed = await scopedProjectIds(ctx, 'billing.collect');
    const billId = await ctx.database.db.transaction().execute(async (tx) => {
      let unitId = input.unitId;
      let amountFen = input.amountFen;
      let description = input.description;
      let billingKey: string | null = null;
      let source = 'one_off';
      let sourceId: string | null = null;
      if (input.workOrderId) {
        const wo = await billingRepository.findWorkOrder(tx, input.workOrderId);
        if (!wo || !allowed.includes(wo.project_id)) throw notFound({ zh: '派工单', en: 'work order' });
        if (wo.status !== 'done') throw conflict('work_order_not_done', { zh: '派工单尚未完工，不能收取维修费', en: 'The work order is not finished; its charge cannot be billed yet' });
        if (!wo.charge_fen || wo.charge_fen <= 0) throw conflict('work_order_no_charge', { zh: '该派工单没有有偿维修费', en: 'This work order has no charge' });
        if (!wo.unit_id) throw conflict('work_order_no_unit', { zh: '该派工单没有关联房屋，无法入账', en: 'This work order is not for a unit; its charge cannot go on a bill' });
        if (unitId && unitId !== wo.unit_id) throw fieldInvalid('body.unitId', { zh: '房屋与派工单不一致', en: 'the unit is not the work order’s unit' });
        unitId = wo.unit_id;
        amountFen = wo.charge_fen;
        description = description ?? `有偿维修费 ${wo.number}${wo.title ? ` ${wo.title}` : ''}`.slice(0, 200);
        billingKey = `work_order:${wo.id}`;
        source = 'work_order';
        sourceId = wo.id;
      }
      if (!unitId) throw fieldInvalid('body.unitId', { zh: '请选择房屋', en: 'choose the unit' });
      const unit = await billingRepository.findUnit(tx, unitId);
      // A unit one may not see reads exactly like one that does not exist.
      if (!unit || !allowed.includes(unit.project_id)) throw fieldInvalid('body.unitId', { zh: '房屋不存在', en: 'the unit does not exist' });
      let feeItemId: string | null = null;
      if (input.feeItemId) {
        const item = await feeItemsRepository.findById(tx, input.feeItemId);
        if (!item || item.project_id !== unit.project_id) throw notFound({ zh: '收费项目', en: 'fee item' });
        if (item.kind !== 'one_off') throw fieldInvalid('body.feeItemId', { zh: '只能选择一次性收费项目', en: 'choose a one-off fee item' });
        feeItemId = item.id;
        const pricing = JSON.parse(item.pricing) as FeePricing;
        if (amountFen === undefined && pricing.kind === 'one_off' && pricing.amountFen !== null) amountFen = pricing.amountFen;
        description = description ?? item.name;
      }
      if (amountFen === undefined) throw fieldInvalid('body.amountFen', { zh: '请填写金额', en: 'give the amount' });
      if (!description) throw fieldInvalid('body.description', { zh: '请填写收费内容', en: 'describe the charge' });
      if (billingKey && (await billingRepository.findLineByKey(tx, unit.id, billingKey))) {
        throw conflict('work_order_already_billed', { zh: '该派工单的维修费已入账', en: "This work order's charge is already on a bill" });
      }
      const today = await projectToday(tx, unit.project_id);
      const now = nowIso();
      const period = periodOf(today);
      const billIdOf = await billFor(tx, unit, period, today, now);
      const id = newId();
      await billingRepository.insertLine(tx, line(id, now, ctx.actor.user.id, {
        bill_id: billIdOf, project_id: unit.project_id, unit_id: unit.id, fee_item_id: feeItemId, kind: 'charge', description, amount_fen: amountFen,
        status: 'unpaid', due_date: today, source, source_id: sourceId, billing_key: billingKey, cover_from: period, cover_to: period,
      }));
      await refreshBills(tx, [billIdOf]);
      await recordAudit(tx, ctx, { action: 'bill_line.charge', entity: 'bill_line', entityId: id, projectId: unit.project_id, after: { unitId: unit.id, amountFen, description, source, sourceId } });
      return billIdOf;
    }).catch((err: unknown) => {
      if (isUniqueViolation(err)) throw conflict('work_order_already_billed', { zh: '该费用已入账', en: 'This charge is already on a bill' });
      throw err;
    });
    return billingService.getBill(ctx, billId);
  },
};

