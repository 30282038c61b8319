import type { Database } from '../../db/database.js';
import type { WriteWatch } from '../../db/write-watch.js';
import type { Actor } from '../../http/context.js';

/**
 * The sign-in cache: what resolving an actor read (the token or session, the user, the grants),
 * kept per credential hash so that a busy client's requests skip those three statements.
 *
 * Right by construction: an entry is used only while no write to users, sessions, api_tokens,
 * role_grants, roles or org_units has been committed since it was read (db/write-watch.ts, in
 * this process, whichever module wrote). So logout, a revoked token, a deactivated user, a changed
 * grant or role are refused or applied on the very next request. The session's expiry and idle
 * limit are still checked on every request. The short TTL only bounds how long a write by another
 * process (a second server on the same PostgreSQL) goes unseen.
 */
export interface SignIn {
  /** Null: the credential is valid but its user is gone or inactive. */
  actor: Omit<Actor, 'projects'> | null;
  /** The token's row id and last use (a bearer token). */
  token: { id: string; lastUsedAt: string | null } | null;
  /** The session's times (a cookie). */
  session: { expiresAt: string; lastSeenAt: string } | null;
}

interface Entry {
  signIn: SignIn;
  generation: number;
  at: number;
}

export const SIGN_IN_CACHE_MS = 2_000;
const MAX_ENTRIES = 1_000;
const caches = new WeakMap<WriteWatch, Map<string, Entry>>();

export const signInCache = {
  /** The generation to give `remember` (read it before reading the rows), or null when the database has no watch. */
  start(database: Database): number | null {
    return database.signInWrites?.generation ?? null;
  },

  get(database: Database, key: string): SignIn | undefined {
    const watch = database.signInWrites;
    const cache = watch && caches.get(watch);
    const entry = cache?.get(key);
    if (!entry) return undefined;
    if (entry.generation !== watch!.generation || Date.now() - entry.at >= SIGN_IN_CACHE_MS) {
      cache!.delete(key);
      return undefined;
    }
    return entry.signIn;
  },

  /** Keeps what was read since `start` — unless a sign-in table changed meanwhile (then it may be stale). */
  remember(database: Database, key: string, generation: number | null, signIn: SignIn): void {
    const watch = database.signInWrites;
    if (!watch || generation === null || watch.generation !== generation) return;
    let cache = caches.get(watch);
    if (!cache) caches.set(watch, (cache = new Map()));
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(key, { signIn, generation, at: Date.now() });
  },
};
