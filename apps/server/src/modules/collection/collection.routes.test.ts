import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows } from '../../../test/collection-fixture.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('collection scope and permissions', () => {
  it("answers 404 for another project's report and targets", async () => {
    const cashier = await t.login('cashierA');
    expect((await t.as(cashier, { url: `/api/reports/collection?projectId=${t.fx.projectB.id}&year=2026` })).statusCode).toBe(404);
    expect((await t.as(cashier, { url: `/api/reports/collection/export?projectId=${t.fx.projectB.id}&year=2026` })).statusCode).toBe(404);
    expect((await t.as(cashier, { url: `/api/collection-targets?projectId=${t.fx.projectB.id}&year=2026` })).statusCode).toBe(404);
    // A building is not a project.
    expect((await t.as(cashier, { url: `/api/reports/collection?projectId=${t.fx.buildingA.id}&year=2026` })).statusCode).toBe(404);
    const own = await t.as(cashier, { url: `/api/reports/collection?projectId=${t.fx.projectA.id}&year=2026` });
    expect(own.statusCode).toBe(200);
    expect(own.json().totals).toMatchObject({ billedFen: 0, rateBp: null });
  });

  it('needs billing.targets to set targets (the cashier may read them)', async () => {
    const cashier = await t.login('cashierA');
    const res = await t.as(cashier, { method: 'PUT', url: '/api/collection-targets', payload: { projectId: t.fx.projectA.id, year: 2026, months: [{ month: 1, rateBp: 9_000 }] } });
    expect(res.statusCode).toBe(403);
    expect((await t.as(cashier, { url: `/api/collection-targets?projectId=${t.fx.projectA.id}&year=2026` })).statusCode).toBe(200);
    const reception = await t.login('receptionA');
    expect((await t.as(reception, { url: `/api/reports/collection?projectId=${t.fx.projectA.id}&year=2026` })).statusCode).toBe(403);
    expect(await countRows(t.database, 'collection_targets')).toBe(0);
  });

  it('refuses bad targets with 400 and writes nothing', async () => {
    const director = await t.login('director');
    const A = t.fx.projectA.id;
    for (const payload of [
      { projectId: A, year: 2026, months: [{ month: 13, rateBp: 9_000 }] },
      { projectId: A, year: 2026, months: [{ month: 1, rateBp: 10_001 }] },
      { projectId: A, year: 2026, months: [{ month: 1, rateBp: 95.5 }] },
      { projectId: A, year: 2026, months: [{ month: 1, rateBp: -1 }] },
      { projectId: A, year: 2026, months: [{ month: 1, rateBp: 9_000 }, { month: 1, rateBp: 9_100 }] },
      { projectId: A, year: 2026, months: [] },
      { projectId: A, year: 1999, months: [{ month: 1, rateBp: 9_000 }] },
      { projectId: A, year: 2026, months: [{ month: 1, rateBp: 9_000 }], note: 'x' },
    ]) {
      const res = await t.as(director, { method: 'PUT', url: '/api/collection-targets', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect(await countRows(t.database, 'collection_targets')).toBe(0);
    for (const qs of ['year=2026', `projectId=${A}`, `projectId=${A}&year=abc`, `projectId=${A}&year=1999`]) {
      expect((await t.as(director, { url: `/api/reports/collection?${qs}` })).statusCode, qs).toBe(400);
    }
  });
});
