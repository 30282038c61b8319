import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/harness.js';

let t: TestApp;
let supervisor: Session;
let receptionB: Session;
let receptionA: Session;
let deskId: string;
const at = (local: string) => new Date(`${local}:00+08:00`).toISOString();
const MALL_HOURS = { weekday: [['09:30', '22:00']], weekend: [['09:30', '22:30']], holiday: [['10:00', '18:00']] };

beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  supervisor = await t.login('supervisor');
  receptionB = await t.login('receptionB');
  receptionA = await t.login('receptionA');
  const res = await t.as(supervisor, { method: 'POST', url: '/api/desks', payload: { projectId: t.fx.projectB.id, name: '一楼服务台', hours: MALL_HOURS, holidayRule: 'own' } });
  expect(res.statusCode, res.body).toBe(201);
  deskId = res.json().id;
});
afterAll(() => t.close());

const count = async (table: 'shifts' | 'covers' | 'handovers') => Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const shift = (userId: string, from: string, to: string) => t.as(supervisor, { method: 'POST', url: '/api/shifts', payload: { deskId, userId, startAt: at(from), endAt: at(to) } });

describe('desks and the roster', () => {
  it('keeps desks per project: receptionist A does not see the mall desk (404), and cannot create desks (403)', async () => {
    expect((await t.as(receptionA, { url: `/api/desks/${deskId}` })).statusCode).toBe(404);
    expect((await t.as(receptionA, { url: `/api/desks/${deskId}/coverage?from=2026-11-02&to=2026-11-02` })).statusCode).toBe(404);
    expect((await t.as(receptionA, { url: '/api/desks' })).json().items).toEqual([]);
    expect((await t.as(receptionB, { url: '/api/desks' })).json().items.map((d: { id: string }) => d.id)).toEqual([deskId]);
    const denied = await t.as(receptionB, { method: 'POST', url: '/api/desks', payload: { projectId: t.fx.projectB.id, name: '二楼', hours: MALL_HOURS } });
    expect(denied.statusCode).toBe(403);
    const dup = await t.as(supervisor, { method: 'POST', url: '/api/desks', payload: { projectId: t.fx.projectB.id, name: '一楼服务台', hours: MALL_HOURS } });
    expect(dup.statusCode).toBe(409);
  });

  it('refuses a shift ending before it starts (400) and writes nothing', async () => {
    const before = await count('shifts');
    const res = await shift(t.fx.users.receptionB!, '2026-11-02T22:00', '2026-11-02T09:30');
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].path).toBe('body.endAt');
    expect((await t.as(supervisor, { method: 'POST', url: '/api/shifts', payload: { deskId, userId: t.fx.users.receptionB!, startAt: 'tomorrow', endAt: at('2026-11-02T09:30') } })).statusCode).toBe(400);
    expect((await t.as(supervisor, { method: 'POST', url: '/api/shifts', payload: { deskId, userId: t.fx.users.receptionB!, startAt: at('2026-11-02T09:30'), endAt: at('2026-11-02T12:00'), extra: 1 } })).statusCode).toBe(400);
    expect(await count('shifts')).toBe(before);
  });

  it('finds the gaps of a Monday to the minute, then none once they are filled', async () => {
    expect((await shift(t.fx.users.receptionB!, '2026-11-02T09:30', '2026-11-02T15:59')).statusCode).toBe(201);
    let cov = (await t.as(receptionB, { url: `/api/desks/${deskId}/coverage?from=2026-11-02&to=2026-11-02` })).json();
    expect(cov).toMatchObject({ openMinutes: 750, coveredMinutes: 389 });
    expect(cov.gaps).toEqual([{ start: at('2026-11-02T15:59'), end: at('2026-11-02T22:00'), minutes: 361 }]);
    expect((await shift(t.fx.users.supervisor!, '2026-11-02T15:30', '2026-11-02T22:00')).statusCode).toBe(201);
    cov = (await t.as(receptionB, { url: `/api/desks/${deskId}/coverage?from=2026-11-02&to=2026-11-02` })).json();
    expect(cov).toMatchObject({ gaps: [], coveredMinutes: 750, openMinutes: 750 });
    // The same person cannot hold two overlapping shifts.
    expect((await shift(t.fx.users.receptionB!, '2026-11-02T12:00', '2026-11-02T13:00')).statusCode).toBe(409);
  });

  it('opens National Day with the desk\'s own holiday hours (PRC calendar of the service desk)', async () => {
    const cov = (await t.as(receptionB, { url: `/api/desks/${deskId}/coverage?from=2026-10-01&to=2026-10-01` })).json();
    expect(cov.days[0].dayType).toBe('holiday');
    expect(cov).toMatchObject({ openMinutes: 480, coveredMinutes: 0 });
  });

  it('records a cover inside the shift; a cover outside it is 400 and writes nothing', async () => {
    const shifts = (await t.as(receptionB, { url: `/api/shifts?deskId=${deskId}&from=2026-11-02&to=2026-11-02` })).json().items;
    const mine = shifts.find((s: { userId: string }) => s.userId === t.fx.users.receptionB!);
    const before = await count('covers');
    const outside = await t.as(receptionB, { method: 'POST', url: '/api/covers', payload: { shiftId: mine.id, coverUserId: t.fx.users.supervisor!, from: at('2026-11-02T15:50'), to: at('2026-11-02T16:30'), reason: '去洗手间' } });
    expect(outside.statusCode).toBe(400);
    expect(await count('covers')).toBe(before);
    const noCover = await t.as(receptionB, { method: 'POST', url: '/api/covers', payload: { shiftId: mine.id, from: at('2026-11-02T12:00'), to: at('2026-11-02T12:20'), reason: '取快递' } });
    expect(noCover.statusCode).toBe(400);
    const ok = await t.as(receptionB, { method: 'POST', url: '/api/covers', payload: { shiftId: mine.id, coverUserId: t.fx.users.supervisor!, from: at('2026-11-02T12:00'), to: at('2026-11-02T12:20'), reason: '取快递' } });
    expect(ok.statusCode, ok.body).toBe(201);
    // The cover was in the past and nobody recorded the return: overdue, and a live gap after 12:20.
    expect(ok.json().overdue).toBe(true);
    const cov = (await t.as(receptionB, { url: `/api/desks/${deskId}/coverage?from=2026-11-02&to=2026-11-02` })).json();
    expect(cov.gaps[0]).toMatchObject({ start: at('2026-11-02T12:20') });
  });

  it('flags the rest-day rule and proposes the rest day', async () => {
    const desk = (await t.as(supervisor, { method: 'POST', url: '/api/desks', payload: { projectId: t.fx.projectA.id, name: 'A前台', hours: MALL_HOURS, maxConsecutiveDays: 3 } })).json();
    for (const d of ['2026-11-09', '2026-11-10', '2026-11-11', '2026-11-12']) {
      const r = await t.as(supervisor, { method: 'POST', url: '/api/shifts', payload: { deskId: desk.id, userId: t.fx.users.receptionA!, startAt: at(`${d}T09:00`), endAt: at(`${d}T17:00`) } });
      expect(r.statusCode, r.body).toBe(201);
    }
    const check = (await t.as(supervisor, { url: `/api/desks/${desk.id}/rest-check?from=2026-11-01&to=2026-11-28` })).json();
    expect(check.violations).toEqual([{ userId: t.fx.users.receptionA!, userName: 'receptionA', from: '2026-11-09', to: '2026-11-12', days: 4, suggestedRestDate: '2026-11-12' }]);
  });

  it('hands over to the incoming person, who alone acknowledges', async () => {
    const res = await t.as(receptionB, { method: 'POST', url: '/api/handovers', payload: { deskId, toUserId: t.fx.users.supervisor!, notes: 'L2 失物招领一件，待认领', visitorsOnSite: '施工人员 2 名（L3-005）' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().items.visitorsOnSite).toBe('施工人员 2 名（L3-005）');
    expect((await t.as(receptionB, { method: 'POST', url: `/api/handovers/${res.json().id}/acknowledge`, payload: {} })).statusCode).toBe(403);
    const ack = await t.as(supervisor, { method: 'POST', url: `/api/handovers/${res.json().id}/acknowledge`, payload: { note: '已接班' } });
    expect(ack.statusCode).toBe(200);
    expect(ack.json().acknowledgedAt).not.toBeNull();
    expect((await t.as(supervisor, { method: 'POST', url: `/api/handovers/${res.json().id}/acknowledge`, payload: {} })).statusCode).toBe(409);
  });

  it('runs the day\'s checklist with due times from the opening hours and ticks items with who and when', async () => {
    const tpl = await t.as(supervisor, {
      method: 'POST', url: '/api/checklist-templates',
      payload: { deskId, name: '闭店检查', kind: 'closing', items: [{ text: '关闭背景音乐', anchor: 'close', offsetMinutes: -10 }, { text: '关闭所有电器', anchor: 'close', offsetMinutes: 0 }] },
    });
    expect(tpl.statusCode, tpl.body).toBe(201);
    const opened = await t.as(receptionB, { method: 'POST', url: '/api/checklist-runs', payload: { deskId, date: '2026-10-31' } });
    expect(opened.statusCode, opened.body).toBe(200);
    const run = opened.json().items[0];
    expect(run.items[0]).toMatchObject({ id: 'i1', dueAt: at('2026-10-31T22:20'), late: true });
    // Opening again gives the same run.
    expect((await t.as(receptionB, { method: 'POST', url: '/api/checklist-runs', payload: { deskId, date: '2026-10-31' } })).json().items[0].id).toBe(run.id);
    const ticked = await t.as(receptionB, { method: 'POST', url: `/api/checklist-runs/${run.id}/items/i1/check` });
    expect(ticked.statusCode).toBe(200);
    expect(ticked.json().items[0]).toMatchObject({ checkedBy: 'receptionB', late: true });
    expect(ticked.json().done).toBe(1);
    expect((await t.as(receptionA, { method: 'POST', url: `/api/checklist-runs/${run.id}/items/i2/check` })).statusCode).toBe(404);
    const late = (await t.as(supervisor, { url: '/api/checklist-runs?late=true' })).json();
    expect(late.items.map((r: { id: string }) => r.id)).toContain(run.id);
  });

  it('shows today\'s desk view', async () => {
    const res = await t.as(receptionB, { url: `/api/desks/${deskId}/today?date=2026-11-02` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().onDuty.length).toBe(2);
    expect(res.json().dayType).toBe('weekday');
  });
});
