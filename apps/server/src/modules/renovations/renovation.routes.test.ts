import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/harness.js';
import { insertUnit, shanghaiToday, WORKER_ID } from '../resident-services/rs.testing.js';

let t: TestApp;
let rec: Session;
let sup: Session;
let cashier: Session;
beforeAll(async () => {
  t = await createTestApp();
  [rec, sup, cashier] = await Promise.all([t.login('receptionA'), t.login('supervisor'), t.login('cashierA')]);
});
afterAll(() => t.close());

const post = (s: Session, url: string, payload: object = {}) => t.as(s, { method: 'POST', url, payload });
const get = (s: Session, url: string) => t.as(s, { method: 'GET', url });
const unitState = async (unitId: string) => (await get(rec, `/api/units/${unitId}`)).json().state;

/** An application for the unit, approved by the supervisor. */
async function approved(unitId: string) {
  const r = (await post(rec, '/api/renovations', {
    unitId, ownerName: '陈业主', ownerPhone: '13512345678', contractorCompany: '深圳美家装饰工程有限公司', personInCharge: '黄工', personInChargePhone: '13612345678',
    workers: [{ name: '李木工', idNumber: WORKER_ID }], scope: '全屋翻新', plannedStart: shanghaiToday(), plannedEnd: shanghaiToday(30),
  })).json();
  expect((await post(sup, `/api/renovations/${r.id}/approve`)).json().status).toBe('approved');
  return r.id as string;
}

describe('the unit follows its renovation', () => {
  it('is 装修中 from the permit and gets its state back at acceptance (occupied stays occupied, vacant stays vacant)', async () => {
    for (const [number, before] of [['501', 'occupied'], ['502', 'vacant']] as const) {
      const unitId = await insertUnit(t.database, t.fx.projectA.id, t.fx.buildingA.id, number, before);
      const id = await approved(unitId);
      await post(cashier, `/api/renovations/${id}/pay`, { depositFen: 100_000, method: 'wechat', fees: [] });
      expect(await unitState(unitId)).toBe(before);

      const permitted = (await post(rec, `/api/renovations/${id}/issue-permit`)).json();
      expect(permitted).toMatchObject({ status: 'in_progress', unitState: 'renovating' });
      expect(await unitState(unitId)).toBe('renovating');
      const audit = await t.database.db.selectFrom('audit_log').select('changes').where('entity_id', '=', id).where('action', '=', 'renovation.issue_permit').executeTakeFirstOrThrow();
      expect(JSON.parse(audit.changes!)).toMatchObject({ status: { before: 'paid', after: 'in_progress' }, unitState: { before, after: 'renovating' } });

      // A failed acceptance keeps the works going.
      await post(rec, `/api/renovations/${id}/acceptance`, { passed: false, findings: '防水不合格', violations: [{ description: '重做防水', deadline: shanghaiToday(7) }] });
      expect(await unitState(unitId)).toBe('renovating');
      const accepted = (await post(rec, `/api/renovations/${id}/acceptance`, { passed: true, findings: '复验合格' })).json();
      expect(accepted).toMatchObject({ status: 'accepted', unitState: before });
      expect(await unitState(unitId)).toBe(before);
    }
  });

  it('a move-out completed during the works is newer news: acceptance leaves the unit as the move-out set it', async () => {
    const unitId = await insertUnit(t.database, t.fx.projectA.id, t.fx.buildingA.id, '503', 'occupied');
    const id = await approved(unitId);
    await post(cashier, `/api/renovations/${id}/pay`, { depositFen: 100_000, method: 'cash', fees: [] });
    await post(rec, `/api/renovations/${id}/issue-permit`);
    await t.database.db.updateTable('units').set({ state: 'vacant' }).where('id', '=', unitId).execute();
    await post(rec, `/api/renovations/${id}/acceptance`, { passed: true, findings: '验收合格' });
    expect(await unitState(unitId)).toBe('vacant');
  });
});

describe('the renovation deposit is billing money', () => {
  it('pay takes a billing deposit with a receipt in the cashier’s day; refund pays it back minus deductions and closes the application', async () => {
    const unitId = await insertUnit(t.database, t.fx.projectA.id, t.fx.buildingA.id, '511', 'occupied');
    const id = await approved(unitId);
    const preview = async () => (await get(cashier, `/api/daily-closes/preview?projectId=${t.fx.projectA.id}`)).json().summary as { byKind: { kind: string; totalFen: number }[]; byMethod: { method: string; totalFen: number }[] };
    const total = (rows: { kind?: string; method?: string; totalFen: number }[], key: string) => rows.find((x) => x.kind === key || x.method === key)?.totalFen ?? 0;
    const dayBefore = await preview();
    const paid = await post(cashier, `/api/renovations/${id}/pay`, { depositFen: 200_000, method: 'alipay', fees: [{ name: '垃圾清运费', amountFen: 30_000 }] });
    expect(paid.statusCode, paid.body).toBe(200);
    const r = paid.json();
    expect(r).toMatchObject({ status: 'paid', depositFen: 200_000, fees: [{ name: '垃圾清运费', amountFen: 30_000 }] });
    expect(r.deposit).toMatchObject({ kind: 'renovation', amountFen: 200_000, status: 'held', unitId, payerName: '陈业主', receiptNumber: expect.stringMatching(/\d/) });

    const deposits = (await get(cashier, `/api/deposits?unitId=${unitId}`)).json();
    expect(deposits.items).toHaveLength(1);
    expect(deposits.items[0]).toMatchObject({ id: r.deposit.id, unitId, unitLabel: expect.stringContaining('511'), receiptNumber: r.deposit.receiptNumber, status: 'held', source: 'renovation', sourceId: id });
    // In the cashier's day (and so her daily close): 2,000.00 more in deposits, paid by Alipay.
    const day = await preview();
    expect(total(day.byKind, 'deposit') - total(dayBefore.byKind, 'deposit')).toBe(200_000);
    expect(total(day.byMethod, 'alipay') - total(dayBefore.byMethod, 'alipay')).toBe(200_000);

    // Billing's own refund refuses it: the renovation pays it back (and closes).
    expect((await post(cashier, `/api/deposits/${r.deposit.id}/refund`, { method: 'cash' })).json()).toMatchObject({ error: 'deposit_has_source' });

    await post(rec, `/api/renovations/${id}/issue-permit`);
    await post(rec, `/api/renovations/${id}/acceptance`, { passed: true, findings: '验收合格' });
    const closed = await post(cashier, `/api/renovations/${id}/refund`, { method: 'cash', deductions: [{ reason: '公共区域垃圾未清运', amountFen: 20_000 }, { reason: '电梯轿厢划伤', amountFen: 30_000 }] });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', refundFen: 150_000 });
    expect(closed.json().deposit).toMatchObject({ status: 'refunded', deductionFen: 50_000, deductionReason: '公共区域垃圾未清运 200.00；电梯轿厢划伤 300.00', refundReceiptNumber: expect.stringMatching(/\d/) });
    expect(closed.json().deposit.refundReceiptNumber).not.toBe(r.deposit.receiptNumber);
    const after = (await get(cashier, `/api/deposits?unitId=${unitId}`)).json().items[0];
    expect(after).toMatchObject({ status: 'refunded', deductionFen: 50_000 });
    const refundPayment = await t.database.db.selectFrom('payments').select(['kind', 'amount_fen', 'method']).where('id', '=', after.refundPaymentId).executeTakeFirstOrThrow();
    expect({ ...refundPayment, amount_fen: Number(refundPayment.amount_fen) }).toEqual({ kind: 'deposit_refund', amount_fen: -150_000, method: 'cash' });
  });

  it('only a collector records the payment: the receptionist and the supervisor get 403 and nothing is taken', async () => {
    const unitId = await insertUnit(t.database, t.fx.projectA.id, t.fx.buildingA.id, '512');
    const id = await approved(unitId);
    for (const s of [rec, sup]) {
      const res = await post(s, `/api/renovations/${id}/pay`, { depositFen: 200_000, method: 'cash', fees: [] });
      expect(res.statusCode).toBe(403);
    }
    expect((await get(rec, `/api/renovations/${id}`)).json()).toMatchObject({ status: 'approved', deposit: null, depositFen: null });
    expect((await get(cashier, `/api/deposits?unitId=${unitId}`)).json().total).toBe(0);
    // The method is part of taking money.
    expect((await post(cashier, `/api/renovations/${id}/pay`, { depositFen: 200_000, fees: [] })).statusCode).toBe(400);
  });
});
