import { sql } from 'kysely';
import type { Tx } from './database.js';

/**
 * The next number of a sequence (`counters` row `key`), allocated in the caller's transaction by
 * an upsert-increment: concurrent callers queue on the row (PostgreSQL holds its lock until the
 * transaction ends; SQLite runs one write transaction at a time), so each gets its own number and
 * a rolled-back transaction gives its number back. `count` > 1 reserves that many at once and
 * answers the last one. Taking a number also serializes whatever the caller does next under the
 * same key (e.g. one billing run per project at a time).
 */
export async function nextCounter(db: Tx, key: string, count = 1): Promise<number> {
  const r = await db
    .insertInto('counters')
    .values({ key, value: count })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: sql<number>`counters.value + ${count}` }))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(r.value);
}
