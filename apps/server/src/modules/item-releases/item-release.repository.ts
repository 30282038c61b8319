import type { Tx } from '../../db/database.js';
import { applyPaging, applySort, containsCi } from '../../db/query.js';
import type { ItemReleasesTable } from '../../db/schema.js';

export type ItemReleaseRow = ItemReleasesTable & { timezone: string; unit_number: string; building_name: string };

const SORT: Record<string, string> = { createdAt: 'r.created_at', plannedDate: 'r.planned_date', number: 'r.number', status: 'r.status' };

function rows(db: Tx) {
  return db
    .selectFrom('item_releases as r')
    .innerJoin('org_units as p', 'p.id', 'r.project_id')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .innerJoin('org_units as b', 'b.id', 'u.building_id')
    .selectAll('r')
    .select(['p.timezone', 'u.number as unit_number', 'b.name as building_name']);
}

export const itemReleaseRepository = {
  async insert(db: Tx, row: ItemReleasesTable) {
    await db.insertInto('item_releases').values(row).execute();
  },

  find(db: Tx, id: string): Promise<ItemReleaseRow | undefined> {
    return rows(db).where('r.id', '=', id).executeTakeFirst();
  },

  findByCode(db: Tx, code: string, projectIds: string[]) {
    if (projectIds.length === 0) return Promise.resolve(undefined);
    return rows(db).where('r.qr_code', '=', code).where('r.project_id', 'in', projectIds).executeTakeFirst();
  },

  findByNumber(db: Tx, number: string, projectIds: string[]) {
    if (projectIds.length === 0) return Promise.resolve(undefined);
    return rows(db).where('r.number', '=', number).where('r.project_id', 'in', projectIds).orderBy('r.created_at', 'desc').executeTakeFirst();
  },

  async idsOfMoveOut(db: Tx, moveOutId: string): Promise<string[]> {
    return (await db.selectFrom('item_releases').select('id').where('move_out_id', '=', moveOutId).orderBy('created_at').execute()).map((r) => r.id);
  },

  async list(db: Tx, f: { projectIds: string[]; unitId?: string; status?: string; plannedDate?: string; q?: string }, p: { page: number; pageSize: number; sort?: string }) {
    if (f.projectIds.length === 0) return { rows: [] as ItemReleaseRow[], total: 0 };
    let q = rows(db).where('r.project_id', 'in', f.projectIds);
    if (f.unitId) q = q.where('r.unit_id', '=', f.unitId);
    if (f.status) q = q.where('r.status', '=', f.status);
    if (f.plannedDate) q = q.where('r.planned_date', '=', f.plannedDate);
    if (f.q) {
      const text = f.q;
      q = q.where((eb) => eb.or([containsCi('r.number', text), containsCi('r.applicant_name', text), containsCi('r.plate', text), containsCi('u.number', text)]));
    }
    const total = Number((await q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return { rows: await applyPaging(applySort(q, p.sort, SORT, '-createdAt'), p).execute(), total };
  },

  /** Moves the slip on only if nobody did first (same version). */
  async updateIfVersion(db: Tx, id: string, version: number, patch: Partial<ItemReleasesTable>) {
    const r = await db.updateTable('item_releases').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /**
   * Marks the slip released only if it is still approved: of two gates scanning the same slip at
   * the same moment, exactly one row update succeeds (the other sees status ≠ approved).
   */
  async markReleased(db: Tx, id: string, patch: { released_at: string; released_by: string; released_gate: string }) {
    const r = await db.updateTable('item_releases')
      .set((eb) => ({ ...patch, status: 'released', updated_at: patch.released_at, version: eb('version', '+', 1) }))
      .where('id', '=', id).where('status', '=', 'approved').executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
};
