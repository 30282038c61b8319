import type { Kysely } from 'kysely';

/**
 * A billing run looks up what its fee items already billed (billing keys of the lines covering
 * recent months, and the first month each item was ever billed). This index answers both from
 * the project's lines of those items without reading the rest of the project's ledger.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration sees the schema as it was then, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('bill_lines_project_item_cover').on('bill_lines').columns(['project_id', 'fee_item_id', 'cover_from']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('bill_lines_project_item_cover').execute();
}
