import type { Tx } from '../../db/database.js';
import { applyPaging, applySort, containsCi } from '../../db/query.js';
import type { DeskKeysTable, KeyLoansTable } from '../../db/schema.js';

export type KeyRow = DeskKeysTable & { unit_number: string | null; building_name: string | null };
export type LoanRow = KeyLoansTable & { lent_by_name: string | null; key_label?: string };

const SORT = { label: 'k.label', createdAt: 'k.created_at', location: 'k.location' };

/** Every SQL statement about the key register and its loans. */
export const keysRepository = {
  async list(db: Tx, f: { projectIds: string[]; q?: string; out?: boolean; overdueBefore?: string }, p: { page: number; pageSize: number; sort?: string }): Promise<{ rows: KeyRow[]; total: number }> {
    if (f.projectIds.length === 0) return { rows: [], total: 0 };
    const base = db.selectFrom('desk_keys as k').leftJoin('units as u', 'u.id', 'k.unit_id').leftJoin('org_units as b', 'b.id', 'u.building_id').where('k.project_id', 'in', f.projectIds)
      .$if(!!f.q, (q) => q.where((eb) => eb.or([containsCi('k.label', f.q!), containsCi('k.opens', f.q!), containsCi('k.location', f.q!)])))
      .$if(f.out === true, (q) => q.where('k.out_count', '>', 0))
      .$if(f.out === false, (q) => q.where('k.out_count', '=', 0))
      .$if(!!f.overdueBefore, (q) => q.where((eb) => eb.exists(eb.selectFrom('key_loans as l').select('l.id').whereRef('l.key_id', '=', 'k.id').where('l.returned_at', 'is', null).where('l.due_at', '<', f.overdueBefore!))));
    const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await applyPaging(applySort(base.selectAll('k').select(['u.number as unit_number', 'b.name as building_name']), p.sort, SORT, 'label'), p).execute();
    return { rows, total: Number(n) };
  },

  findById(db: Tx, id: string): Promise<KeyRow | undefined> {
    return db.selectFrom('desk_keys as k').leftJoin('units as u', 'u.id', 'k.unit_id').leftJoin('org_units as b', 'b.id', 'u.building_id')
      .selectAll('k').select(['u.number as unit_number', 'b.name as building_name']).where('k.id', '=', id).executeTakeFirst();
  },

  findByLabel(db: Tx, projectId: string, label: string) {
    return db.selectFrom('desk_keys').select('id').where('project_id', '=', projectId).where('label', '=', label).executeTakeFirst();
  },

  async insert(db: Tx, row: DeskKeysTable) {
    await db.insertInto('desk_keys').values(row).execute();
  },

  /**
   * Takes one copy out if one is in: a single conditional UPDATE, so of two lends at once only
   * one can succeed (SQLite serializes writers; PostgreSQL re-checks the condition on the locked row).
   */
  /** Changes a key's record; a new number of copies only while no more than that are out (a lend may race it). */
  async update(db: Tx, id: string, patch: Partial<Pick<DeskKeysTable, 'label' | 'opens' | 'unit_id' | 'location' | 'copies' | 'updated_at'>>): Promise<boolean> {
    let q = db.updateTable('desk_keys').set(patch).where('id', '=', id);
    if (patch.copies !== undefined) q = q.where('out_count', '<=', patch.copies);
    return Number((await q.executeTakeFirst()).numUpdatedRows) === 1;
  },

  async takeCopy(db: Tx, id: string): Promise<boolean> {
    const r = await db.updateTable('desk_keys').set((eb) => ({ out_count: eb('out_count', '+', 1) })).where('id', '=', id).whereRef('out_count', '<', 'copies').executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  async putCopyBack(db: Tx, id: string) {
    await db.updateTable('desk_keys').set((eb) => ({ out_count: eb('out_count', '-', 1) })).where('id', '=', id).where('out_count', '>', 0).execute();
  },

  async insertLoan(db: Tx, row: KeyLoansTable) {
    await db.insertInto('key_loans').values(row).execute();
  },

  /** Closes the loan once; false when it was already returned. */
  async closeLoan(db: Tx, loanId: string, at: string, by: string): Promise<boolean> {
    const r = await db.updateTable('key_loans').set({ returned_at: at, returned_by: by }).where('id', '=', loanId).where('returned_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  loansOf(db: Tx, keyIds: string[], openOnly = false): Promise<LoanRow[]> {
    if (keyIds.length === 0) return Promise.resolve([]);
    return db.selectFrom('key_loans as l').leftJoin('users as u', 'u.id', 'l.lent_by').selectAll('l').select('u.display_name as lent_by_name')
      .where('l.key_id', 'in', keyIds).$if(openOnly, (q) => q.where('l.returned_at', 'is', null)).orderBy('l.lent_at', 'desc').orderBy('l.id', 'desc').execute();
  },

  /** Keys out now in the projects (the desk view and the handover). */
  openLoans(db: Tx, projectIds: string[]): Promise<LoanRow[]> {
    if (projectIds.length === 0) return Promise.resolve([]);
    return db.selectFrom('key_loans as l').innerJoin('desk_keys as k', 'k.id', 'l.key_id').leftJoin('users as u', 'u.id', 'l.lent_by')
      .selectAll('l').select(['u.display_name as lent_by_name', 'k.label as key_label'])
      .where('l.project_id', 'in', projectIds).where('l.returned_at', 'is', null).orderBy('l.due_at').execute();
  },
};
