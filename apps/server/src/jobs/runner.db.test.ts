import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { createTestDatabase, seedFixture, testConfig, type Fixture } from '../../test/harness.js';
import { insertTicket, minutesFrom } from '../modules/escalations/escalations.test-fixtures.js';
import { queueOutbox } from '../modules/notifications/notifications.service.js';
import type { OutboxMessage, OutboxSender } from '../modules/notifications/outbox.sender.js';
import { startJobs, type JobLog } from './runner.js';

let database: Database;
let fx: Fixture;
beforeAll(async () => {
  database = await createTestDatabase();
  fx = await seedFixture(database);
});
afterAll(() => database.close());

const quietLog = (): JobLog & { errors: unknown[] } => {
  const errors: unknown[] = [];
  return { errors, info: () => {}, error: (obj) => void errors.push(obj) };
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => Promise<boolean>, ms = 5_000) {
  for (const start = Date.now(); Date.now() - start < ms; await sleep(20)) if (await check()) return;
  throw new Error('timed out waiting');
}
const escalationCount = async (ticketId: string) =>
  Number((await database.db.selectFrom('escalations').select((eb) => eb.fn.countAll().as('n')).where('ticket_id', '=', ticketId).executeTakeFirstOrThrow()).n);

function recordingSender(): OutboxSender & { sent: OutboxMessage[] } {
  const sent: OutboxMessage[] = [];
  return { channels: new Set(['email'] as const), sent, send: async (m) => void sent.push(m) };
}

describe(`background job runner on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'}`, () => {
  it('PROPDESK_JOBS=0: runs nothing', async () => {
    const sender = recordingSender();
    await queueOutbox(database.db, { channel: 'email', recipient: 'off@example.com', subject: 's', body: 'b', projectId: null });
    const jobs = startJobs(database, testConfig({ jobs: false }), quietLog(), { firstRunAfterMs: 0, escalationEveryMs: 10, outboxEveryMs: 10, sender });
    await sleep(150);
    await jobs.stop();
    expect(sender.sent).toEqual([]);
    expect(await database.db.selectFrom('job_leases').selectAll().execute()).toEqual([]);
    await database.db.updateTable('outbox').set({ status: 'sent' }).execute();
  });

  it('scans for escalations and delivers the outbox on its timers; after stop(), nothing more runs', async () => {
    const ticket = await insertTicket(database.db, { project: fx.projectA, createdAt: minutesFrom(new Date().toISOString(), -20) });
    await queueOutbox(database.db, { channel: 'email', recipient: 'first@example.com', subject: 's', body: 'b', projectId: null });
    const sender = recordingSender();
    const log = quietLog();
    const jobs = startJobs(database, testConfig(), log, { firstRunAfterMs: 0, escalationEveryMs: 30, outboxEveryMs: 30, sender });
    await until(async () => (await escalationCount(ticket.id)) === 2 && sender.sent.length === 1);
    await jobs.stop();
    expect(sender.sent.map((m) => m.recipient)).toEqual(['first@example.com']);
    expect(log.errors).toEqual([]);

    await queueOutbox(database.db, { channel: 'email', recipient: 'late@example.com', subject: 's', body: 'b', projectId: null });
    await sleep(150);
    expect(sender.sent.map((m) => m.recipient)).toEqual(['first@example.com']);
  });
});
