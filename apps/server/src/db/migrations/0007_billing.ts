import type { Kysely } from 'kysely';

/**
 * Billing and collection (收费): fee items, meters and readings, billing runs, bills and their
 * lines, payments with gap-free receipts, prepaid balances, deposits, direct debit, dunning,
 * collection targets and the cashier's daily close.
 *
 * Money is integer fen; rates are centi-fen; meter quantities are 0.001 units (see
 * packages/contracts/src/billing.ts). Sums that can pass 2³¹ fen are bigint.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration sees the schema as it was then, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('fee_items')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull().references('org_units.id'))
    .addColumn('name', 'varchar(60)', (c) => c.notNull())
    /** area | fixed | metered | one_off */
    .addColumn('kind', 'varchar(12)', (c) => c.notNull())
    /** JSON array of unit kinds it applies to (units.kind). */
    .addColumn('unit_kinds', 'text', (c) => c.notNull())
    .addColumn('cycle', 'varchar(12)', (c) => c.notNull())
    .addColumn('billing_mode', 'varchar(12)', (c) => c.notNull())
    .addColumn('due_day', 'integer', (c) => c.notNull())
    .addColumn('rounding', 'varchar(8)', (c) => c.notNull())
    /** The FeePricing of contracts/billing.ts as JSON (rate, fixed amount or tiers). */
    .addColumn('pricing', 'text', (c) => c.notNull())
    /** water | electricity | gas for metered items: which meters it bills. */
    .addColumn('meter_kind', 'varchar(16)')
    .addColumn('late_fee_daily_bp', 'integer')
    .addColumn('late_fee_grace_days', 'integer')
    .addColumn('prepay_discount_bp', 'integer')
    .addColumn('prepay_min_months', 'integer')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('fee_items_project_name').on('fee_items').columns(['project_id', 'name']).unique().execute();

  await db.schema
    .createTable('meters')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull().references('org_units.id'))
    /** null: a shared meter of a public area (公摊表), described by `location`. */
    .addColumn('unit_id', 'varchar(40)', (c) => c.references('units.id'))
    .addColumn('building_id', 'varchar(40)', (c) => c.references('org_units.id'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('number', 'varchar(40)', (c) => c.notNull())
    .addColumn('location', 'varchar(200)')
    .addColumn('digits', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meters_project_number').on('meters').columns(['project_id', 'number']).unique().execute();
  await db.schema.createIndex('meters_unit').on('meters').columns(['unit_id', 'kind']).execute();

  await db.schema
    .createTable('meter_readings')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('meter_id', 'varchar(40)', (c) => c.notNull().references('meters.id'))
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull().references('org_units.id'))
    .addColumn('period', 'varchar(7)', (c) => c.notNull())
    .addColumn('reading_milli', 'bigint', (c) => c.notNull())
    .addColumn('previous_milli', 'bigint')
    .addColumn('consumption_milli', 'bigint', (c) => c.notNull())
    /** normal | replacement | rollover (the last two need a reason). */
    .addColumn('kind', 'varchar(12)', (c) => c.notNull())
    .addColumn('reason', 'varchar(200)')
    /** accepted | held (far above the usual: reviewed before billing) | rejected */
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('reviewed_by', 'varchar(40)', (c) => c.references('users.id'))
    .addColumn('reviewed_at', 'varchar(30)')
    .addColumn('read_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('entered_by', 'varchar(40)', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meter_readings_meter_period').on('meter_readings').columns(['meter_id', 'period']).unique().execute();
  await db.schema.createIndex('meter_readings_project_status').on('meter_readings').columns(['project_id', 'status', 'period']).execute();

  await db.schema
    .createTable('billing_runs')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull().references('org_units.id'))
    .addColumn('period', 'varchar(7)', (c) => c.notNull())
    .addColumn('billed_count', 'integer', (c) => c.notNull())
    .addColumn('billed_total_fen', 'bigint', (c) => c.notNull())
    .addColumn('skipped_count', 'integer', (c) => c.notNull())
    .addColumn('prepaid_applied_fen', 'bigint', (c) => c.notNull())
    /** JSON: per fee item counts and totals, held readings, units without a meter reading. */
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('created_by', 'varchar(40)', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('billing_runs_project_period').on('billing_runs').columns(['project_id', 'period']).execute();

  await db.schema
    .createTable('bills')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull().references('org_units.id'))
    .addColumn('building_id', 'varchar(40)', (c) => c.references('org_units.id'))
    .addColumn('unit_id', 'varchar(40)', (c) => c.notNull().references('units.id'))
    .addColumn('period', 'varchar(7)', (c) => c.notNull())
    /** unpaid | partially_paid | paid (void when every line is void). Kept in step with its lines. */
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('total_fen', 'bigint', (c) => c.notNull())
    .addColumn('paid_fen', 'bigint', (c) => c.notNull())
    .addColumn('due_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('run_id', 'varchar(40)', (c) => c.references('billing_runs.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // One bill per unit and period: later charges of the period (one-offs) join it as lines.
  await db.schema.createIndex('bills_unit_period').on('bills').columns(['unit_id', 'period']).unique().execute();
  await db.schema.createIndex('bills_project_status').on('bills').columns(['project_id', 'status', 'period']).execute();

  await db.schema
    .createTable('bill_lines')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('bill_id', 'varchar(40)', (c) => c.notNull().references('bills.id'))
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull().references('org_units.id'))
    .addColumn('unit_id', 'varchar(40)', (c) => c.notNull().references('units.id'))
    .addColumn('fee_item_id', 'varchar(40)', (c) => c.references('fee_items.id'))
    /** charge | late_fee | reduction (减免: a negative credit line that needs approval). */
    .addColumn('kind', 'varchar(12)', (c) => c.notNull())
    .addColumn('description', 'varchar(200)', (c) => c.notNull())
    /** Months covered, YYYY-MM (a quarterly line covers three). */
    .addColumn('cover_from', 'varchar(7)')
    .addColumn('cover_to', 'varchar(7)')
    .addColumn('quantity_milli', 'bigint')
    .addColumn('rate_centi_fen', 'integer')
    /** JSON: the tier breakdown [{quantityMilli, priceCentiFen, amountFen}] of a metered line. */
    .addColumn('detail', 'text')
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('paid_fen', 'bigint', (c) => c.notNull())
    /** What approved reductions (减免) took off this charge: owed = amount − paid − credited. */
    .addColumn('credited_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    /** unpaid | partially_paid | paid | void; reductions: pending | approved | rejected */
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('due_date', 'varchar(10)', (c) => c.notNull())
    /**
     * What makes a recurring charge unique: `<feeItemId>:<coverFrom>` for billing-run lines (a
     * second run of the period cannot bill it twice), `reading:<id>` for metered ones; null for
     * one-off charges, late fees and reductions.
     */
    .addColumn('billing_key', 'varchar(100)')
    /** run | one_off | work_order | late_fee | reduction | deposit… and the id it came from. */
    .addColumn('source', 'varchar(16)', (c) => c.notNull())
    .addColumn('source_id', 'varchar(40)')
    /** The line a late fee or reduction belongs to. */
    .addColumn('related_line_id', 'varchar(40)')
    .addColumn('void_reason', 'varchar(200)')
    .addColumn('voided_by', 'varchar(40)', (c) => c.references('users.id'))
    .addColumn('voided_at', 'varchar(30)')
    .addColumn('approved_by', 'varchar(40)', (c) => c.references('users.id'))
    .addColumn('approved_at', 'varchar(30)')
    .addColumn('reason', 'varchar(200)')
    .addColumn('created_by', 'varchar(40)', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    /** Optimistic concurrency: payments update `… where version = ?` so two cannot both collect. */
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('bill_lines_unit_key').on('bill_lines').columns(['unit_id', 'billing_key']).unique().execute();
  await db.schema.createIndex('bill_lines_bill').on('bill_lines').columns(['bill_id']).execute();
  await db.schema.createIndex('bill_lines_unit_status').on('bill_lines').columns(['unit_id', 'status', 'due_date']).execute();
  await db.schema.createIndex('bill_lines_project_status').on('bill_lines').columns(['project_id', 'status', 'due_date']).execute();

  await db.schema
    .createTable('payments')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull().references('org_units.id'))
    .addColumn('unit_id', 'varchar(40)', (c) => c.references('units.id'))
    /** payment | reversal | prepay (预存) | deposit (押金) | deposit_refund */
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('method', 'varchar(16)', (c) => c.notNull())
    /** Negative for a reversal or a refund. */
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    /** Cash handed back (找零): tendered − amount. */
    .addColumn('change_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    /** Gap-free per project and year (SJ-YYYY-NNNNNN); never reused, also not after a reversal. */
    .addColumn('receipt_number', 'varchar(32)', (c) => c.notNull())
    .addColumn('receipt_year', 'integer', (c) => c.notNull())
    .addColumn('payer_name', 'varchar(100)')
    .addColumn('note', 'varchar(200)')
    .addColumn('reason', 'varchar(200)')
    .addColumn('reverses_payment_id', 'varchar(40)')
    .addColumn('reversed_by_payment_id', 'varchar(40)')
    .addColumn('direct_debit_item_id', 'varchar(40)')
    .addColumn('print_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('daily_close_id', 'varchar(40)')
    .addColumn('business_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('cashier_id', 'varchar(40)', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('payments_receipt').on('payments').columns(['project_id', 'receipt_number']).unique().execute();
  await db.schema.createIndex('payments_unit').on('payments').columns(['unit_id', 'created_at']).execute();
  await db.schema.createIndex('payments_cashier_day').on('payments').columns(['cashier_id', 'business_date']).execute();
  await db.schema.createIndex('payments_project_day').on('payments').columns(['project_id', 'business_date']).execute();

  await db.schema
    .createTable('payment_allocations')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('payment_id', 'varchar(40)', (c) => c.notNull().references('payments.id'))
    .addColumn('bill_line_id', 'varchar(40)', (c) => c.notNull().references('bill_lines.id'))
    /** Negative on a reversal (it gives the line its debt back). */
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('payment_allocations_payment').on('payment_allocations').columns(['payment_id']).execute();
  await db.schema.createIndex('payment_allocations_line').on('payment_allocations').columns(['bill_line_id']).execute();

  await db.schema
    .createTable('prepaid_accounts')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull().references('org_units.id'))
    .addColumn('unit_id', 'varchar(40)', (c) => c.notNull().references('units.id'))
    /** The fee item the balance is for (预存物业费, 预存水费); null: any item of the unit. */
    .addColumn('fee_item_id', 'varchar(40)', (c) => c.references('fee_items.id'))
    /** fee_item_id, or '*' for the any-item balance: NULLs never collide in a unique index. */
    .addColumn('account_key', 'varchar(40)', (c) => c.notNull())
    .addColumn('balance_fen', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('prepaid_accounts_unit').on('prepaid_accounts').columns(['unit_id', 'account_key']).unique().execute();

  await db.schema
    .createTable('prepaid_entries')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('account_id', 'varchar(40)', (c) => c.notNull().references('prepaid_accounts.id'))
    /** top_up | applied | refund | reversal */
    .addColumn('kind', 'varchar(12)', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('balance_after_fen', 'bigint', (c) => c.notNull())
    .addColumn('payment_id', 'varchar(40)', (c) => c.references('payments.id'))
    .addColumn('bill_line_id', 'varchar(40)', (c) => c.references('bill_lines.id'))
    .addColumn('run_id', 'varchar(40)', (c) => c.references('billing_runs.id'))
    .addColumn('created_by', 'varchar(40)', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('prepaid_entries_account').on('prepaid_entries').columns(['account_id', 'created_at']).execute();

  await db.schema
    .createTable('deposits')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull().references('org_units.id'))
    .addColumn('unit_id', 'varchar(40)', (c) => c.references('units.id'))
    /** renovation (装修押金) | key | facility | other */
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('description', 'varchar(200)', (c) => c.notNull())
    .addColumn('payer_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    /** held | refunded (possibly minus deductions) */
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('payment_id', 'varchar(40)', (c) => c.notNull().references('payments.id'))
    .addColumn('refund_payment_id', 'varchar(40)', (c) => c.references('payments.id'))
    .addColumn('deduction_fen', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('deduction_reason', 'varchar(200)')
    /** What it secures, e.g. a renovation application's id. */
    .addColumn('source', 'varchar(16)')
    .addColumn('source_id', 'varchar(40)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('refunded_at', 'varchar(30)')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('deposits_project_status').on('deposits').columns(['project_id', 'status']).execute();

  await db.schema
    .createTable('direct_debit_mandates')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull().references('org_units.id'))
    .addColumn('unit_id', 'varchar(40)', (c) => c.notNull().references('units.id'))
    .addColumn('bank', 'varchar(60)', (c) => c.notNull())
    /** Full number for the bank file only; every API answer shows it masked. */
    .addColumn('account_number', 'varchar(40)', (c) => c.notNull())
    .addColumn('account_holder', 'varchar(100)', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('direct_debit_mandates_unit').on('direct_debit_mandates').columns(['unit_id']).execute();

  await db.schema
    .createTable('direct_debit_batches')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull().references('org_units.id'))
    .addColumn('period', 'varchar(7)', (c) => c.notNull())
    /** generated | result_imported */
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('item_count', 'integer', (c) => c.notNull())
    .addColumn('total_fen', 'bigint', (c) => c.notNull())
    .addColumn('succeeded_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'varchar(40)', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('imported_at', 'varchar(30)')
    .execute();

  await db.schema
    .createTable('direct_debit_items')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('batch_id', 'varchar(40)', (c) => c.notNull().references('direct_debit_batches.id'))
    .addColumn('mandate_id', 'varchar(40)', (c) => c.notNull().references('direct_debit_mandates.id'))
    .addColumn('unit_id', 'varchar(40)', (c) => c.notNull().references('units.id'))
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    /** JSON array of the bill line ids it collects for. */
    .addColumn('bill_line_ids', 'text', (c) => c.notNull())
    /** pending | succeeded | failed */
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('failure_reason', 'varchar(200)')
    .addColumn('payment_id', 'varchar(40)', (c) => c.references('payments.id'))
    .execute();
  await db.schema.createIndex('direct_debit_items_batch').on('direct_debit_items').columns(['batch_id']).execute();

  await db.schema
    .createTable('dunning_notices')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull().references('org_units.id'))
    .addColumn('unit_id', 'varchar(40)', (c) => c.notNull().references('units.id'))
    /** letter (printed) | sms | email (queued to the outbox) */
    .addColumn('channel', 'varchar(12)', (c) => c.notNull())
    .addColumn('amount_fen', 'bigint', (c) => c.notNull())
    .addColumn('late_fee_fen', 'bigint', (c) => c.notNull())
    .addColumn('oldest_due_date', 'varchar(10)')
    .addColumn('outbox_id', 'varchar(40)')
    .addColumn('created_by', 'varchar(40)', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dunning_notices_unit').on('dunning_notices').columns(['unit_id', 'created_at']).execute();

  await db.schema
    .createTable('collection_targets')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull().references('org_units.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    /** 1–12, or 0 for the whole year's target. */
    .addColumn('month', 'integer', (c) => c.notNull())
    /** 收缴率 target in basis points (9500 = 95%). */
    .addColumn('rate_bp', 'integer', (c) => c.notNull())
    .addColumn('set_by', 'varchar(40)', (c) => c.references('users.id'))
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('collection_targets_key').on('collection_targets').columns(['project_id', 'year', 'month']).unique().execute();

  await db.schema
    .createTable('daily_closes')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull().references('org_units.id'))
    .addColumn('cashier_id', 'varchar(40)', (c) => c.notNull().references('users.id'))
    .addColumn('business_date', 'varchar(10)', (c) => c.notNull())
    /** JSON: totals per method, counts, reversals. */
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('total_fen', 'bigint', (c) => c.notNull())
    .addColumn('receipt_from', 'varchar(32)')
    .addColumn('receipt_to', 'varchar(32)')
    .addColumn('handed_to', 'varchar(40)', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('daily_closes_key')
    .on('daily_closes')
    .columns(['project_id', 'cashier_id', 'business_date'])
    .unique()
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'daily_closes', 'collection_targets', 'dunning_notices', 'direct_debit_items', 'direct_debit_batches',
    'direct_debit_mandates', 'deposits', 'prepaid_entries', 'prepaid_accounts', 'payment_allocations', 'payments',
    'bill_lines', 'bills', 'billing_runs', 'meter_readings', 'meters', 'fee_items',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
