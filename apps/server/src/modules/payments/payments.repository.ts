/**
 * Every SQL statement of payments, receipts, prepaid balances, deposits and the daily close.
 * Changes to what a bill line has been paid go through billing.ledger.repository (changeLinePaid).
 */
import { sql } from 'kysely';
import type { Tx } from '../../db/database.js';
import type {
  BillLinesTable,
  DailyClosesTable,
  DepositsTable,
  PaymentAllocationsTable,
  PaymentsTable,
  PrepaidAccountsTable,
  PrepaidEntriesTable,
} from '../../db/schema.js';
import { applyPaging, applySort, containsCi, startsWith } from '../../db/query.js';

export interface UnitInfo {
  id: string;
  project_id: string;
  building_id: string;
  number: string;
  building_name: string;
  project_name: string;
  project_address: string | null;
  timezone: string;
}

export interface PaymentFilter {
  projectIds: string[];
  unitId?: string;
  cashierId?: string;
  date?: string;
  dateFrom?: string;
  dateTo?: string;
  method?: string;
  kind?: string;
  receiptNumber?: string;
  q?: string;
}

const PAYMENT_SORT = { createdAt: 'p.created_at', businessDate: 'p.business_date', amountFen: 'p.amount_fen', receiptNumber: 'p.receipt_number' };

export const paymentsRepository = {
  unitsInfo(db: Tx, unitIds: readonly string[]): Promise<UnitInfo[]> {
    if (unitIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('units as u')
      .innerJoin('org_units as b', 'b.id', 'u.building_id')
      .innerJoin('org_units as p', 'p.id', 'u.project_id')
      .select(['u.id', 'u.project_id', 'u.building_id', 'u.number', 'b.name as building_name', 'p.name as project_name', 'p.address as project_address', 'p.timezone'])
      .where('u.id', 'in', unitIds)
      .execute();
  },

  projectInfo(db: Tx, projectId: string) {
    return db.selectFrom('org_units').select(['id', 'name', 'address', 'timezone', 'path']).where('id', '=', projectId).where('kind', '=', 'project').executeTakeFirst();
  },

  /**
   * Units matching the cashier's search: the unit number (or "building-number"), an owner's or
   * occupant's name, or the last digits of their phone. At most `limit` ids.
   */
  async searchUnits(db: Tx, projectIds: string[], text: { number?: string; building?: string; name?: string; phoneTailRev?: string }, limit: number): Promise<string[]> {
    if (projectIds.length === 0) return [];
    const ids = new Set<string>();
    if (text.number) {
      let q = db.selectFrom('units as u').innerJoin('org_units as b', 'b.id', 'u.building_id').select('u.id').where('u.project_id', 'in', projectIds).where('u.number', '=', text.number);
      if (text.building) q = q.where(startsWith('b.name', text.building));
      for (const r of await q.orderBy('b.name').orderBy('u.id').limit(limit).execute()) ids.add(r.id);
    }
    if (ids.size < limit && (text.name || text.phoneTailRev)) {
      let q = db
        .selectFrom('resident_units as ru')
        .innerJoin('residents as r', 'r.id', 'ru.resident_id')
        .select('ru.unit_id')
        .distinct()
        .where('ru.project_id', 'in', projectIds)
        .where('ru.end_date', 'is', null);
      q = q.where((eb) =>
        eb.or([...(text.name ? [containsCi('r.name', text.name)] : []), ...(text.phoneTailRev ? [startsWith('r.phone_rev', text.phoneTailRev)] : [])]),
      );
      for (const r of await q.limit(limit).execute()) ids.add(r.unit_id);
    }
    return [...ids].slice(0, limit);
  },

  ownersOf(db: Tx, unitIds: readonly string[]) {
    if (unitIds.length === 0) return Promise.resolve([] as { unit_id: string; name: string; relation: string }[]);
    return db
      .selectFrom('resident_units as ru')
      .innerJoin('residents as r', 'r.id', 'ru.resident_id')
      .select(['ru.unit_id', 'r.name', 'ru.relation'])
      .where('ru.unit_id', 'in', unitIds)
      .where('ru.end_date', 'is', null)
      .orderBy('ru.relation')
      .orderBy('ru.created_at')
      .execute();
  },

  /** What each unit still owes on its charge and late-fee lines. */
  async owedByUnit(db: Tx, unitIds: readonly string[]): Promise<Map<string, number>> {
    if (unitIds.length === 0) return new Map();
    const rows = await db
      .selectFrom('bill_lines')
      .select(['unit_id', sql<number>`sum(amount_fen - paid_fen - credited_fen)`.as('owed')])
      .where('unit_id', 'in', unitIds)
      .where('status', 'in', ['unpaid', 'partially_paid'])
      .where('kind', 'in', ['charge', 'late_fee'])
      .groupBy('unit_id')
      .execute();
    return new Map(rows.map((r) => [r.unit_id, Number(r.owed)]));
  },

  /** Money that reached these lines by payments still standing (not reversed), with their business day. */
  paymentsToLines(db: Tx, lineIds: readonly string[]) {
    if (lineIds.length === 0) return Promise.resolve([] as { bill_line_id: string; amount_fen: number; business_date: string }[]);
    return db
      .selectFrom('payment_allocations as a')
      .innerJoin('payments as p', 'p.id', 'a.payment_id')
      .select(['a.bill_line_id', 'a.amount_fen', 'p.business_date'])
      .where('a.bill_line_id', 'in', lineIds)
      .where('p.kind', '=', 'payment')
      .where('p.reversed_by_payment_id', 'is', null)
      .where('a.amount_fen', '>', 0)
      .execute();
  },

  /** Late fees already billed (non-void late_fee lines) per charge line. */
  async billedLateFees(db: Tx, chargeLineIds: readonly string[]): Promise<Map<string, number>> {
    if (chargeLineIds.length === 0) return new Map();
    const rows = await db
      .selectFrom('bill_lines')
      .select(['related_line_id', sql<number>`sum(amount_fen)`.as('total')])
      .where('related_line_id', 'in', chargeLineIds)
      .where('kind', '=', 'late_fee')
      .where('status', '!=', 'void')
      .groupBy('related_line_id')
      .execute();
    return new Map(rows.map((r) => [r.related_line_id!, Number(r.total)]));
  },

  insertLine(db: Tx, row: BillLinesTable) {
    return db.insertInto('bill_lines').values(row).execute();
  },

  /** The late-fee lines a payment billed that nothing has paid since (a reversal voids them). */
  lateFeeLinesOf(db: Tx, paymentId: string) {
    return db.selectFrom('bill_lines').select(['id', 'bill_id', 'paid_fen', 'version']).where('kind', '=', 'late_fee').where('source', '=', 'late_fee').where('source_id', '=', paymentId).execute();
  },

  async voidLine(db: Tx, line: { id: string; version: number }, reason: string, by: string, at: string): Promise<boolean> {
    const r = await db
      .updateTable('bill_lines')
      .set({ status: 'void', void_reason: reason, voided_by: by, voided_at: at, updated_at: at, version: line.version + 1 })
      .where('id', '=', line.id)
      .where('version', '=', line.version)
      .where('paid_fen', '=', 0)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  linesByIds(db: Tx, ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([] as Pick<BillLinesTable, 'id' | 'bill_id' | 'version' | 'status' | 'unit_id' | 'project_id'>[]);
    return db.selectFrom('bill_lines').select(['id', 'bill_id', 'version', 'status', 'unit_id', 'project_id']).where('id', 'in', ids).execute();
  },

  /** Marks lines paid in full (what they ask after reductions), in one statement. */
  settleLinesInFull(db: Tx, ids: readonly string[], at: string) {
    if (ids.length === 0) return Promise.resolve();
    return db
      .updateTable('bill_lines')
      .set({ paid_fen: sql<number>`amount_fen - credited_fen`, status: 'paid', updated_at: at, version: sql<number>`version + 1` })
      .where('id', 'in', ids)
      .execute();
  },

  insertLines(db: Tx, rows: BillLinesTable[]) {
    if (rows.length === 0) return Promise.resolve();
    return db.insertInto('bill_lines').values(rows).execute();
  },

  insertPayments(db: Tx, rows: PaymentsTable[]) {
    if (rows.length === 0) return Promise.resolve();
    return db.insertInto('payments').values(rows).execute();
  },

  insertPayment(db: Tx, row: PaymentsTable) {
    return db.insertInto('payments').values(row).execute();
  },

  insertAllocations(db: Tx, rows: PaymentAllocationsTable[]) {
    if (rows.length === 0) return Promise.resolve();
    return db.insertInto('payment_allocations').values(rows).execute();
  },

  findPayment(db: Tx, id: string) {
    return db.selectFrom('payments').selectAll().where('id', '=', id).executeTakeFirst();
  },

  findPaymentsByIds(db: Tx, ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([] as PaymentsTable[]);
    return db.selectFrom('payments').selectAll().where('id', 'in', ids).execute();
  },

  /** Marks a payment reversed, only once (the version check makes a second, concurrent reversal lose). */
  async markReversed(db: Tx, p: { id: string; version: number }, reversalId: string): Promise<boolean> {
    const r = await db
      .updateTable('payments')
      .set({ reversed_by_payment_id: reversalId, version: p.version + 1 })
      .where('id', '=', p.id)
      .where('version', '=', p.version)
      .where('reversed_by_payment_id', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  allocationsOf(db: Tx, paymentId: string) {
    return db
      .selectFrom('payment_allocations as a')
      .innerJoin('bill_lines as l', 'l.id', 'a.bill_line_id')
      .innerJoin('bills as b', 'b.id', 'l.bill_id')
      .select(['a.bill_line_id', 'a.amount_fen', 'l.bill_id', 'l.description', 'l.kind', 'b.period'])
      .where('a.payment_id', '=', paymentId)
      .orderBy('a.created_at')
      .orderBy('a.id')
      .execute();
  },

  async incrementPrint(db: Tx, id: string): Promise<number> {
    const r = await db
      .updateTable('payments')
      .set({ print_count: sql<number>`print_count + 1` })
      .where('id', '=', id)
      .returning('print_count')
      .executeTakeFirstOrThrow();
    return Number(r.print_count);
  },

  async listPayments(db: Tx, f: PaymentFilter, p: { page: number; pageSize: number; sort?: string }) {
    if (f.projectIds.length === 0) return { rows: [] as (PaymentsTable & { cashier_name: string; project_name: string })[], total: 0 };
    let q = db.selectFrom('payments as p').where('p.project_id', 'in', f.projectIds);
    if (f.unitId) q = q.where('p.unit_id', '=', f.unitId);
    if (f.cashierId) q = q.where('p.cashier_id', '=', f.cashierId);
    if (f.date) q = q.where('p.business_date', '=', f.date);
    if (f.dateFrom) q = q.where('p.business_date', '>=', f.dateFrom);
    if (f.dateTo) q = q.where('p.business_date', '<=', f.dateTo);
    if (f.method) q = q.where('p.method', '=', f.method);
    if (f.kind) q = q.where('p.kind', '=', f.kind);
    if (f.receiptNumber) q = q.where(startsWith('p.receipt_number', f.receiptNumber.toUpperCase()));
    if (f.q) {
      const text = f.q;
      q = q.where((eb) => eb.or([containsCi('p.receipt_number', text), containsCi('p.payer_name', text)]));
    }
    const total = Number((await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    let rows = q
      .innerJoin('users as c', 'c.id', 'p.cashier_id')
      .innerJoin('org_units as pr', 'pr.id', 'p.project_id')
      .selectAll('p')
      .select(['c.display_name as cashier_name', 'pr.name as project_name']);
    rows = applySort(rows, p.sort, PAYMENT_SORT, '-createdAt');
    return { rows: await applyPaging(rows, p).execute(), total };
  },

  /** Active users with a grant at any of these org units (a project and its ancestors), with that role's permissions. */
  grantsAt(db: Tx, orgUnitIds: readonly string[]) {
    if (orgUnitIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('role_grants as g')
      .innerJoin('roles as r', 'r.id', 'g.role_id')
      .innerJoin('users as u', 'u.id', 'g.user_id')
      .select(['u.id', 'u.display_name', 'r.permissions'])
      .where('g.org_unit_id', 'in', [...orgUnitIds])
      .where('u.active', '=', 1)
      .execute();
  },

  userNames(db: Tx, ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([] as { id: string; display_name: string }[]);
    return db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute();
  },

  // ------------------------------------------------------------ prepaid

  findAccount(db: Tx, unitId: string, accountKey: string) {
    return db.selectFrom('prepaid_accounts').selectAll().where('unit_id', '=', unitId).where('account_key', '=', accountKey).executeTakeFirst();
  },

  findAccountById(db: Tx, id: string) {
    return db.selectFrom('prepaid_accounts').selectAll().where('id', '=', id).executeTakeFirst();
  },

  insertAccount(db: Tx, row: PrepaidAccountsTable) {
    return db.insertInto('prepaid_accounts').values(row).onConflict((oc) => oc.columns(['unit_id', 'account_key']).doNothing()).execute();
  },

  /** Moves a balance by `deltaFen` only if nobody changed it since it was read and it stays ≥ 0. */
  async changeBalance(db: Tx, account: { id: string; version: number; balance_fen: number }, deltaFen: number, at: string): Promise<boolean> {
    const balance = Number(account.balance_fen) + deltaFen;
    if (balance < 0) return false;
    const r = await db
      .updateTable('prepaid_accounts')
      .set({ balance_fen: balance, updated_at: at, version: account.version + 1 })
      .where('id', '=', account.id)
      .where('version', '=', account.version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  insertEntry(db: Tx, row: PrepaidEntriesTable) {
    return db.insertInto('prepaid_entries').values(row).execute();
  },

  entriesOfPayment(db: Tx, paymentId: string) {
    return db.selectFrom('prepaid_entries').selectAll().where('payment_id', '=', paymentId).execute();
  },

  accountsOfUnit(db: Tx, unitId: string) {
    return db
      .selectFrom('prepaid_accounts as a')
      .leftJoin('fee_items as f', 'f.id', 'a.fee_item_id')
      .select(['a.id', 'a.fee_item_id', 'f.name as fee_item_name', 'a.balance_fen'])
      .where('a.unit_id', '=', unitId)
      .orderBy('a.account_key')
      .execute();
  },

  entriesOfAccounts(db: Tx, accountIds: readonly string[], limit: number) {
    if (accountIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('prepaid_entries as e')
      .leftJoin('payments as p', 'p.id', 'e.payment_id')
      .select(['e.id', 'e.account_id', 'e.kind', 'e.amount_fen', 'e.balance_after_fen', 'e.created_at', 'p.receipt_number'])
      .where('e.account_id', 'in', accountIds)
      .orderBy('e.created_at', 'desc')
      .orderBy('e.id', 'desc')
      .limit(limit)
      .execute();
  },

  feeItemOfProject(db: Tx, id: string) {
    return db.selectFrom('fee_items').select(['id', 'project_id', 'name']).where('id', '=', id).executeTakeFirst();
  },

  // ------------------------------------------------------------ deposits

  insertDeposit(db: Tx, row: DepositsTable) {
    return db.insertInto('deposits').values(row).execute();
  },

  findDeposit(db: Tx, id: string) {
    return db.selectFrom('deposits').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** The deposit that secures a record (e.g. source 'renovation' and the application's id). */
  depositOfSource(db: Tx, source: string, sourceId: string) {
    return db.selectFrom('deposits').selectAll().where('source', '=', source).where('source_id', '=', sourceId).orderBy('created_at', 'desc').executeTakeFirst();
  },

  depositOfPayment(db: Tx, paymentId: string) {
    return db
      .selectFrom('deposits')
      .select(['description', 'deduction_fen', 'deduction_reason'])
      .where((eb) => eb.or([eb('payment_id', '=', paymentId), eb('refund_payment_id', '=', paymentId)]))
      .executeTakeFirst();
  },

  async markRefunded(db: Tx, d: { id: string; version: number }, patch: Pick<DepositsTable, 'refund_payment_id' | 'deduction_fen' | 'deduction_reason' | 'refunded_at'>): Promise<boolean> {
    const r = await db
      .updateTable('deposits')
      .set({ ...patch, status: 'refunded', version: d.version + 1 })
      .where('id', '=', d.id)
      .where('version', '=', d.version)
      .where('status', '=', 'held')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  async listDeposits(db: Tx, f: { projectIds: string[]; unitId?: string; status?: string; q?: string }, p: { page: number; pageSize: number; sort?: string }) {
    if (f.projectIds.length === 0) return { rows: [] as DepositsTable[], total: 0 };
    let q = db.selectFrom('deposits as d').where('d.project_id', 'in', f.projectIds);
    if (f.unitId) q = q.where('d.unit_id', '=', f.unitId);
    if (f.status) q = q.where('d.status', '=', f.status);
    if (f.q) {
      const text = f.q;
      q = q.where((eb) => eb.or([containsCi('d.payer_name', text), containsCi('d.description', text)]));
    }
    const total = Number((await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    const rows = await applyPaging(applySort(q.selectAll('d'), p.sort, { createdAt: 'd.created_at', amountFen: 'd.amount_fen' }, '-createdAt'), p).execute();
    return { rows, total };
  },

  // ------------------------------------------------------------ daily close

  findClose(db: Tx, projectId: string, cashierId: string, businessDate: string) {
    return db
      .selectFrom('daily_closes')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('cashier_id', '=', cashierId)
      .where('business_date', '=', businessDate)
      .executeTakeFirst();
  },

  paymentsOfDay(db: Tx, projectId: string, cashierId: string, businessDate: string) {
    return db
      .selectFrom('payments')
      .selectAll()
      .where('project_id', '=', projectId)
      .where('cashier_id', '=', cashierId)
      .where('business_date', '=', businessDate)
      .orderBy('receipt_number')
      .execute();
  },

  insertClose(db: Tx, row: DailyClosesTable) {
    return db.insertInto('daily_closes').values(row).execute();
  },

  markPaymentsClosed(db: Tx, ids: readonly string[], closeId: string) {
    if (ids.length === 0) return Promise.resolve();
    return db.updateTable('payments').set({ daily_close_id: closeId }).where('id', 'in', ids).execute();
  },

  async listCloses(db: Tx, f: { projectIds: string[]; cashierId?: string; dateFrom?: string; dateTo?: string }, p: { page: number; pageSize: number; sort?: string }) {
    if (f.projectIds.length === 0) return { rows: [] as DailyClosesTable[], total: 0 };
    let q = db.selectFrom('daily_closes as d').where('d.project_id', 'in', f.projectIds);
    if (f.cashierId) q = q.where('d.cashier_id', '=', f.cashierId);
    if (f.dateFrom) q = q.where('d.business_date', '>=', f.dateFrom);
    if (f.dateTo) q = q.where('d.business_date', '<=', f.dateTo);
    const total = Number((await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    const rows = await applyPaging(applySort(q.selectAll('d'), p.sort, { businessDate: 'd.business_date', createdAt: 'd.created_at' }, '-businessDate'), p).execute();
    return { rows, total };
  },
};
