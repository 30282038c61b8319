import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, seedArrearsScenario } from '../../../test/collection-fixture.js';
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

describe('arrears scope', () => {
  it("answers 404 for another project's arrears, unit or letter, and lists only the actor's projects", async () => {
    expect((await t.as(cashier, { url: `/api/arrears?projectId=${t.fx.projectB.id}` })).statusCode).toBe(404);
    expect((await t.as(cashier, { url: `/api/arrears/units/${s.uB}` })).statusCode).toBe(404);
    expect((await t.as(cashier, { url: `/api/dunning-notices?projectId=${t.fx.projectB.id}` })).statusCode).toBe(404);
    const all = (await t.as(cashier, { url: '/api/arrears' })).json();
    expect(all.items.map((r: { unitNumber: string }) => r.unitNumber).sort()).toEqual(['101', '102', '201']);
    // The director sees both projects.
    const director = await t.login('director');
    const both = (await t.as(director, { url: '/api/arrears' })).json();
    expect(both.items.map((r: { unitNumber: string }) => r.unitNumber).sort()).toEqual(['101', '102', '201', '801']);
    // A letter of project B is unknown to the cashier of A.
    const made = await t.as(director, { method: 'POST', url: '/api/dunning', payload: { unitIds: [s.uB], channels: ['letter'] } });
    expect(made.statusCode).toBe(201);
    expect((await t.as(cashier, { url: `/api/dunning-notices/${made.json().notices[0].id}/letter` })).statusCode).toBe(404);
  });

  it('needs billing.read to read and billing.dunning to send reminders', async () => {
    const reception = await t.login('receptionA');
    expect((await t.as(reception, { url: '/api/arrears' })).statusCode).toBe(403);
    expect((await t.as(reception, { url: `/api/arrears/units/${s.u101}` })).statusCode).toBe(403);
    const before = await countRows(t.database, 'dunning_notices');
    const res = await t.as(reception, { method: 'POST', url: '/api/dunning', payload: { unitIds: [s.u101], channels: ['letter'] } });
    expect(res.statusCode).toBe(403);
    expect(await countRows(t.database, 'dunning_notices')).toBe(before);
    expect((await t.app.inject({ url: '/api/arrears' })).statusCode).toBe(401);
  });
});

describe('bad input', () => {
  it('refuses bad filters with 400', async () => {
    for (const qs of ['minFen=-1', 'minFen=1.5', 'aging=d1_2', 'group=floor', 'pageSize=201', 'unitId=NOT-AN-ID']) {
      const res = await t.as(cashier, { url: `/api/arrears?${qs}` });
      expect(res.statusCode, qs).toBe(400);
    }
  });

  it('refuses a bad dunning request with 400 and writes nothing', async () => {
    const before = [await countRows(t.database, 'dunning_notices'), await countRows(t.database, 'outbox')];
    for (const payload of [
      { unitIds: [], channels: ['letter'] },
      { unitIds: [s.u101], channels: [] },
      { unitIds: [s.u101], channels: ['email'] },
      { unitIds: [s.u101], channels: ['letter'], extra: 1 },
      { unitIds: ['bad id'], channels: ['letter'] },
    ]) {
      const res = await t.as(cashier, { method: 'POST', url: '/api/dunning', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const unknown = await t.as(cashier, { method: 'POST', url: '/api/dunning', payload: { unitIds: ['zzzzzzzzzzzz'], channels: ['letter'] } });
    expect(unknown.statusCode).toBe(404);
    expect([await countRows(t.database, 'dunning_notices'), await countRows(t.database, 'outbox')]).toEqual(before);
  });
});
