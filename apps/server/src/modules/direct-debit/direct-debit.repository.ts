/** Every SQL statement of direct debit (托收): mandates, collection batches and their items. */
import { sql } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { DirectDebitBatchesTable, DirectDebitItemsTable, DirectDebitMandatesTable } from '../../db/schema.js';
import { applyPaging, applySort, containsCi } from '../../db/query.js';

export const directDebitRepository = {
  insertMandate(db: Tx, row: DirectDebitMandatesTable) {
    return db.insertInto('direct_debit_mandates').values(row).execute();
  },

  findMandate(db: Tx, id: string) {
    return db.selectFrom('direct_debit_mandates').selectAll().where('id', '=', id).executeTakeFirst();
  },

  activeMandateOfUnit(db: Tx, unitId: string) {
    return db.selectFrom('direct_debit_mandates').selectAll().where('unit_id', '=', unitId).where('active', '=', 1).executeTakeFirst();
  },

  updateMandate(db: Tx, id: string, patch: Partial<DirectDebitMandatesTable>) {
    return db.updateTable('direct_debit_mandates').set(patch).where('id', '=', id).execute();
  },

  async listMandates(db: Tx, f: { projectIds: string[]; unitId?: string; active?: boolean; q?: string }, p: { page: number; pageSize: number; sort?: string }) {
    if (f.projectIds.length === 0) return { rows: [] as DirectDebitMandatesTable[], total: 0 };
    let q = db.selectFrom('direct_debit_mandates as m').innerJoin('units as u', 'u.id', 'm.unit_id').where('m.project_id', 'in', f.projectIds);
    if (f.unitId) q = q.where('m.unit_id', '=', f.unitId);
    if (f.active !== undefined) q = q.where('m.active', '=', f.active ? 1 : 0);
    if (f.q) {
      const text = f.q;
      q = q.where((eb) => eb.or([containsCi('m.account_holder', text), containsCi('m.bank', text), eb('u.number', '=', text)]));
    }
    const total = Number((await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    const rows = await applyPaging(applySort(q.selectAll('m'), p.sort, { createdAt: 'm.created_at', bank: 'm.bank' }, '-createdAt'), p).execute();
    return { rows, total };
  },

  activeMandatesOfProject(db: Tx, projectId: string) {
    return db.selectFrom('direct_debit_mandates').selectAll().where('project_id', '=', projectId).where('active', '=', 1).orderBy('unit_id').execute();
  },

  mandatesByIds(db: Tx, ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([] as DirectDebitMandatesTable[]);
    return db.selectFrom('direct_debit_mandates').selectAll().where('id', 'in', ids).execute();
  },

  pendingBatch(db: Tx, projectId: string, period: string) {
    return db.selectFrom('direct_debit_batches').selectAll().where('project_id', '=', projectId).where('period', '=', period).where('status', '=', 'generated').executeTakeFirst();
  },

  insertBatch(db: Tx, row: DirectDebitBatchesTable) {
    return db.insertInto('direct_debit_batches').values(row).execute();
  },

  insertItems(db: Tx, rows: DirectDebitItemsTable[]) {
    if (rows.length === 0) return Promise.resolve();
    return db.insertInto('direct_debit_items').values(rows).execute();
  },

  findBatch(db: Tx, id: string) {
    return db.selectFrom('direct_debit_batches').selectAll().where('id', '=', id).executeTakeFirst();
  },

  itemsOf(db: Tx, batchId: string) {
    return db.selectFrom('direct_debit_items').selectAll().where('batch_id', '=', batchId).orderBy('id').execute();
  },

  updateItem(db: Tx, id: string, patch: Partial<DirectDebitItemsTable>) {
    return db.updateTable('direct_debit_items').set(patch).where('id', '=', id).execute();
  },

  /** Marks the result imported, once (a second, concurrent import loses). */
  async markImported(db: Tx, id: string, patch: Pick<DirectDebitBatchesTable, 'succeeded_count' | 'failed_count' | 'imported_at'>): Promise<boolean> {
    const r = await db.updateTable('direct_debit_batches').set({ ...patch, status: 'result_imported' }).where('id', '=', id).where('status', '=', 'generated').executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  async listBatches(db: Tx, f: { projectIds: string[] }, p: { page: number; pageSize: number; sort?: string }) {
    if (f.projectIds.length === 0) return { rows: [] as DirectDebitBatchesTable[], total: 0 };
    const q = db.selectFrom('direct_debit_batches as b').where('b.project_id', 'in', f.projectIds);
    const total = Number((await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    const rows = await applyPaging(applySort(q.selectAll('b'), p.sort, { createdAt: 'b.created_at', period: 'b.period' }, '-createdAt'), p).execute();
    return { rows, total };
  },

  receiptNumbers(db: Tx, paymentIds: readonly string[]) {
    if (paymentIds.length === 0) return Promise.resolve([] as { id: string; receipt_number: string }[]);
    return db.selectFrom('payments').select(['id', 'receipt_number']).where('id', 'in', paymentIds).execute();
  },
};
