import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { createTestDatabase, ctxFor, seedFixture, type Fixture } from '../../../test/harness.js';
import { addSecondCenter, insertStaff } from '../escalations/escalations.test-fixtures.js';
import { notificationsService, notify, queueOutbox, usersWithRoleCovering } from './notifications.service.js';
import { deliverOutbox, OUTBOX_MAX_ATTEMPTS } from './outbox.job.js';
import { OutboxOnlySender, type OutboxMessage, type OutboxSender } from './outbox.sender.js';

let database: Database;
let fx: Fixture;
beforeAll(async () => {
  database = await createTestDatabase();
  fx = await seedFixture(database);
});
afterAll(() => database.close());

const db = () => database.db;
const outboxRow = (id: string) => db().selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** A sender that records what it was asked to send, and fails for the addresses it is told to. */
function fakeSender(channels: OutboxMessage['channel'][], failFor = new Set<string>()): OutboxSender & { sent: OutboxMessage[] } {
  const sent: OutboxMessage[] = [];
  return {
    channels: new Set(channels),
    sent,
    async send(msg) {
      // Yield, so that concurrent deliveries really interleave.
      await new Promise((r) => setTimeout(r, 5));
      if (failFor.has(msg.recipient)) throw new Error(`mailbox ${msg.recipient} unavailable`);
      sent.push(msg);
    },
  };
}

describe(`notifications on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'}`, () => {
  it('notify writes one row per recipient in her own language; inactive users and repeats get none', async () => {
    const english = await insertStaff(db(), fx, 'en_reader', 'receptionist', fx.projectA, { locale: 'en' });
    const gone = await insertStaff(db(), fx, 'left_company', 'receptionist', fx.projectA, { active: 0 });
    await db().transaction().execute((tx) =>
      notify(tx, {
        userIds: [fx.users.receptionA!, english, gone, english],
        projectId: fx.projectA.id,
        type: 'work_order.issued',
        title: { zh: '新派工单 PG-0001', en: 'New work order PG-0001' },
        body: { zh: '请尽快上门', en: 'Please go soon' },
        link: '/work-orders/x1',
      }),
    );
    const rows = await db().selectFrom('notifications').selectAll().where('link', '=', '/work-orders/x1').execute();
    const byUser = new Map(rows.map((r) => [r.user_id, r]));
    expect(rows).toHaveLength(2);
    expect(byUser.get(fx.users.receptionA!)).toMatchObject({ title: '新派工单 PG-0001', body: '请尽快上门', type: 'work_order.issued', project_id: fx.projectA.id, read_at: null });
    expect(byUser.get(english)).toMatchObject({ title: 'New work order PG-0001', body: 'Please go soon' });
    expect(byUser.has(gone)).toBe(false);
  });

  it('usersWithRoleCovering: a center-level supervisor covers its projects, not a project of another center', async () => {
    const { projectC, supervisor2 } = await addSecondCenter(database, fx);
    const projectOnly = await insertStaff(db(), fx, 'sup_projectB', 'reception_supervisor', fx.projectB);
    const inactive = await insertStaff(db(), fx, 'sup_left', 'reception_supervisor', fx.center, { active: 0 });
    const tx = db();
    expect(await usersWithRoleCovering(tx, 'reception_supervisor', fx.projectA.id)).toEqual([fx.users.supervisor!]);
    expect((await usersWithRoleCovering(tx, 'reception_supervisor', fx.projectB.id)).sort()).toEqual([fx.users.supervisor!, projectOnly].sort());
    expect(await usersWithRoleCovering(tx, 'reception_supervisor', projectC.id)).toEqual([supervisor2]);
    expect(await usersWithRoleCovering(tx, 'center_director', fx.projectA.id)).toEqual([fx.users.director!]);
    // The group admin holds another role: not a supervisor. An unknown project has nobody.
    expect(await usersWithRoleCovering(tx, 'admin', projectC.id)).toEqual([fx.users.admin!]);
    expect(await usersWithRoleCovering(tx, 'reception_supervisor', 'nosuchproject00')).toEqual([]);
    expect(await usersWithRoleCovering(tx, 'reception_supervisor', fx.projectA.id)).not.toContain(inactive);
  });

  it('the bell: own list, unread filter, count, read one, read all — and never another user\'s', async () => {
    const me = await ctxFor(database, fx.users.cashierA!);
    const someoneElse = await ctxFor(database, fx.users.guardA!);
    for (const [i, userId] of [fx.users.cashierA!, fx.users.cashierA!, fx.users.cashierA!, fx.users.guardA!].entries()) {
      await notify(db(), { userIds: [userId], projectId: fx.projectA.id, type: 'test', title: { zh: `通知${i}`, en: `n${i}` } });
    }
    const all = await notificationsService.list(me, { page: 1, pageSize: 20 });
    expect(all.total).toBe(3);
    expect(all.items.map((n) => n.title).sort()).toEqual(['通知0', '通知1', '通知2']);
    expect(await notificationsService.unreadCount(me)).toEqual({ count: 3 });
    const read = await notificationsService.markRead(me, all.items[0]!.id);
    expect(read.readAt).not.toBeNull();
    // Reading it again changes nothing.
    expect((await notificationsService.markRead(me, all.items[0]!.id)).readAt).toBe(read.readAt);
    expect(await notificationsService.unreadCount(me)).toEqual({ count: 2 });
    expect((await notificationsService.list(me, { page: 1, pageSize: 20, unread: true })).items.map((n) => n.id)).not.toContain(read.id);
    expect((await notificationsService.list(me, { page: 1, pageSize: 20, unread: false })).items.map((n) => n.id)).toEqual([read.id]);
    const theirs = (await notificationsService.list(someoneElse, { page: 1, pageSize: 20 })).items[0]!;
    await expect(notificationsService.markRead(me, theirs.id)).rejects.toMatchObject({ status: 404 });
    expect((await notificationsService.list(someoneElse, { page: 1, pageSize: 20 })).items[0]!.readAt).toBeNull();
    expect(await notificationsService.markAllRead(me)).toEqual({ updated: 2 });
    expect(await notificationsService.unreadCount(me)).toEqual({ count: 0 });
    expect(await notificationsService.unreadCount(someoneElse)).toEqual({ count: 1 });
  });

  it('the outbox: the default sender leaves every row pending; a sender delivers only its own channels', async () => {
    const mail = await queueOutbox(db(), { channel: 'email', recipient: 'owner@example.com', subject: '报修已受理', body: '您的报修已受理', projectId: fx.projectA.id });
    const sms = await queueOutbox(db(), { channel: 'sms', recipient: '13800000000', body: '您的报修已受理', projectId: fx.projectA.id });
    expect(await outboxRow(mail)).toMatchObject({ status: 'pending', attempts: 0, channel: 'email', subject: '报修已受理' });
    expect(await deliverOutbox(database, new OutboxOnlySender())).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(await outboxRow(mail)).toMatchObject({ status: 'pending', attempts: 0 });
    const sender = fakeSender(['email']);
    expect(await deliverOutbox(database, sender)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(sender.sent.map((m) => m.recipient)).toEqual(['owner@example.com']);
    expect(await outboxRow(mail)).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    expect((await outboxRow(mail)).sent_at).not.toBeNull();
    expect(await outboxRow(sms)).toMatchObject({ status: 'pending', attempts: 0 });
    // Sent is sent: the next run does not send it again.
    await deliverOutbox(database, sender);
    expect(sender.sent).toHaveLength(1);
    await db().updateTable('outbox').set({ status: 'sent' }).where('id', '=', sms).execute();
  });

  it(`retries a failing message, keeping the last error, and marks it failed after ${OUTBOX_MAX_ATTEMPTS} attempts`, async () => {
    const id = await queueOutbox(db(), { channel: 'email', recipient: 'full@example.com', subject: 's', body: 'b', projectId: null });
    const sender = fakeSender(['email'], new Set(['full@example.com']));
    for (let i = 1; i < OUTBOX_MAX_ATTEMPTS; i++) {
      expect(await deliverOutbox(database, sender)).toEqual({ sent: 0, retrying: 1, failed: 0 });
      expect(await outboxRow(id)).toMatchObject({ status: 'pending', attempts: i, last_error: 'mailbox full@example.com unavailable' });
    }
    expect(await deliverOutbox(database, sender)).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect(await outboxRow(id)).toMatchObject({ status: 'failed', attempts: OUTBOX_MAX_ATTEMPTS });
    expect(await deliverOutbox(database, sender)).toEqual({ sent: 0, retrying: 0, failed: 0 });
  });

  it('two deliveries running at once send each message once', async () => {
    const ids = await Promise.all(Array.from({ length: 8 }, (_, i) => queueOutbox(db(), { channel: 'email', recipient: `r${i}@example.com`, subject: 's', body: 'b', projectId: null })));
    const sender = fakeSender(['email']);
    const [a, b] = await Promise.all([deliverOutbox(database, sender), deliverOutbox(database, sender)]);
    expect(a.sent + b.sent).toBe(8);
    expect(sender.sent.map((m) => m.id).sort()).toEqual([...ids].sort());
    for (const id of ids) expect(await outboxRow(id)).toMatchObject({ status: 'sent', attempts: 1 });
  });
  it('never takes a message another sender is still sending, but retries one whose sender died', async () => {
    const id = await queueOutbox(db(), { channel: 'email', recipient: 'inflight@example.com', subject: 's', body: 'b', projectId: null });
    // Another process claimed it a minute ago and has not finished.
    const claimedAt = new Date(Date.now() - 60_000).toISOString();
    await db().updateTable('outbox').set({ status: 'sending', attempts: 1, claimed_at: claimedAt }).where('id', '=', id).execute();
    const sender = fakeSender(['email']);
    await deliverOutbox(database, sender);
    expect(sender.sent.map((m) => m.id)).not.toContain(id);
    expect(await outboxRow(id)).toMatchObject({ status: 'sending', attempts: 1 });
    // Ten minutes on, that sender is presumed dead: the message goes out once more.
    const later = new Date(Date.now() + 10 * 60_000).toISOString();
    await deliverOutbox(database, sender, { now: () => later });
    expect(sender.sent.filter((m) => m.id === id)).toHaveLength(1);
    expect(await outboxRow(id)).toMatchObject({ status: 'sent', attempts: 2 });
  });
});
