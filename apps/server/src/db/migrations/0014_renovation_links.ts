import type { Kysely } from 'kysely';

/**
 * A renovation remembers the unit's state from before the works (空置 / 已入住), so acceptance can
 * give it back; its deposit is the billing deposit whose source is the renovation, found by index.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration sees the schema as it was then, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('renovations').addColumn('unit_state_before', 'varchar(12)').execute();
  await db.schema.createIndex('deposits_source').on('deposits').columns(['source', 'source_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('cannot be reverted');
}
