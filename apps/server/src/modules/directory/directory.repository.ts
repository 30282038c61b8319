import { sql } from 'kysely';
import type { Tx } from '../../db/database.js';
import { applyPaging, applySort, containsCi } from '../../db/query.js';
import type { DirectoryEntriesTable } from '../../db/schema.js';

const SORT = { name: 'name', category: 'category', confirmedAt: 'confirmed_at', updatedAt: 'updated_at' };

export interface DirectoryFilter {
  projectIds: string[];
  q?: string;
  category?: string;
  staleBefore?: string;
  /** Without the reveal permission, a confidential number must not be searchable either (a search would confirm it). */
  searchConfidentialNumbers: boolean;
}

/** Every SQL statement about the phone directory. */
export const directoryRepository = {
  async list(db: Tx, f: DirectoryFilter, p: { page: number; pageSize: number; sort?: string }): Promise<{ rows: DirectoryEntriesTable[]; total: number }> {
    if (f.projectIds.length === 0) return { rows: [], total: 0 };
    const base = db.selectFrom('directory_entries').where('project_id', 'in', f.projectIds)
      .$if(!!f.category, (q) => q.where('category', '=', f.category!))
      .$if(!!f.staleBefore, (q) => q.where('confirmed_at', '<', f.staleBefore!))
      .$if(!!f.q, (q) => q.where((eb) => {
        const text = [containsCi('name', f.q!), containsCi('organization', f.q!), containsCi('title', f.q!)];
        const numbers = eb.or([containsCi('phone', f.q!), containsCi('alt_phone', f.q!)]);
        return eb.or([...text, f.searchConfidentialNumbers ? numbers : eb.and([eb('confidential', '=', 0), numbers])]);
      }));
    const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await applyPaging(applySort(base.selectAll(), p.sort, SORT, 'name'), p).execute();
    return { rows, total: Number(n) };
  },

  findById(db: Tx, id: string) {
    return db.selectFrom('directory_entries').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async insert(db: Tx, row: DirectoryEntriesTable) {
    await db.insertInto('directory_entries').values(row).execute();
  },

  async update(db: Tx, id: string, patch: Partial<DirectoryEntriesTable>) {
    await db.updateTable('directory_entries').set(patch).where('id', '=', id).execute();
  },

  async remove(db: Tx, id: string) {
    await db.deleteFrom('directory_entries').where('id', '=', id).execute();
  },

  staleCount(db: Tx, projectIds: string[], before: string) {
    if (projectIds.length === 0) return Promise.resolve(0);
    return db.selectFrom('directory_entries').select(sql<number>`count(*)`.as('n')).where('project_id', 'in', projectIds).where('confirmed_at', '<', before)
      .executeTakeFirstOrThrow().then((r) => Number(r.n));
  },
};
