import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/harness.js';
import { cashierClock } from '../payments/payments.service.js';
import { countRows, insertBill, insertUnit, linesOf } from '../payments/payments.testing.js';
import { uploadForm, xlsxOf } from '../units/units.testing.js';

describe('direct debit routes', () => {
  let t: TestApp;
  let cashier: Session;
  let units: string[];

  beforeAll(async () => {
    t = await createTestApp();
    cashier = await t.login('cashierA');
    units = [];
    for (const n of ['201', '202', '203']) {
      const unitId = await insertUnit(t.database, t.fx.projectA.id, t.fx.buildingA.id, n);
      units.push(unitId);
      await insertBill(t.database, { projectId: t.fx.projectA.id, buildingId: t.fx.buildingA.id, unitId, period: '2026-10', lines: [{ amountFen: 10000 }] });
      await insertBill(t.database, { projectId: t.fx.projectA.id, buildingId: t.fx.buildingA.id, unitId, period: '2026-11', lines: [{ amountFen: 12000 }] });
    }
  });
  afterAll(() => t.close());
  beforeEach(() => {
    vi.spyOn(cashierClock, 'today').mockReturnValue('2026-11-29');
  });

  const mandate = (unitId: string, accountNumber: string) =>
    t.as(cashier, { method: 'POST', url: '/api/direct-debit/mandates', payload: { unitId, bank: '招商银行深圳分行', accountNumber, accountHolder: '陈明' } });

  it('keeps mandates per unit and answers the account number masked, everywhere', async () => {
    const res = await mandate(units[0]!, '6225880212345678');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ accountNumberMasked: '6225 **** **** 5678', active: true, unitLabel: 'A花园 A1栋 201' });
    expect(res.body).not.toContain('6225880212345678');
    expect((await mandate(units[1]!, '6222000011112222')).statusCode).toBe(201);
    // A new mandate for the same unit replaces the old one.
    expect((await mandate(units[1]!, '6222000011113333')).statusCode).toBe(201);
    const list = await t.as(cashier, { method: 'GET', url: '/api/direct-debit/mandates?active=true' });
    expect(list.json().total).toBe(2);
    expect(list.body).not.toMatch(/\d{9,}/);
    const audit = await t.database.db.selectFrom('audit_log').select('changes').where('action', 'like', 'mandate.%').execute();
    expect(JSON.stringify(audit)).not.toMatch(/\d{9,}/);
  });

  it('refuses a bad account number and another project\'s unit', async () => {
    expect((await mandate(units[2]!, '12ab')).statusCode).toBe(400);
    const unitB = await insertUnit(t.database, t.fx.projectB.id, t.fx.buildingB.id, 'B-9');
    expect((await mandate(unitB, '6225880212345678')).statusCode).toBe(404);
  });

  it('makes the bank file of a period and turns the bank result into payments and a failure list', async () => {
    const batch = await t.as(cashier, { method: 'POST', url: '/api/direct-debit/batches', payload: { projectId: t.fx.projectA.id, period: '2026-11' } });
    expect(batch.statusCode).toBe(201);
    const b = batch.json();
    expect(b).toMatchObject({ itemCount: 2, totalFen: 44000, status: 'generated' });
    expect(batch.body).not.toMatch(/\d{9,}/);
    expect((await t.as(cashier, { method: 'POST', url: '/api/direct-debit/batches', payload: { projectId: t.fx.projectA.id, period: '2026-11' } })).json().error).toBe('batch_pending');
    expect((await t.as(cashier, { method: 'POST', url: '/api/direct-debit/batches', payload: { projectId: t.fx.projectA.id, period: '2027-01' } })).statusCode).toBe(400);

    const file = await t.as(cashier, { method: 'GET', url: `/api/direct-debit/batches/${b.id}/file` });
    expect(file.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const values = sheet.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1));
    expect(values.map((r) => [r[4], r[5]]).sort()).toEqual([['6222000011113333', '220.00'], ['6225880212345678', '220.00']]);

    const ok = b.items.find((i: { unitId: string }) => i.unitId === units[0]);
    const bad = b.items.find((i: { unitId: string }) => i.unitId === units[1]);
    const before = await countRows(t.database, 'payments');
    // A wrong row stops the whole import.
    const wrong = await t.as(cashier, { method: 'POST', url: `/api/direct-debit/batches/${b.id}/result`, payload: uploadForm(await xlsxOf([['明细编号', '结果', '失败原因'], [ok.id, '成功', ''], ['nosuchitem0000', '成功', '']])) });
    expect(wrong.statusCode).toBe(400);
    expect(await countRows(t.database, 'payments')).toBe(before);

    const result = await t.as(cashier, { method: 'POST', url: `/api/direct-debit/batches/${b.id}/result`, payload: uploadForm(await xlsxOf([['明细编号', '结果', '失败原因'], [ok.id, '成功', ''], [bad.id, '失败', '余额不足']])) });
    expect(result.statusCode).toBe(200);
    expect(result.json()).toEqual({ succeeded: 1, failed: 1, collectedFen: 22000, failures: [{ itemId: bad.id, unitLabel: 'A花园 A1栋 202', amountFen: 22000, reason: '余额不足' }] });
    expect((await linesOf(t.database, units[0]!)).every((l) => l.status === 'paid')).toBe(true);
    expect((await linesOf(t.database, units[1]!)).every((l) => l.status === 'unpaid')).toBe(true);
    const payments = await t.as(cashier, { method: 'GET', url: `/api/payments?unitId=${units[0]}` });
    expect(payments.json().items).toMatchObject([{ method: 'direct_debit', amountFen: 22000, kind: 'payment' }]);
    expect(payments.json().items[0].receiptNumber).toMatch(/^SJ-2026-/);
    const detail = await t.as(cashier, { method: 'GET', url: `/api/direct-debit/batches/${b.id}` });
    expect(detail.json()).toMatchObject({ status: 'result_imported', succeededCount: 1, failedCount: 1 });
    const again = await t.as(cashier, { method: 'POST', url: `/api/direct-debit/batches/${b.id}/result`, payload: uploadForm(await xlsxOf([['明细编号', '结果'], [ok.id, '成功']])) });
    expect(again.statusCode).toBe(409);
  });
});
