import type { Kysely } from 'kysely';

/**
 * A dunning notice keeps what it said: the letter's lines and amounts as issued (JSON), so a
 * reprint shows the same figures even after payments; and how many messages an SMS notice queued
 * (one per owner phone).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration sees the schema as it was then, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('dunning_notices').addColumn('detail', 'text').execute();
  await db.schema.alterTable('dunning_notices').addColumn('recipient_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.createIndex('dunning_notices_project').on('dunning_notices').columns(['project_id', 'created_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('cannot be reverted');
}
