import type { Kysely } from 'kysely';

/**
 * Resident services (documents 1 and 3, duties 6–9): move-ins with their checklist and utility
 * accounts, move-outs, item-release slips, renovations (inspections, extensions), worker and
 * vehicle passes, the log of gate checks and the visitor register.
 *
 * Checklists, people, items, fees and deductions are JSON text on their record (read and written
 * whole, under the record's version). Money is integer fen.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration sees the schema as it was then, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  const ts = 'varchar(30)';
  const id = 'varchar(40)';

  await db.schema
    .createTable('move_ins')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('project_id', id, (c) => c.notNull().references('org_units.id'))
    .addColumn('unit_id', id, (c) => c.notNull().references('units.id'))
    .addColumn('number', 'varchar(30)', (c) => c.notNull())
    /** open | completed | cancelled */
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('people', 'text', (c) => c.notNull())
    .addColumn('checklist', 'text', (c) => c.notNull())
    .addColumn('meter_readings', 'text')
    .addColumn('keys', 'text')
    .addColumn('utilities', 'text', (c) => c.notNull())
    .addColumn('direct_debit_mandate_id', id)
    .addColumn('move_in_date', 'varchar(10)')
    .addColumn('completed_at', ts)
    .addColumn('completed_by', id, (c) => c.references('users.id'))
    .addColumn('created_by', id, (c) => c.references('users.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('move_ins_project_created').on('move_ins').columns(['project_id', 'created_at']).execute();
  await db.schema.createIndex('move_ins_unit').on('move_ins').columns(['unit_id']).execute();

  await db.schema
    .createTable('move_outs')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('project_id', id, (c) => c.notNull().references('org_units.id'))
    .addColumn('unit_id', id, (c) => c.notNull().references('units.id'))
    .addColumn('number', 'varchar(30)', (c) => c.notNull())
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('people', 'text', (c) => c.notNull())
    .addColumn('checklist', 'text', (c) => c.notNull())
    .addColumn('meter_readings', 'text')
    .addColumn('keys_returned', 'text')
    /** What the unit owed at completion (the ledger is read live until then). */
    .addColumn('outstanding_fen', 'bigint')
    .addColumn('outstanding', 'text')
    .addColumn('override_reason', 'varchar(500)')
    .addColumn('override_by', id, (c) => c.references('users.id'))
    .addColumn('move_out_date', 'varchar(10)')
    .addColumn('note', 'varchar(500)')
    .addColumn('completed_at', ts)
    .addColumn('completed_by', id, (c) => c.references('users.id'))
    .addColumn('created_by', id, (c) => c.references('users.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('move_outs_project_created').on('move_outs').columns(['project_id', 'created_at']).execute();

  await db.schema
    .createTable('item_releases')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('project_id', id, (c) => c.notNull().references('org_units.id'))
    .addColumn('unit_id', id, (c) => c.notNull().references('units.id'))
    .addColumn('number', 'varchar(30)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('applicant_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('applicant_phone', 'varchar(30)', (c) => c.notNull())
    .addColumn('applicant_relation', 'varchar(12)', (c) => c.notNull())
    .addColumn('owner_confirmation', 'text')
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('planned_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('plate', 'varchar(20)')
    .addColumn('move_out_id', id, (c) => c.references('move_outs.id'))
    .addColumn('decided_by', id, (c) => c.references('users.id'))
    .addColumn('decided_at', ts)
    .addColumn('reject_reason', 'varchar(500)')
    .addColumn('released_at', ts)
    .addColumn('released_by', id, (c) => c.references('users.id'))
    .addColumn('released_gate', 'varchar(40)')
    .addColumn('qr_code', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_by', id, (c) => c.references('users.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('item_releases_qr').on('item_releases').column('qr_code').unique().execute();
  await db.schema.createIndex('item_releases_number').on('item_releases').columns(['project_id', 'number']).unique().execute();
  await db.schema.createIndex('item_releases_project_date').on('item_releases').columns(['project_id', 'planned_date']).execute();

  await db.schema
    .createTable('renovations')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('project_id', id, (c) => c.notNull().references('org_units.id'))
    .addColumn('unit_id', id, (c) => c.notNull().references('units.id'))
    .addColumn('number', 'varchar(30)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    /** The unit's id while the application is open, null once it ends: the unique index allows one open application per unit. */
    .addColumn('open_unit_id', id)
    .addColumn('owner_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('owner_phone', 'varchar(30)', (c) => c.notNull())
    .addColumn('contractor_company', 'varchar(100)', (c) => c.notNull())
    .addColumn('contractor_license', 'varchar(60)')
    .addColumn('person_in_charge', 'varchar(100)', (c) => c.notNull())
    .addColumn('person_in_charge_phone', 'varchar(30)', (c) => c.notNull())
    .addColumn('workers', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('planned_start', 'varchar(10)', (c) => c.notNull())
    .addColumn('planned_end', 'varchar(10)', (c) => c.notNull())
    .addColumn('approved_end', 'varchar(10)', (c) => c.notNull())
    .addColumn('conditions', 'text')
    .addColumn('reject_reason', 'varchar(500)')
    .addColumn('cancel_reason', 'varchar(500)')
    .addColumn('deposit_fen', 'bigint')
    .addColumn('fees', 'text', (c) => c.notNull())
    .addColumn('paid_at', ts)
    .addColumn('payment_note', 'varchar(200)')
    .addColumn('permit_number', 'varchar(30)')
    .addColumn('permit_issued_at', ts)
    .addColumn('deductions', 'text', (c) => c.notNull())
    .addColumn('refund_fen', 'bigint')
    .addColumn('refunded_at', ts)
    .addColumn('created_by', id, (c) => c.references('users.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('renovations_open_unit').on('renovations').column('open_unit_id').unique().execute();
  await db.schema.createIndex('renovations_project_created').on('renovations').columns(['project_id', 'created_at']).execute();

  await db.schema
    .createTable('renovation_inspections')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('renovation_id', id, (c) => c.notNull().references('renovations.id'))
    .addColumn('project_id', id, (c) => c.notNull().references('org_units.id'))
    .addColumn('kind', 'varchar(12)', (c) => c.notNull())
    .addColumn('result', 'varchar(12)', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('violations', 'text', (c) => c.notNull())
    .addColumn('inspector_id', id, (c) => c.references('users.id'))
    .addColumn('at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('renovation_inspections_renovation').on('renovation_inspections').columns(['renovation_id', 'at']).execute();

  await db.schema
    .createTable('renovation_extensions')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('renovation_id', id, (c) => c.notNull().references('renovations.id'))
    .addColumn('project_id', id, (c) => c.notNull().references('org_units.id'))
    .addColumn('new_end_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('reason', 'varchar(500)', (c) => c.notNull())
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('requested_by', id, (c) => c.references('users.id'))
    .addColumn('requested_at', ts, (c) => c.notNull())
    .addColumn('decided_by', id, (c) => c.references('users.id'))
    .addColumn('decided_at', ts)
    .addColumn('decision_note', 'varchar(500)')
    .execute();
  await db.schema.createIndex('renovation_extensions_renovation').on('renovation_extensions').column('renovation_id').execute();

  await db.schema
    .createTable('passes')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('project_id', id, (c) => c.notNull().references('org_units.id'))
    .addColumn('kind', 'varchar(12)', (c) => c.notNull())
    .addColumn('number', 'varchar(30)', (c) => c.notNull())
    .addColumn('holder_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('id_number', 'varchar(30)')
    .addColumn('phone', 'varchar(30)')
    .addColumn('company', 'varchar(100)')
    .addColumn('unit_id', id, (c) => c.references('units.id'))
    .addColumn('plate', 'varchar(20)')
    .addColumn('valid_from', 'varchar(10)', (c) => c.notNull())
    .addColumn('valid_to', 'varchar(10)', (c) => c.notNull())
    .addColumn('status', 'varchar(12)', (c) => c.notNull())
    .addColumn('revoke_reason', 'varchar(500)')
    .addColumn('revoked_by', id, (c) => c.references('users.id'))
    .addColumn('revoked_at', ts)
    .addColumn('renovation_id', id, (c) => c.references('renovations.id'))
    .addColumn('qr_code', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_by', id, (c) => c.references('users.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('passes_qr').on('passes').column('qr_code').unique().execute();
  await db.schema.createIndex('passes_number').on('passes').columns(['project_id', 'number']).unique().execute();
  await db.schema.createIndex('passes_renovation').on('passes').column('renovation_id').execute();

  await db.schema
    .createTable('gate_checks')
    .addColumn('id', id, (c) => c.primaryKey())
    /** null when the code matched nothing the guard may see. */
    .addColumn('project_id', id, (c) => c.references('org_units.id'))
    .addColumn('subject', 'varchar(16)', (c) => c.notNull())
    .addColumn('subject_id', id)
    .addColumn('number', 'varchar(30)')
    .addColumn('result', 'varchar(16)', (c) => c.notNull())
    /** check (a scan or typed number) | release (marked released, or refused) | entry (let in) */
    .addColumn('action', 'varchar(10)', (c) => c.notNull())
    .addColumn('gate', 'varchar(40)')
    .addColumn('checked_by', id, (c) => c.references('users.id'))
    .addColumn('checked_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('gate_checks_project_at').on('gate_checks').columns(['project_id', 'checked_at']).execute();
  await db.schema.createIndex('gate_checks_subject').on('gate_checks').columns(['subject_id', 'checked_at']).execute();

  await db.schema
    .createTable('visits')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('project_id', id, (c) => c.notNull().references('org_units.id'))
    .addColumn('visitor_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('phone', 'varchar(30)')
    .addColumn('id_number', 'varchar(30)')
    .addColumn('party_size', 'integer', (c) => c.notNull())
    .addColumn('plate', 'varchar(20)')
    .addColumn('host_unit_id', id, (c) => c.references('units.id'))
    .addColumn('host_name', 'varchar(100)')
    .addColumn('purpose', 'varchar(200)', (c) => c.notNull())
    .addColumn('gate', 'varchar(40)')
    .addColumn('checked_in_at', ts, (c) => c.notNull())
    .addColumn('checked_in_by', id, (c) => c.references('users.id'))
    .addColumn('checked_out_at', ts)
    .addColumn('checked_out_by', id, (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('visits_project_in').on('visits').columns(['project_id', 'checked_in_at']).execute();
  await db.schema.createIndex('visits_project_out').on('visits').columns(['project_id', 'checked_out_at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['visits', 'gate_checks', 'passes', 'renovation_extensions', 'renovation_inspections', 'renovations', 'item_releases', 'move_outs', 'move_ins']) {
    await db.schema.dropTable(t).execute();
  }
}
