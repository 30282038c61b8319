import type { Kysely } from 'kysely';
import { binaryType } from '../dialect.js';

/**
 * The service desk: tickets from every channel, their timeline, work orders (派工单), SLA
 * policies on project calendars, escalations, return visits (回访), notifications and the outbox,
 * per-project number counters and job leases for background work shared by several processes.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration sees the schema as it was then, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('counters')
    .addColumn('key', 'varchar(120)', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('job_leases')
    .addColumn('name', 'varchar(80)', (c) => c.primaryKey())
    .addColumn('holder', 'varchar(80)', (c) => c.notNull())
    .addColumn('lease_until', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('ticket_categories')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    // null: a group-wide default category; otherwise the project's own.
    .addColumn('project_id', 'varchar(40)', (c) => c.references('org_units.id'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('parent_id', 'varchar(40)', (c) => c.references('ticket_categories.id'))
    .addColumn('name', 'varchar(60)', (c) => c.notNull())
    .addColumn('name_en', 'varchar(60)', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_categories_kind').on('ticket_categories').columns(['kind', 'project_id']).execute();

  await db.schema
    .createTable('tickets')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull().references('org_units.id'))
    /** The service center handling it now (联动 hands it to another center). */
    .addColumn('center_id', 'varchar(40)', (c) => c.notNull().references('org_units.id'))
    .addColumn('number', 'varchar(32)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('channel', 'varchar(16)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('priority', 'varchar(8)', (c) => c.notNull())
    .addColumn('major', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('category_id', 'varchar(40)', (c) => c.references('ticket_categories.id'))
    .addColumn('unit_id', 'varchar(40)', (c) => c.references('units.id'))
    .addColumn('building_id', 'varchar(40)')
    .addColumn('location', 'varchar(200)')
    .addColumn('zone_id', 'varchar(40)')
    .addColumn('requester_resident_id', 'varchar(40)', (c) => c.references('residents.id'))
    .addColumn('requester_name', 'varchar(100)')
    .addColumn('requester_phone', 'varchar(32)')
    .addColumn('requester_phone_rev', 'varchar(32)')
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('appointment_from', 'varchar(30)')
    .addColumn('appointment_to', 'varchar(30)')
    .addColumn('paid', 'integer')
    .addColumn('team_id', 'varchar(40)', (c) => c.references('teams.id'))
    .addColumn('technician_id', 'varchar(40)', (c) => c.references('users.id'))
    .addColumn('assignee_id', 'varchar(40)', (c) => c.references('users.id'))
    .addColumn('created_by', 'varchar(40)', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    /** Optimistic concurrency: every transition is `update … where version = ?`. */
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    // SLA clock: due instants (null while on hold or once met), when each target was met.
    .addColumn('sla_clock', 'varchar(10)')
    .addColumn('response_due_at', 'varchar(30)')
    .addColumn('arrival_due_at', 'varchar(30)')
    .addColumn('resolution_due_at', 'varchar(30)')
    .addColumn('responded_at', 'varchar(30)')
    .addColumn('arrived_at', 'varchar(30)')
    .addColumn('resolved_at', 'varchar(30)')
    .addColumn('closed_at', 'varchar(30)')
    /** While on hold: the working/calendar minutes left on each open target, JSON. */
    .addColumn('sla_remaining', 'text')
    .addColumn('hold_reason', 'varchar(500)')
    .addColumn('hold_until', 'varchar(30)')
    .addColumn('status_before_hold', 'varchar(16)')
    .addColumn('cancel_reason', 'varchar(500)')
    .addColumn('escalation_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('visit_due_at', 'varchar(30)')
    .addColumn('visit_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('satisfaction', 'varchar(24)')
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
    // 有效投诉: a valid complaint against a post (staff member or team), counted by quality reports.
    .addColumn('valid_complaint', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('complaint_against_user_id', 'varchar(40)')
    .addColumn('complaint_against_team_id', 'varchar(40)')
    .addColumn('complaint_category', 'varchar(60)')
    .addUniqueConstraint('tickets_project_number', ['project_id', 'number'])
    .execute();
  await db.schema.createIndex('tickets_project_created').on('tickets').columns(['project_id', 'created_at']).execute();
  await db.schema.createIndex('tickets_project_status').on('tickets').columns(['project_id', 'status', 'created_at']).execute();
  await db.schema.createIndex('tickets_unit').on('tickets').column('unit_id').execute();
  await db.schema.createIndex('tickets_phone_rev').on('tickets').columns(['project_id', 'requester_phone_rev']).execute();
  await db.schema.createIndex('tickets_technician').on('tickets').columns(['technician_id', 'status']).execute();
  await db.schema.createIndex('tickets_team').on('tickets').columns(['team_id', 'status']).execute();
  await db.schema.createIndex('tickets_resolution_due').on('tickets').columns(['status', 'resolution_due_at']).execute();
  await db.schema.createIndex('tickets_visit_due').on('tickets').columns(['status', 'visit_due_at']).execute();

  await db.schema
    .createTable('ticket_events')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('ticket_id', 'varchar(40)', (c) => c.notNull().references('tickets.id'))
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(40)')
    .addColumn('actor_name', 'varchar(100)')
    /** created, status, comment, reply, dispatch, work_order, escalation, visit, transfer, hold, resume, … */
    .addColumn('type', 'varchar(24)', (c) => c.notNull())
    .addColumn('from_status', 'varchar(16)')
    .addColumn('to_status', 'varchar(16)')
    .addColumn('body', 'text')
    .addColumn('data', 'text')
    /** Internal notes are staff-only; replies are visible to the resident. */
    .addColumn('internal', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('ticket_events_ticket').on('ticket_events').columns(['ticket_id', 'at']).execute();

  await db.schema
    .createTable('files')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull())
    /** What the file belongs to, e.g. ticket / work_order, and its id. */
    .addColumn('owner_type', 'varchar(24)', (c) => c.notNull())
    .addColumn('owner_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('purpose', 'varchar(24)')
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('mime', 'varchar(100)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('content', binaryType(db), (c) => c.notNull())
    .addColumn('created_by', 'varchar(40)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('files_owner').on('files').columns(['owner_type', 'owner_id']).execute();

  await db.schema
    .createTable('work_orders')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull().references('org_units.id'))
    .addColumn('ticket_id', 'varchar(40)', (c) => c.notNull().references('tickets.id'))
    .addColumn('number', 'varchar(32)', (c) => c.notNull())
    .addColumn('team_id', 'varchar(40)', (c) => c.notNull().references('teams.id'))
    .addColumn('technician_id', 'varchar(40)', (c) => c.references('users.id'))
    /** issued → accepted → working → done; returned (退单); transferred (转单, replaced by a new order). */
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('note', 'varchar(1000)')
    .addColumn('issued_by', 'varchar(40)')
    .addColumn('issued_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('accepted_at', 'varchar(30)')
    .addColumn('arrived_at', 'varchar(30)')
    .addColumn('started_at', 'varchar(30)')
    .addColumn('finished_at', 'varchar(30)')
    .addColumn('return_reason', 'varchar(500)')
    .addColumn('work_done', 'text')
    /** [{name, quantity, unitPriceFen}] */
    .addColumn('materials', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('labour_minutes', 'integer')
    /** What the resident pays for a paid repair, integer fen; billing collects it. */
    .addColumn('charge_fen', 'integer')
    /** Unguessable code for the QR on the printed order. */
    .addColumn('qr_code', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('work_orders_project_number', ['project_id', 'number'])
    .execute();
  await db.schema.createIndex('work_orders_ticket').on('work_orders').column('ticket_id').execute();
  await db.schema.createIndex('work_orders_technician').on('work_orders').columns(['technician_id', 'status']).execute();
  await db.schema.createIndex('work_orders_team').on('work_orders').columns(['team_id', 'status']).execute();

  await db.schema
    .createTable('sla_policies')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull().references('org_units.id'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('priority', 'varchar(8)', (c) => c.notNull())
    .addColumn('response_minutes', 'integer', (c) => c.notNull())
    .addColumn('arrival_minutes', 'integer')
    .addColumn('resolution_minutes', 'integer', (c) => c.notNull())
    /** working: counted on the project's working calendar; calendar: 24×7. */
    .addColumn('clock', 'varchar(10)', (c) => c.notNull())
    .addColumn('warn_percent', 'integer', (c) => c.notNull().defaultTo(80))
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('sla_policies_unique', ['project_id', 'kind', 'priority'])
    .execute();

  await db.schema
    .createTable('calendars')
    .addColumn('project_id', 'varchar(40)', (c) => c.primaryKey().references('org_units.id'))
    /** {"1":[["08:30","12:00"],["13:30","17:30"]], …, "0":[]} keyed by weekday 0=Sunday. */
    .addColumn('working_hours', 'text', (c) => c.notNull())
    /** Minutes after resolution within which the return visit is due (working time). */
    .addColumn('visit_due_minutes', 'integer', (c) => c.notNull().defaultTo(1440))
    .addColumn('visit_max_attempts', 'integer', (c) => c.notNull().defaultTo(3))
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('calendar_days')
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull().references('org_units.id'))
    .addColumn('date', 'varchar(10)', (c) => c.notNull())
    /** holiday: no work on a weekday; workday: a make-up workday (调休) on a weekend. */
    .addColumn('type', 'varchar(10)', (c) => c.notNull())
    .addColumn('name', 'varchar(60)')
    .addPrimaryKeyConstraint('calendar_days_pk', ['project_id', 'date'])
    .execute();

  await db.schema
    .createTable('escalations')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('ticket_id', 'varchar(40)', (c) => c.notNull().references('tickets.id'))
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    /** response / arrival / resolution / major */
    .addColumn('target', 'varchar(12)', (c) => c.notNull())
    /** warning (reached the warning share) / breach / major (at intake) */
    .addColumn('reason', 'varchar(10)', (c) => c.notNull())
    .addColumn('due_at', 'varchar(30)')
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .addColumn('acknowledged_by', 'varchar(40)')
    .addColumn('acknowledged_at', 'varchar(30)')
    // The same escalation is recorded once, however many processes find it at the same moment.
    .addUniqueConstraint('escalations_once', ['ticket_id', 'target', 'reason', 'level'])
    .execute();
  await db.schema.createIndex('escalations_project_at').on('escalations').columns(['project_id', 'at']).execute();

  await db.schema
    .createTable('return_visits')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('ticket_id', 'varchar(40)', (c) => c.notNull().references('tickets.id'))
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull())
    .addColumn('attempt', 'integer', (c) => c.notNull())
    /** satisfied / basically_satisfied / unsatisfied / unreachable */
    .addColumn('outcome', 'varchar(24)', (c) => c.notNull())
    .addColumn('service_rating', 'integer')
    .addColumn('technician_rating', 'integer')
    .addColumn('comment', 'varchar(2000)')
    .addColumn('visited_by', 'varchar(40)')
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('return_visits_ticket').on('return_visits').column('ticket_id').execute();
  await db.schema.createIndex('return_visits_project_at').on('return_visits').columns(['project_id', 'at']).execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(40)', (c) => c.notNull().references('users.id'))
    .addColumn('project_id', 'varchar(40)')
    .addColumn('type', 'varchar(40)', (c) => c.notNull())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('body', 'varchar(2000)')
    .addColumn('link', 'varchar(300)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('read_at', 'varchar(30)')
    .execute();
  await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'read_at', 'created_at']).execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(40)')
    /** sms / email */
    .addColumn('channel', 'varchar(8)', (c) => c.notNull())
    .addColumn('recipient', 'varchar(200)', (c) => c.notNull())
    .addColumn('subject', 'varchar(200)')
    .addColumn('body', 'text', (c) => c.notNull())
    /** pending / sent / failed */
    .addColumn('status', 'varchar(8)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'varchar(500)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('sent_at', 'varchar(30)')
    .execute();
  await db.schema.createIndex('outbox_status').on('outbox').columns(['status', 'created_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('the service-desk migration cannot be reverted');
}
