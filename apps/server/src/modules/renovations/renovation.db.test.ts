import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../db/database.js';
import type { Ctx } from '../../http/context.js';
import { createTestDatabase, ctxFor, seedFixture, type Fixture } from '../../../test/harness.js';
import { cashierClock, paymentsService } from '../payments/payments.service.js';
import { insertUnit, shanghaiToday, WORKER_ID } from '../resident-services/rs.testing.js';
import { renovationRepository } from './renovation.repository.js';
import { renovationService } from './renovation.service.js';

let database: Database;
let fx: Fixture;
let rec: Ctx;
let sup: Ctx;
let cashier: Ctx;
beforeAll(async () => {
  database = await createTestDatabase();
  fx = await seedFixture(database);
  [rec, sup, cashier] = await Promise.all([ctxFor(database, fx.users.receptionA!), ctxFor(database, fx.users.supervisor!), ctxFor(database, fx.users.cashierA!)]);
});
afterEach(() => vi.restoreAllMocks());
afterAll(() => database.close());

const application = (unitId: string) => ({
  unitId, ownerName: '业主', ownerPhone: '13512345678', contractorCompany: '装饰公司', personInCharge: '负责人', personInChargePhone: '13612345678',
  workers: [{ name: '工人', idNumber: WORKER_ID }], scope: '全屋翻新', plannedStart: shanghaiToday(), plannedEnd: shanghaiToday(30),
});

describe(`renovations on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'}`, () => {
  it('two desks filing for the same unit at the same moment: one open application, the other 409 renovation_open', async () => {
    for (let round = 0; round < 3; round++) {
      const unitId = await insertUnit(database, fx.projectA.id, fx.buildingA.id, `70${round}`);
      const results = await Promise.allSettled([renovationService.create(rec, application(unitId)), renovationService.create(sup, application(unitId))]);
      expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
      expect((results.find((x) => x.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ status: 409, code: 'renovation_open' });
      const rows = await database.db.selectFrom('renovations').select(['status', 'open_unit_id']).where('unit_id', '=', unitId).execute();
      expect(rows).toEqual([{ status: 'submitted', open_unit_id: unitId }]);
    }
  });

  it('an ended application frees the unit: rejected → a new one is accepted', async () => {
    const unitId = await insertUnit(database, fx.projectA.id, fx.buildingA.id, '710');
    const first = await renovationService.create(rec, application(unitId));
    await renovationService.reject(sup, first.id, '资料不全');
    const second = await renovationService.create(rec, application(unitId));
    expect(second.status).toBe('submitted');
    const open = await database.db.selectFrom('renovations').select('id').where('open_unit_id', '=', unitId).execute();
    expect(open.map((r) => r.id)).toEqual([second.id]);
  });

  /** An application of a new unit taken to acceptance, its deposit of 2,000.00 held by billing. */
  async function accepted(number: string) {
    const unitId = await insertUnit(database, fx.projectA.id, fx.buildingA.id, number, 'occupied');
    const r = await renovationService.create(rec, application(unitId));
    await renovationService.approve(sup, r.id, {});
    await renovationService.pay(cashier, r.id, { depositFen: 200_000, method: 'cash', fees: [] });
    await renovationService.issuePermit(rec, r.id);
    return { unitId, r: await renovationService.acceptance(rec, r.id, { passed: true, findings: '验收合格', violations: [] }) };
  }
  /** What a failed refund must not change: the application, its deposit, the payments and the unit. */
  async function snapshot(id: string, unitId: string) {
    const [renovation, deposit, payments, unit] = await Promise.all([
      database.db.selectFrom('renovations').select(['status', 'version', 'refund_fen', 'deductions', 'open_unit_id']).where('id', '=', id).executeTakeFirstOrThrow(),
      database.db.selectFrom('deposits').select(['status', 'version', 'refund_payment_id', 'deduction_fen']).where('source_id', '=', id).executeTakeFirstOrThrow(),
      database.db.selectFrom('payments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      database.db.selectFrom('units').select('state').where('id', '=', unitId).executeTakeFirstOrThrow(),
    ]);
    return { renovation, deposit: { ...deposit, deduction_fen: Number(deposit.deduction_fen) }, payments: Number(payments.n), unit };
  }

  it('a refund that fails leaves the renovation and its billing deposit as they were: deductions above the deposit, and a failure after the refund receipt was written', async () => {
    const { unitId, r } = await accepted('720');
    expect(r).toMatchObject({ status: 'accepted', unitState: 'occupied', deposit: { status: 'held', amountFen: 200_000 } });
    const before = await snapshot(r.id, unitId);
    expect(before.deposit).toMatchObject({ status: 'held', refund_payment_id: null });

    await expect(renovationService.refund(cashier, r.id, { method: 'cash', deductions: [{ reason: '损坏电梯轿厢', amountFen: 200_001 }] }))
      .rejects.toMatchObject({ status: 400, code: 'deductions_exceed_deposit' });
    expect(await snapshot(r.id, unitId)).toEqual(before);

    // The deposit's refund receipt is written, then closing the application fails: all of it rolls back.
    vi.spyOn(renovationRepository, 'update').mockResolvedValueOnce(false);
    await expect(renovationService.refund(cashier, r.id, { method: 'cash', deductions: [{ reason: '垃圾未清运', amountFen: 20_000 }] }))
      .rejects.toMatchObject({ status: 409 });
    expect(await snapshot(r.id, unitId)).toEqual(before);

    // And it still goes through afterwards, with the refund receipt next in the gap-free sequence.
    const closed = await renovationService.refund(cashier, r.id, { method: 'cash', deductions: [{ reason: '垃圾未清运', amountFen: 20_000 }] });
    expect(closed).toMatchObject({ status: 'closed', refundFen: 180_000, deposit: { status: 'refunded', deductionFen: 20_000 } });
    const seq = (n: string) => Number(n.replace(/\D/g, ''));
    expect(seq(closed.deposit!.refundReceiptNumber!)).toBeGreaterThan(seq(closed.deposit!.receiptNumber));
  });

  it('a cashier whose day is closed takes no deposit: the application stays approved and no receipt number is used', async () => {
    vi.spyOn(cashierClock, 'today').mockReturnValue('2030-01-02');
    const unitId = await insertUnit(database, fx.projectA.id, fx.buildingA.id, '730');
    const r = await renovationService.create(rec, application(unitId));
    await renovationService.approve(sup, r.id, {});
    const counter = () => database.db.selectFrom('counters').selectAll().where('key', 'like', '%2030%').execute();
    await paymentsService.close(cashier, { projectId: fx.projectA.id, businessDate: '2030-01-02' });
    const counters = await counter();
    await expect(renovationService.pay(cashier, r.id, { depositFen: 200_000, method: 'cash', fees: [] })).rejects.toMatchObject({ status: 409, code: 'day_closed' });
    expect(await counter()).toEqual(counters);
    expect(await database.db.selectFrom('renovations').select(['status', 'deposit_fen']).where('id', '=', r.id).executeTakeFirstOrThrow()).toEqual({ status: 'approved', deposit_fen: null });
    expect(await database.db.selectFrom('deposits').select('id').where('source_id', '=', r.id).execute()).toEqual([]);
  });
});
