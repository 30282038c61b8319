import type { Kysely } from 'kysely';

/**
 * Payments: late-fee lines are looked up by the charge they belong to (every payment asks what
 * late fee a charge has already billed), and reversed payments by the payment that reversed them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration sees the schema as it was then, not today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('bill_lines_related').on('bill_lines').columns(['related_line_id']).execute();
  await db.schema.createIndex('bill_lines_source').on('bill_lines').columns(['source_id']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('bill_lines_source').execute();
  await db.schema.dropIndex('bill_lines_related').execute();
}
