import { nextCounter } from '../../db/counters.js';
import type { Tx } from '../../db/database.js';
import type { TicketCategoriesTable } from '../../db/schema.js';

export const categoriesRepository = {
  /** Group-wide categories (project_id null) plus those of the given projects. */
  list(db: Tx, f: { projectIds: string[]; kind?: string; active?: boolean }) {
    let q = db
      .selectFrom('ticket_categories')
      .selectAll()
      .where((eb) => (f.projectIds.length > 0 ? eb.or([eb('project_id', 'is', null), eb('project_id', 'in', f.projectIds)]) : eb('project_id', 'is', null)));
    if (f.kind) q = q.where('kind', '=', f.kind);
    if (f.active !== undefined) q = q.where('active', '=', f.active ? 1 : 0);
    return q.orderBy('kind').orderBy('sort').orderBy('name').orderBy('id').execute();
  },

  findById(db: Tx, id: string) {
    return db.selectFrom('ticket_categories').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Categories under the same parent that a project's intake form shows together (group-wide + that project's). */
  /**
   * Serializes name checks at one level (kind × parent) until the transaction ends: two people
   * adding "漏水" under the same parent at the same moment on PostgreSQL would otherwise both find
   * no sibling of that name and both insert it.
   */
  async lockLevel(db: Tx, level: { kind: string; parentId: string | null }): Promise<void> {
    await nextCounter(db, `category_level:${level.kind}:${level.parentId ?? 'top'}`);
  },

  siblings(db: Tx, f: { kind: string; parentId: string | null; projectId: string | null }) {
    let q = db.selectFrom('ticket_categories').selectAll().where('kind', '=', f.kind);
    q = f.parentId === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', f.parentId);
    q = f.projectId === null ? q.where('project_id', 'is', null) : q.where((eb) => eb.or([eb('project_id', 'is', null), eb('project_id', '=', f.projectId)]));
    return q.execute();
  },

  async anyGroupWide(db: Tx): Promise<boolean> {
    return (await db.selectFrom('ticket_categories').select('id').where('project_id', 'is', null).limit(1).executeTakeFirst()) !== undefined;
  },

  async insert(db: Tx, rows: TicketCategoriesTable[]) {
    if (rows.length > 0) await db.insertInto('ticket_categories').values(rows).execute();
  },

  async update(db: Tx, id: string, patch: Partial<TicketCategoriesTable>) {
    await db.updateTable('ticket_categories').set(patch).where('id', '=', id).execute();
  },
};
