import type { Tx } from '../../db/database.js';
import { applyPaging, applySort } from '../../db/query.js';
import type { NotificationsTable, OutboxTable } from '../../db/schema.js';

const SORT_COLUMNS = { createdAt: 'created_at', readAt: 'read_at', type: 'type' };

/** Every SQL statement about the bell (notifications) and the outbox. */
export const notificationsRepository = {
  /** Language of each recipient (inactive users get nothing). */
  localesOf(db: Tx, userIds: string[]) {
    if (userIds.length === 0) return Promise.resolve([]);
    return db.selectFrom('users').select(['id', 'locale']).where('id', 'in', userIds).where('active', '=', 1).execute();
  },

  async insertMany(db: Tx, rows: NotificationsTable[]) {
    if (rows.length === 0) return;
    await db.insertInto('notifications').values(rows).execute();
  },

  /**
   * Active users holding the role at one of the given org nodes. The nodes are the project and
   * its ancestors (the segments of its materialized path): a grant there reaches the project.
   */
  async usersWithRoleAt(db: Tx, roleCode: string, orgUnitIds: string[]): Promise<string[]> {
    if (orgUnitIds.length === 0) return [];
    const rows = await db
      .selectFrom('role_grants as g')
      .innerJoin('roles as r', 'r.id', 'g.role_id')
      .innerJoin('users as u', 'u.id', 'g.user_id')
      .select('u.id')
      .distinct()
      .where('r.code', '=', roleCode)
      .where('g.org_unit_id', 'in', orgUnitIds)
      .where('u.active', '=', 1)
      .orderBy('u.id')
      .execute();
    return rows.map((r) => r.id);
  },

  projectPath(db: Tx, projectId: string) {
    return db.selectFrom('org_units').select('path').where('id', '=', projectId).executeTakeFirst();
  },

  async listForUser(db: Tx, userId: string, f: { unread?: boolean }, p: { page: number; pageSize: number; sort?: string }) {
    const base = db
      .selectFrom('notifications')
      .where('user_id', '=', userId)
      .$if(f.unread === true, (q) => q.where('read_at', 'is', null))
      .$if(f.unread === false, (q) => q.where('read_at', 'is not', null));
    const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await applyPaging(applySort(base.selectAll(), p.sort, SORT_COLUMNS, '-createdAt', new Set(['readAt'])), p).execute();
    return { rows, total: Number(n) };
  },

  async unreadCount(db: Tx, userId: string): Promise<number> {
    const { n } = await db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(n);
  },

  findForUser(db: Tx, id: string, userId: string) {
    return db.selectFrom('notifications').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  },

  /** Marks one unread notification read; 0 when it was already read (or is not hers). */
  async markRead(db: Tx, id: string, userId: string, at: string): Promise<number> {
    const r = await db.updateTable('notifications').set({ read_at: at }).where('id', '=', id).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows);
  },

  async markAllRead(db: Tx, userId: string, at: string): Promise<number> {
    const r = await db.updateTable('notifications').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows);
  },

  // ------------------------------------------------------------ outbox
  async insertOutbox(db: Tx, row: OutboxTable) {
    await db.insertInto('outbox').values(row).execute();
  },

  /** The oldest pending messages on the given channels (and those whose sender vanished before `staleBefore`). */
  pendingOutbox(db: Tx, channels: string[], limit: number, staleBefore: string) {
    if (channels.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('outbox')
      .selectAll()
      .where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'sending'), eb('claimed_at', '<', staleBefore)])]))
      .where('channel', 'in', channels)
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .execute();
  },

  /**
   * Claims one delivery attempt: counts it only if nobody else counted it first (the attempts
   * value we read is still there). Returns false when another process got there.
   */
  async claimAttempt(db: Tx, id: string, attemptsSeen: number, now: string, staleBefore: string): Promise<boolean> {
    const r = await db
      .updateTable('outbox')
      .set({ attempts: attemptsSeen + 1, status: 'sending', claimed_at: now })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'sending'), eb('claimed_at', '<', staleBefore)])]))
      .where('attempts', '=', attemptsSeen)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  async markSent(db: Tx, id: string, at: string) {
    await db.updateTable('outbox').set({ status: 'sent', sent_at: at, last_error: null }).where('id', '=', id).execute();
  },

  async markAttemptFailed(db: Tx, id: string, error: string, giveUp: boolean) {
    await db
      .updateTable('outbox')
      .set({ last_error: error.slice(0, 500), status: giveUp ? 'failed' : 'pending' })
      .where('id', '=', id)
      .execute();
  },
};
