/**
 * Arrears and dunning figures through the API, on SQLite and PostgreSQL (sums of bigint columns,
 * the owner and late-fee joins, the writes of dunning in one transaction).
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, daysAgo, seedArrearsScenario } from '../../../test/collection-fixture.js';
import { createTestApp, type Session, type TestApp } from '../../../test/harness.js';

let t: TestApp;
let s: Awaited<ReturnType<typeof seedArrearsScenario>>;
let cashier: Session;
beforeAll(async () => {
  t = await createTestApp();
  s = await seedArrearsScenario(t.database, t.fx);
  cashier = await t.login('cashierA');
});
afterAll(() => t.close());

const get = (url: string) => t.as(cashier, { url });

describe('arrears list', () => {
  it('lists the units in arrears with aging, late fees to date and totals, largest first', async () => {
    const res = await get(`/api/arrears?projectId=${t.fx.projectA.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.map((r: { unitNumber: string }) => r.unitNumber)).toEqual(['101', '102', '201']);
    const [u101, u102, u201] = body.items;
    expect(u101).toMatchObject({
      buildingName: 'A1栋', lineCount: 2, oldestDueDate: daysAgo(45), maxDaysPastDue: 45, outstandingFen: 16_000, lateFeeFen: 225 + 55, totalFen: 16_280,
      aging: { d0_30: 6_000, d31_90: 10_000, d91_180: 0, d181_365: 0, over_365: 0 },
      owners: [{ name: '张三', phoneMasked: '138****1111' }], dunningCount: 0,
    });
    // 10.00 of late fee to date, 3.00 of it already billed (and owed as its own line).
    expect(u102).toMatchObject({ outstandingFen: 5_300, lateFeeFen: 700, aging: { over_365: 5_000, d91_180: 300 }, owners: [] });
    expect(u201).toMatchObject({ buildingName: 'A2栋', outstandingFen: 3_000, lateFeeFen: 0, aging: { d181_365: 3_000 } });
    expect(body.total).toBe(3);
    expect(body.totals).toEqual({
      unitCount: 3, lineCount: 5, outstandingFen: 24_300, lateFeeFen: 980, totalFen: 25_280,
      aging: { d0_30: 6_000, d31_90: 10_000, d91_180: 300, d181_365: 3_000, over_365: 5_000 },
    });
  });

  it('groups by building', async () => {
    const body = (await get(`/api/arrears?projectId=${t.fx.projectA.id}&group=building&sort=unitNumber`)).json();
    expect(body.items.map((r: { buildingName: string; unitCount: number; outstandingFen: number; unitId: string | null }) => [r.buildingName, r.unitCount, r.outstandingFen, r.unitId])).toEqual([
      ['A1栋', 2, 21_300, null],
      ['A2栋', 1, 3_000, null],
    ]);
    expect(body.totals.outstandingFen).toBe(24_300);
  });

  it('filters by building, unit, aging, minimum amount and search text, and pages', async () => {
    const A = t.fx.projectA.id;
    const units = async (qs: string) => (await get(`/api/arrears?projectId=${A}&${qs}`)).json().items.map((r: { unitNumber: string }) => r.unitNumber);
    expect(await units(`buildingId=${s.buildingA2}`)).toEqual(['201']);
    expect(await units(`unitId=${s.u102}`)).toEqual(['102']);
    const old = (await get(`/api/arrears?projectId=${A}&aging=over_365`)).json();
    expect(old.items.map((r: { unitNumber: string; outstandingFen: number }) => [r.unitNumber, r.outstandingFen])).toEqual([['102', 5_000]]);
    expect(await units('minFen=6000')).toEqual(['101']);
    expect(await units('q=201')).toEqual(['201']);
    expect(await units(`q=${encodeURIComponent('张三')}`)).toEqual(['101']);
    const page2 = (await get(`/api/arrears?projectId=${A}&pageSize=1&page=2`)).json();
    expect(page2).toMatchObject({ total: 3, page: 2, pageSize: 1 });
    expect(page2.items.map((r: { unitNumber: string }) => r.unitNumber)).toEqual(['102']);
    expect(page2.totals.unitCount).toBe(3);
  });

  it("shows a unit's lines with their age and late fee", async () => {
    const body = (await get(`/api/arrears/units/${s.u101}`)).json();
    expect(body.lines.map((l: { period: string; daysPastDue: number; aging: string; outstandingFen: number; lateFeeFen: number }) => [l.period, l.daysPastDue, l.aging, l.outstandingFen, l.lateFeeFen])).toEqual([
      ['2026-01', 45, 'd31_90', 10_000, 225],
      ['2026-02', 15, 'd0_30', 6_000, 55],
    ]);
    expect(body).toMatchObject({ unitNumber: '101', buildingName: 'A1栋', totalFen: 16_280 });
  });

  it('exports the list as .xlsx with amounts in yuan', async () => {
    const res = await get(`/api/arrears/export?projectId=${t.fx.projectA.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(4);
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('合计(元)');
    const totalCol = header.indexOf('合计(元)') + 1;
    expect(ws.getRow(2).getCell(totalCol).value).toBe(162.8);
  });
});

describe('dunning', () => {
  it('prints a letter and texts the current owners, keeps each on the unit, skips units without arrears', async () => {
    const outboxBefore = await countRows(t.database, 'outbox');
    const res = await t.as(cashier, { method: 'POST', url: '/api/dunning', payload: { unitIds: [s.u101, s.u103, s.u201], channels: ['letter', 'sms'] } });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.notices.map((n: { unitNumber: string; channel: string; amountFen: number; lateFeeFen: number; recipientCount: number }) =>
      [n.unitNumber, n.channel, n.amountFen, n.lateFeeFen, n.recipientCount])).toEqual([
      ['101', 'letter', 16_000, 280, 0],
      ['101', 'sms', 16_000, 280, 1],
      ['201', 'letter', 3_000, 0, 0],
    ]);
    expect(body.skipped).toEqual(expect.arrayContaining([
      { unitId: s.u103, channel: null, reason: 'no_arrears' },
      { unitId: s.u201, channel: 'sms', reason: 'no_owner_phone' },
    ]));
    // Only the current owner is texted, not the tenant nor the former owner.
    expect(await countRows(t.database, 'outbox')).toBe(outboxBefore + 1);
    const sms = await t.database.db.selectFrom('outbox').selectAll().orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(sms).toMatchObject({ channel: 'sms', recipient: '13800001111', status: 'pending', project_id: t.fx.projectA.id });
    expect(sms.body).toContain('160.00元');
    expect(sms.body).toContain('A1栋101');

    const letterId = body.notices[0].id;
    const letter = (await get(`/api/dunning-notices/${letterId}/letter`)).json();
    expect(letter).toMatchObject({ unitNumber: '101', ownerNames: ['张三'], totalFen: 16_280, totalCapital: '壹佰陆拾贰元捌角整' });
    expect(letter.lines).toHaveLength(2);

    const history = (await get(`/api/dunning-notices?unitId=${s.u101}`)).json();
    expect(history.total).toBe(2);
    expect(history.items.find((n: { channel: string }) => n.channel === 'sms')).toMatchObject({ outboxStatus: 'pending', createdByName: 'cashierA' });
    const row = (await get(`/api/arrears?projectId=${t.fx.projectA.id}&unitId=${s.u101}`)).json().items[0];
    expect(row.dunningCount).toBe(2);
    expect(row.lastDunningAt).toBe(body.notices[0].createdAt);
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('action', '=', 'dunning.create').execute();
    expect(audit).toHaveLength(3);
  });

  it("writes nothing when one chosen unit is another project's (404)", async () => {
    const before = [await countRows(t.database, 'dunning_notices'), await countRows(t.database, 'outbox')];
    const res = await t.as(cashier, { method: 'POST', url: '/api/dunning', payload: { unitIds: [s.u101, s.uB], channels: ['letter', 'sms'] } });
    expect(res.statusCode).toBe(404);
    expect([await countRows(t.database, 'dunning_notices'), await countRows(t.database, 'outbox')]).toEqual(before);
  });
});
