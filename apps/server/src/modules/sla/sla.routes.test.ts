import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/harness.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { DEFAULT_WORKING_HOURS } from './sla.policy.js';
import { prcDays } from './sla.prc.js';

let t: TestApp;
let supervisor: Session;
let receptionA: Session;
let techA: Session;
/** receptionB, made a reception supervisor of project B only: manages SLAs there and nowhere else. */
let managerB: Session;

beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  await t.database.db.insertInto('role_grants').values({
    id: newId(), user_id: t.fx.users.receptionB!, role_id: t.fx.roleIds.get('reception_supervisor')!, org_unit_id: t.fx.projectB.id, created_at: nowIso(),
  }).execute();
  supervisor = await t.login('supervisor');
  receptionA = await t.login('receptionA');
  techA = await t.login('techA');
  managerB = await t.login('receptionB');
});
afterAll(() => t.close());

const count = async (table: 'sla_policies' | 'calendars' | 'calendar_days') =>
  Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

const policy = (over: Record<string, unknown> = {}) => ({
  kind: 'repair', priority: 'normal', responseMinutes: 45, arrivalMinutes: 180, resolutionMinutes: 960, clock: 'working', warnPercent: 75, ...over,
});

describe('SLA policies', () => {
  it('answers 401 without a session and 403 to a technician (no tickets.read)', async () => {
    expect((await t.app.inject({ url: `/api/sla-policies?projectId=${t.fx.projectA.id}` })).statusCode).toBe(401);
    expect((await t.as(techA, { url: `/api/sla-policies?projectId=${t.fx.projectA.id}` })).statusCode).toBe(403);
  });

  it('shows all 24 built-in defaults to a receptionist before anything is configured', async () => {
    const res = await t.as(receptionA, { url: `/api/sla-policies?projectId=${t.fx.projectA.id}` });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.projectId).toBe(t.fx.projectA.id);
    expect(body.policies).toHaveLength(24);
    expect(body.policies.every((p: { configured: boolean }) => !p.configured)).toBe(true);
    expect(body.policies.find((p: { kind: string; priority: string }) => p.kind === 'repair' && p.priority === 'urgent')).toMatchObject({
      responseMinutes: 15, arrivalMinutes: 60, resolutionMinutes: 240, clock: 'calendar',
    });
  });

  it('answers 404 for a project outside the reader’s scope and 400 without a project', async () => {
    const res = await t.as(receptionA, { url: `/api/sla-policies?projectId=${t.fx.projectB.id}` });
    expect(res.statusCode).toBe(404);
    expect((await t.as(receptionA, { url: '/api/sla-policies' })).statusCode).toBe(400);
  });

  it('lets a supervisor replace the project’s policies; the rest fall back to the defaults', async () => {
    const put = await t.as(supervisor, {
      method: 'PUT', url: '/api/sla-policies',
      payload: { projectId: t.fx.projectA.id, policies: [policy(), policy({ kind: 'complaint', priority: 'high', arrivalMinutes: null, clock: 'calendar' })] },
    });
    expect(put.statusCode, put.body).toBe(200);
    const got = (await t.as(receptionA, { url: `/api/sla-policies?projectId=${t.fx.projectA.id}` })).json();
    expect(got).toEqual(put.json());
    const configured = got.policies.filter((p: { configured: boolean }) => p.configured);
    expect(configured).toHaveLength(2);
    expect(configured[0]).toMatchObject({ kind: 'repair', priority: 'normal', responseMinutes: 45, arrivalMinutes: 180, resolutionMinutes: 960, warnPercent: 75 });
    expect(configured[1]).toMatchObject({ kind: 'complaint', priority: 'high', clock: 'calendar', arrivalMinutes: null });
    // Project B is untouched.
    const b = (await t.as(supervisor, { url: `/api/sla-policies?projectId=${t.fx.projectB.id}` })).json();
    expect(b.policies.some((p: { configured: boolean }) => p.configured)).toBe(false);

    // A second PUT replaces the whole list.
    const again = await t.as(supervisor, { method: 'PUT', url: '/api/sla-policies', payload: { projectId: t.fx.projectA.id, policies: [policy({ priority: 'low', arrivalMinutes: null })] } });
    expect(again.statusCode).toBe(200);
    expect(again.json().policies.filter((p: { configured: boolean }) => p.configured).map((p: { priority: string }) => p.priority)).toEqual(['low']);
    const audit = await t.as(await t.login('admin'), { url: `/api/audit?entity=sla_policies&entityId=${t.fx.projectA.id}` });
    expect(audit.json().items[0]).toMatchObject({ action: 'sla_policies.replace', projectId: t.fx.projectA.id });
  });

  it('refuses a receptionist (403) and a manager of another project (404)', async () => {
    const payload = { projectId: t.fx.projectA.id, policies: [policy()] };
    expect((await t.as(receptionA, { method: 'PUT', url: '/api/sla-policies', payload })).statusCode).toBe(403);
    expect((await t.as(managerB, { method: 'PUT', url: '/api/sla-policies', payload })).statusCode).toBe(404);
    expect((await t.as(managerB, { method: 'PUT', url: '/api/sla-policies', payload: { ...payload, projectId: t.fx.projectB.id } })).statusCode).toBe(200);
  });

  it('refuses bad input with 400 and writes nothing', async () => {
    const before = await count('sla_policies');
    const bad: [string, unknown][] = [
      ['unknown kind', [policy({ kind: 'gossip' })]],
      ['unknown clock', [policy({ clock: 'lunar' })]],
      ['zero minutes', [policy({ responseMinutes: 0 })]],
      ['unknown field', [{ ...policy(), colour: 'red' }]],
      ['twice the same pair', [policy(), policy()]],
      ['arrival on a complaint', [policy({ kind: 'complaint' })]],
      ['response after resolution', [policy({ responseMinutes: 2000 })]],
      ['empty list', []],
    ];
    for (const [what, policies] of bad) {
      const res = await t.as(supervisor, { method: 'PUT', url: '/api/sla-policies', payload: { projectId: t.fx.projectA.id, policies } });
      expect(res.statusCode, what).toBe(400);
      expect(res.json().error, what).toBe('validation_failed');
    }
    // A valid first entry does not get written when a later one is bad: all or nothing.
    const mixed = await t.as(supervisor, { method: 'PUT', url: '/api/sla-policies', payload: { projectId: t.fx.projectA.id, policies: [policy({ priority: 'high' }), policy({ kind: 'consultation' })] } });
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().details[0].path).toBe('body.policies.1.arrivalMinutes');
    expect(await count('sla_policies')).toBe(before);
    const still = (await t.as(supervisor, { url: `/api/sla-policies?projectId=${t.fx.projectA.id}` })).json();
    expect(still.policies.filter((p: { configured: boolean }) => p.configured).map((p: { priority: string }) => p.priority)).toEqual(['low']);
  });
});

describe('calendars', () => {
  const url = () => `/api/calendars/${t.fx.projectA.id}`;
  const body = (over: Record<string, unknown> = {}) => ({
    workingHours: { ...DEFAULT_WORKING_HOURS, '6': [['09:00', '12:00']] },
    days: [{ date: '2026-12-24', type: 'holiday', name: '平安夜' }, { date: '2026-12-27', type: 'workday' }],
    visitDueMinutes: 480,
    visitMaxAttempts: 5,
    ...over,
  });

  it('shows the default week and the PRC holidays out of the box', async () => {
    const res = await t.as(receptionA, { url: url() });
    expect(res.statusCode, res.body).toBe(200);
    const cal = res.json();
    expect(cal).toMatchObject({ projectId: t.fx.projectA.id, timezone: 'Asia/Shanghai', workingHours: DEFAULT_WORKING_HOURS, visitDueMinutes: 1440, visitMaxAttempts: 3 });
    const year = new Date().getUTCFullYear();
    for (const d of prcDays(year)) expect(cal.days).toContainEqual({ date: d.date, type: d.type, name: d.name });
    expect(cal.days.length).toBeGreaterThan(0);
  });

  it('answers 404 outside the scope, 403 to a reader who may not manage, 401 without a session', async () => {
    expect((await t.as(receptionA, { url: `/api/calendars/${t.fx.projectB.id}` })).statusCode).toBe(404);
    expect((await t.as(managerB, { method: 'PUT', url: url(), payload: body() })).statusCode).toBe(404);
    expect((await t.as(receptionA, { method: 'PUT', url: url(), payload: body() })).statusCode).toBe(403);
    expect((await t.as(techA, { url: url() })).statusCode).toBe(403);
    expect((await t.app.inject({ url: url() })).statusCode).toBe(401);
    expect((await t.as(supervisor, { url: '/api/calendars/0000000000nothere' })).statusCode).toBe(404);
  });

  it('refuses bad hours and days with 400 and writes nothing', async () => {
    const [calendars, days] = [await count('calendars'), await count('calendar_days')];
    const bad: [string, Record<string, unknown>][] = [
      ['25:00', { workingHours: { ...DEFAULT_WORKING_HOURS, '1': [['08:30', '25:00']] } }],
      ['end before start', { workingHours: { ...DEFAULT_WORKING_HOURS, '1': [['17:30', '08:30']] } }],
      ['overlapping periods', { workingHours: { ...DEFAULT_WORKING_HOURS, '1': [['08:30', '12:00'], ['11:00', '17:30']] } }],
      ['a weekday missing', { workingHours: { '1': [['08:30', '12:00']] } }],
      ['no work at all', { workingHours: { '0': [], '1': [], '2': [], '3': [], '4': [], '5': [], '6': [] } }],
      ['a date that does not exist', { days: [{ date: '2026-02-30', type: 'holiday' }] }],
      ['a date twice', { days: [{ date: '2026-12-24', type: 'holiday' }, { date: '2026-12-24', type: 'workday' }] }],
      ['an unknown day type', { days: [{ date: '2026-12-24', type: 'party' }] }],
      ['zero visit minutes', { visitDueMinutes: 0 }],
      ['an unknown field', { timezone: 'Europe/Paris' }],
    ];
    for (const [what, over] of bad) {
      const res = await t.as(supervisor, { method: 'PUT', url: url(), payload: body(over) });
      expect(res.statusCode, `${what}: ${res.body}`).toBe(400);
      expect(res.json().error, what).toBe('validation_failed');
    }
    const endBeforeStart = await t.as(supervisor, { method: 'PUT', url: url(), payload: body({ workingHours: { ...DEFAULT_WORKING_HOURS, '3': [['17:30', '08:30']] } }) });
    expect(endBeforeStart.json().details[0]).toMatchObject({ path: 'body.workingHours.3.0' });
    expect(endBeforeStart.json().message).toBe('输入有误：时段 17:30–08:30 的结束时间早于开始时间');
    expect([await count('calendars'), await count('calendar_days')]).toEqual([calendars, days]);
  });

  it('stores the hours, the project’s own days and the visit settings', async () => {
    const put = await t.as(supervisor, { method: 'PUT', url: url(), payload: body() });
    expect(put.statusCode, put.body).toBe(200);
    const got = (await t.as(receptionA, { url: url() })).json();
    expect(got).toEqual(put.json());
    expect(got).toMatchObject({ visitDueMinutes: 480, visitMaxAttempts: 5 });
    expect(got.workingHours['6']).toEqual([['09:00', '12:00']]);
    // The project's list replaces the PRC list for 2026; other years still follow the PRC data.
    expect(got.days.filter((d: { date: string }) => d.date.startsWith('2026'))).toEqual([
      { date: '2026-12-24', type: 'holiday', name: '平安夜' },
      { date: '2026-12-27', type: 'workday', name: null },
    ]);
    const rows = await t.database.db.selectFrom('calendar_days').selectAll().where('project_id', '=', t.fx.projectA.id).execute();
    expect(rows).toHaveLength(2);
    // Project B keeps the defaults.
    expect((await t.as(supervisor, { url: `/api/calendars/${t.fx.projectB.id}` })).json().visitDueMinutes).toBe(1440);
    // A second PUT replaces the list.
    const again = await t.as(supervisor, { method: 'PUT', url: url(), payload: body({ days: [{ date: '2026-12-31', type: 'holiday', name: null }] }) });
    expect(again.json().days.filter((d: { date: string }) => d.date.startsWith('2026'))).toEqual([{ date: '2026-12-31', type: 'holiday', name: null }]);
  });
});
