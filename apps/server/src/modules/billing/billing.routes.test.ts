import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/harness.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { seedDesk, repairA } from '../tickets/tickets.testing.js';
import { uploadForm, xlsxOf } from '../units/units.testing.js';
import { addMonths } from './billing.period.js';
import { countOf, GARDEN_ITEMS, insertUnits, snapshot } from './billing.testing.js';
import { todayIn } from './billing.today.js';

let t: TestApp;
let admin: Session;
let director: Session;
let cashier: Session;
let recA: Session;
let units: string[];
let unitB: string;
const items: Record<string, { id: string; version: number }> = {};
const meters: Record<string, string> = {};

// Periods relative to today, so the tests keep passing as months go by: P0 this month (or December
// last year early in the year, so that P2…P0 share one calendar year for the tiers), P1 the month before…
const THIS_MONTH = todayIn('Asia/Shanghai').slice(0, 7);
const P0 = Number(THIS_MONTH.slice(5)) >= 3 ? THIS_MONTH : `${Number(THIS_MONTH.slice(0, 4)) - 1}-12`;
const P1 = addMonths(P0, -1);
const P2 = addMonths(P0, -2);
const FUTURE = addMonths(THIS_MONTH, 1);

const post = (s: Session, url: string, payload?: unknown) => t.as(s, { method: 'POST', url, payload: (payload ?? {}) as object });
const patch = (s: Session, url: string, payload: unknown) => t.as(s, { method: 'PATCH', url, payload: payload as object });
const get = (s: Session, url: string) => t.as(s, { url });

beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  [admin, director, cashier, recA] = (await Promise.all(['admin', 'director', 'cashierA', 'receptionA'].map((u) => t.login(u)))) as [Session, Session, Session, Session];
  // Three homes (89.25, 102.60, 128.40 m²) and a shop in project A; one home in project B.
  units = await insertUnits(t.database, t.fx.buildingA, [
    { number: '101', grossArea: 8925 }, { number: '102', grossArea: 10260 }, { number: '103', grossArea: 12840 }, { number: 'S01', grossArea: 5000, kind: 'shop' },
  ]);
  unitB = (await insertUnits(t.database, t.fx.buildingB, [{ number: '201', grossArea: 9000 }]))[0]!;
});
afterAll(() => t.close());

describe('fee items', () => {
  it('are created by who configures billing, listed by project, and named once per project', async () => {
    for (const [key, body] of Object.entries(GARDEN_ITEMS)) {
      const res = await post(director, '/api/fee-items', { projectId: t.fx.projectA.id, ...body });
      expect(res.statusCode, res.body).toBe(201);
      items[key] = res.json();
    }
    expect((await post(director, '/api/fee-items', { projectId: t.fx.projectA.id, ...GARDEN_ITEMS.garbage })).json()).toMatchObject({ error: 'fee_item_name_taken' });
    const list = (await get(cashier, `/api/fee-items?projectId=${t.fx.projectA.id}`)).json();
    expect(list.items.map((i: { name: string }) => i.name).sort()).toEqual(['垃圾处理费', '水费', '物业管理费']);
    expect(list.items.find((i: { name: string }) => i.name === '水费')).toMatchObject({ kind: 'metered', meterKind: 'water', pricing: GARDEN_ITEMS.water.pricing });
    // The cashier reads but does not configure; project B's reader sees none of A's.
    expect((await post(cashier, '/api/fee-items', { projectId: t.fx.projectA.id, ...GARDEN_ITEMS.garbage, name: '别的' })).statusCode).toBe(403);
    expect((await get(cashier, `/api/fee-items?projectId=${t.fx.projectB.id}`)).json().total).toBe(0);
  });

  it('refuse terms that do not fit, with the field named, writing nothing', async () => {
    const before = await countOf(t.database, 'fee_items');
    const noMeter = await post(director, '/api/fee-items', { projectId: t.fx.projectA.id, ...GARDEN_ITEMS.water, name: '中水费', meterKind: undefined });
    expect(noMeter.statusCode).toBe(400);
    expect(noMeter.json().details[0].path).toBe('body.meterKind');
    const badTiers = await post(director, '/api/fee-items', {
      projectId: t.fx.projectA.id, ...GARDEN_ITEMS.water, name: '中水费', pricing: { kind: 'metered', tierBasis: 'per_bill', tiers: [{ upToMilli: 5000, priceCentiFen: 1 }, { upToMilli: 4000, priceCentiFen: 2 }, { upToMilli: null, priceCentiFen: 3 }] },
    });
    expect(badTiers.statusCode).toBe(400);
    const fractional = await post(director, '/api/fee-items', { projectId: t.fx.projectA.id, ...GARDEN_ITEMS.garbage, name: '清洁费', pricing: { kind: 'fixed', amountFen: 15.5 } });
    expect(fractional.statusCode).toBe(400);
    const negative = await post(director, '/api/fee-items', { projectId: t.fx.projectA.id, ...GARDEN_ITEMS.garbage, name: '清洁费', pricing: { kind: 'fixed', amountFen: -1500 } });
    expect(negative.statusCode).toBe(400);
    expect(await countOf(t.database, 'fee_items')).toBe(before);
  });

  it('are edited with the version read (a stale one is 409) and can be deactivated', async () => {
    const extra = (await post(director, '/api/fee-items', { projectId: t.fx.projectA.id, ...GARDEN_ITEMS.garbage, name: '装修垃圾清运费', pricing: { kind: 'one_off', amountFen: 30000 } })).json();
    const edited = await patch(director, `/api/fee-items/${extra.id}`, { version: extra.version, pricing: { kind: 'one_off', amountFen: 35000 } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ pricing: { amountFen: 35000 }, version: extra.version + 1 });
    expect((await patch(director, `/api/fee-items/${extra.id}`, { version: extra.version, active: false })).statusCode).toBe(409);
    const off = await patch(director, `/api/fee-items/${extra.id}`, { version: extra.version + 1, active: false });
    expect(off.json().active).toBe(false);
    expect((await patch(director, `/api/fee-items/${extra.id}`, { version: extra.version + 2, pricing: { kind: 'area', rateCentiFen: 100 } })).statusCode).toBe(400);
    items.decoration = off.json();
  });
});

describe('meters and readings', () => {
  it('a meter per home; numbers are unique in the project', async () => {
    for (const [i, unitId] of units.slice(0, 3).entries()) {
      const res = await post(director, '/api/meters', { projectId: t.fx.projectA.id, unitId, kind: 'water', number: `W-10${i + 1}` });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ unitNumber: `10${i + 1}`, buildingId: t.fx.buildingA.id, digits: 5 });
      meters[`10${i + 1}`] = res.json().id;
    }
    expect((await post(director, '/api/meters', { projectId: t.fx.projectA.id, unitId: units[0], kind: 'water', number: 'W-101' })).statusCode).toBe(409);
    expect((await post(director, '/api/meters', { projectId: t.fx.projectA.id, kind: 'electricity', number: 'E-PUB', location: '1栋公共照明' })).statusCode).toBe(201);
    const list = (await get(cashier, `/api/meters?projectId=${t.fx.projectA.id}&kind=water`)).json();
    expect(list.items.map((m: { number: string }) => m.number)).toEqual(['W-101', 'W-102', 'W-103']);
  });

  it('readings are all or nothing: one bad row refuses the batch with every row named', async () => {
    const before = await snapshot(t.database);
    const res = await post(cashier, '/api/meter-readings', [
      { meterId: meters['101'], period: P2, readingMilli: 1_000_000 },
      { meterId: meters['102'], period: FUTURE, readingMilli: 500_000 },
      { meterId: newId(), period: P2, readingMilli: 1 },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('readings_invalid');
    expect(res.json().details.map((d: { index: number; code: string }) => [d.index, d.code])).toEqual([[1, 'future_period'], [2, 'unknown_meter']]);
    expect(await snapshot(t.database)).toEqual(before);
  });

  it('the first reading is the baseline; a rollback needs a reason; 3× the usual is held', async () => {
    const base = await post(cashier, '/api/meter-readings', [
      { meterId: meters['101'], period: P2, readingMilli: 1_000_000 },
      { meterId: meters['102'], period: P2, readingMilli: 500_000 },
      { meterId: meters['103'], period: P2, readingMilli: 200_000 },
      { meterId: meters['101'], period: P1, readingMilli: 1_095_000 },
      { meterId: meters['102'], period: P1, readingMilli: 510_000 },
      { meterId: meters['103'], period: P1, readingMilli: 210_000 },
    ]);
    expect(base.statusCode, base.body).toBe(201);
    expect(base.json()).toMatchObject({ created: 6, held: 0 });
    const r101 = base.json().items.find((r: { meterId: string; period: string }) => r.meterId === meters['101'] && r.period === P1);
    expect(r101).toMatchObject({ previousMilli: 1_000_000, consumptionMilli: 95_000, status: 'accepted' });

    const before = await snapshot(t.database);
    const rollback = await post(cashier, '/api/meter-readings', [{ meterId: meters['102'], period: P0, readingMilli: 400_000 }]);
    expect(rollback.statusCode).toBe(400);
    expect(rollback.json().details[0]).toMatchObject({ code: 'reading_below_previous', path: '[0].readingMilli' });
    const noReason = await post(cashier, '/api/meter-readings', [{ meterId: meters['102'], period: P0, readingMilli: 400_000, kind: 'rollover' }]);
    expect(noReason.json().details[0].code).toBe('reading_reason_required');
    expect(await snapshot(t.database)).toEqual(before);
    expect((await post(cashier, '/api/meter-readings', [{ meterId: meters['101'], period: P1, readingMilli: 1_100_000 }])).statusCode).toBe(409);

    // 12 m³ for 101 (the tier example); 102 uses 50 m³ against its usual 10: held for review.
    const month = await post(cashier, '/api/meter-readings', [
      { meterId: meters['101'], period: P0, readingMilli: 1_107_000 },
      { meterId: meters['102'], period: P0, readingMilli: 560_000 },
    ]);
    expect(month.statusCode, month.body).toBe(201);
    expect(month.json()).toMatchObject({ created: 2, held: 1 });
    const held = (await get(director, `/api/meter-readings?projectId=${t.fx.projectA.id}&status=held`)).json();
    expect(held.items.map((r: { meterNumber: string; consumptionMilli: number }) => [r.meterNumber, r.consumptionMilli])).toEqual([['W-102', 50_000]]);
  });

  it('the reading sheet: a template of the building\'s meters, imported all or nothing', async () => {
    const tpl = await get(cashier, `/api/meter-readings/import/template?projectId=${t.fx.projectA.id}&buildingId=${t.fx.buildingA.id}&period=${P0}`);
    expect(tpl.statusCode).toBe(200);
    expect(tpl.headers['content-type']).toContain('spreadsheetml');
    const header = ['表号', '房屋', '上次读数', '抄表月份', '本次读数', '抄表日期', '类型', '原因'];
    const bad = await xlsxOf([header, ['W-103', '', '', P0, '-5', '', '', ''], ['W-999', '', '', P0, '1', '', '', '']]);
    const importAs = (form: FormData) => t.app.inject({
      method: 'POST', url: `/api/meter-readings/import?projectId=${t.fx.projectA.id}`,
      headers: { cookie: `pd_session=${cashier.cookie}`, 'x-csrf-token': cashier.csrf }, payload: form,
    });
    const before = await countOf(t.database, 'meter_readings');
    const refused = await importAs(uploadForm(bad, 'r.xlsx'));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().details.map((d: { row: number; field: string }) => [d.row, d.field])).toEqual([[2, 'reading'], [3, 'meterNumber']]);
    expect(await countOf(t.database, 'meter_readings')).toBe(before);
    const good = await importAs(uploadForm(await xlsxOf([header, ['W-103', '', '', P0, '214.5', '', '正常', '']]), 'r.xlsx'));
    expect(good.statusCode, good.body).toBe(201);
    expect(good.json().items[0]).toMatchObject({ meterNumber: 'W-103', consumptionMilli: 4_500, status: 'accepted' });
  });
});

describe('billing runs', () => {
  it('a future month is refused with 400 and nothing is written; the cashier may not run', async () => {
    const before = await snapshot(t.database);
    const res = await post(director, '/api/billing-runs', { projectId: t.fx.projectA.id, period: FUTURE });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].path).toBe('body.period');
    expect((await post(director, '/api/billing-runs', { projectId: t.fx.projectA.id, period: '2026-13' })).statusCode).toBe(400);
    expect((await post(cashier, '/api/billing-runs', { projectId: t.fx.projectA.id, period: P1 })).statusCode).toBe(403);
    expect((await post(director, '/api/billing-runs', { projectId: t.fx.projectA.id, period: P1, extra: 1 })).statusCode).toBe(400);
    expect(await snapshot(t.database)).toEqual(before);
  });

  it('previews, commits in one go, and a repeat bills nothing twice', async () => {
    // A prepaid balance of 100 元 for 101's property fee is applied automatically.
    const accountId = newId();
    await t.database.db.insertInto('prepaid_accounts').values({ id: accountId, project_id: t.fx.projectA.id, unit_id: units[0]!, fee_item_id: items.property!.id, account_key: items.property!.id, balance_fen: 10000, updated_at: nowIso(), version: 1 }).execute();

    const before = await snapshot(t.database);
    const preview = await post(director, '/api/billing-runs', { projectId: t.fx.projectA.id, period: P1, dryRun: true });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(await snapshot(t.database)).toEqual(before);
    const p = preview.json();
    // 3 homes × (property + garbage) + 3 water lines (95, 10, 10 m³); the shop has no residential item.
    const property = 20974 + 24111 + 30174;
    const water = 28500 + 3000 + 3000;
    expect(p).toMatchObject({ runId: null, dryRun: true, billed: { count: 9, totalFen: property + 3 * 1500 + water, bills: 3 }, prepaidAppliedFen: 10000 });
    expect(p.byFeeItem.find((i: { name: string }) => i.name === '物业管理费')).toMatchObject({ count: 3, totalFen: property });

    const commit = await post(director, '/api/billing-runs', { projectId: t.fx.projectA.id, period: P1 });
    expect(commit.statusCode, commit.body).toBe(201);
    expect(commit.json()).toMatchObject({ billed: p.billed, skipped: { count: 0 }, prepaidAppliedFen: 10000 });
    expect(commit.json().runId).toEqual(expect.any(String));
    const again = await post(director, '/api/billing-runs', { projectId: t.fx.projectA.id, period: P1 });
    expect(again.json()).toMatchObject({ billed: { count: 0, totalFen: 0 }, skipped: { count: 9, alreadyBilled: 9, alreadyBilledFen: p.billed.totalFen } });
    expect(await countOf(t.database, 'bill_lines')).toBe(before.bill_lines + 9);

    const runs = (await get(cashier, `/api/billing-runs?projectId=${t.fx.projectA.id}`)).json();
    expect(runs.items.map((r: { billedCount: number; createdByName: string }) => [r.billedCount, r.createdByName])).toEqual([[0, 'director'], [9, 'director']]);
    const account = await t.database.db.selectFrom('prepaid_accounts').select('balance_fen').where('id', '=', accountId).executeTakeFirstOrThrow();
    expect(Number(account.balance_fen)).toBe(0);
    const bill101 = (await get(cashier, `/api/bills?unitId=${units[0]}&period=${P1}`)).json().items[0];
    expect(bill101).toMatchObject({ status: 'partially_paid', paidFen: 10000, totalFen: 20974 + 1500 + 28500 });
  });

  it('the issue\'s tier example: 95 m³ used this year, 12 m³ more → 46.50 元 split by tier', async () => {
    const held = (await get(director, `/api/meter-readings?projectId=${t.fx.projectA.id}&status=held`)).json().items;
    const run = (await post(director, '/api/billing-runs', { projectId: t.fx.projectA.id, period: P0 })).json();
    expect(run.skipped.heldReadings).toBe(1);
    expect(run.heldReadings[0]).toMatchObject({ meterNumber: 'W-102', consumptionMilli: 50_000 });
    const bills = (await get(cashier, `/api/bills?unitId=${units[0]}&period=${P0}`)).json();
    expect(bills.total).toBe(1);
    const detail = (await get(cashier, `/api/bills/${bills.items[0].id}`)).json();
    const waterLine = detail.lines.find((l: { feeItemName: string }) => l.feeItemName === '水费');
    // 95 m³ already counted in the same calendar year: 5 × 3.00 + 7 × 4.50 = 46.50.
    expect(waterLine).toMatchObject({ quantityMilli: 12_000, amountFen: 4650 });
    expect(waterLine.tiers).toEqual([
      { tier: 1, fromMilli: 95_000, toMilli: 100_000, quantityMilli: 5_000, priceCentiFen: 30000, amountFen: 1500 },
      { tier: 2, fromMilli: 100_000, toMilli: 107_000, quantityMilli: 7_000, priceCentiFen: 45000, amountFen: 3150 },
    ]);

    // The held reading, once approved by who approves, is billed by the next run of the month.
    expect((await post(cashier, `/api/meter-readings/${held[0].id}/approve`, {})).statusCode).toBe(403);
    expect((await post(director, `/api/meter-readings/${held[0].id}/approve`, {})).json().status).toBe('accepted');
    expect((await post(director, `/api/meter-readings/${held[0].id}/approve`, {})).statusCode).toBe(409);
    const rerun = (await post(director, '/api/billing-runs', { projectId: t.fx.projectA.id, period: P0 })).json();
    expect(rerun.billed).toMatchObject({ count: 1, bills: 0 });
    expect(rerun.byFeeItem.find((i: { name: string }) => i.name === '水费')).toMatchObject({ count: 1, totalFen: 50 * 300 });
  });
});

describe('bills, voids and reductions', () => {
  it('are listed by unit, status, period, project and building, within scope', async () => {
    const all = (await get(cashier, `/api/bills?projectId=${t.fx.projectA.id}&pageSize=50`)).json();
    expect(all.total).toBe(6);
    expect((await get(cashier, `/api/bills?buildingId=${t.fx.buildingA.id}&period=${P1}`)).json().total).toBe(3);
    expect((await get(cashier, `/api/bills?status=partially_paid`)).json().items.map((b: { unitNumber: string }) => b.unitNumber)).toEqual(['101']);
    // Project B's bill is invisible to project A's cashier: an empty list and a 404.
    await t.database.db.transaction().execute(async (tx) => {
      const now = nowIso();
      await tx.insertInto('bills').values({ id: 'billprojectb0001', project_id: t.fx.projectB.id, building_id: t.fx.buildingB.id, unit_id: unitB, period: P1, status: 'unpaid', total_fen: 100, paid_fen: 0, due_date: `${P1}-15`, run_id: null, created_at: now, updated_at: now, version: 1 }).execute();
    });
    expect((await get(cashier, `/api/bills?unitId=${unitB}`)).json().total).toBe(0);
    expect((await get(cashier, '/api/bills/billprojectb0001')).statusCode).toBe(404);
    expect((await get(recA, `/api/bills?projectId=${t.fx.projectA.id}`)).statusCode).toBe(403);
  });

  it('a line is voided with a reason by who may void, not by the cashier; a paid line is not', async () => {
    const bill = (await get(cashier, `/api/bills?unitId=${units[2]}&period=${P1}`)).json().items[0];
    const detail = (await get(cashier, `/api/bills/${bill.id}`)).json();
    const garbage = detail.lines.find((l: { feeItemName: string }) => l.feeItemName === '垃圾处理费');
    expect((await post(cashier, `/api/bill-lines/${garbage.id}/void`, { reason: '重复收取' })).statusCode).toBe(403);
    expect((await post(director, `/api/bill-lines/${garbage.id}/void`, {})).statusCode).toBe(400);
    const voided = await post(director, `/api/bill-lines/${garbage.id}/void`, { reason: '空置房免收垃圾费' });
    expect(voided.statusCode, voided.body).toBe(200);
    expect(voided.json()).toMatchObject({ status: 'void', voidReason: '空置房免收垃圾费', voidedBy: t.fx.users.director });
    const after = (await get(cashier, `/api/bills/${bill.id}`)).json();
    expect(after.totalFen).toBe(bill.totalFen - 1500);
    expect(after.lines).toHaveLength(detail.lines.length);
    expect((await post(director, `/api/bill-lines/${garbage.id}/void`, { reason: '再来一次' })).statusCode).toBe(409);
    const paidLine = (await get(cashier, `/api/bills/${(await get(cashier, `/api/bills?unitId=${units[0]}&period=${P1}`)).json().items[0].id}`)).json().lines.find((l: { paidFen: number }) => l.paidFen > 0);
    expect((await post(director, `/api/bill-lines/${paidLine.id}/void`, { reason: '作废' })).json().error).toBe('line_has_payments');
  });

  it('a reduction is requested by the cashier and counts only once someone else approves it', async () => {
    const bill = (await get(cashier, `/api/bills?unitId=${units[1]}&period=${P1}`)).json().items[0];
    const property = (await get(cashier, `/api/bills/${bill.id}`)).json().lines.find((l: { feeItemName: string }) => l.feeItemName === '物业管理费');
    const before = await snapshot(t.database);
    expect((await post(cashier, `/api/bill-lines/${property.id}/reductions`, { amountFen: -100, reason: '困难户' })).statusCode).toBe(400);
    expect((await post(cashier, `/api/bill-lines/${property.id}/reductions`, { amountFen: 10.5, reason: '困难户' })).statusCode).toBe(400);
    expect((await post(cashier, `/api/bill-lines/${property.id}/reductions`, { amountFen: property.amountFen + 1, reason: '困难户' })).statusCode).toBe(400);
    expect(await snapshot(t.database)).toEqual(before);

    const req = await post(cashier, `/api/bill-lines/${property.id}/reductions`, { amountFen: 5000, reason: '低保户减免' });
    expect(req.statusCode, req.body).toBe(201);
    expect(req.json()).toMatchObject({ kind: 'reduction', amountFen: -5000, status: 'pending', relatedLineId: property.id });
    expect((await get(cashier, `/api/bills/${bill.id}`)).json().totalFen).toBe(bill.totalFen);
    expect((await post(cashier, `/api/reductions/${req.json().id}/approve`, {})).statusCode).toBe(403);
    const pending = (await get(director, `/api/reductions?projectId=${t.fx.projectA.id}&status=pending`)).json();
    expect(pending.items.map((r: { unitNumber: string; createdByName: string }) => [r.unitNumber, r.createdByName])).toEqual([['102', 'cashierA']]);
    const approved = await post(director, `/api/reductions/${req.json().id}/approve`, {});
    expect(approved.statusCode, approved.body).toBe(200);
    const after = (await get(cashier, `/api/bills/${bill.id}`)).json();
    expect(after.totalFen).toBe(bill.totalFen - 5000);
    expect(after.lines.find((l: { id: string }) => l.id === property.id)).toMatchObject({ creditedFen: 5000, owedFen: property.amountFen - 5000 });

    // Whoever requested cannot approve their own (the admin holds both permissions).
    const own = (await post(admin, `/api/bill-lines/${property.id}/reductions`, { amountFen: 100, reason: '尾数减免' })).json();
    expect((await post(admin, `/api/reductions/${own.id}/approve`, {})).json().error).toBe('own_reduction');
    expect((await post(director, `/api/reductions/${own.id}/reject`, {})).json().status).toBe('rejected');
    expect((await get(cashier, `/api/bills/${bill.id}`)).json().totalFen).toBe(bill.totalFen - 5000);
  });
});

describe('one-off charges', () => {
  it('go on the unit\'s bill of the month; bad amounts or an unknown unit are 400 and write nothing', async () => {
    const before = await snapshot(t.database);
    for (const body of [
      { unitId: units[3], description: '装修垃圾清运', amountFen: -100 },
      { unitId: units[3], description: '装修垃圾清运', amountFen: 99.5 },
      { unitId: newId(), description: '装修垃圾清运', amountFen: 30000 },
      { unitId: unitB, description: '装修垃圾清运', amountFen: 30000 },
    ]) {
      const res = await post(cashier, '/api/bills/charges', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(await snapshot(t.database)).toEqual(before);
    const res = await post(cashier, '/api/bills/charges', { unitId: units[3], feeItemId: items.decoration!.id });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ unitNumber: 'S01', period: THIS_MONTH, totalFen: 35000, status: 'unpaid' });
    expect(res.json().lines[0]).toMatchObject({ description: '装修垃圾清运费', source: 'one_off' });
  });

  it("a finished paid repair's charge is billed once", async () => {
    const d = await seedDesk(t.database, t.fx);
    const techA = await t.login('techA');
    const ticket = (await post(recA, '/api/tickets', repairA(t.fx, d, { paid: true }))).json();
    const wo = (await post(recA, `/api/tickets/${ticket.id}/dispatch`, { technicianId: t.fx.users.techA })).json().workOrder;
    const early = await post(cashier, '/api/bills/charges', { workOrderId: wo.id });
    expect(early.json().error).toBe('work_order_not_done');
    await post(techA, `/api/work-orders/${wo.id}/accept`);
    await post(techA, `/api/work-orders/${wo.id}/start`, {});
    const fin = await post(techA, `/api/work-orders/${wo.id}/finish`, { workDone: '更换水管', labourMinutes: 60, chargeFen: 8000 });
    expect(fin.statusCode, fin.body).toBe(200);
    const billed = await post(cashier, '/api/bills/charges', { workOrderId: wo.id });
    expect(billed.statusCode, billed.body).toBe(201);
    const line = billed.json().lines.find((l: { source: string }) => l.source === 'work_order');
    expect(line).toMatchObject({ amountFen: 8000, sourceId: wo.id });
    expect(line.description).toContain(wo.number);
    expect((await post(cashier, '/api/bills/charges', { workOrderId: wo.id })).json().error).toBe('work_order_already_billed');
  });
});
