import type { Permission } from '@propdesk/contracts';
import type { Database } from '../../db/database.js';
import type { Ctx } from '../../http/context.js';
import { notFound, type Localized } from '../../http/errors.js';
import { orgRepository } from '../org/org.repository.js';
import { inSubtree, mayAt, nodesCovered } from './auth.policy.js';

/**
 * Query scoping: every list and lookup is limited to the projects where the actor holds the
 * permission. The project list is small (hundreds at most); it is loaded with the actor at the
 * start of each request (cached briefly per process), so scoping never queries the database —
 * which matters inside a transaction on SQLite's single connection.
 */
let projectCache: { at: number; key: unknown; rows: { id: string; path: string }[] } | null = null;
const PROJECT_CACHE_MS = 5_000;

export function invalidateProjectCache(): void {
  projectCache = null;
}

export async function loadProjects(database: Database): Promise<{ id: string; path: string }[]> {
  const now = Date.now();
  if (projectCache && projectCache.key === database && now - projectCache.at < PROJECT_CACHE_MS) return projectCache.rows;
  const rows = await orgRepository.listProjectPaths(database.db);
  projectCache = { at: now, key: database, rows };
  return rows;
}

/** The project ids the actor may act on with `permission`. */
export async function scopedProjectIds(ctx: Ctx, permission: Permission): Promise<string[]> {
  return nodesCovered(ctx.actor.grants, permission, ctx.actor.projects).map((p) => p.id);
}

/**
 * The project filter for a list: the requested project if it is in scope, else all in scope.
 * A project outside the scope yields an empty list, exactly as if it did not exist.
 */
export async function projectFilter(ctx: Ctx, permission: Permission, requested?: string): Promise<string[]> {
  const ids = await scopedProjectIds(ctx, permission);
  if (requested === undefined) return ids;
  return ids.includes(requested) ? [requested] : [];
}

/** Throws 404 (never 403) when the record's project is outside the actor's scope. */
export async function assertProjectInScope(ctx: Ctx, permission: Permission, projectId: string, what?: Localized): Promise<void> {
  const ids = await scopedProjectIds(ctx, permission);
  if (!ids.includes(projectId)) throw notFound(what);
}

/** May the actor use `permission` at the node with this path (e.g. an org unit)? */
export function mayAtPath(ctx: Ctx, permission: Permission, path: string): boolean {
  return mayAt(ctx.actor.grants, permission, path);
}

export { inSubtree };
