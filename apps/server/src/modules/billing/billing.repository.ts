/**
 * Every SQL statement of billing runs, bills and their lines (other than the ledger's guarded
 * paid-amount changes, in billing.ledger.repository.ts).
 */
import { CompiledQuery, sql } from 'kysely';
import { nextCounter } from '../../db/counters.js';
import type { Tx } from '../../db/database.js';
import { applyPaging, applySort, containsCi } from '../../db/query.js';
import type { BillingRunsTable, BillLinesTable, BillsTable, PrepaidEntriesTable } from '../../db/schema.js';

/** Rows per multi-row INSERT: as many as fit under SQLite's 32 766 and PostgreSQL's 65 535 bound parameters. */
export function rowsPerInsert(columns: number): number {
  return Math.max(1, Math.floor(30_000 / columns));
}

/**
 * Multi-row INSERTs of many rows of one shape. Kysely compiles the first full chunk (so the SQL
 * text and its placeholders are the dialect's own); every further chunk of the same size reuses
 * that text with its own parameters instead of building and compiling the statement again —
 * at a billing run's hundreds of thousands of rows, compiling was a large part of the run.
 */
async function insertChunked<T extends object>(tx: Tx, rows: readonly T[], columns: number, insert: (chunk: T[]) => { compile(): CompiledQuery }) {
  const size = rowsPerInsert(columns);
  let compiled: CompiledQuery | null = null;
  let keys: string[] = [];
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    if (compiled && chunk.length === size) {
      const parameters: unknown[] = [];
      for (const row of chunk) for (const k of keys) parameters.push((row as Record<string, unknown>)[k]);
      await tx.executeQuery(CompiledQuery.raw(compiled.sql, parameters));
      continue;
    }
    const query = insert(chunk).compile();
    if (!compiled && chunk.length === size) {
      compiled = query;
      keys = Object.keys(chunk[0]!);
      // The reuse relies on every row having the same keys in the same order, all plain values.
      if (query.parameters.length !== size * keys.length) throw new Error('insertChunked: rows of differing shape');
    }
    await tx.executeQuery(query);
  }
}

export interface BillFilter {
  projectIds: string[];
  buildingId?: string;
  unitId?: string;
  status?: string;
  period?: string;
  q?: string;
}

export type BillRow = BillsTable & { unit_number: string; building_name: string | null };
export type LineRow = BillLinesTable & { fee_item_name: string | null };

const BILL_SORT: Record<string, string> = { period: 'bl.period', dueDate: 'bl.due_date', totalFen: 'bl.total_fen', createdAt: 'bl.created_at', unitNumber: 'u.number', status: 'bl.status' };

function billsFiltered(db: Tx, f: BillFilter) {
  let q = db
    .selectFrom('bills as bl')
    .innerJoin('units as u', 'u.id', 'bl.unit_id')
    .leftJoin('org_units as b', 'b.id', 'bl.building_id')
    .where('bl.project_id', 'in', f.projectIds);
  if (f.buildingId) q = q.where('bl.building_id', '=', f.buildingId);
  if (f.unitId) q = q.where('bl.unit_id', '=', f.unitId);
  if (f.status) q = q.where('bl.status', '=', f.status);
  if (f.period) q = q.where('bl.period', '=', f.period);
  if (f.q) q = q.where(containsCi('u.number', f.q));
  return q;
}

export const billingRepository = {
  /**
   * Serializes billing runs of a project: the row lock on its counter is held until the run's
   * transaction ends (PostgreSQL); SQLite runs one write transaction at a time anyway. A second
   * run started meanwhile waits, then sees the first one's lines and bills none of them again.
   */
  async lockProjectRuns(tx: Tx, projectId: string): Promise<void> {
    await nextCounter(tx, `billing_run:${projectId}`);
  },

  unitsOfProject(db: Tx, projectId: string) {
    return db
      .selectFrom('units as u')
      .innerJoin('org_units as b', 'b.id', 'u.building_id')
      .select(['u.id', 'u.building_id', 'b.name as building_name', 'u.number', 'u.kind', 'u.gross_area'])
      .where('u.project_id', '=', projectId)
      .orderBy('b.name')
      .orderBy('u.floor')
      .orderBy('u.number')
      .execute();
  },

  unitMetersOfProject(db: Tx, projectId: string) {
    return db
      .selectFrom('meters')
      .select(['id', 'unit_id', 'kind', 'number'])
      .where('project_id', '=', projectId)
      .where('active', '=', 1)
      .where('unit_id', 'is not', null)
      .execute();
  },

  /** Accepted and held readings of the project from `fromPeriod` to `toPeriod` (inclusive). */
  readingsOfProject(db: Tx, projectId: string, fromPeriod: string, toPeriod: string) {
    return db
      .selectFrom('meter_readings')
      .select(['id', 'meter_id', 'period', 'previous_milli', 'consumption_milli', 'status'])
      .where('project_id', '=', projectId)
      .where('status', 'in', ['accepted', 'held'])
      .where('period', '>=', fromPeriod)
      .where('period', '<=', toPeriod)
      .execute();
  },

  /** Billing keys already on the lines of these items covering months from `fromPeriod` on. */
  existingKeys(db: Tx, projectId: string, feeItemIds: readonly string[], fromPeriod: string) {
    if (feeItemIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('bill_lines')
      .select(['unit_id', 'billing_key', 'amount_fen'])
      .where('project_id', '=', projectId)
      .where('fee_item_id', 'in', [...feeItemIds])
      .where('cover_from', '>=', fromPeriod)
      .where('billing_key', 'is not', null)
      .execute();
  },

  /** The first month each of these items was billed by a run (readings before it are history). */
  firstBilled(db: Tx, projectId: string, feeItemIds: readonly string[]) {
    if (feeItemIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('bill_lines')
      .select(['fee_item_id', (eb) => eb.fn.min('cover_from').as('first')])
      .where('project_id', '=', projectId)
      .where('fee_item_id', 'in', [...feeItemIds])
      .where('source', '=', 'run')
      .groupBy('fee_item_id')
      .execute();
  },

  billsOfPeriod(db: Tx, projectId: string, period: string) {
    return db.selectFrom('bills').select(['id', 'unit_id']).where('project_id', '=', projectId).where('period', '=', period).execute();
  },

  prepaidOfProject(db: Tx, projectId: string) {
    return db
      .selectFrom('prepaid_accounts')
      .select(['id', 'unit_id', 'account_key', 'balance_fen', 'version'])
      .where('project_id', '=', projectId)
      .where('balance_fen', '>', 0)
      .execute();
  },

  async insertRun(tx: Tx, row: BillingRunsTable) {
    await tx.insertInto('billing_runs').values(row).execute();
  },

  async insertBills(tx: Tx, rows: readonly BillsTable[]) {
    await insertChunked(tx, rows, 13, (c) => tx.insertInto('bills').values(c));
  },

  async insertLines(tx: Tx, rows: readonly BillLinesTable[]) {
    await insertChunked(tx, rows, 31, (c) => tx.insertInto('bill_lines').values(c));
  },

  async insertPrepaidEntries(tx: Tx, rows: readonly PrepaidEntriesTable[]) {
    await insertChunked(tx, rows, 10, (c) => tx.insertInto('prepaid_entries').values(c));
  },

  /** Takes `amountFen` off a prepaid balance if it is still at `version` and covers it. */
  async takePrepaid(tx: Tx, a: { id: string; version: number }, amountFen: number, at: string): Promise<number | null> {
    const r = await tx
      .updateTable('prepaid_accounts')
      .set({ balance_fen: sql<number>`balance_fen - ${amountFen}`, version: a.version + 1, updated_at: at })
      .where('id', '=', a.id)
      .where('version', '=', a.version)
      .where('balance_fen', '>=', amountFen)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return null;
    const row = await tx.selectFrom('prepaid_accounts').select('balance_fen').where('id', '=', a.id).executeTakeFirstOrThrow();
    return Number(row.balance_fen);
  },

  async listRuns(db: Tx, f: { projectIds: string[]; period?: string }, p: { page: number; pageSize: number; sort?: string }) {
    const base = () => {
      let q = db.selectFrom('billing_runs as r').where('r.project_id', 'in', f.projectIds);
      if (f.period) q = q.where('r.period', '=', f.period);
      return q;
    };
    const [rows, count] = await Promise.all([
      applyPaging(applySort(base().leftJoin('users as u', 'u.id', 'r.created_by').selectAll('r').select('u.display_name as created_by_name'), p.sort, { createdAt: 'r.created_at', period: 'r.period' }, '-createdAt'), p).execute(),
      base().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  },

  async listBills(db: Tx, f: BillFilter, p: { page: number; pageSize: number; sort?: string }) {
    const q = billsFiltered(db, f).selectAll('bl').select(['u.number as unit_number', 'b.name as building_name']);
    let sorted;
    if (p.sort && BILL_SORT[p.sort.replace(/^-/, '')]) sorted = applySort(q, p.sort, BILL_SORT, '-period');
    else sorted = q.orderBy('bl.period', 'desc').orderBy('b.name').orderBy('u.floor').orderBy('u.number').orderBy('bl.id');
    const [rows, count] = await Promise.all([
      applyPaging(sorted, p).execute(),
      billsFiltered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows: rows as BillRow[], total: Number(count.n) };
  },

  findBill(db: Tx, id: string) {
    return db
      .selectFrom('bills as bl')
      .innerJoin('units as u', 'u.id', 'bl.unit_id')
      .leftJoin('org_units as b', 'b.id', 'bl.building_id')
      .selectAll('bl')
      .select(['u.number as unit_number', 'b.name as building_name'])
      .where('bl.id', '=', id)
      .executeTakeFirst() as Promise<BillRow | undefined>;
  },

  findBillOfUnit(db: Tx, unitId: string, period: string) {
    return db.selectFrom('bills').select(['id']).where('unit_id', '=', unitId).where('period', '=', period).executeTakeFirst();
  },

  linesOfBill(db: Tx, billId: string) {
    return db
      .selectFrom('bill_lines as l')
      .leftJoin('fee_items as f', 'f.id', 'l.fee_item_id')
      .selectAll('l')
      .select('f.name as fee_item_name')
      .where('l.bill_id', '=', billId)
      .orderBy('l.created_at')
      .orderBy('l.id')
      .execute() as Promise<LineRow[]>;
  },

  findLine(db: Tx, id: string) {
    return db
      .selectFrom('bill_lines as l')
      .leftJoin('fee_items as f', 'f.id', 'l.fee_item_id')
      .selectAll('l')
      .select('f.name as fee_item_name')
      .where('l.id', '=', id)
      .executeTakeFirst() as Promise<LineRow | undefined>;
  },

  findLineByKey(db: Tx, unitId: string, billingKey: string) {
    return db.selectFrom('bill_lines').select(['id', 'bill_id']).where('unit_id', '=', unitId).where('billing_key', '=', billingKey).executeTakeFirst();
  },

  /** Pending reductions against a line: their sum limits what more may be requested. */
  pendingReductionsOf(db: Tx, lineId: string) {
    return db.selectFrom('bill_lines').select(['id', 'amount_fen']).where('related_line_id', '=', lineId).where('kind', '=', 'reduction').where('status', '=', 'pending').execute();
  },

  /** A guarded change of a line (status, credit, void): only if still at `version`. */
  async updateLine(tx: Tx, id: string, version: number, patch: Partial<BillLinesTable>): Promise<boolean> {
    const r = await tx.updateTable('bill_lines').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  async insertBill(tx: Tx, row: BillsTable) {
    await tx.insertInto('bills').values(row).execute();
  },

  async insertLine(tx: Tx, row: BillLinesTable) {
    await tx.insertInto('bill_lines').values(row).execute();
  },

  async listReductions(db: Tx, f: { projectIds: string[]; status?: string }, p: { page: number; pageSize: number; sort?: string }) {
    const base = () => {
      let q = db
        .selectFrom('bill_lines as l')
        .innerJoin('bills as bl', 'bl.id', 'l.bill_id')
        .innerJoin('units as u', 'u.id', 'l.unit_id')
        .leftJoin('org_units as b', 'b.id', 'bl.building_id')
        .where('l.project_id', 'in', f.projectIds)
        .where('l.kind', '=', 'reduction');
      if (f.status) q = q.where('l.status', '=', f.status);
      return q;
    };
    const [rows, count] = await Promise.all([
      applyPaging(
        applySort(
          base()
            .leftJoin('fee_items as f', 'f.id', 'l.fee_item_id')
            .leftJoin('bill_lines as rl', 'rl.id', 'l.related_line_id')
            .leftJoin('users as cu', 'cu.id', 'l.created_by')
            .selectAll('l')
            .select(['f.name as fee_item_name', 'u.number as unit_number', 'b.name as building_name', 'bl.period', 'rl.description as related_description', 'cu.display_name as created_by_name']),
          p.sort,
          { createdAt: 'l.created_at' },
          '-createdAt',
        ),
        p,
      ).execute(),
      base().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  },

  findWorkOrder(db: Tx, id: string) {
    return db
      .selectFrom('work_orders as w')
      .innerJoin('tickets as t', 't.id', 'w.ticket_id')
      .select(['w.id', 'w.project_id', 'w.number', 'w.status', 'w.charge_fen', 'w.work_done', 't.unit_id', 't.title'])
      .where('w.id', '=', id)
      .executeTakeFirst();
  },

  findUnit(db: Tx, id: string) {
    return db.selectFrom('units').select(['id', 'project_id', 'building_id', 'number']).where('id', '=', id).executeTakeFirst();
  },
};
