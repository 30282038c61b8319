import type { Kysely } from 'kysely';

/**
 * The escalation job walks the open tickets of each status in id order, 500 at a time
 * (`where status = ? and id > ? order by id limit 500`): this index answers that directly
 * on both databases, however many closed tickets there are.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration sees the schema as it was then, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('tickets_status_id').on('tickets').columns(['status', 'id']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tickets_status_id').execute();
}
