import { sql, type Kysely } from 'kysely';

/**
 * Two uniqueness rules the database must hold itself, whatever two processes do at the same moment.
 *
 * 1. Escalations are recorded once per ticket *cycle*: a reopened ticket (住户不满意, reopen_count
 *    + 1) gets new due times, and missing them must escalate again. The unique key becomes
 *    (ticket_id, cycle, target, reason, level); `cycle` is the ticket's reopen_count when the
 *    escalation was recorded (0 for every escalation recorded before this migration).
 *    SQLite cannot drop a table-level unique constraint, so the table is rebuilt — portably, with
 *    the schema builder: new table, copy, drop, rename, index. Nothing references escalations, so
 *    dropping it is safe with SQLite's foreign_keys=ON. The new constraint has its own name: on
 *    PostgreSQL a constraint's index shares the schema's namespace with the old table's
 *    `escalations_once` while both tables exist.
 *
 * 2. Usernames are unique case-insensitively ("Zhang" and "zhang" are one person to the people
 *    who sign in), as the app's check already assumes; the index makes two simultaneous creates
 *    unable to both succeed.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration sees the schema as it was then, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('escalations_new')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('ticket_id', 'varchar(40)', (c) => c.notNull().references('tickets.id'))
    .addColumn('project_id', 'varchar(40)', (c) => c.notNull())
    /** The ticket's reopen_count when recorded: each reopening starts a new cycle of targets. */
    .addColumn('cycle', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('target', 'varchar(12)', (c) => c.notNull())
    .addColumn('reason', 'varchar(10)', (c) => c.notNull())
    .addColumn('due_at', 'varchar(30)')
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .addColumn('acknowledged_by', 'varchar(40)')
    .addColumn('acknowledged_at', 'varchar(30)')
    .addUniqueConstraint('escalations_once_per_cycle', ['ticket_id', 'cycle', 'target', 'reason', 'level'])
    .execute();

  const copied = ['id', 'ticket_id', 'project_id', 'level', 'target', 'reason', 'due_at', 'at', 'acknowledged_by', 'acknowledged_at'];
  await db
    .insertInto('escalations_new')
    .columns([...copied, 'cycle'])
    .expression(db.selectFrom('escalations').select([...copied, sql<number>`0`.as('cycle')]))
    .execute();
  await db.schema.dropTable('escalations').execute();
  await db.schema.alterTable('escalations_new').renameTo('escalations').execute();
  await db.schema.createIndex('escalations_project_at').on('escalations').columns(['project_id', 'at']).execute();

  await db.schema.createIndex('users_username_lower').on('users').expression(sql`lower(username)`).unique().execute();
}

export async function down(): Promise<void> {
  throw new Error('cannot be reverted');
}
