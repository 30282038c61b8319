import type { Tx } from '../../db/database.js';
import { applyPaging, containsCi } from '../../db/query.js';
import type { NoticeReceiptsTable, NoticesTable } from '../../db/schema.js';

export type NoticeRow = NoticesTable & { author_name: string | null };

/** Every SQL statement about notices and their receipts. */
export const noticesRepository = {
  async list(db: Tx, f: { projectIds: string[]; userId: string; q?: string; pinned?: boolean; unread?: boolean; direction?: string }, p: { page: number; pageSize: number }): Promise<{ rows: NoticeRow[]; total: number }> {
    if (f.projectIds.length === 0) return { rows: [], total: 0 };
    const base = db.selectFrom('notices as n').leftJoin('users as a', 'a.id', 'n.author_id').where('n.project_id', 'in', f.projectIds)
      .$if(!!f.q, (q) => q.where((eb) => eb.or([containsCi('n.title', f.q!), containsCi('n.body', f.q!)])))
      .$if(f.pinned !== undefined, (q) => q.where('n.pinned', '=', f.pinned ? 1 : 0))
      .$if(!!f.direction, (q) => q.where('n.direction', '=', f.direction!))
      .$if(f.unread === true, (q) => q.where((eb) => eb.exists(eb.selectFrom('notice_receipts as r').select('r.notice_id').whereRef('r.notice_id', '=', 'n.id').where('r.user_id', '=', f.userId).where('r.read_at', 'is', null))));
    const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await applyPaging(base.selectAll('n').select('a.display_name as author_name').orderBy('n.pinned', 'desc').orderBy('n.created_at', 'desc').orderBy('n.id', 'desc'), p).execute();
    return { rows, total: Number(n) };
  },

  findById(db: Tx, id: string): Promise<NoticeRow | undefined> {
    return db.selectFrom('notices as n').leftJoin('users as a', 'a.id', 'n.author_id').selectAll('n').select('a.display_name as author_name').where('n.id', '=', id).executeTakeFirst();
  },

  receiptsOf(db: Tx, ids: string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return db.selectFrom('notice_receipts as r').leftJoin('users as u', 'u.id', 'r.user_id').selectAll('r').select('u.display_name as user_name')
      .where('r.notice_id', 'in', ids).orderBy('u.display_name').orderBy('r.user_id').execute();
  },

  /** Every active user's role grants with the node path (to resolve an audience). */
  staffGrants(db: Tx) {
    return db.selectFrom('role_grants as g').innerJoin('roles as r', 'r.id', 'g.role_id').innerJoin('org_units as o', 'o.id', 'g.org_unit_id').innerJoin('users as u', 'u.id', 'g.user_id')
      .select(['g.user_id as userId', 'r.code as roleCode', 'o.path as grantPath']).where('u.active', '=', 1).execute();
  },

  projectPath(db: Tx, projectId: string) {
    return db.selectFrom('org_units').select('path').where('id', '=', projectId).where('kind', '=', 'project').executeTakeFirst();
  },

  async insert(db: Tx, row: NoticesTable, receipts: NoticeReceiptsTable[]) {
    await db.insertInto('notices').values(row).execute();
    for (let i = 0; i < receipts.length; i += 200) await db.insertInto('notice_receipts').values(receipts.slice(i, i + 200)).execute();
  },

  async markRead(db: Tx, id: string, userId: string, at: string): Promise<boolean> {
    const r = await db.updateTable('notice_receipts').set({ read_at: at }).where('notice_id', '=', id).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  async markAcknowledged(db: Tx, id: string, userId: string, at: string): Promise<boolean> {
    const r = await db.updateTable('notice_receipts').set({ acknowledged_at: at }).where('notice_id', '=', id).where('user_id', '=', userId).where('acknowledged_at', 'is', null).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    // Acknowledging means having read it.
    await db.updateTable('notice_receipts').set({ read_at: at }).where('notice_id', '=', id).where('user_id', '=', userId).where('read_at', 'is', null).execute();
    return true;
  },
};
