import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateTicketBody } from '@propdesk/contracts';
import type { Database } from '../../db/database.js';
import type { Ctx } from '../../http/context.js';
import { createTestDatabase, ctxFor, seedFixture, testConfig, type Fixture } from '../../../test/harness.js';
import { startJobs } from '../../jobs/runner.js';
import { createTicket } from './ticket.intake.js';
import { resumeDueHolds, resumeHolds } from './ticket.jobs.js';
import { ticketRepository } from './ticket.repository.js';
import { ticketService } from './ticket.service.js';
import { ticketTransitions } from './ticket.transitions.js';
import { repairA, seedDesk, type Desk } from './tickets.testing.js';

let database: Database;
let fx: Fixture;
let d: Desk;
let desk: Ctx;
beforeAll(async () => {
  database = await createTestDatabase();
  fx = await seedFixture(database);
  d = await seedDesk(database, fx);
  desk = await ctxFor(database, fx.users.receptionA!);
});
afterAll(() => database.close());

const minutesFrom = (iso: string, m: number) => new Date(Date.parse(iso) + m * 60_000).toISOString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An urgent repair (24×7 calendar clock: 15 / 60 / 240 minutes) put on hold until `until` (or open-ended). */
async function heldTicket(until?: string): Promise<string> {
  const { id } = await createTicket(desk, repairA(fx, d) as CreateTicketBody);
  await ticketTransitions.hold(desk, id, { reason: '业主出差，约定回来后上门', ...(until ? { until } : {}) });
  return id;
}
/** A hold due in `minutes` from now (the hold action only takes a future time). */
const holdUntilIn = (minutes: number) => minutesFrom(new Date().toISOString(), minutes);
const resumeEvents = async (id: string) => (await ticketService.get(desk, id)).timeline.filter((e) => e.type === 'resume');

describe(`hold auto-resume on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'}`, () => {
  it('resumes a due hold as the system, with due times recomputed from the end of the hold', async () => {
    const until = holdUntilIn(5);
    const id = await heldTicket(until);
    const held = (await ticketRepository.findRaw(database.db, id))!;
    expect(held).toMatchObject({ status: 'on_hold', response_due_at: null, resolution_due_at: null });
    const left = JSON.parse(held.sla_remaining!) as { response: number; arrival: number; resolution: number };

    const r = await resumeHolds(database, minutesFrom(until, 1));
    expect(r).toMatchObject({ resumed: 1, failed: 0 });

    const t = (await ticketRepository.findRaw(database.db, id))!;
    expect(t).toMatchObject({ status: 'new', status_before_hold: null, hold_reason: null, hold_until: null, sla_remaining: null, version: held.version + 1 });
    // Calendar clock: the minutes left at the hold count again from its end.
    expect(t.response_due_at).toBe(minutesFrom(until, left.response));
    expect(t.arrival_due_at).toBe(minutesFrom(until, left.arrival));
    expect(t.resolution_due_at).toBe(minutesFrom(until, left.resolution));
    expect(left.resolution).toBeGreaterThan(200);

    const [event] = await resumeEvents(id);
    expect(event).toMatchObject({ actorId: null, actorName: null, fromStatus: 'on_hold', toStatus: 'new', data: { automatic: true, holdUntil: until } });
    const audit = await database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', id).where('action', '=', 'ticket.resume').execute();
    expect(audit.map((a) => [a.actor_id, a.actor_name])).toEqual([[null, null]]);
  });

  it('leaves a hold not yet due, and an open-ended hold, on hold', async () => {
    const until = holdUntilIn(30);
    const notYet = await heldTicket(until);
    const openEnded = await heldTicket();
    await resumeHolds(database, minutesFrom(until, -1));
    for (const id of [notYet, openEnded]) {
      expect((await ticketRepository.findRaw(database.db, id))!.status).toBe('on_hold');
      expect(await resumeEvents(id)).toEqual([]);
    }
    // At its time it goes; the open-ended one still waits for a person.
    await resumeHolds(database, until);
    expect((await ticketRepository.findRaw(database.db, notYet))!.status).toBe('new');
    expect((await ticketRepository.findRaw(database.db, openEnded))!.status).toBe('on_hold');
  });

  it('resumes a ticket once when two runs overlap, and when a person resumes it at the same moment', async () => {
    const until = holdUntilIn(2);
    const ids = [await heldTicket(until), await heldTicket(until), await heldTicket(until)];
    const later = minutesFrom(until, 1);
    const runs = await Promise.all([resumeHolds(database, later, 2), resumeHolds(database, later, 2)]);
    expect(runs.reduce((n, r) => n + r.resumed, 0)).toBe(3);
    expect(runs.reduce((n, r) => n + r.failed, 0)).toBe(0);
    for (const id of ids) {
      expect(await resumeEvents(id)).toHaveLength(1);
      expect((await ticketRepository.findRaw(database.db, id))!.version).toBe(3);
    }

    const raced = await heldTicket(holdUntilIn(2));
    const [manual, job] = await Promise.allSettled([ticketTransitions.resume(desk, raced), resumeHolds(database, later)]);
    const jobResumed = job.status === 'fulfilled' ? job.value.resumed : 0;
    // Exactly one of them resumed it; whichever lost changed nothing.
    expect((manual.status === 'fulfilled' ? 1 : 0) + jobResumed).toBe(1);
    if (manual.status === 'rejected') expect(manual.reason).toMatchObject({ status: 409 });
    expect(await resumeEvents(raced)).toHaveLength(1);
    expect((await ticketRepository.findRaw(database.db, raced))!).toMatchObject({ status: 'new', version: 3 });
  });

  it('runs under a lease: of two processes at once, one does the minute\'s work', async () => {
    const until = holdUntilIn(1);
    const id = await heldTicket(until);
    const now = minutesFrom(until, 2);
    const [a, b] = await Promise.all([resumeDueHolds(database, now, { holder: 'host-a:1' }), resumeDueHolds(database, now, { holder: 'host-b:2' })]);
    expect([a.leased, b.leased].sort()).toEqual([false, true]);
    expect(a.resumed + b.resumed).toBe(1);
    expect((await ticketRepository.findRaw(database.db, id))!.status).toBe('new');
  });

  it('is started by the background job runner', async () => {
    // Due a moment from now: the runner's own clock reaches it within the test.
    const id = await heldTicket(new Date(Date.now() + 300).toISOString());
    // Another process's lease of this minute must not linger from the test above.
    await database.db.deleteFrom('job_leases').execute();
    const jobs = startJobs(database, testConfig(), { info: () => {}, error: () => {} }, { firstRunAfterMs: 400, holdResumeEveryMs: 10_000, escalationEveryMs: 60_000 });
    try {
      for (let i = 0; i < 100 && (await ticketRepository.findRaw(database.db, id))!.status === 'on_hold'; i++) await sleep(30);
    } finally {
      await jobs.stop();
    }
    expect((await ticketRepository.findRaw(database.db, id))!.status).toBe('new');
  });
});
