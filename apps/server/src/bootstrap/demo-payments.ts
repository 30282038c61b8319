/**
 * Demo payments, through the real payment rules: the demo cashier 王淑珍 takes most homes' and
 * shops' 2026-09 and 2026-10 bills at the counter (cash, WeChat Pay, Alipay, bank card) on days
 * of September to November, closes each of those days, and takes a few prepayments, deposits and
 * direct-debit mandates. 丽景花园 1栋 101 keeps 2026-10 and 2026-11 unpaid (the browser test pays
 * them). Does nothing when there are no bills (the billing runs' demo data is absent).
 */
import type { PaymentMethod } from '@propdesk/contracts';
import type { Tx } from '../db/database.js';
import type { Ctx } from '../http/context.js';
import { newId } from '../lib/ids.js';
import { nowIso } from '../lib/time.js';
import { formatReceiptNumber, receiptCounterKey } from '../modules/billing/billing.receipt.js';
import { paymentsRepository } from '../modules/payments/payments.repository.js';
import { cashierClock, closeDay, linesWithLateFees, takePayment, takePrepayment } from '../modules/payments/payments.service.js';
import { DEFAULT_TIMEZONE } from '../modules/org/org.service.js';
import { personName, prng } from './demo-data.js';

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
    .where('b.period', 'in', ['2026-09', '2026-10'])
    .where('b.status', 'in', ['unpaid', 'partially_paid'])
    .orderBy('b.unit_id')
    .orderBy('b.period')
    .execute();
  if (bills.length === 0) return;

  // A service context for the demo cashier: what the payment rules and the audit record need.
  const ctx = { actor: { user: { id: cashier.id, displayName: cashier.display_name } }, ip: 'demo-seed' } as unknown as Ctx;
  const rnd = prng(20261130);
  const keepUnpaid = (b: { building_name: string; number: string; project_id: string; period: string }) =>
    b.project_id === garden.id && b.building_name === '1栋' && b.number === '101' && b.period === '2026-10';

  // Who pays what and when: most units pay each month, some skip (they become the arrears).
  const plan: { unitId: string; period: string; date: string; method: PaymentMethod }[] = [];
  for (const b of bills) {
    if (keepUnpaid(b) || rnd() < 0.12) continue;
    const [y, m] = b.period.split('-').map(Number) as [number, number];
    // Paid during the month, a few late in the next one (they bring their late fee with them).
    const late = rnd() < 0.1;
    const month = late ? m + 1 : m;
    const day = 3 + Math.floor(rnd() * (late ? 20 : 25));
    plan.push({ unitId: b.unit_id, period: b.period, date: `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, method: METHODS[Math.floor(rnd() * METHODS.length)]! });
  }
  plan.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.unitId < b.unitId ? -1 : 1));

  const units = new Map((await paymentsRepository.unitsInfo(tx, [...new Set(plan.map((p) => p.unitId))])).map((u) => [u.id, u]));
  const owners = new Map<string, string>();
  for (const o of await paymentsRepository.ownersOf(tx, [...units.keys()])) if (!owners.has(o.unit_id)) owners.set(o.unit_id, o.name);
  const days = new Map<string, Set<string>>();
  for (const p of plan) {
    const unit = units.get(p.unitId)!;
    const lines = (await linesWithLateFees(tx, p.unitId, p.date)).filter((l) => l.period === p.period);
    if (lines.length === 0) continue;
    // What the period's lines owe with their late fees to that day; cash is handed over in whole 100s.
    const amountFen = lines.reduce((s, l) => s + l.outstandingFen + l.lateFeeFen, 0);
    const tenderedFen = p.method === 'cash' ? Math.ceil(amountFen / 10000) * 10000 : undefined;
    await takePayment(tx, ctx, unit, { unitId: unit.id, method: p.method, amountFen, tenderedFen, billLineIds: lines.map((l) => l.id), payerName: owners.get(unit.id) }, p.date);
    if (!days.has(unit.project_id)) days.set(unit.project_id, new Set());
    days.get(unit.project_id)!.add(p.date);
  }

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
  const seq = await paymentsRepository.nextCounter(tx, receiptCounterKey(u.project_id, 2026));
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
