/** Every SQL statement about fee items (收费项目). */
import type { Tx } from '../../db/database.js';
import { applyPaging, applySort, containsCi } from '../../db/query.js';
import type { FeeItemsTable } from '../../db/schema.js';

export interface FeeItemFilter {
  projectIds: string[];
  kind?: string;
  active?: boolean;
  q?: string;
}

const SORT_COLUMNS: Record<string, string> = { name: 'name', sort: 'sort', kind: 'kind', createdAt: 'created_at', updatedAt: 'updated_at' };

function filtered(db: Tx, f: FeeItemFilter) {
  let q = db.selectFrom('fee_items').where('project_id', 'in', f.projectIds);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.active !== undefined) q = q.where('active', '=', f.active ? 1 : 0);
  if (f.q) q = q.where(containsCi('name', f.q));
  return q;
}

export const feeItemsRepository = {
  async list(db: Tx, f: FeeItemFilter, p: { page: number; pageSize: number; sort?: string }) {
    const [rows, count] = await Promise.all([
      applyPaging(applySort(filtered(db, f).selectAll(), p.sort, SORT_COLUMNS, 'sort'), p).execute(),
      filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  },

  findById(db: Tx, id: string) {
    return db.selectFrom('fee_items').selectAll().where('id', '=', id).executeTakeFirst();
  },

  findByName(db: Tx, projectId: string, name: string) {
    return db.selectFrom('fee_items').select('id').where('project_id', '=', projectId).where('name', '=', name).executeTakeFirst();
  },

  /** The active recurring and metered items of a project, in their display order. */
  activeOfProject(db: Tx, projectId: string) {
    return db.selectFrom('fee_items').selectAll().where('project_id', '=', projectId).where('active', '=', 1).orderBy('sort').orderBy('id').execute();
  },

  async insert(db: Tx, row: FeeItemsTable) {
    await db.insertInto('fee_items').values(row).execute();
  },

  /** Conditional on the version read: false when someone changed it meanwhile. */
  async update(db: Tx, id: string, version: number, patch: Partial<FeeItemsTable>): Promise<boolean> {
    const r = await db.updateTable('fee_items').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
};
