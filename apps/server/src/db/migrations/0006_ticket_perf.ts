import type { Kysely } from 'kysely';

/**
 * Ticket lists sort by created_at (newest first, id as the tiebreaker). Without a filter on the
 * project (a head-office user's default list, or a kind across the group), no index gave that
 * order: the first page sorted every matching ticket — seconds at a million tickets. These let
 * both databases walk the newest tickets in order and stop after the page; the kind one also
 * answers "how many of this kind" from the index alone.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration sees the schema as it was then, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('tickets_created').on('tickets').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('tickets_kind_created').on('tickets').columns(['kind', 'created_at', 'id']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tickets_kind_created').execute();
  await db.schema.dropIndex('tickets_created').execute();
}
