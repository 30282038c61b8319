/**
 * The cashier's desk: outstanding lines with late fees to date, payments with gap-free receipts,
 * reversals, prepaid top-ups, deposits and the daily close. Every use case is one transaction
 * with its audit record; every receipt number is taken from the counters table inside it, so a
 * failed payment leaves no gap and two payments never share a number.
 */
import type {
  CashierUnit,
  CreateDepositBody,
  CreatePaymentBody,
  CreatePrepayBody,
  DailyClose,
  DailyCloseSummary,
  Deposit,
  DepositKind,
  HandOverRecipient,
  Outstanding,
  OutstandingLine,
  Payment,
  PaymentKind,
  PaymentListQuery,
  PaymentMethod,
  PaymentResult,
  PrepaidAccounts,
  Receipt,
  RefundDepositBody,
} from '@propdesk/contracts';
import type { Tx } from '../../db/database.js';
import type { DailyClosesTable, DepositsTable, PaymentsTable } from '../../db/schema.js';
import type { Ctx } from '../../http/context.js';
import { conflict, fieldInvalid, notFound } from '../../http/errors.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertProjectInScope, projectFilter } from '../auth/auth.scope.js';
import { allocatePayment } from '../billing/billing.allocation.js';
import { unbilledLateFee } from '../billing/billing.late-fee.js';
import { capitalAmount } from '../billing/billing.capital.js';
import { changeLinePaid, openLines, refreshBills, type OpenLine } from '../billing/billing.ledger.repository.js';
import { formatReceiptNumber, receiptCounterKey } from '../billing/billing.receipt.js';
import { pathNodeIds } from '../notifications/notifications.service.js';
import { DEFAULT_TIMEZONE } from '../org/org.service.js';
import { todayIn } from '../residents/residents.policy.js';
import { LATE_FEE_KEY, parseUnitSearch, paymentOrder, receivesHandOver, summarizeDay, unitLabel } from './payments.policy.js';
import { paymentsRepository as repo, type UnitInfo } from './payments.repository.js';
import { nextCounter } from '../../db/counters.js';

const UNIT = { zh: '房屋', en: 'unit' };
const PAYMENT = { zh: '收费记录', en: 'payment' };
const DEPOSIT = { zh: '押金', en: 'deposit' };

/** Today in a project's time zone; tests pin it. */
export const cashierClock = {
  today(timeZone: string): string {
    return todayIn(timeZone);
  },
};

const lostRace = () =>
  conflict('payment_conflict', {
    zh: '账单刚被其他收费或操作更改，请刷新后重试（未收取任何款项）',
    en: 'The bill was changed by another payment meanwhile; refresh and try again (nothing was collected)',
  });

async function unitInScope(ctx: Ctx, db: Tx, unitId: string, permission: 'billing.read' | 'billing.collect'): Promise<UnitInfo> {
  const unit = (await repo.unitsInfo(db, [unitId]))[0];
  if (!unit) throw notFound(UNIT);
  await assertProjectInScope(ctx, permission, unit.project_id, UNIT);
  return unit;
}

/**
 * Serialises a cashier's payments of a day with the close of that day: both take the same
 * counter row first, so a close never misses a payment committing at the same moment, and a
 * payment never slips into a day already closed.
 */
async function assertDayOpen(tx: Tx, projectId: string, cashierId: string, businessDate: string): Promise<void> {
  await nextCounter(tx, `day:${projectId}:${cashierId}:${businessDate}`);
  if (await repo.findClose(tx, projectId, cashierId, businessDate)) {
    throw conflict('day_closed', {
      zh: `${businessDate} 已日结交接，不能再记入收费；如需更正，请次日办理`,
      en: `${businessDate} has been closed and handed over; nothing more can be booked into it — do it on the next day`,
    });
  }
}

async function nextReceipt(tx: Tx, projectId: string, businessDate: string): Promise<{ number: string; year: number }> {
  const year = Number(businessDate.slice(0, 4));
  const seq = await nextCounter(tx, receiptCounterKey(projectId, year));
  return { number: formatReceiptNumber(year, seq), year };
}

interface LineWithFee extends OpenLine {
  lateFeeFen: number;
  overdueDays: number;
}

/** Open lines of a unit, oldest first, each charge with its unbilled late fee to `asOf`. */
export async function linesWithLateFees(tx: Tx, unitId: string, asOf: string): Promise<LineWithFee[]> {
  const lines = await openLines(tx, [unitId]);
  const charges = lines.filter((l) => l.kind === 'charge' && l.lateFeeDailyBp);
  const paid = await repo.paymentsToLines(tx, charges.map((l) => l.id));
  const billed = await repo.billedLateFees(tx, charges.map((l) => l.id));
  return lines.map((l) => {
    const history = paid.filter((p) => p.bill_line_id === l.id).map((p) => ({ date: p.business_date, amountFen: Number(p.amount_fen) }));
    const fee = unbilledLateFee(l, asOf, history, billed.get(l.id) ?? 0);
    return { ...l, lateFeeFen: fee.feeFen, overdueDays: fee.overdueDays };
  });
}

async function cashierUnits(db: Tx, units: UnitInfo[]): Promise<CashierUnit[]> {
  const ids = units.map((u) => u.id);
  const owners = await repo.ownersOf(db, ids);
  const owed = await repo.owedByUnit(db, ids);
  return units.map((u) => ({
    id: u.id,
    projectId: u.project_id,
    projectName: u.project_name,
    buildingName: u.building_name,
    number: u.number,
    label: unitLabel(u),
    owners: owners.filter((o) => o.unit_id === u.id).map((o) => o.name),
    outstandingFen: owed.get(u.id) ?? 0,
  }));
}

function toPayment(r: PaymentsTable, names: { cashier: string; project: string; unit: string | null }): Payment {
  return {
    id: r.id,
    projectId: r.project_id,
    projectName: names.project,
    unitId: r.unit_id,
    unitLabel: names.unit,
    kind: r.kind as PaymentKind,
    method: r.method as PaymentMethod,
    amountFen: Number(r.amount_fen),
    changeFen: Number(r.change_fen),
    receiptNumber: r.receipt_number,
    payerName: r.payer_name,
    note: r.note,
    reason: r.reason,
    reversesPaymentId: r.reverses_payment_id,
    reversedByPaymentId: r.reversed_by_payment_id,
    printCount: r.print_count,
    businessDate: r.business_date,
    closed: r.daily_close_id !== null,
    cashierId: r.cashier_id,
    cashierName: names.cashier,
    createdAt: r.created_at,
  };
}

async function paymentsView(db: Tx, rows: PaymentsTable[]): Promise<Payment[]> {
  const units = new Map((await repo.unitsInfo(db, [...new Set(rows.map((r) => r.unit_id).filter((x): x is string => !!x))])).map((u) => [u.id, u]));
  const users = new Map((await repo.userNames(db, [...new Set(rows.map((r) => r.cashier_id))])).map((u) => [u.id, u.display_name]));
  const projects = new Map<string, string>();
  for (const pid of new Set(rows.map((r) => r.project_id))) projects.set(pid, (await repo.projectInfo(db, pid))?.name ?? '');
  return rows.map((r) => {
    const u = r.unit_id ? units.get(r.unit_id) : undefined;
    return toPayment(r, { cashier: users.get(r.cashier_id) ?? '', project: projects.get(r.project_id) ?? '', unit: u ? unitLabel(u) : null });
  });
}

/** Adds to (or creates) a unit's prepaid balance for a fee item ('*' = any item), with its entry. */
async function creditPrepaid(tx: Tx, ctx: Ctx, a: { projectId: string; unitId: string; feeItemId: string | null; amountFen: number; paymentId: string; kind: 'top_up' | 'reversal' }): Promise<number> {
  const key = a.feeItemId ?? '*';
  const now = nowIso();
  await repo.insertAccount(tx, { id: newId(), project_id: a.projectId, unit_id: a.unitId, fee_item_id: a.feeItemId, account_key: key, balance_fen: 0, updated_at: now, version: 1 });
  const account = (await repo.findAccount(tx, a.unitId, key))!;
  if (!(await repo.changeBalance(tx, account, a.amountFen, now))) throw lostRace();
  const balance = Number(account.balance_fen) + a.amountFen;
  await repo.insertEntry(tx, {
    id: newId(), account_id: account.id, kind: a.kind, amount_fen: a.amountFen, balance_after_fen: balance, payment_id: a.paymentId,
    bill_line_id: null, run_id: null, created_by: ctx.actor.user.id, created_at: now,
  });
  return balance;
}

function closeView(r: DailyClosesTable, names: Map<string, string>): DailyClose {
  return {
    id: r.id,
    projectId: r.project_id,
    cashierId: r.cashier_id,
    cashierName: names.get(r.cashier_id) ?? '',
    businessDate: r.business_date,
    summary: JSON.parse(r.summary) as DailyCloseSummary,
    totalFen: Number(r.total_fen),
    receiptFrom: r.receipt_from,
    receiptTo: r.receipt_to,
    handedTo: r.handed_to,
    handedToName: r.handed_to ? (names.get(r.handed_to) ?? null) : null,
    createdAt: r.created_at,
  };
}

async function daySummary(tx: Tx, projectId: string, cashierId: string, businessDate: string) {
  const rows = await repo.paymentsOfDay(tx, projectId, cashierId, businessDate);
  const reversed = new Map((await repo.findPaymentsByIds(tx, rows.map((r) => r.reverses_payment_id).filter((x): x is string => !!x))).map((p) => [p.id, p.receipt_number]));
  const summary = summarizeDay(
    rows.map((r) => ({
      kind: r.kind, method: r.method, amountFen: Number(r.amount_fen), changeFen: Number(r.change_fen), receiptNumber: r.receipt_number, reason: r.reason,
      reversedReceiptNumber: r.reverses_payment_id ? (reversed.get(r.reverses_payment_id) ?? null) : null,
    })),
  );
  return { rows, summary };
}

/** Deposits as the API shows them (with their receipt numbers); renovations show theirs this way. */
export async function depositView(db: Tx, rows: DepositsTable[]): Promise<Deposit[]> {
  const units = new Map((await repo.unitsInfo(db, [...new Set(rows.map((r) => r.unit_id).filter((x): x is string => !!x))])).map((u) => [u.id, u]));
  const payments = new Map(
    (await repo.findPaymentsByIds(db, rows.flatMap((r) => [r.payment_id, r.refund_payment_id]).filter((x): x is string => !!x))).map((p) => [p.id, p.receipt_number]),
  );
  return rows.map((r) => {
    const u = r.unit_id ? units.get(r.unit_id) : undefined;
    return {
      id: r.id,
      projectId: r.project_id,
      unitId: r.unit_id,
      unitLabel: u ? unitLabel(u) : null,
      kind: r.kind as DepositKind,
      description: r.description,
      payerName: r.payer_name,
      amountFen: Number(r.amount_fen),
      status: r.status as Deposit['status'],
      paymentId: r.payment_id,
      receiptNumber: payments.get(r.payment_id) ?? '',
      refundPaymentId: r.refund_payment_id,
      refundReceiptNumber: r.refund_payment_id ? (payments.get(r.refund_payment_id) ?? null) : null,
      deductionFen: Number(r.deduction_fen),
      deductionReason: r.deduction_reason,
      source: r.source,
      sourceId: r.source_id,
      createdAt: r.created_at,
      refundedAt: r.refunded_at,
    };
  });
}

function basePayment(ctx: Ctx, p: { projectId: string; unitId: string | null; kind: PaymentKind; method: PaymentMethod; amountFen: number; receipt: { number: string; year: number }; businessDate: string }): PaymentsTable {
  return {
    id: newId(), project_id: p.projectId, unit_id: p.unitId, kind: p.kind, method: p.method, amount_fen: p.amountFen, change_fen: 0,
    receipt_number: p.receipt.number, receipt_year: p.receipt.year, payer_name: null, note: null, reason: null, reverses_payment_id: null,
    reversed_by_payment_id: null, direct_debit_item_id: null, print_count: 0, daily_close_id: null, business_date: p.businessDate,
    cashier_id: ctx.actor.user.id, created_at: nowIso(), version: 1,
  };
}

/**
 * Takes a payment for a unit inside the caller's transaction: late fees to date of the lines it
 * reaches become late_fee lines, lines are paid through the guarded ledger, the excess goes to
 * change or prepaid, and the receipt number is allocated. Shared with direct debit.
 */
export async function takePayment(
  tx: Tx,
  ctx: Ctx,
  unit: UnitInfo,
  body: CreatePaymentBody & { directDebitItemId?: string },
  businessDate: string,
): Promise<PaymentResult & { row: PaymentsTable }> {
  const lines = await linesWithLateFees(tx, unit.id, businessDate);
  const byId = new Map(lines.map((l) => [l.id, l]));
  const pending = new Map(lines.filter((l) => l.lateFeeFen > 0).map((l) => [l.id, l.lateFeeFen]));
  // A chosen line of this unit that is no longer open was settled meanwhile (often by another cashier): 409, not "unknown".
  const gone = (body.billLineIds ?? []).filter((id) => !byId.has(id));
  const settled = (await repo.linesByIds(tx, gone)).find((l) => l.unit_id === unit.id && l.status !== 'unpaid' && l.status !== 'partially_paid');
  if (settled) throw conflict('bill_line_settled', { zh: '所选账单明细已结清或已作废，请刷新', en: 'A chosen bill line is already settled or void; refresh' }, { billLineId: settled.id });
  const { lines: reachable, order } = paymentOrder(
    lines.map((l) => ({ billLineId: l.id, period: l.period, dueDate: l.dueDate, outstandingFen: l.outstandingFen })),
    pending,
    body.billLineIds,
  );
  const allocation = allocatePayment({
    lines: reachable,
    amountFen: body.amountFen,
    method: body.method,
    chosenLineIds: order.length > 0 || body.billLineIds ? order : undefined,
    keepExcessAsPrepaid: body.keepExcessAsPrepaid,
  });
  if (allocation.allocations.length === 0) {
    throw conflict('nothing_owed', { zh: '该房屋没有待缴费用；如需预存，请使用“预存”', en: 'The unit owes nothing; to pay in advance use a prepaid top-up' });
  }

  const now = nowIso();
  const paymentId = newId();
  // A charge reached by this payment brings its whole late fee to date as a late_fee line
  // (paid now as far as the money goes, owed otherwise): the fee is never lost once the charge is settled.
  const finalAllocations: { billLineId: string; amountFen: number; version: number }[] = [];
  let lateFeeFen = 0;
  for (const a of allocation.allocations) {
    if (a.billLineId.startsWith(LATE_FEE_KEY)) continue;
    const line = byId.get(a.billLineId)!;
    finalAllocations.push({ billLineId: line.id, amountFen: a.amountFen, version: line.version });
    const fee = pending.get(line.id) ?? 0;
    if (fee > 0) {
      const feeLineId = newId();
      lateFeeFen += fee;
      await repo.insertLine(tx, {
        id: feeLineId, bill_id: line.billId, project_id: unit.project_id, unit_id: unit.id, fee_item_id: line.feeItemId, kind: 'late_fee',
        description: `滞纳金（${line.description}）`, cover_from: line.coverFrom, cover_to: line.coverTo, quantity_milli: null, rate_centi_fen: null, detail: null,
        amount_fen: fee, paid_fen: 0, credited_fen: 0, status: 'unpaid', due_date: businessDate, billing_key: null, source: 'late_fee', source_id: paymentId,
        related_line_id: line.id, void_reason: null, voided_by: null, voided_at: null, approved_by: null, approved_at: null, reason: null,
        created_by: ctx.actor.user.id, created_at: now, updated_at: now, version: 1,
      });
      const toFee = allocation.allocations.find((x) => x.billLineId === LATE_FEE_KEY + line.id)?.amountFen ?? 0;
      if (toFee > 0) finalAllocations.push({ billLineId: feeLineId, amountFen: toFee, version: 1 });
    }
  }
  // Lines in id order, so two payments touching the same lines lock them in the same order.
  for (const a of [...finalAllocations].sort((x, y) => (x.billLineId < y.billLineId ? -1 : 1))) {
    if (!(await changeLinePaid(tx, { id: a.billLineId, version: a.version }, a.amountFen))) throw lostRace();
  }
  await refreshBills(tx, [...new Set(finalAllocations.map((a) => byId.get(a.billLineId)?.billId).filter((x): x is string => !!x))]);

  await assertDayOpen(tx, unit.project_id, ctx.actor.user.id, businessDate);
  const receipt = await nextReceipt(tx, unit.project_id, businessDate);
  const allocatedFen = finalAllocations.reduce((s, a) => s + a.amountFen, 0);
  const keptFen = allocatedFen + allocation.unallocatedFen;
  const row: PaymentsTable = {
    ...basePayment(ctx, { projectId: unit.project_id, unitId: unit.id, kind: 'payment', method: body.method, amountFen: keptFen, receipt, businessDate }),
    id: paymentId,
    change_fen: allocation.changeFen + (body.tenderedFen !== undefined ? body.tenderedFen - body.amountFen : 0),
    payer_name: body.payerName ?? null,
    note: body.note ?? null,
    direct_debit_item_id: body.directDebitItemId ?? null,
  };
  await repo.insertPayment(tx, row);
  await repo.insertAllocations(tx, finalAllocations.map((a) => ({ id: newId(), payment_id: paymentId, bill_line_id: a.billLineId, amount_fen: a.amountFen, created_at: now })));
  if (allocation.unallocatedFen > 0) {
    await creditPrepaid(tx, ctx, { projectId: unit.project_id, unitId: unit.id, feeItemId: null, amountFen: allocation.unallocatedFen, paymentId, kind: 'top_up' });
  }
  const result = {
    id: paymentId,
    receiptNumber: receipt.number,
    allocations: finalAllocations.map((a) => ({ billLineId: a.billLineId, amountFen: a.amountFen })),
    changeFen: Number(row.change_fen),
    amountFen: keptFen,
    lateFeeFen,
    prepaidFen: allocation.unallocatedFen,
  };
  await recordAudit(tx, ctx, { action: 'payment.create', entity: 'payment', entityId: paymentId, projectId: unit.project_id, before: null, after: { ...result, method: body.method, unitId: unit.id } });
  return { ...result, row };
}

/** A prepaid top-up (预存) with its receipt, inside the caller's transaction. Shared with direct debit. */
export async function takePrepayment(
  tx: Tx,
  ctx: Ctx,
  unit: UnitInfo,
  body: Omit<CreatePrepayBody, 'method'> & { method: PaymentMethod; directDebitItemId?: string },
  businessDate: string,
): Promise<{ id: string; receiptNumber: string; balanceFen: number }> {
  await assertDayOpen(tx, unit.project_id, ctx.actor.user.id, businessDate);
  const receipt = await nextReceipt(tx, unit.project_id, businessDate);
  const row: PaymentsTable = {
    ...basePayment(ctx, { projectId: unit.project_id, unitId: unit.id, kind: 'prepay', method: body.method, amountFen: body.amountFen, receipt, businessDate }),
    payer_name: body.payerName ?? null,
    note: body.note ?? null,
    direct_debit_item_id: body.directDebitItemId ?? null,
  };
  await repo.insertPayment(tx, row);
  const balanceFen = await creditPrepaid(tx, ctx, { projectId: unit.project_id, unitId: unit.id, feeItemId: body.feeItemId ?? null, amountFen: body.amountFen, paymentId: row.id, kind: 'top_up' });
  await recordAudit(tx, ctx, { action: 'prepaid.top_up', entity: 'payment', entityId: row.id, projectId: unit.project_id, before: null, after: { unitId: unit.id, feeItemId: body.feeItemId ?? null, amountFen: body.amountFen, receiptNumber: receipt.number } });
  return { id: row.id, receiptNumber: receipt.number, balanceFen };
}

/**
 * A deposit (押金) with its receipt inside the caller's transaction; the caller has checked scope
 * and the unit. `source` names what it secures (a renovation takes its 装修押金 this way).
 */
export async function takeDepositIn(
  tx: Tx,
  ctx: Ctx,
  body: CreateDepositBody,
  businessDate: string,
  source: { kind: string; id: string } | null = null,
): Promise<DepositsTable> {
  await assertDayOpen(tx, body.projectId, ctx.actor.user.id, businessDate);
  const receipt = await nextReceipt(tx, body.projectId, businessDate);
  const payment: PaymentsTable = {
    ...basePayment(ctx, { projectId: body.projectId, unitId: body.unitId ?? null, kind: 'deposit', method: body.method, amountFen: body.amountFen, receipt, businessDate }),
    payer_name: body.payerName,
  };
  await repo.insertPayment(tx, payment);
  const deposit: DepositsTable = {
    id: newId(), project_id: body.projectId, unit_id: body.unitId ?? null, kind: body.kind, description: body.description, payer_name: body.payerName,
    amount_fen: body.amountFen, status: 'held', payment_id: payment.id, refund_payment_id: null, deduction_fen: 0, deduction_reason: null,
    source: source?.kind ?? null, source_id: source?.id ?? null, created_at: nowIso(), refunded_at: null, version: 1,
  };
  await repo.insertDeposit(tx, deposit);
  await recordAudit(tx, ctx, {
    action: 'deposit.take', entity: 'deposit', entityId: deposit.id, projectId: body.projectId, before: null,
    after: { ...body, receiptNumber: receipt.number, ...(source ? { source: source.kind, sourceId: source.id } : {}) },
  });
  return deposit;
}

/** Refunds a held deposit minus the deduction under its own negative receipt, inside the caller's transaction. */
export async function refundDepositIn(tx: Tx, ctx: Ctx, deposit: DepositsTable, body: RefundDepositBody, businessDate: string): Promise<DepositsTable> {
  const notHeld = () => conflict('deposit_not_held', { zh: '该押金已退还', en: 'The deposit has already been refunded' });
  if (deposit.status !== 'held') throw notHeld();
  if (body.deductionFen > Number(deposit.amount_fen)) {
    throw fieldInvalid('body.deductionFen', { zh: '扣款不能超过押金金额', en: 'the deduction cannot exceed the deposit' });
  }
  const refundFen = Number(deposit.amount_fen) - body.deductionFen;
  await assertDayOpen(tx, deposit.project_id, ctx.actor.user.id, businessDate);
  const receipt = await nextReceipt(tx, deposit.project_id, businessDate);
  const payment: PaymentsTable = {
    ...basePayment(ctx, { projectId: deposit.project_id, unitId: deposit.unit_id, kind: 'deposit_refund', method: body.method, amountFen: -refundFen, receipt, businessDate }),
    payer_name: deposit.payer_name,
    reason: body.deductionReason ?? null,
  };
  await repo.insertPayment(tx, payment);
  const patch = { refund_payment_id: payment.id, deduction_fen: body.deductionFen, deduction_reason: body.deductionReason ?? null, refunded_at: nowIso() };
  if (!(await repo.markRefunded(tx, deposit, patch))) throw notHeld();
  await recordAudit(tx, ctx, {
    action: 'deposit.refund', entity: 'deposit', entityId: deposit.id, projectId: deposit.project_id,
    before: { status: 'held' }, after: { status: 'refunded', refundFen, deductionFen: body.deductionFen, deductionReason: body.deductionReason ?? null, receiptNumber: receipt.number },
  });
  return { ...deposit, ...patch, status: 'refunded', version: deposit.version + 1 };
}

/** 日结 of the actor's day inside the caller's transaction (shared with the demo seed). */
export async function closeDay(tx: Tx, ctx: Ctx, projectId: string, businessDate: string, handedTo?: string): Promise<DailyClosesTable> {
  const cashierId = ctx.actor.user.id;
  await nextCounter(tx, `day:${projectId}:${cashierId}:${businessDate}`);
  if (await repo.findClose(tx, projectId, cashierId, businessDate)) {
    throw conflict('day_already_closed', { zh: `${businessDate} 已日结`, en: `${businessDate} has already been closed` });
  }
  const { rows, summary } = await daySummary(tx, projectId, cashierId, businessDate);
  const close: DailyClosesTable = {
    id: newId(), project_id: projectId, cashier_id: cashierId, business_date: businessDate, summary: JSON.stringify(summary),
    total_fen: summary.totalFen, receipt_from: summary.receiptFrom, receipt_to: summary.receiptTo, handed_to: handedTo ?? null, created_at: nowIso(),
  };
  await repo.insertClose(tx, close);
  await repo.markPaymentsClosed(tx, rows.map((r) => r.id), close.id);
  await recordAudit(tx, ctx, { action: 'daily_close.create', entity: 'daily_close', entityId: close.id, projectId, before: null, after: { businessDate, totalFen: summary.totalFen, count: summary.count, handedTo: handedTo ?? null } });
  return close;
}

/** Users whose grant on the project (or above it) lets them take a cashier's hand-over, by name. */
async function handOverRecipients(ctx: Ctx, project: { path: string } | undefined): Promise<HandOverRecipient[]> {
  if (!project) return [];
  const byUser = new Map<string, HandOverRecipient>();
  for (const g of await repo.grantsAt(ctx.database.db, pathNodeIds(project.path))) {
    if (receivesHandOver(JSON.parse(g.permissions) as string[], g.id, ctx.actor.user.id)) byUser.set(g.id, { id: g.id, displayName: g.display_name });
  }
  return [...byUser.values()].sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN'));
}

export const paymentsService = {
  async searchUnits(ctx: Ctx, q: { q: string; projectId?: string }): Promise<CashierUnit[]> {
    const db = ctx.database.db;
    const projectIds = await projectFilter(ctx, 'billing.read', q.projectId);
    const ids = await repo.searchUnits(db, projectIds, parseUnitSearch(q.q), 20);
    const units = await repo.unitsInfo(db, ids);
    units.sort((a, b) => unitLabel(a).localeCompare(unitLabel(b), 'zh-CN', { numeric: true }));
    return cashierUnits(db, units);
  },

  async outstanding(ctx: Ctx, unitId: string): Promise<Outstanding> {
    const db = ctx.database.db;
    const unit = await unitInScope(ctx, db, unitId, 'billing.read');
    const asOf = cashierClock.today(unit.timezone);
    const lines = await linesWithLateFees(db, unitId, asOf);
    const out: OutstandingLine[] = lines.map((l) => ({
      billLineId: l.id, billId: l.billId, period: l.period, kind: l.kind, description: l.description, feeItemName: l.feeItemName, dueDate: l.dueDate,
      amountFen: l.amountFen, paidFen: l.paidFen, creditedFen: l.creditedFen, outstandingFen: l.outstandingFen, lateFeeFen: l.lateFeeFen, overdueDays: l.overdueDays,
    }));
    const outstandingFen = out.reduce((s, l) => s + l.outstandingFen, 0);
    const lateFeeFen = out.reduce((s, l) => s + l.lateFeeFen, 0);
    const accounts = await repo.accountsOfUnit(db, unitId);
    return {
      unit: (await cashierUnits(db, [unit]))[0]!,
      asOf,
      lines: out,
      totals: { outstandingFen, lateFeeFen, dueFen: outstandingFen + lateFeeFen },
      prepaid: accounts.map((a) => ({ accountId: a.id, feeItemId: a.fee_item_id, feeItemName: a.fee_item_name, balanceFen: Number(a.balance_fen) })),
    };
  },

  async pay(ctx: Ctx, body: CreatePaymentBody): Promise<PaymentResult> {
    const unit = await unitInScope(ctx, ctx.database.db, body.unitId, 'billing.collect');
    const businessDate = cashierClock.today(unit.timezone);
    const { row: _row, ...result } = await ctx.database.db.transaction().execute((tx) => takePayment(tx, ctx, unit, body, businessDate));
    return result;
  },

  async list(ctx: Ctx, q: PaymentListQuery): Promise<{ items: Payment[]; total: number; page: number; pageSize: number }> {
    const db = ctx.database.db;
    const projectIds = await projectFilter(ctx, 'billing.read', q.projectId);
    const { rows, total } = await repo.listPayments(db, { ...q, projectIds }, q);
    const names = new Map(rows.map((r) => [r.project_id, r.project_name]));
    const units = new Map((await repo.unitsInfo(db, [...new Set(rows.map((r) => r.unit_id).filter((x): x is string => !!x))])).map((u) => [u.id, u]));
    const items = rows.map((r) => {
      const u = r.unit_id ? units.get(r.unit_id) : undefined;
      return toPayment(r, { cashier: r.cashier_name, project: names.get(r.project_id) ?? '', unit: u ? unitLabel(u) : null });
    });
    return { items, total, page: q.page, pageSize: q.pageSize };
  },

  async receipt(ctx: Ctx, id: string): Promise<Receipt> {
    const db = ctx.database.db;
    const row = await repo.findPayment(db, id);
    if (!row) throw notFound(PAYMENT);
    await assertProjectInScope(ctx, 'billing.read', row.project_id, PAYMENT);
    const [payment] = await paymentsView(db, [row]);
    const project = await repo.projectInfo(db, row.project_id);
    const relatedId = row.reverses_payment_id ?? row.reversed_by_payment_id;
    const related = relatedId ? await repo.findPayment(db, relatedId) : undefined;
    const allocations = await repo.allocationsOf(db, row.reverses_payment_id ?? row.id);
    const sign = row.kind === 'reversal' ? -1 : 1;
    let purpose: string | null = null;
    if (row.kind === 'prepay') {
      const entry = (await repo.entriesOfPayment(db, row.id))[0];
      const account = entry ? await repo.findAccountById(db, entry.account_id) : undefined;
      const item = account?.fee_item_id ? await repo.feeItemOfProject(db, account.fee_item_id) : undefined;
      purpose = item ? `预存${item.name}` : '预存款（通用）';
    } else if (row.kind === 'deposit' || row.kind === 'deposit_refund') {
      const d = await repo.depositOfPayment(db, row.id);
      purpose = d ? (row.kind === 'deposit_refund' && Number(d.deduction_fen) > 0 ? `${d.description}（扣除 ${(Number(d.deduction_fen) / 100).toFixed(2)} 元：${d.deduction_reason ?? ''}）` : d.description) : null;
    } else if (Number(row.amount_fen) !== 0 && row.kind === 'payment') {
      const prepaid = (await repo.entriesOfPayment(db, row.id)).reduce((s, e) => s + Number(e.amount_fen), 0);
      if (prepaid > 0) purpose = `余额 ${(prepaid / 100).toFixed(2)} 元转入预存款`;
    }
    return {
      ...payment!,
      projectAddress: project?.address ?? null,
      lines: allocations.map((a) => ({ billLineId: a.bill_line_id, period: a.period, description: a.description, kind: a.kind, amountFen: sign * Number(a.amount_fen) })),
      amountCapital: capitalAmount(Number(row.amount_fen)),
      relatedReceiptNumber: related?.receipt_number ?? null,
      purpose,
    };
  },

  /** Records a print of the receipt; every print after the first is a reprint (补打). */
  async print(ctx: Ctx, id: string): Promise<{ printCount: number; reprint: boolean }> {
    return ctx.database.db.transaction().execute(async (tx) => {
      const row = await repo.findPayment(tx, id);
      if (!row) throw notFound(PAYMENT);
      await assertProjectInScope(ctx, 'billing.read', row.project_id, PAYMENT);
      const printCount = await repo.incrementPrint(tx, id);
      if (printCount > 1) {
        await recordAudit(tx, ctx, { action: 'payment.reprint', entity: 'payment', entityId: id, projectId: row.project_id, before: { printCount: printCount - 1 }, after: { printCount } });
      }
      return { printCount, reprint: printCount > 1 };
    });
  },

  /**
   * 冲正: a negative payment with its own receipt number that gives every line back exactly what
   * this payment paid, voids the late-fee lines it billed (if nothing else paid them), and takes
   * back what it put on the prepaid balance. Dated today, in the reverser's open day: a payment of
   * a day already closed is reversed in today's figures and the closed day stays as handed over.
   */
  async reverse(ctx: Ctx, id: string, reason: string): Promise<Payment> {
    const original = await repo.findPayment(ctx.database.db, id);
    if (!original) throw notFound(PAYMENT);
    await assertProjectInScope(ctx, 'billing.reverse', original.project_id, PAYMENT);
    if (original.kind !== 'payment' && original.kind !== 'prepay') {
      throw conflict('payment_not_reversible', {
        zh: '只有收费和预存可以冲正；押金请办理退还',
        en: 'Only payments and prepayments can be reversed; refund a deposit instead',
      });
    }
    if (original.reversed_by_payment_id) throw conflict('payment_already_reversed', { zh: '该收费已冲正', en: 'The payment has already been reversed' });
    const project = await repo.projectInfo(ctx.database.db, original.project_id);
    const businessDate = cashierClock.today(project?.timezone ?? DEFAULT_TIMEZONE);

    const row = await ctx.database.db.transaction().execute(async (tx) => {
      const allocations = await repo.allocationsOf(tx, original.id);
      const current = new Map((await repo.linesByIds(tx, allocations.map((a) => a.bill_line_id))).map((l) => [l.id, l]));
      for (const a of [...allocations].sort((x, y) => (x.bill_line_id < y.bill_line_id ? -1 : 1))) {
        const line = current.get(a.bill_line_id)!;
        if (!(await changeLinePaid(tx, line, -Number(a.amount_fen)))) throw lostRace();
      }
      const now = nowIso();
      for (const fee of await repo.lateFeeLinesOf(tx, original.id)) {
        if (Number(fee.paid_fen) === 0 && !(await repo.voidLine(tx, fee, `冲正 ${original.receipt_number}`, ctx.actor.user.id, now))) throw lostRace();
      }
      await refreshBills(tx, allocations.map((a) => a.bill_id));

      await assertDayOpen(tx, original.project_id, ctx.actor.user.id, businessDate);
      const receipt = await nextReceipt(tx, original.project_id, businessDate);
      const reversal: PaymentsTable = {
        ...basePayment(ctx, { projectId: original.project_id, unitId: original.unit_id, kind: 'reversal', method: original.method as PaymentMethod, amountFen: -Number(original.amount_fen), receipt, businessDate }),
        payer_name: original.payer_name,
        reason,
        reverses_payment_id: original.id,
      };
      await repo.insertPayment(tx, reversal);
      if (!(await repo.markReversed(tx, original, reversal.id))) throw conflict('payment_already_reversed', { zh: '该收费已冲正', en: 'The payment has already been reversed' });
      await repo.insertAllocations(tx, allocations.map((a) => ({ id: newId(), payment_id: reversal.id, bill_line_id: a.bill_line_id, amount_fen: -Number(a.amount_fen), created_at: now })));
      for (const entry of await repo.entriesOfPayment(tx, original.id)) {
        const account = (await repo.findAccountById(tx, entry.account_id))!;
        const amount = Number(entry.amount_fen);
        if (!(await repo.changeBalance(tx, account, -amount, now))) {
          throw conflict('prepaid_already_used', {
            zh: '该笔预存款已被账单抵扣，余额不足，无法冲正',
            en: 'The prepaid money from this payment has already been applied to bills; the balance is too low to reverse it',
          });
        }
        await repo.insertEntry(tx, {
          id: newId(), account_id: account.id, kind: 'reversal', amount_fen: -amount, balance_after_fen: Number(account.balance_fen) - amount,
          payment_id: reversal.id, bill_line_id: null, run_id: null, created_by: ctx.actor.user.id, created_at: now,
        });
      }
      await recordAudit(tx, ctx, {
        action: 'payment.reverse', entity: 'payment', entityId: original.id, projectId: original.project_id,
        before: { receiptNumber: original.receipt_number, amountFen: Number(original.amount_fen) },
        after: { reversalReceiptNumber: receipt.number, reason, closedDay: original.daily_close_id !== null },
      });
      return reversal;
    });
    return (await paymentsView(ctx.database.db, [row]))[0]!;
  },

  // ---------------------------------------------------------------- prepaid

  async topUp(ctx: Ctx, body: CreatePrepayBody): Promise<{ id: string; receiptNumber: string; balanceFen: number }> {
    const unit = await unitInScope(ctx, ctx.database.db, body.unitId, 'billing.collect');
    if (body.feeItemId) {
      const item = await repo.feeItemOfProject(ctx.database.db, body.feeItemId);
      if (!item || item.project_id !== unit.project_id) throw fieldInvalid('body.feeItemId', { zh: '该项目没有这个收费项目', en: 'the project has no such fee item' });
    }
    const businessDate = cashierClock.today(unit.timezone);
    return ctx.database.db.transaction().execute((tx) => takePrepayment(tx, ctx, unit, body, businessDate));
  },

  async prepaidOf(ctx: Ctx, unitId: string): Promise<PrepaidAccounts> {
    const db = ctx.database.db;
    await unitInScope(ctx, db, unitId, 'billing.read');
    const accounts = await repo.accountsOfUnit(db, unitId);
    const entries = await repo.entriesOfAccounts(db, accounts.map((a) => a.id), 200);
    return {
      unitId,
      accounts: accounts.map((a) => ({
        accountId: a.id, feeItemId: a.fee_item_id, feeItemName: a.fee_item_name, balanceFen: Number(a.balance_fen),
        entries: entries.filter((e) => e.account_id === a.id).map((e) => ({
          id: e.id, kind: e.kind as 'top_up', amountFen: Number(e.amount_fen), balanceAfterFen: Number(e.balance_after_fen), receiptNumber: e.receipt_number, createdAt: e.created_at,
        })),
      })),
    };
  },

  // ---------------------------------------------------------------- deposits

  async takeDeposit(ctx: Ctx, body: CreateDepositBody): Promise<Deposit> {
    await assertProjectInScope(ctx, 'billing.collect', body.projectId, { zh: '项目', en: 'project' });
    const project = await repo.projectInfo(ctx.database.db, body.projectId);
    if (!project) throw notFound({ zh: '项目', en: 'project' });
    if (body.unitId) {
      const unit = (await repo.unitsInfo(ctx.database.db, [body.unitId]))[0];
      if (!unit || unit.project_id !== body.projectId) throw fieldInvalid('body.unitId', { zh: '该项目没有这个房屋', en: 'the project has no such unit' });
    }
    const businessDate = cashierClock.today(project.timezone);
    const row = await ctx.database.db.transaction().execute((tx) => takeDepositIn(tx, ctx, body, businessDate));
    return (await depositView(ctx.database.db, [row]))[0]!;
  },

  /** Refunds a held deposit minus deductions (with the reason), under its own (negative) receipt. */
  async refundDeposit(ctx: Ctx, id: string, body: RefundDepositBody): Promise<Deposit> {
    const deposit = await repo.findDeposit(ctx.database.db, id);
    if (!deposit) throw notFound(DEPOSIT);
    await assertProjectInScope(ctx, 'billing.collect', deposit.project_id, DEPOSIT);
    // A deposit that secures a record (a renovation's 装修押金) is paid back from that record, which it closes.
    if (deposit.source) {
      throw conflict('deposit_has_source', {
        zh: '该押金属于装修申请，请在装修申请中办理退押金（同时结案）',
        en: 'This deposit belongs to a renovation application: refund it there (which also closes the application)',
      }, { source: deposit.source, sourceId: deposit.source_id });
    }
    const project = await repo.projectInfo(ctx.database.db, deposit.project_id);
    const businessDate = cashierClock.today(project?.timezone ?? DEFAULT_TIMEZONE);
    const updated = await ctx.database.db.transaction().execute((tx) => refundDepositIn(tx, ctx, deposit, body, businessDate));
    return (await depositView(ctx.database.db, [updated]))[0]!;
  },

  async listDeposits(ctx: Ctx, q: { projectId?: string; unitId?: string; status?: string; q?: string; page: number; pageSize: number; sort?: string }) {
    const projectIds = await projectFilter(ctx, 'billing.read', q.projectId);
    const { rows, total } = await repo.listDeposits(ctx.database.db, { ...q, projectIds }, q);
    return { items: await depositView(ctx.database.db, rows), total, page: q.page, pageSize: q.pageSize };
  },

  // ---------------------------------------------------------------- daily close

  async closePreview(ctx: Ctx, q: { projectId: string; date?: string }) {
    await assertProjectInScope(ctx, 'billing.collect', q.projectId, { zh: '项目', en: 'project' });
    const project = await repo.projectInfo(ctx.database.db, q.projectId);
    const businessDate = q.date ?? cashierClock.today(project?.timezone ?? DEFAULT_TIMEZONE);
    const { summary } = await daySummary(ctx.database.db, q.projectId, ctx.actor.user.id, businessDate);
    const closed = !!(await repo.findClose(ctx.database.db, q.projectId, ctx.actor.user.id, businessDate));
    return { projectId: q.projectId, cashierId: ctx.actor.user.id, businessDate, closed, summary };
  },

  /** Whom the signed-in cashier may hand the day over to on this project. */
  async recipients(ctx: Ctx, q: { projectId: string }): Promise<{ items: HandOverRecipient[] }> {
    await assertProjectInScope(ctx, 'billing.collect', q.projectId, { zh: '项目', en: 'project' });
    return { items: await handOverRecipients(ctx, await repo.projectInfo(ctx.database.db, q.projectId)) };
  },

  /** 日结: the cashier hands over the day; from then on nothing can be booked into it. */
  async close(ctx: Ctx, body: { projectId: string; businessDate?: string; handedTo?: string }): Promise<DailyClose> {
    await assertProjectInScope(ctx, 'billing.collect', body.projectId, { zh: '项目', en: 'project' });
    const project = await repo.projectInfo(ctx.database.db, body.projectId);
    const today = cashierClock.today(project?.timezone ?? DEFAULT_TIMEZONE);
    const businessDate = body.businessDate ?? today;
    if (businessDate > today) throw fieldInvalid('body.businessDate', { zh: '不能日结未来的日期', en: 'a day in the future cannot be closed' });
    if (body.handedTo && !(await handOverRecipients(ctx, project)).some((u) => u.id === body.handedTo)) {
      throw fieldInvalid('body.handedTo', {
        zh: '交接人须是本项目负责收费或财务审批的其他人员',
        en: 'hand over to someone else who takes or approves money on this project',
      });
    }
    const row = await ctx.database.db.transaction().execute((tx) => closeDay(tx, ctx, body.projectId, businessDate, body.handedTo));
    const names = new Map((await repo.userNames(ctx.database.db, [row.cashier_id, row.handed_to].filter((x): x is string => !!x))).map((u) => [u.id, u.display_name]));
    return closeView(row, names);
  },

  async listCloses(ctx: Ctx, q: { projectId?: string; cashierId?: string; dateFrom?: string; dateTo?: string; page: number; pageSize: number; sort?: string }) {
    const projectIds = await projectFilter(ctx, 'billing.read', q.projectId);
    const { rows, total } = await repo.listCloses(ctx.database.db, { ...q, projectIds }, q);
    const names = new Map((await repo.userNames(ctx.database.db, [...new Set(rows.flatMap((r) => [r.cashier_id, r.handed_to]).filter((x): x is string => !!x))])).map((u) => [u.id, u.display_name]));
    return { items: rows.map((r) => closeView(r, names)), total, page: q.page, pageSize: q.pageSize };
  },
};
