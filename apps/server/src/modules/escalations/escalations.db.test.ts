import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/database.js';
import { createTestDatabase, ctxFor, seedFixture, type Fixture } from '../../../test/harness.js';
import { nowIso } from '../../lib/time.js';
import { ticketService } from '../tickets/ticket.service.js';
import { ticketTransitions } from '../tickets/ticket.transitions.js';
import { ESCALATION_JOB, escalationScan, scanEscalations } from './escalations.scan.js';
import { recordEscalation, type EscalationInput } from './escalations.service.js';
import { addSecondCenter, insertStaff, insertTicket, minutesFrom } from './escalations.test-fixtures.js';

let database: Database;
/** A second connection pool on PostgreSQL, as a second server process would have (SQLite in memory: the same). */
let other: Database;
let fx: Fixture;
beforeAll(async () => {
  database = await createTestDatabase();
  fx = await seedFixture(database);
  other = database.dialect === 'postgres' ? await openDatabase(process.env.TEST_DATABASE_URL!, { schema: database.schema }) : database;
});
afterAll(async () => {
  if (other !== database) await other.close();
  await database.close();
});

const db = () => database.db;
const escalationsOf = (ticketId: string) =>
  db().selectFrom('escalations').select(['target', 'reason', 'level']).where('ticket_id', '=', ticketId).orderBy('level').orderBy('target').execute();
const eventsOf = (ticketId: string) => db().selectFrom('ticket_events').selectAll().where('ticket_id', '=', ticketId).where('type', '=', 'escalation').execute();
const levelOf = async (ticketId: string) => (await db().selectFrom('tickets').select('escalation_level').where('id', '=', ticketId).executeTakeFirstOrThrow()).escalation_level;
const notificationsFor = (userId: string, link: string) => db().selectFrom('notifications').selectAll().where('user_id', '=', userId).where('link', '=', link).execute();
/** Takes earlier tests' tickets out of the scans' way. */
const closeAll = () => db().updateTable('tickets').set({ status: 'closed' }).execute();
const count = async (table: 'escalations' | 'ticket_events' | 'notifications') =>
  Number((await db().selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe(`escalations on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'}`, () => {
  it('records an escalation once: timeline, level, the level\'s people notified in their language; the second attempt is a no-op', async () => {
    const t = await insertTicket(db(), { project: fx.projectA, createdAt: '2026-03-16T01:00:00.000Z' });
    // The director reads English: the same escalation reaches each person in her own language.
    await db().updateTable('users').set({ locale: 'en' }).where('id', '=', fx.users.director!).execute();
    const e: EscalationInput = { ticketId: t.id, projectId: t.project_id, ticketNumber: t.number, cycle: 0, level: 1, target: 'response', reason: 'warning', dueAt: t.response_due_at, actor: null };
    expect(await db().transaction().execute((tx) => recordEscalation(tx, e))).toBe(true);
    expect(await db().transaction().execute((tx) => recordEscalation(tx, e))).toBe(false);
    expect(await escalationsOf(t.id)).toEqual([{ target: 'response', reason: 'warning', level: 1 }]);
    expect(await levelOf(t.id)).toBe(1);
    const events = await eventsOf(t.id);
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.data!)).toMatchObject({ level: 1, target: 'response', reason: 'warning', dueAt: t.response_due_at });
    // Level 1 goes to the reception supervisor (granted at the center above project A), not the director.
    const sup = await notificationsFor(fx.users.supervisor!, `/tickets/${t.id}`);
    expect(sup.map((n) => n.title)).toEqual([`工单 ${t.number} 响应即将超时`]);
    // The due time as people at the project read it (Asia/Shanghai): 01:15Z is 09:15.
    expect(sup[0]!.body).toBe('一级升级（接待主管），时限 2026-03-16 09:15');
    expect(await notificationsFor(fx.users.director!, `/tickets/${t.id}`)).toEqual([]);

    // Level 2 (by a person, e.g. a major complaint at intake): to the director, in English.
    const actor = { id: fx.users.receptionA!, name: 'receptionA' };
    expect(await db().transaction().execute((tx) => recordEscalation(tx, { ...e, level: 2, reason: 'breach', actor }))).toBe(true);
    expect(await levelOf(t.id)).toBe(2);
    const dir = await notificationsFor(fx.users.director!, `/tickets/${t.id}`);
    expect(dir.map((n) => n.title)).toEqual([`Ticket ${t.number} missed its response target`]);
    expect(dir[0]!.body).toBe('Level 2 (center director), due 2026-03-16 09:15');
    expect((await eventsOf(t.id)).find((x) => x.actor_id === actor.id)).toBeTruthy();
    // A later level 1 (another target) never lowers the level.
    expect(await db().transaction().execute((tx) => recordEscalation(tx, { ...e, target: 'arrival' }))).toBe(true);
    expect(await levelOf(t.id)).toBe(2);
    await db().updateTable('users').set({ locale: 'zh-CN' }).where('id', '=', fx.users.director!).execute();
  });

  it('a no-op second attempt leaves the rest of the transaction usable (PostgreSQL aborts a transaction on a failed insert)', async () => {
    const t = await insertTicket(db(), { project: fx.projectA, createdAt: '2026-03-16T01:00:00.000Z' });
    const e: EscalationInput = { ticketId: t.id, projectId: t.project_id, ticketNumber: t.number, cycle: 0, level: 1, target: 'major', reason: 'major', dueAt: null, actor: null };
    await db().transaction().execute(async (tx) => {
      expect(await recordEscalation(tx, e)).toBe(true);
      expect(await recordEscalation(tx, e)).toBe(false);
      await tx.updateTable('tickets').set({ title: 'still writable' }).where('id', '=', t.id).execute();
    });
    expect((await db().selectFrom('tickets').select('title').where('id', '=', t.id).executeTakeFirstOrThrow()).title).toBe('still writable');
    expect(await escalationsOf(t.id)).toHaveLength(1);
  });

  it('two scans running at once over the same tickets record each escalation exactly once', async () => {
    await closeAll();
    const now = '2026-03-20T06:00:00.000Z';
    // 61 minutes old: response (15) and arrival (60) breached → both warnings and both breaches; resolution (240) at 25 %: nothing.
    const overdue = await Promise.all(Array.from({ length: 12 }, () => insertTicket(db(), { project: fx.projectB, createdAt: minutesFrom(now, -61) })));
    // Exactly 80 % of the 15-minute response used (12 minutes old): level 1 warning only.
    const warned = await insertTicket(db(), { project: fx.projectA, createdAt: minutesFrom(now, -12) });
    // Not to be escalated: response met, arrival and resolution far ahead; on hold; closed; cancelled; resolved.
    const met = await insertTicket(db(), { project: fx.projectA, createdAt: minutesFrom(now, -20), status: 'dispatched', responded_at: minutesFrom(now, -19), arrival_due_at: minutesFrom(now, 600) });
    const held = await insertTicket(db(), { project: fx.projectA, createdAt: minutesFrom(now, -500), status: 'on_hold', response_due_at: null, arrival_due_at: null, resolution_due_at: null });
    const closed = await insertTicket(db(), { project: fx.projectA, createdAt: minutesFrom(now, -500), status: 'closed' });
    const cancelled = await insertTicket(db(), { project: fx.projectA, createdAt: minutesFrom(now, -500), status: 'cancelled' });
    const resolved = await insertTicket(db(), { project: fx.projectA, createdAt: minutesFrom(now, -500), status: 'resolved', responded_at: minutesFrom(now, -499), arrived_at: minutesFrom(now, -480), resolved_at: minutesFrom(now, -300) });
    const before = { esc: await count('escalations'), ev: await count('ticket_events'), notes: await count('notifications') };

    // Small batches, so the keyset paging is exercised too.
    const [a, b] = await Promise.all([scanEscalations(database, now, 5), scanEscalations(other, now, 5)]);
    const expected = overdue.length * 4 + 1;
    expect(a.recorded + b.recorded).toBe(expected);
    expect(a.failed + b.failed).toBe(0);
    for (const t of overdue) {
      expect(await escalationsOf(t.id)).toEqual([
        { target: 'arrival', reason: 'warning', level: 1 },
        { target: 'response', reason: 'warning', level: 1 },
        { target: 'arrival', reason: 'breach', level: 2 },
        { target: 'response', reason: 'breach', level: 2 },
      ]);
      expect(await levelOf(t.id)).toBe(2);
      expect(await eventsOf(t.id)).toHaveLength(4);
    }
    expect(await escalationsOf(warned.id)).toEqual([{ target: 'response', reason: 'warning', level: 1 }]);
    expect(await levelOf(warned.id)).toBe(1);
    for (const t of [met, held, closed, cancelled, resolved]) {
      expect(await escalationsOf(t.id)).toEqual([]);
      expect(await levelOf(t.id)).toBe(0);
    }
    expect(await count('escalations')).toBe(before.esc + expected);
    expect(await count('ticket_events')).toBe(before.ev + expected);
    // One supervisor and one director cover both projects: one notification per escalation, no duplicates.
    expect(await count('notifications')).toBe(before.notes + expected);

    // A later scan finds nothing new.
    expect((await scanEscalations(database, minutesFrom(now, 1))).recorded).toBe(0);
  });

  it('a reopened ticket escalates again in its new cycle (once), the level starting over; the timeline keeps both cycles', async () => {
    await closeAll();
    const createdAt = '2026-07-01T06:00:00.000Z';
    // Answered and arrived: only the 240-minute resolution target is left to miss.
    const t = await insertTicket(db(), { project: fx.projectA, createdAt, status: 'in_progress', responded_at: minutesFrom(createdAt, 5), arrived_at: minutesFrom(createdAt, 30) });
    expect((await scanEscalations(database, minutesFrom(createdAt, 241))).recorded).toBe(2);
    const cyclesOf = () =>
      db().selectFrom('escalations').select(['cycle', 'target', 'reason', 'level']).where('ticket_id', '=', t.id).orderBy('cycle').orderBy('level').orderBy('target').execute();
    expect(await cyclesOf()).toEqual([
      { cycle: 0, target: 'resolution', reason: 'warning', level: 1 },
      { cycle: 0, target: 'resolution', reason: 'breach', level: 2 },
    ]);
    expect(await levelOf(t.id)).toBe(2);

    // Resolved, then the resident is not satisfied: reopened, with new arrival and resolution targets from now.
    await db().updateTable('tickets').set({ status: 'resolved', resolved_at: minutesFrom(createdAt, 600) }).where('id', '=', t.id).execute();
    const receptionA = await ctxFor(database, fx.users.receptionA!);
    const reopened = await ticketTransitions.reopen(receptionA, t.id, { reason: '住户不满意：仍然漏水' });
    expect(reopened).toMatchObject({ status: 'reopened', escalationLevel: 0 });
    expect(await levelOf(t.id)).toBe(0);

    // A day later both new targets are missed: the supervisor and the director hear of it again.
    const later = minutesFrom(nowIso(), 24 * 60);
    const before = await notificationsFor(fx.users.director!, `/tickets/${t.id}`);
    expect((await scanEscalations(database, later)).recorded).toBe(4);
    expect(await cyclesOf()).toEqual([
      { cycle: 0, target: 'resolution', reason: 'warning', level: 1 },
      { cycle: 0, target: 'resolution', reason: 'breach', level: 2 },
      { cycle: 1, target: 'arrival', reason: 'warning', level: 1 },
      { cycle: 1, target: 'resolution', reason: 'warning', level: 1 },
      { cycle: 1, target: 'arrival', reason: 'breach', level: 2 },
      { cycle: 1, target: 'resolution', reason: 'breach', level: 2 },
    ]);
    expect(await levelOf(t.id)).toBe(2);
    expect((await notificationsFor(fx.users.director!, `/tickets/${t.id}`)).length).toBe(before.length + 2);
    // The ticket's timeline shows the escalations of both cycles.
    const detail = await ticketService.get(receptionA, t.id);
    expect(detail.timeline.filter((e) => e.type === 'escalation')).toHaveLength(6);

    // Nothing is recorded twice.
    expect((await scanEscalations(database, minutesFrom(later, 1))).recorded).toBe(0);
    expect(await cyclesOf()).toHaveLength(6);
  });

  it('the job lease: within it, a second process\'s scan does nothing; after it, it scans', async () => {
    await closeAll();
    const now = '2026-04-01T06:00:00.000Z';
    const first = await escalationScan(database, now, { holder: 'server-1' });
    expect(first.leased).toBe(true);
    // A ticket overdue now, which only a scan that runs can find.
    const t = await insertTicket(db(), { project: fx.projectA, createdAt: minutesFrom(now, -30) });
    const second = await escalationScan(other, minutesFrom(now, 0.5), { holder: 'server-2' });
    expect(second).toEqual({ leased: false, examined: 0, recorded: 0, failed: 0 });
    expect(await escalationsOf(t.id)).toEqual([]);
    // 55 seconds later the lease has run out: server-2 takes it and scans.
    const third = await escalationScan(other, minutesFrom(now, 1), { holder: 'server-2' });
    expect(third.leased).toBe(true);
    expect(third.recorded).toBe(2);
    expect((await db().selectFrom('job_leases').selectAll().where('name', '=', ESCALATION_JOB).executeTakeFirstOrThrow()).holder).toBe('server-2');
    // ...and server-1, within server-2's lease, does nothing.
    expect((await escalationScan(database, minutesFrom(now, 1.5), { holder: 'server-1' })).leased).toBe(false);
  });

  it('a ticket that cannot be judged is skipped and reported; the others are still escalated', async () => {
    await closeAll();
    const now = '2026-04-15T06:00:00.000Z';
    const bad = await insertTicket(db(), { project: fx.projectA, createdAt: minutesFrom(now, -30), kind: 'no_such_kind' });
    const good = await insertTicket(db(), { project: fx.projectA, createdAt: minutesFrom(now, -30) });
    const r = await scanEscalations(database, now);
    expect(r).toMatchObject({ examined: 2, recorded: 2, failed: 1 });
    expect(r.firstError).toContain(bad.number);
    expect(await escalationsOf(good.id)).toHaveLength(2);
    expect(await escalationsOf(bad.id)).toEqual([]);
  });

  it('several processes asking for the lease at the same moment: exactly one gets it', async () => {
    const now = '2026-05-01T06:00:00.000Z';
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => escalationScan(i % 2 ? other : database, now, { holder: `server-${i}` })),
    );
    expect(results.filter((r) => r.leased)).toHaveLength(1);
  });

  it('notifies the supervisor covering the project: a second center\'s people hear of their own tickets only', async () => {
    const { projectC, supervisor2, director2 } = await addSecondCenter(database, fx);
    const inactive = await insertStaff(db(), fx, 'supervisor_left', 'reception_supervisor', fx.center, { active: 0 });
    const now = '2026-06-01T06:00:00.000Z';
    const c = await insertTicket(db(), { project: projectC, createdAt: minutesFrom(now, -20) });
    await scanEscalations(database, now);
    expect(await escalationsOf(c.id)).toEqual([
      { target: 'response', reason: 'warning', level: 1 },
      { target: 'response', reason: 'breach', level: 2 },
    ]);
    const link = `/tickets/${c.id}`;
    expect(await notificationsFor(supervisor2, link)).toHaveLength(1);
    expect(await notificationsFor(director2, link)).toHaveLength(1);
    expect(await notificationsFor(fx.users.supervisor!, link)).toEqual([]);
    expect(await notificationsFor(fx.users.director!, link)).toEqual([]);
    expect(await notificationsFor(inactive, link)).toEqual([]);
  });
});
