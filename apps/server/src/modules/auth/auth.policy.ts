/**
 * Pure rules of who may do what where. A role is granted at an org node and reaches that
 * node's whole subtree; nodes are identified by their materialized path "/g/c/ctr/p/".
 */
import type { Permission } from '@propdesk/contracts';

export interface Grant {
  orgUnitId: string;
  /** Materialized path of the node the role was granted at. */
  path: string;
  permissions: ReadonlySet<string>;
}

export interface OrgNodeRef {
  id: string;
  path: string;
}

/** Is `nodePath` inside the subtree rooted at `rootPath` (itself included)? */
export function inSubtree(nodePath: string, rootPath: string): boolean {
  return nodePath.startsWith(rootPath);
}

/** Every permission the actor holds anywhere (drives menus and route checks). */
export function allPermissions(grants: readonly Grant[]): Set<string> {
  const out = new Set<string>();
  for (const g of grants) for (const p of g.permissions) out.add(p);
  return out;
}

/** The grants that carry a permission. */
export function grantsWith(grants: readonly Grant[], permission: Permission): Grant[] {
  return grants.filter((g) => g.permissions.has(permission));
}

/** May the actor use `permission` on a record that lives at `nodePath`? */
export function mayAt(grants: readonly Grant[], permission: Permission, nodePath: string): boolean {
  return grantsWith(grants, permission).some((g) => inSubtree(nodePath, g.path));
}

/** The nodes (e.g. projects) reached by the grants carrying `permission`. */
export function nodesCovered<T extends OrgNodeRef>(grants: readonly Grant[], permission: Permission, nodes: readonly T[]): T[] {
  const roots = grantsWith(grants, permission).map((g) => g.path);
  if (roots.length === 0) return [];
  return nodes.filter((n) => roots.some((r) => inSubtree(n.path, r)));
}

/**
 * The nodes a user may see in the org tree for `permission`: the covered subtrees plus the
 * ancestors of each grant node (so the tree shows where her projects sit).
 */
export function visibleTree<T extends OrgNodeRef>(grants: readonly Grant[], permission: Permission, nodes: readonly T[]): T[] {
  const roots = grantsWith(grants, permission).map((g) => g.path);
  return nodes.filter((n) => roots.some((r) => inSubtree(n.path, r) || inSubtree(r, n.path)));
}

export const LOCKOUT = {
  /** After `threshold` consecutive failures the account is locked for `minutes`. */
  shouldLock(failedLogins: number, threshold: number): boolean {
    return failedLogins >= threshold;
  },
  isLocked(lockedUntil: string | null, nowIso: string): boolean {
    return lockedUntil !== null && lockedUntil > nowIso;
  },
};

/** A session is alive until its absolute expiry and while it has been used within the idle window. */
export function sessionAlive(s: { expiresAt: string; lastSeenAt: string }, nowIso: string, idleMinutes: number): boolean {
  if (s.expiresAt <= nowIso) return false;
  return Date.parse(s.lastSeenAt) + idleMinutes * 60_000 > Date.parse(nowIso);
}

/** Does the actor hold `permission` at the root of the tree (a group), i.e. everywhere? */
export function holdsAtRoot(grants: readonly Grant[], permission: Permission): boolean {
  return grantsWith(grants, permission).some((g) => g.path.split('/').filter(Boolean).length === 1);
}
