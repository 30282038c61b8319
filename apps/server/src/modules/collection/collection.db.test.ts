/**
 * The collection report's sums (bigint aggregates) and the targets' upsert, through the API on
 * SQLite and PostgreSQL. Data of 2025, with fixed business dates:
 * - 2025-01: 100.00 paid on 01-10 (and a void 50.00 line that does not count);
 * - 2025-02: 100.00 less an approved reduction of 10.00, paid 45.00 on 02-20 and 45.00 on 04-05;
 * - 2025-03: 200.00 unpaid; 20.00 paid on 06-01 and reversed on 06-02;
 * - 2024-12: 30.00 paid on 2025-01-08 (recovered in January).
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, insertBill, insertFeeItem, insertPayment, insertUnit } from '../../../test/collection-fixture.js';
import { createTestApp, type Session, type TestApp } from '../../../test/harness.js';

let t: TestApp;
let director: Session;
beforeAll(async () => {
  t = await createTestApp();
  director = await t.login('director');
  const A = t.fx.projectA.id;
  const b = t.fx.buildingA.id;
  const cashierId = t.fx.users.cashierA!;
  const fee = await insertFeeItem(t.database, A);
  const unit = await insertUnit(t.database, A, b, '301');
  const [jan] = await insertBill(t.database, { projectId: A, buildingId: b, unitId: unit, period: '2025-01', lines: [
    { amountFen: 10_000, dueDate: '2025-01-15', paidFen: 10_000, feeItemId: fee },
    { amountFen: 5_000, dueDate: '2025-01-15', status: 'void', feeItemId: fee },
  ] });
  const [feb] = await insertBill(t.database, { projectId: A, buildingId: b, unitId: unit, period: '2025-02', lines: [{ amountFen: 10_000, dueDate: '2025-02-15', paidFen: 9_000, creditedFen: 1_000, feeItemId: fee }] });
  const [mar] = await insertBill(t.database, { projectId: A, buildingId: b, unitId: unit, period: '2025-03', lines: [{ amountFen: 20_000, dueDate: '2025-03-15', feeItemId: fee }] });
  const [dec] = await insertBill(t.database, { projectId: A, buildingId: b, unitId: unit, period: '2024-12', lines: [{ amountFen: 3_000, dueDate: '2024-12-15', paidFen: 3_000, feeItemId: fee }] });
  const pay = (businessDate: string, lineId: string, amountFen: number, reversedBy: string | null = null) =>
    insertPayment(t.database, { projectId: A, unitId: unit, cashierId, businessDate, allocations: [{ lineId, amountFen }], reversedBy });
  await pay('2025-01-10', jan!, 10_000);
  await pay('2025-02-20', feb!, 4_500);
  await pay('2025-04-05', feb!, 4_500);
  await pay('2025-06-01', mar!, 2_000, 'reversal');
  await pay('2025-06-02', mar!, -2_000);
  await pay('2025-01-08', dec!, 3_000);
});
afterAll(() => t.close());

describe('collection targets', () => {
  it('sets, changes and clears targets per month, audited', async () => {
    const A = t.fx.projectA.id;
    const put = (months: { month: number; rateBp: number | null }[]) =>
      t.as(director, { method: 'PUT', url: '/api/collection-targets', payload: { projectId: A, year: 2025, months } });
    expect((await put([{ month: 0, rateBp: 9_000 }, { month: 1, rateBp: 9_500 }, { month: 2, rateBp: 9_500 }, { month: 3, rateBp: 8_000 }])).statusCode).toBe(200);
    const res = await put([{ month: 3, rateBp: null }, { month: 2, rateBp: 9_800 }]);
    expect(res.statusCode).toBe(200);
    const months = res.json().months as { month: number; rateBp: number | null }[];
    expect(months).toHaveLength(13);
    expect(months.slice(0, 4)).toEqual([{ month: 0, rateBp: 9_000 }, { month: 1, rateBp: 9_500 }, { month: 2, rateBp: 9_800 }, { month: 3, rateBp: null }]);
    const got = (await t.as(director, { url: `/api/collection-targets?projectId=${A}&year=2025` })).json();
    expect(got.months[2]).toEqual({ month: 2, rateBp: 9_800 });
    expect(await countRows(t.database, 'collection_targets')).toBe(3);
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('action', '=', 'collection_targets.set').execute();
    expect(audit).toHaveLength(2);
  });
});

describe('collection report', () => {
  it('gives billed, collected, recovered and the rate against the target by month', async () => {
    const res = await t.as(director, { url: `/api/reports/collection?projectId=${t.fx.projectA.id}&year=2025` });
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.months).toHaveLength(12);
    expect(r.months.slice(0, 6)).toEqual([
      { month: 1, billedFen: 10_000, collectedFen: 10_000, recoveredFen: 3_000, rateBp: 10_000, targetBp: 9_500, met: true },
      { month: 2, billedFen: 9_000, collectedFen: 9_000, recoveredFen: 0, rateBp: 10_000, targetBp: 9_800, met: true },
      { month: 3, billedFen: 20_000, collectedFen: 0, recoveredFen: 0, rateBp: 0, targetBp: null, met: null },
      { month: 4, billedFen: 0, collectedFen: 0, recoveredFen: 4_500, rateBp: null, targetBp: null, met: null },
      { month: 5, billedFen: 0, collectedFen: 0, recoveredFen: 0, rateBp: null, targetBp: null, met: null },
      { month: 6, billedFen: 0, collectedFen: 0, recoveredFen: 0, rateBp: null, targetBp: null, met: null },
    ]);
    // 190.00 of 390.00 = 48.717…% → 4872 bp, below the year's 90%.
    expect(r.totals).toEqual({ month: 0, billedFen: 39_000, collectedFen: 19_000, recoveredFen: 7_500, rateBp: 4_872, targetBp: 9_000, met: false });
    expect(r.projectName).toBe('A花园');
  });

  it('exports the report as .xlsx (in the user language) with a row per month and the year', async () => {
    const res = await t.as(director, { url: `/api/reports/collection/export?projectId=${t.fx.projectA.id}&year=2025` });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(14);
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['月份', '当期应收(元)', '当期实收(元)', '欠费回收(元)', '收缴率(%)', '目标(%)', '是否达标']);
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(['2025-01', 100, 100, 30, 100, 95, '达标']);
    expect((ws.getRow(14).values as unknown[]).slice(1)).toEqual(['全年', 390, 190, 75, 48.72, 90, '未达标']);
  });
});
