import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase, type SqliteStatement, type Transaction } from 'kysely';
import type { DB } from './schema.js';
import { watchingWrites, WriteWatch } from './write-watch.js';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<DB>;
export type Tx = Transaction<DB> | Kysely<DB>;

export interface Database {
  db: Db;
  dialect: Dialect;
  /** PostgreSQL schema in use when not the default (tests). */
  schema?: string;
  /**
   * Committed writes to the tables sign-in reads (users, sessions, tokens, grants, roles, org
   * units): the actor cache is valid while this has not moved. Absent = no caching.
   */
  signInWrites?: WriteWatch;
  close(): Promise<void>;
}

/** What resolving a request's actor reads (see modules/auth/auth.cache.ts). */
const SIGN_IN_TABLES = /\b(users|sessions|api_tokens|role_grants|roles|org_units)\b/i;

export interface OpenOptions {
  /** PostgreSQL only: use this schema (tests give each file a fresh one). */
  schema?: string;
}

/**
 * Kysely's SQLite driver prepares every statement anew on each run (about a sixth of a list
 * request's CPU). Compiled SQL repeats, so prepared statements are kept by their text (bounded).
 * Safe here: one connection, and statements run to completion synchronously (no streaming).
 */
function withStatementCache(sqlite: SqliteDatabase, max = 1000): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (!stmt) {
        stmt = sqlite.prepare(sql);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
        cache.set(sql, stmt);
      }
      return stmt;
    },
  };
}

/**
 * How the app opens an SQLite file. Reads go through a memory map and a 64 MB page cache: at a
 * million tickets the file (1.7 GB) is far larger than the 16 MB page cache better-sqlite3 builds SQLite with, and every
 * page of a ticket row or index that missed it was a read() system call and a copy — a third of a
 * list request's SQL time, and most of an intake's index updates. The map only holds what the
 * operating system caches anyway; writes still go through the WAL as before.
 */
export const SQLITE_PRAGMAS = [
  'journal_mode = WAL',
  'synchronous = NORMAL',
  'foreign_keys = ON',
  'busy_timeout = 5000',
  'cache_size = -65536',
  'mmap_size = 2147418112', // SQLite's upper limit for a map (0x7fff0000)
];

/** DATABASE_URL: `sqlite:PATH`, `sqlite::memory:` or `postgres://…`. */
export async function openDatabase(url: string, opts: OpenOptions = {}): Promise<Database> {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const pg = await import('pg');
    // count(*) and bigint come back as strings by default; every integer we store fits a JS number.
    pg.default.types.setTypeParser(20, (v: string) => Number(v));
    // sum() over bigint is numeric: our sums are whole fen, far inside 2⁵³.
    pg.default.types.setTypeParser(1700, (v: string) => Number(v));
    const pool = new pg.default.Pool({
      connectionString: url,
      max: Number(process.env.PROPDESK_PG_POOL ?? 10),
      ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
    });
    const signInWrites = new WriteWatch(SIGN_IN_TABLES);
    const db = new Kysely<DB>({ dialect: watchingWrites(new PostgresDialect({ pool }), signInWrites) });
    return { db, dialect: 'postgres', schema: opts.schema, signInWrites, close: () => db.destroy() };
  }
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    const BetterSqlite = (await import('better-sqlite3')).default;
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const sqlite = new BetterSqlite(file);
    for (const p of SQLITE_PRAGMAS) sqlite.pragma(p);
    const signInWrites = new WriteWatch(SIGN_IN_TABLES);
    const db = new Kysely<DB>({ dialect: watchingWrites(new SqliteDialect({ database: withStatementCache(sqlite) }), signInWrites) });
    return { db, dialect: 'sqlite', signInWrites, close: () => db.destroy() };
  }
  throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got "${url.split(':')[0]}:")`);
}
