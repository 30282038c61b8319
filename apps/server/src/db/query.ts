/**
 * The list conventions every repository shares: `sort` ("-createdAt") mapped through a
 * whitelist of columns, and page/pageSize. Dialect differences live here and nowhere else.
 */
import { sql, type Expression, type SqlBool } from 'kysely';

// Kysely's builder types are too precise to share a helper across tables without `any`.
/* eslint-disable @typescript-eslint/no-explicit-any */
export function applySort<Q extends { orderBy: (...a: any[]) => any }>(
  q: Q,
  sort: string | undefined,
  columns: Record<string, string>,
  fallback: string,
  /** Sort keys whose column may be empty: empty values go last in both directions, on both databases. */
  nullable: ReadonlySet<string> = new Set(),
): Q {
  const wanted = sort && columns[sort.replace(/^-/, '')] ? sort : fallback;
  const desc = wanted.startsWith('-');
  const key = wanted.replace(/^-/, '');
  const col = columns[key]!;
  // SQLite sorts NULL first ascending, PostgreSQL last: an explicit first key makes them agree.
  const base = nullable.has(key) ? (q.orderBy(sql`case when ${sql.ref(col)} is null then 1 else 0 end`) as Q) : q;
  // A stable tiebreaker keeps pages from repeating or skipping rows.
  const idCol = col.includes('.') ? `${col.split('.')[0]}.id` : 'id';
  return (base.orderBy(col, desc ? 'desc' : 'asc') as Q).orderBy(idCol, desc ? 'desc' : 'asc') as Q;
}

export function applyPaging<Q extends { limit: (n: number) => any }>(q: Q, p: { page: number; pageSize: number }): Q {
  return (q.limit(p.pageSize) as any).offset((p.page - 1) * p.pageSize) as Q;
}

/** Escape LIKE wildcards in user text. */
export function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (m) => '\\' + m);
}

/** Case-insensitive "contains" on both dialects (PostgreSQL's LIKE is case-sensitive). */
export function containsCi(column: string, text: string): Expression<SqlBool> {
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${`%${likeEscape(text.toLowerCase())}%`} escape '\\'`;
}

/** "starts with" (uses the index on both dialects when the column is indexed). */
export function startsWith(column: string, text: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} like ${likeEscape(text) + '%'} escape '\\'`;
}

/** Is this error a unique-constraint violation (SQLite or PostgreSQL)? */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * A foreign-key violation: a row still refers to the one being removed (e.g. one written by
 * someone else between a removal's checks and its delete).
 */
export function isForeignKeyViolation(err: unknown): boolean {
  const e = err as { code?: string };
  return e?.code === '23503' || e?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}
