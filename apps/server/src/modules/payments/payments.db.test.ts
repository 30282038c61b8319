/**
 * Money under concurrency, on SQLite and PostgreSQL: receipts stay unique and gap-free, two
 * payments racing for the same lines never collect more than is owed, a reversal restores exactly.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../db/database.js';
import type { Ctx } from '../../http/context.js';
import { createTestDatabase, ctxFor, seedFixture, type Fixture } from '../../../test/harness.js';
import { cashierClock, paymentsService } from './payments.service.js';
import { billsOf, insertBill, insertFeeItem, insertUnit, linesOf } from './payments.testing.js';

describe('payments on the database', () => {
  let database: Database;
  let fx: Fixture;
  let cashier: Ctx;
  let director: Ctx;
  let feeItem: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    fx = await seedFixture(database);
    cashier = await ctxFor(database, fx.users.cashierA!);
    director = await ctxFor(database, fx.users.director!);
    feeItem = await insertFeeItem(database, fx.projectA.id);
  });
  afterAll(() => database.close());
  beforeEach(() => {
    vi.spyOn(cashierClock, 'today').mockReturnValue('2026-11-29');
  });

  const unitWith = async (number: string, periods: string[], amountFen = 23500, withLateFee = false) => {
    const unitId = await insertUnit(database, fx.projectA.id, fx.buildingA.id, number);
    const lineIds: string[] = [];
    for (const period of periods) {
      const b = await insertBill(database, { projectId: fx.projectA.id, buildingId: fx.buildingA.id, unitId, period, lines: [{ amountFen, feeItemId: withLateFee ? feeItem : null }] });
      lineIds.push(...b.lineIds);
    }
    return { unitId, lineIds };
  };

  it('numbers concurrent payments uniquely and without gaps', async () => {
    const units = [];
    for (let i = 0; i < 12; i++) units.push((await unitWith(`C${i}`, ['2026-11'], 1000)).unitId);
    // A few attempts fail (nothing owed) in the middle of the rush: they must not burn numbers.
    const owesNothing = await insertUnit(database, fx.projectA.id, fx.buildingA.id, 'C-none');
    const attempts = [
      ...units.map((unitId) => paymentsService.pay(cashier, { unitId, method: 'cash', amountFen: 1000 })),
      ...[1, 2, 3].map(() => paymentsService.pay(cashier, { unitId: owesNothing, method: 'wechat', amountFen: 1000 })),
    ];
    const results = await Promise.allSettled(attempts);
    const ok = results.filter((r): r is PromiseFulfilledResult<Awaited<ReturnType<typeof paymentsService.pay>>> => r.status === 'fulfilled');
    expect(ok).toHaveLength(12);
    const seqs = ok.map((r) => Number(r.value.receiptNumber.split('-')[2])).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(12);
    expect(seqs[11]! - seqs[0]!).toBe(11);
    const stored = await database.db.selectFrom('payments').select('receipt_number').where('project_id', '=', fx.projectA.id).execute();
    const all = stored.map((r) => Number(r.receipt_number.split('-')[2])).sort((a, b) => a - b);
    expect(all).toEqual(all.map((_, i) => i + 1));
  });

  it('never collects more than is owed when two payments race for the same lines', async () => {
    const { unitId, lineIds } = await unitWith('R1', ['2026-10', '2026-11']);
    const results = await Promise.allSettled([
      paymentsService.pay(cashier, { unitId, method: 'wechat', amountFen: 47000, billLineIds: lineIds }),
      paymentsService.pay(cashier, { unitId, method: 'alipay', amountFen: 47000, billLineIds: lineIds }),
      paymentsService.pay(cashier, { unitId, method: 'cash', amountFen: 23500 }),
    ]);
    const lines = await linesOf(database, unitId);
    const collected = lines.reduce((s, l) => s + l.paidFen, 0);
    expect(collected).toBeLessThanOrEqual(47000);
    for (const l of lines) expect(l.paidFen).toBeLessThanOrEqual(l.amountFen);
    const allocated = await database.db
      .selectFrom('payment_allocations')
      .select((eb) => eb.fn.sum<number>('amount_fen').as('s'))
      .where('bill_line_id', 'in', lineIds)
      .executeTakeFirstOrThrow();
    expect(Number(allocated.s)).toBe(collected);
    const won = results.filter((r) => r.status === 'fulfilled').length;
    expect(won).toBeGreaterThanOrEqual(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as { status: number }).status).toBe(409);
  });

  it('a reversal restores lines, bills, late fees and prepaid exactly', async () => {
    const { unitId } = await unitWith('V1', ['2026-09', '2026-10', '2026-11'], 23500, true);
    const linesBefore = await linesOf(database, unitId);
    const billsBefore = await billsOf(database, unitId);
    const dueBefore = (await paymentsService.outstanding(cashier, unitId)).totals;
    // Top up first so a balance exists; the payment puts its excess on it.
    await paymentsService.topUp(cashier, { unitId, method: 'cash', amountFen: 1000 });
    const paid = await paymentsService.pay(cashier, { unitId, method: 'bank_transfer', amountFen: dueBefore.dueFen + 777 });
    expect(paid.prepaidFen).toBe(777);
    expect((await paymentsService.outstanding(cashier, unitId)).totals.dueFen).toBe(0);
    await paymentsService.reverse(director, paid.id, '银行退票');
    expect((await linesOf(database, unitId)).filter((l) => l.kind === 'charge')).toEqual(linesBefore);
    expect(await billsOf(database, unitId)).toEqual(billsBefore);
    const after = await paymentsService.outstanding(cashier, unitId);
    expect(after.totals).toEqual(dueBefore);
    expect(after.prepaid.map((p) => p.balanceFen)).toEqual([1000]);
    const sums = await database.db
      .selectFrom('payments')
      .select((eb) => eb.fn.sum<number>('amount_fen').as('s'))
      .where('id', 'in', [paid.id, (await database.db.selectFrom('payments').select('reversed_by_payment_id').where('id', '=', paid.id).executeTakeFirstOrThrow()).reversed_by_payment_id!])
      .executeTakeFirstOrThrow();
    expect(Number(sums.s)).toBe(0);
  });

  it('two concurrent reversals of one payment: exactly one wins', async () => {
    const { unitId } = await unitWith('V2', ['2026-11']);
    const paid = await paymentsService.pay(cashier, { unitId, method: 'cash', amountFen: 23500 });
    const results = await Promise.allSettled([paymentsService.reverse(director, paid.id, '重复'), paymentsService.reverse(director, paid.id, '重复')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await linesOf(database, unitId)).toMatchObject([{ paidFen: 0, status: 'unpaid' }]);
  });

  it('a close and a payment racing: the payment is either in the close or refused', async () => {
    const other = await ctxFor(database, fx.users.cashierA!);
    const { unitId } = await unitWith('D1', ['2026-11'], 500);
    await paymentsService.pay(other, { unitId, method: 'cash', amountFen: 100 });
    const [payment, close] = await Promise.allSettled([
      paymentsService.pay(other, { unitId, method: 'cash', amountFen: 100 }),
      paymentsService.close(other, { projectId: fx.projectA.id, businessDate: '2026-11-28' }),
      paymentsService.close(other, { projectId: fx.projectA.id }),
    ]).then((r) => [r[0], r[2]]);
    expect(close!.status).toBe('fulfilled');
    const closed = (close as PromiseFulfilledResult<Awaited<ReturnType<typeof paymentsService.close>>>).value;
    const dayPayments = await database.db.selectFrom('payments').select(['id', 'daily_close_id']).where('cashier_id', '=', fx.users.cashierA!).where('business_date', '=', '2026-11-29').execute();
    expect(dayPayments.every((p) => p.daily_close_id === closed.id)).toBe(true);
    expect(closed.summary.count).toBe(dayPayments.length);
    if (payment!.status === 'rejected') expect((payment!.reason as { code: string }).code).toBe('day_closed');
  });
});
