/**
 * Demo payments, through the real payment rules: the demo cashier 王淑珍 takes most homes' and
 * shops' 2026-09 and 2026-10 bills, and about half of 2026-11's (the month is not over), at the
 * counter (cash, WeChat Pay, Alipay, bank card) on days of September to November, closes each of
 * those days, and takes a few prepayments, deposits and direct-debit mandates. 丽景花园 1栋 101
 * keeps 2026-10 and 2026-11 unpaid (the browser test pays them). Does nothing when there are no
 * bills (the billing runs' demo data is absent).
 */
import type { PaymentMethod } from '@propdesk/contracts';
import type { Tx } from '../db/database.js';
import type { BillLinesTable, PaymentAllocationsTable, PaymentsTable } from '../db/schema.js';
import type { Ctx } from '../http/context.js';
import { newId } from '../lib/ids.js';
import { nowIso } from '../lib/time.js';
import { openLines, refreshBills } from '../modules/billing/billing.ledger.repository.js';
import { formatReceiptNumber, receiptCounterKey } from '../modules/billing/billing.receipt.js';
import { unbilledLateFee } from '../modules/billing/billing.late-fee.js';
import { paymentsRepository, type UnitInfo } from '../modules/payments/payments.repository.js';
import { cashierClock, closeDay, takeDepositIn, takePrepayment } from '../modules/payments/payments.service.js';
import { DEFAULT_TIMEZONE } from '../modules/org/org.service.js';
import { personName, prng } from './demo-data.js';
import { nextCounter } from '../db/counters.js';

const METHODS: PaymentMethod[] = ['cash', 'cash', 'wechat', 'wechat', 'wechat', 'alipay', 'alipay', 'bank_card'];

export async function seedPaymentsDemo(tx: Tx): Promise<void> {
  const cashier = await tx.selectFrom('users').select(['id', 'display_name']).where('username', '=', 'cashier').executeTakeFirst();
  const garden = await tx.selectFrom('org_units').select(['id']).where('kind', '=', 'project').where('name', '=', '丽景花园').executeTakeFirst();
  if (!cashier || !garden) return;
  const bills = await tx
    .selectFrom('bills as b')
    .innerJoin('units as u', 'u.id', 'b.unit_id')
    .innerJoin('org_units as bd', 'bd.id', 'u.building_id')
    .select(['b.unit_id', 'b.period', 'b.project_id', 'u.number', 'bd.name as building_name', 'b.project_id'])
    .where('b.period', 'in', ['2026-09', '2026-10', '2026-11'])
    .where('b.status', 'in', ['unpaid', 'partially_paid'])
    .orderBy('b.unit_id')
    .orderBy('b.period')
    .execute();
  if (bills.length === 0) return;

  // A service context for the demo cashier: what the payment rules and the audit record need.
  const ctx = { actor: { user: { id: cashier.id, displayName: cashier.display_name } }, ip: 'demo-seed' } as unknown as Ctx;
  const rnd = prng(20261130);
  // 1栋 101 is the browser test's unit: September paid, October and November owed — never left to chance
  // (the bills come in unit-id order, and ids are random: a random skip could hit it on any run).
  const testUnit = (b: { building_name: string; number: string; project_id: string }) => b.project_id === garden.id && b.building_name === '1栋' && b.number === '101';

  // Who pays what and when: most units pay each month, some skip (they become the arrears).
  const plan: { unitId: string; period: string; date: string; method: PaymentMethod }[] = [];
  for (const b of bills) {
    // November is still running: about half have paid so far, none late yet, none on the last days.
    const current = b.period === '2026-11';
    if (testUnit(b) ? b.period !== '2026-09' : rnd() < (current ? 0.45 : 0.12)) continue;
    const [y, m] = b.period.split('-').map(Number) as [number, number];
    // Paid during the month, a few late in the next one (they bring their late fee with them).
    const late = !current && !testUnit(b) && rnd() < 0.1;
    const month = late ? m + 1 : m;
    const day = 3 + Math.floor(rnd() * (late ? 20 : current ? 24 : 25));
    plan.push({ unitId: b.unit_id, period: b.period, date: `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, method: METHODS[Math.floor(rnd() * METHODS.length)]! });
  }
  plan.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.unitId < b.unitId ? -1 : 1));

  const units = new Map((await paymentsRepository.unitsInfo(tx, [...new Set(plan.map((p) => p.unitId))])).map((u) => [u.id, u]));
  const owners = new Map<string, string>();
  for (const o of await paymentsRepository.ownersOf(tx, [...units.keys()])) if (!owners.has(o.unit_id)) owners.set(o.unit_id, o.name);
  const days = new Map<string, Set<string>>();
  await writePlannedPayments(tx, ctx, plan, units, owners, days);

  // A few homes keep money in advance; two renovations hold a deposit; some pay by direct debit.
  const someUnits = [...units.values()].filter((u) => u.project_id === garden.id && !(u.building_name === '1栋' && u.number === '101')).slice(20, 26);
  for (const [i, u] of someUnits.slice(0, 3).entries()) {
    await takePrepayment(tx, ctx, u, { unitId: u.id, method: 'wechat', amountFen: [60000, 120000, 30000][i]!, payerName: owners.get(u.id) }, '2026-11-27');
    days.get(u.project_id)!.add('2026-11-27');
  }
  for (const [i, u] of someUnits.slice(3, 5).entries()) {
    const payment = await insertDeposit(tx, ctx, u, i);
    days.get(u.project_id)!.add(payment);
  }
  // The renovation in works paid its 装修押金 at the till: a billing deposit that names it, as the renovation's pay takes it.
  const works = await tx.selectFrom('renovations as r').innerJoin('units as u', 'u.id', 'r.unit_id').innerJoin('org_units as bd', 'bd.id', 'u.building_id')
    .select(['r.id', 'r.project_id', 'r.unit_id', 'r.number', 'r.owner_name', 'r.deposit_fen', 'u.number as unit_number', 'bd.name as building_name'])
    .where('r.project_id', '=', garden.id).where('r.status', '=', 'in_progress').where('r.deposit_fen', '>', 0).execute();
  for (const r of works) {
    await takeDepositIn(tx, ctx, {
      projectId: r.project_id, unitId: r.unit_id, kind: 'renovation', description: `${r.building_name}${r.unit_number} 装修押金（${r.number}）`,
      payerName: r.owner_name, method: 'wechat', amountFen: Number(r.deposit_fen),
    }, '2026-11-28', { kind: 'renovation', id: r.id });
    days.get(r.project_id)!.add('2026-11-28');
  }
  const now = nowIso();
  for (const u of someUnits.slice(0, 4)) {
    const holder = owners.get(u.id) ?? personName(rnd);
    await tx.insertInto('direct_debit_mandates').values({
      id: newId(), project_id: u.project_id, unit_id: u.id, bank: ['中国工商银行深圳南山支行', '招商银行深圳分行', '中国建设银行深圳科技园支行'][Math.floor(rnd() * 3)]!,
      account_number: `6222${String(Math.floor(rnd() * 1e15)).padStart(15, '0')}`, account_holder: holder, active: 1, created_at: now, updated_at: now,
    }).execute();
  }

  // Every day the cashier worked is closed and handed over (today stays open for the counter).
  const today = cashierClock.today(DEFAULT_TIMEZONE);
  for (const [projectId, dates] of days) {
    for (const date of [...dates].sort()) if (date < today) await closeDay(tx, ctx, projectId, date);
  }
}

/** A renovation deposit taken on 2026-11-28: the rows the deposit service writes, numbered from the same counter. */
async function insertDeposit(tx: Tx, ctx: Ctx, u: { id: string; project_id: string; building_name: string; number: string }, i: number): Promise<string> {
  const date = '2026-11-28';
  const paymentId = newId();
  const seq = await nextCounter(tx, receiptCounterKey(u.project_id, 2026));
  const now = nowIso();
  const payer = ['吴思远', '郑晓琳'][i]!;
  await paymentsRepository.insertPayment(tx, {
    id: paymentId, project_id: u.project_id, unit_id: u.id, kind: 'deposit', method: 'bank_card', amount_fen: 200000, change_fen: 0,
    receipt_number: formatReceiptNumber(2026, seq), receipt_year: 2026, payer_name: payer, note: null, reason: null, reverses_payment_id: null,
    reversed_by_payment_id: null, direct_debit_item_id: null, print_count: 1, daily_close_id: null, business_date: date, cashier_id: ctx.actor.user.id, created_at: now, version: 1,
  });
  await paymentsRepository.insertDeposit(tx, {
    id: newId(), project_id: u.project_id, unit_id: u.id, kind: 'renovation', description: `${u.building_name}${u.number} 装修押金`, payer_name: payer,
    amount_fen: 200000, status: 'held', payment_id: paymentId, refund_payment_id: null, deduction_fen: 0, deduction_reason: null, source: null, source_id: null,
    created_at: now, refunded_at: null, version: 1,
  });
  return date;
}

/**
 * The planned counter payments, written in bulk (a thousand payments one by one would take a
 * minute on PostgreSQL): the same rules as the counter — the late fee to the payment day by
 * `unbilledLateFee` billed as a paid late_fee line, each period's lines paid in full, change for
 * cash handed over in whole hundreds, receipt numbers in date order from the project's counter.
 */
async function writePlannedPayments(
  tx: Tx,
  ctx: Ctx,
  plan: { unitId: string; period: string; date: string; method: PaymentMethod }[],
  units: Map<string, UnitInfo>,
  owners: Map<string, string>,
  days: Map<string, Set<string>>,
): Promise<void> {
  const open = await openLines(tx, [...units.keys()]);
  const byUnitPeriod = new Map<string, typeof open>();
  for (const l of open) {
    const key = `${l.unitId}|${l.period}`;
    if (!byUnitPeriod.has(key)) byUnitPeriod.set(key, []);
    byUnitPeriod.get(key)!.push(l);
  }
  const payable = plan.filter((p) => byUnitPeriod.has(`${p.unitId}|${p.period}`));
  // Receipt numbers: one reservation per project, handed out in date order.
  const next = new Map<string, number>();
  for (const projectId of new Set(payable.map((p) => units.get(p.unitId)!.project_id))) {
    const n = payable.filter((p) => units.get(p.unitId)!.project_id === projectId).length;
    next.set(projectId, (await nextCounter(tx, receiptCounterKey(projectId, 2026), n)) - n + 1);
  }
  const now = nowIso();
  const payments: PaymentsTable[] = [];
  const allocations: PaymentAllocationsTable[] = [];
  const feeLines: BillLinesTable[] = [];
  const settled: string[] = [];
  const billIds = new Set<string>();
  for (const [i, p] of payable.entries()) {
    const unit = units.get(p.unitId)!;
    const lines = byUnitPeriod.get(`${p.unitId}|${p.period}`)!;
    const paymentId = newId();
    let amountFen = 0;
    for (const l of lines) {
      settled.push(l.id);
      billIds.add(l.billId);
      amountFen += l.outstandingFen;
      allocations.push({ id: newId(), payment_id: paymentId, bill_line_id: l.id, amount_fen: l.outstandingFen, created_at: now });
      const fee = unbilledLateFee(l, p.date, [], 0).feeFen;
      if (fee > 0) {
        const feeLineId = newId();
        amountFen += fee;
        feeLines.push({
          id: feeLineId, bill_id: l.billId, project_id: unit.project_id, unit_id: unit.id, fee_item_id: l.feeItemId, kind: 'late_fee', description: `滞纳金（${l.description}）`,
          cover_from: l.coverFrom, cover_to: l.coverTo, quantity_milli: null, rate_centi_fen: null, detail: null, amount_fen: fee, paid_fen: fee, credited_fen: 0, status: 'paid',
          due_date: p.date, billing_key: null, source: 'late_fee', source_id: paymentId, related_line_id: l.id, void_reason: null, voided_by: null, voided_at: null,
          approved_by: null, approved_at: null, reason: null, created_by: ctx.actor.user.id, created_at: now, updated_at: now, version: 1,
        });
        allocations.push({ id: newId(), payment_id: paymentId, bill_line_id: feeLineId, amount_fen: fee, created_at: now });
      }
    }
    const seq = next.get(unit.project_id)!;
    next.set(unit.project_id, seq + 1);
    const tendered = p.method === 'cash' ? Math.ceil(amountFen / 10000) * 10000 : amountFen;
    // At the counter between 09:00 and 17:00 Beijing time of the business day.
    const at = new Date(Date.parse(`${p.date}T01:00:00.000Z`) + ((i * 7) % 480) * 60_000).toISOString();
    payments.push({
      id: paymentId, project_id: unit.project_id, unit_id: unit.id, kind: 'payment', method: p.method, amount_fen: amountFen, change_fen: tendered - amountFen,
      receipt_number: formatReceiptNumber(2026, seq), receipt_year: 2026, payer_name: owners.get(unit.id) ?? null, note: null, reason: null, reverses_payment_id: null,
      reversed_by_payment_id: null, direct_debit_item_id: null, print_count: 1, daily_close_id: null, business_date: p.date, cashier_id: ctx.actor.user.id, created_at: at, version: 1,
    });
    if (!days.has(unit.project_id)) days.set(unit.project_id, new Set());
    days.get(unit.project_id)!.add(p.date);
  }
  const chunk = async <T>(rows: T[], write: (c: T[]) => Promise<unknown>, size = 200) => {
    for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
  };
  await chunk(settled, (c) => paymentsRepository.settleLinesInFull(tx, c, now), 500);
  await chunk(feeLines, (c) => paymentsRepository.insertLines(tx, c), 100);
  await chunk(payments, (c) => paymentsRepository.insertPayments(tx, c), 100);
  await chunk(allocations, (c) => paymentsRepository.insertAllocations(tx, c), 200);
  await chunk([...billIds], (c) => refreshBills(tx, c), 500);
}
