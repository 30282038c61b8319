import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { createTestDatabase, ctxFor, seedFixture, type Fixture } from '../../../test/harness.js';
import { categoriesService, findUsableCategory } from '../categories/categories.service.js';
import { localDateOf } from './sla.clock.js';
import { DEFAULT_WORKING_HOURS } from './sla.policy.js';
import { prcDays } from './sla.prc.js';
import { computeDueTimes, ensureServiceDeskDefaults, loadSlaSetup, slaService } from './sla.service.js';

let database: Database;
let fx: Fixture;
beforeAll(async () => {
  database = await createTestDatabase();
  fx = await seedFixture(database);
});
afterAll(() => database.close());

/** "2026-11-27 16:00" in Shanghai → ISO instant. */
const sh = (local: string) => new Date(Date.parse(`${local.replace(' ', 'T')}:00+08:00`)).toISOString();

describe(`SLA setup and categories on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'}`, () => {
  it('works out of the box: built-in policies, the default week and the PRC days from the package', async () => {
    const setup = await loadSlaSetup(database.db, fx.projectB.id);
    expect(setup.calendar.timezone).toBe('Asia/Shanghai');
    // Kept for a few seconds: intake and the escalation job load it constantly.
    expect(await loadSlaSetup(database.db, fx.projectB.id)).toBe(setup);
    expect(setup.calendar.workingHours).toEqual(DEFAULT_WORKING_HOURS);
    expect(setup.calendar.days.get('2026-10-01')).toBe('holiday');
    expect(setup.calendar.days.get('2026-10-10')).toBe('workday');
    expect(setup.calendar.days.get('2025-10-11')).toBe('workday');
    expect(setup).toMatchObject({ visitDueMinutes: 1440, visitMaxAttempts: 3 });
    expect(setup.policyFor('repair', 'normal')).toMatchObject({ projectId: fx.projectB.id, responseMinutes: 60, arrivalMinutes: 240, resolutionMinutes: 1440, clock: 'working' });
    // A normal repair reported on Friday 16:00 (90 working minutes left that day): response 60 the
    // same day, arrival 240 = 90 + 150 on Monday, resolution 1440 = 90 + 3 × 450 by Wednesday's end.
    const due = computeDueTimes(setup, 'repair', 'normal', sh('2026-11-27 16:00'));
    expect(due).toEqual({ clock: 'working', response: sh('2026-11-27 17:00'), arrival: sh('2026-11-30 11:00'), resolution: sh('2026-12-02 17:30') });
    // Urgent repairs run 24×7.
    expect(computeDueTimes(setup, 'repair', 'urgent', sh('2026-11-28 23:50'))).toMatchObject({ clock: 'calendar', response: sh('2026-11-29 00:05'), arrival: sh('2026-11-29 00:50') });
  });

  it('round-trips the project’s policies and uses them, with defaults for the rest', async () => {
    const sup = await ctxFor(database, fx.users.supervisor!);
    const saved = await slaService.putPolicies(sup, {
      projectId: fx.projectA.id,
      policies: [
        { kind: 'repair', priority: 'normal', responseMinutes: 30, arrivalMinutes: 90, resolutionMinutes: 600, clock: 'calendar', warnPercent: 70 },
        { kind: 'complaint', priority: 'normal', responseMinutes: 20, arrivalMinutes: null, resolutionMinutes: 480, clock: 'working', warnPercent: 90 },
      ],
    });
    expect(saved.policies.filter((p) => p.configured)).toHaveLength(2);
    const read = await slaService.getPolicies(sup, fx.projectA.id);
    expect(read).toEqual(saved);
    const setup = await loadSlaSetup(database.db, fx.projectA.id);
    expect(setup.policyFor('repair', 'normal')).toEqual({ projectId: fx.projectA.id, kind: 'repair', priority: 'normal', responseMinutes: 30, arrivalMinutes: 90, resolutionMinutes: 600, clock: 'calendar', warnPercent: 70 });
    expect(setup.policyFor('complaint', 'normal').warnPercent).toBe(90);
    expect(setup.policyFor('repair', 'high')).toMatchObject({ responseMinutes: 30, arrivalMinutes: 120, resolutionMinutes: 480, clock: 'working', warnPercent: 80 });
    expect(computeDueTimes(setup, 'repair', 'normal', sh('2026-11-27 23:00'))).toMatchObject({ clock: 'calendar', response: sh('2026-11-27 23:30') });

    // Replacing with one policy drops the others; project B never sees A's.
    await slaService.putPolicies(sup, { projectId: fx.projectA.id, policies: [{ kind: 'praise', priority: 'low', responseMinutes: 600, arrivalMinutes: null, resolutionMinutes: 900, clock: 'working', warnPercent: 80 }] });
    const after = await loadSlaSetup(database.db, fx.projectA.id);
    expect(after.policyFor('repair', 'normal').clock).toBe('working');
    expect(after.policyFor('praise', 'low').responseMinutes).toBe(600);
    expect((await loadSlaSetup(database.db, fx.projectB.id)).policyFor('praise', 'low').responseMinutes).toBe(480);
    await expect(slaService.getPolicies(await ctxFor(database, fx.users.receptionB!), fx.projectA.id)).rejects.toMatchObject({ status: 404 });
  });

  it('round-trips the calendar; its own days replace the PRC list for the years they cover', async () => {
    const sup = await ctxFor(database, fx.users.supervisor!);
    const hours = { ...DEFAULT_WORKING_HOURS, '6': [['09:00', '12:00']] as [string, string][] };
    const saved = await slaService.putCalendar(sup, fx.projectA.id, {
      workingHours: hours,
      days: [{ date: '2026-10-10', type: 'holiday', name: '项目自定' }, { date: '2026-11-30', type: 'holiday', name: null }],
      visitDueMinutes: 600,
      visitMaxAttempts: 4,
    });
    expect(await slaService.getCalendar(sup, fx.projectA.id)).toEqual(saved);
    const setup = await loadSlaSetup(database.db, fx.projectA.id);
    expect(setup.calendar.workingHours['6']).toEqual([['09:00', '12:00']]);
    expect(setup.calendar.days.get('2026-10-10')).toBe('holiday');
    expect(setup.calendar.days.get('2026-10-01')).toBeUndefined();
    expect(setup.calendar.days.get('2025-10-01')).toBe('holiday');
    expect(setup).toMatchObject({ visitDueMinutes: 600, visitMaxAttempts: 4 });
    // Saturday mornings are worked now and Monday 11-30 is the project's own holiday: a high repair
    // (30 working minutes) on Friday evening is due Saturday 09:30; one on Saturday 11:45, Tuesday 08:45.
    expect(computeDueTimes(setup, 'repair', 'high', sh('2026-11-27 18:00')).response).toBe(sh('2026-11-28 09:30'));
    expect(computeDueTimes(setup, 'repair', 'high', sh('2026-11-28 11:45')).response).toBe(sh('2026-12-01 08:45'));
  });

  it('writes the service-desk defaults once, however often it runs', async () => {
    const tz = 'Asia/Shanghai';
    const year = Number(localDateOf(tz, new Date().toISOString()).slice(0, 4));
    for (let i = 0; i < 2; i++) await database.db.transaction().execute((tx) => ensureServiceDeskDefaults(tx, fx.projectB.id));
    const cal = await database.db.selectFrom('calendars').selectAll().where('project_id', '=', fx.projectB.id).execute();
    expect(cal).toHaveLength(1);
    expect(JSON.parse(cal[0]!.working_hours)).toEqual(DEFAULT_WORKING_HOURS);
    const days = await database.db.selectFrom('calendar_days').select(['date', 'type', 'name']).where('project_id', '=', fx.projectB.id).orderBy('date').execute();
    expect(days).toEqual([...prcDays(year), ...prcDays(year + 1)].map((d) => ({ date: d.date, type: d.type, name: d.name })));
    const groupWide = await database.db.selectFrom('ticket_categories').select('id').where('project_id', 'is', null).execute();
    expect(groupWide.length).toBeGreaterThan(20);
    // Project A keeps its own calendar and days.
    await database.db.transaction().execute((tx) => ensureServiceDeskDefaults(tx, fx.projectA.id));
    expect((await loadSlaSetup(database.db, fx.projectA.id)).visitDueMinutes).toBe(600);
    expect((await database.db.selectFrom('ticket_categories').select('id').where('project_id', 'is', null).execute()).length).toBe(groupWide.length);
  });

  it('lists group-wide and project categories and checks which one a ticket may use', async () => {
    const sup = await ctxFor(database, fx.users.supervisor!);
    const mine = await categoriesService.create(sup, { projectId: fx.projectA.id, kind: 'repair', name: '屋顶漏水', nameEn: 'Roof leaks', sort: 15 });
    const recA = await ctxFor(database, fx.users.receptionA!);
    const repair = (await categoriesService.list(recA, { kind: 'repair' })).items;
    expect(repair.filter((c) => c.parentId === null).map((c) => c.name).slice(0, 3)).toEqual(['水电', '屋顶漏水', '门窗']);
    const recB = await ctxFor(database, fx.users.receptionB!);
    expect((await categoriesService.list(recB, { kind: 'repair' })).items.map((c) => c.id)).not.toContain(mine.id);
    expect(await findUsableCategory(database.db, fx.projectA.id, 'repair', mine.id)).toMatchObject({ id: mine.id });
    expect(await findUsableCategory(database.db, fx.projectB.id, 'repair', mine.id)).toBeUndefined();
    expect(await findUsableCategory(database.db, fx.projectA.id, 'complaint', mine.id)).toBeUndefined();
    const groupWide = repair.find((c) => c.projectId === null)!;
    expect(await findUsableCategory(database.db, fx.projectB.id, 'repair', groupWide.id)).toMatchObject({ id: groupWide.id });
    await categoriesService.update(sup, mine.id, { active: false });
    expect(await findUsableCategory(database.db, fx.projectA.id, 'repair', mine.id)).toBeUndefined();
  });
});
