import type { Kysely } from 'kysely';

/**
 * Front-desk operations: desks with opening hours, the duty roster (shifts) and covers (代岗),
 * handovers (交接班), checklist templates and daily runs, the key register and loans, the call log,
 * the phone directory, incidents (突发事件) and notices with their receipts (上传下达).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration sees the schema as it was then, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  const ts = 'varchar(30)';
  await db.schema
    .createTable('desks')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull().references('org_units.id'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('location', 'varchar(200)')
    .addColumn('phone', 'varchar(40)')
    .addColumn('hours', 'text', (c) => c.notNull())
    .addColumn('holiday_rule', 'varchar(16)', (c) => c.notNull())
    .addColumn('max_consecutive_days', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('desks_project_name', ['project_id', 'name'])
    .execute();

  await db.schema
    .createTable('shifts')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull().references('org_units.id'))
    .addColumn('desk_id', 'varchar(40)', (c) => c.notNull().references('desks.id'))
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull().references('users.id'))
    .addColumn('date', 'varchar(10)', (c) => c.notNull())
    .addColumn('start_at', ts, (c) => c.notNull())
    .addColumn('end_at', ts, (c) => c.notNull())
    .addColumn('note', 'varchar(200)')
    .addColumn('created_by', 'varchar(40)', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('shifts_desk_start').on('shifts').columns(['desk_id', 'start_at']).execute();
  await db.schema.createIndex('shifts_user_date').on('shifts').columns(['user_id', 'date']).execute();

  await db.schema
    .createTable('covers')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('shift_id', 'varchar(40)', (c) => c.notNull().references('shifts.id'))
    .addColumn('cover_user_id', 'varchar(40)', (c) => c.notNull().references('users.id'))
    .addColumn('from_at', ts, (c) => c.notNull())
    .addColumn('to_at', ts, (c) => c.notNull())
    .addColumn('reason', 'varchar(200)', (c) => c.notNull())
    .addColumn('returned_at', ts)
    .addColumn('created_by', 'varchar(40)', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('covers_shift').on('covers').column('shift_id').execute();

  await db.schema
    .createTable('handovers')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('desk_id', 'varchar(40)', (c) => c.notNull().references('desks.id'))
    .addColumn('from_user_id', 'varchar(40)', (c) => c.notNull().references('users.id'))
    .addColumn('to_user_id', 'varchar(40)', (c) => c.notNull().references('users.id'))
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('acknowledged_at', ts)
    .addColumn('ack_note', 'varchar(500)')
    .execute();
  await db.schema.createIndex('handovers_desk').on('handovers').columns(['desk_id', 'created_at']).execute();

  await db.schema
    .createTable('checklist_templates')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('desk_id', 'varchar(40)', (c) => c.notNull().references('desks.id'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('checklist_runs')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('desk_id', 'varchar(40)', (c) => c.notNull().references('desks.id'))
    .addColumn('template_id', 'varchar(40)', (c) => c.notNull().references('checklist_templates.id'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('date', 'varchar(10)', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    // One run per template and day, however many screens open it at once.
    .addUniqueConstraint('checklist_runs_template_date', ['template_id', 'date'])
    .execute();
  await db.schema.createIndex('checklist_runs_desk_date').on('checklist_runs').columns(['desk_id', 'date']).execute();
  await db.schema
    .createTable('checklist_run_items')
    .addColumn('run_id', 'varchar(40)', (c) => c.notNull().references('checklist_runs.id'))
    .addColumn('item_id', 'varchar(20)', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'varchar(200)', (c) => c.notNull())
    .addColumn('due_at', ts, (c) => c.notNull())
    .addColumn('checked_at', ts)
    .addColumn('checked_by', 'varchar(40)')
    .addPrimaryKeyConstraint('checklist_run_items_pk', ['run_id', 'item_id'])
    .execute();

  await db.schema
    .createTable('desk_keys')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull().references('org_units.id'))
    .addColumn('label', 'varchar(60)', (c) => c.notNull())
    .addColumn('opens', 'varchar(200)', (c) => c.notNull())
    .addColumn('unit_id', 'varchar(40)', (c) => c.references('units.id'))
    .addColumn('location', 'varchar(100)', (c) => c.notNull())
    .addColumn('copies', 'integer', (c) => c.notNull())
    // Copies out now: lending is a conditional increment (out < copies), so two lends at once cannot both win.
    .addColumn('out_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('desk_keys_project_label', ['project_id', 'label'])
    .execute();
  await db.schema
    .createTable('key_loans')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('key_id', 'varchar(40)', (c) => c.notNull().references('desk_keys.id'))
    .addColumn('borrower', 'varchar(100)', (c) => c.notNull())
    .addColumn('borrower_phone', 'varchar(40)')
    .addColumn('purpose', 'varchar(200)', (c) => c.notNull())
    .addColumn('lent_at', ts, (c) => c.notNull())
    .addColumn('due_at', ts, (c) => c.notNull())
    .addColumn('returned_at', ts)
    .addColumn('lent_by', 'varchar(40)', (c) => c.notNull())
    .addColumn('returned_by', 'varchar(40)')
    .execute();
  await db.schema.createIndex('key_loans_key').on('key_loans').columns(['key_id', 'lent_at']).execute();

  await db.schema
    .createTable('calls')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull().references('org_units.id'))
    .addColumn('direction', 'varchar(4)', (c) => c.notNull())
    .addColumn('number', 'varchar(40)', (c) => c.notNull())
    .addColumn('caller_name', 'varchar(100)')
    .addColumn('resident_id', 'varchar(40)', (c) => c.references('residents.id'))
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('within_three_rings', 'integer')
    .addColumn('ring_seconds', 'integer')
    .addColumn('key_points', 'text', (c) => c.notNull())
    .addColumn('callback_needed', 'integer', (c) => c.notNull())
    .addColumn('callback_due_at', ts)
    .addColumn('callback_done_at', ts)
    .addColumn('callback_note', 'varchar(1000)')
    .addColumn('ticket_id', 'varchar(40)', (c) => c.references('tickets.id'))
    .addColumn('taken_by', 'varchar(40)', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('calls_project_at').on('calls').columns(['project_id', 'at']).execute();

  await db.schema
    .createTable('directory_entries')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull().references('org_units.id'))
    .addColumn('category', 'varchar(16)', (c) => c.notNull())
    .addColumn('internal', 'integer', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('organization', 'varchar(100)')
    .addColumn('title', 'varchar(100)')
    .addColumn('phone', 'varchar(40)', (c) => c.notNull())
    .addColumn('alt_phone', 'varchar(40)')
    .addColumn('confidential', 'integer', (c) => c.notNull())
    .addColumn('note', 'varchar(500)')
    .addColumn('confirmed_at', ts, (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('directory_project_name').on('directory_entries').columns(['project_id', 'name']).execute();

  await db.schema
    .createTable('incidents')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull().references('org_units.id'))
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('location', 'varchar(200)', (c) => c.notNull())
    .addColumn('severity', 'varchar(10)', (c) => c.notNull())
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('reported_by', 'varchar(100)', (c) => c.notNull())
    .addColumn('occurred_at', ts, (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('closed_at', ts)
    .addColumn('created_by', 'varchar(40)', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incidents_project_created').on('incidents').columns(['project_id', 'created_at']).execute();
  await db.schema
    .createTable('incident_escalations')
    .addColumn('incident_id', 'varchar(40)', (c) => c.notNull().references('incidents.id'))
    .addColumn('target', 'varchar(16)', (c) => c.notNull())
    .addColumn('notified_at', ts, (c) => c.notNull())
    .addColumn('acknowledged_at', ts)
    .addColumn('acknowledged_by', 'varchar(40)')
    .addPrimaryKeyConstraint('incident_escalations_pk', ['incident_id', 'target'])
    .execute();
  await db.schema
    .createTable('incident_actions')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('incident_id', 'varchar(40)', (c) => c.notNull().references('incidents.id'))
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('by_user_id', 'varchar(40)')
    .addColumn('text', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incident_actions_incident').on('incident_actions').columns(['incident_id', 'at']).execute();

  await db.schema
    .createTable('notices')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull().references('org_units.id'))
    .addColumn('direction', 'varchar(4)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('audience_roles', 'text', (c) => c.notNull())
    .addColumn('require_ack', 'integer', (c) => c.notNull())
    .addColumn('pinned', 'integer', (c) => c.notNull())
    .addColumn('attachment_ids', 'text', (c) => c.notNull())
    .addColumn('author_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notices_project_created').on('notices').columns(['project_id', 'created_at']).execute();
  await db.schema
    .createTable('notice_receipts')
    .addColumn('notice_id', 'varchar(40)', (c) => c.notNull().references('notices.id'))
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull().references('users.id'))
    .addColumn('read_at', ts)
    .addColumn('acknowledged_at', ts)
    .addPrimaryKeyConstraint('notice_receipts_pk', ['notice_id', 'user_id'])
    .execute();
  await db.schema.createIndex('notice_receipts_user').on('notice_receipts').columns(['user_id', 'read_at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'notice_receipts', 'notices', 'incident_actions', 'incident_escalations', 'incidents', 'directory_entries', 'calls', 'key_loans', 'desk_keys',
    'checklist_run_items', 'checklist_runs', 'checklist_templates', 'handovers', 'covers', 'shifts', 'desks',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
