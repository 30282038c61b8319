import type { Kysely } from 'kysely';

/**
 * An outbox message being sent is marked `sending` with the claim time, so a second process that
 * reads the pending list meanwhile cannot take it for a retry; a claim older than a few minutes
 * (a crashed sender) counts as pending again.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration sees the schema as it was then, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('claimed_at', 'varchar(30)').execute();
}

export async function down(): Promise<void> {
  throw new Error('cannot be reverted');
}
