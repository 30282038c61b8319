import { PostgresAdapter, type Kysely } from 'kysely';

/** The one place migrations ask which database they run on. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- works on any schema
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Column type for file contents: bytea on PostgreSQL, blob on SQLite. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- works on any schema
export function binaryType(db: Kysely<any>): 'bytea' | 'blob' {
  return isPostgres(db) ? 'bytea' : 'blob';
}
