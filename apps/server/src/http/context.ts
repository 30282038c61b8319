import type { Locale, Permission, UserSummary } from '@propdesk/contracts';
import type { Database } from '../db/database.js';
import type { Config } from '../config.js';
import type { Grant } from '../modules/auth/auth.policy.js';

/** Who is calling: resolved once per request from the session cookie or the bearer token. */
export interface Actor {
  user: UserSummary;
  via: 'session' | 'token';
  sessionId: string | null;
  csrfToken: string | null;
  grants: Grant[];
  permissions: Set<string>;
  /** Every project's id and path, as of this request (scoping is computed from it without queries). */
  projects: { id: string; path: string }[];
}

/** What a service needs to act for someone: the database, the actor and where the call came from. */
export interface Ctx {
  database: Database;
  config: Config;
  actor: Actor;
  ip: string;
  locale: Locale;
}

export interface RouteAccess {
  /** The permission the route needs; `null` = any signed-in user. */
  permission?: Permission | null;
  /** No sign-in needed (login, health, docs). */
  public?: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyInstance {
    database: Database;
    config: Config;
  }
}
