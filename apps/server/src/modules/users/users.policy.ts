/**
 * Pure rules for staff accounts: who may see or manage a user, and who may grant which role
 * where. A role granted at a node reaches the node's whole subtree (auth.policy.ts).
 */
import type { OrgUnitKind, Permission } from '@propdesk/contracts';
import { holdsAtRoot, mayAt, type Grant } from '../auth/auth.policy.js';
import { isGrantableKind } from '../org/org.policy.js';

/**
 * May the actor use `permission` on a user placed at `userOrgPath`? A user without an org
 * unit belongs to nobody's subtree, so only holders at the root of the tree reach them.
 */
export function mayReachUser(grants: readonly Grant[], permission: Permission, userOrgPath: string | null): boolean {
  if (userOrgPath === null) return holdsAtRoot(grants, permission);
  return mayAt(grants, permission, userOrgPath);
}

/** The role's permissions the actor does not hold at the node (granting them would be an escalation). */
export function missingPermissions(grants: readonly Grant[], nodePath: string, rolePermissions: readonly string[]): string[] {
  return rolePermissions.filter((p) => !mayAt(grants, p as Permission, nodePath));
}

export type GrantDecision =
  | { ok: true }
  /** The actor does not manage users at that node. */
  | { ok: false; reason: 'outside_scope' }
  /** Roles reach whole subtrees; a building is too fine a node to grant at. */
  | { ok: false; reason: 'not_grantable_kind' }
  /** The role carries permissions the actor does not hold there. */
  | { ok: false; reason: 'escalation'; missing: string[] };

/**
 * May the actor grant a role with these permissions at this node? They must manage users
 * there, and hold every permission of the role there: nobody hands out more than they have.
 */
export function checkGrant(grants: readonly Grant[], node: { path: string; kind: OrgUnitKind }, rolePermissions: readonly string[]): GrantDecision {
  // Scope first, so a node outside the actor's reach reveals nothing about its kind.
  if (!mayAt(grants, 'users.manage', node.path)) return { ok: false, reason: 'outside_scope' };
  if (!isGrantableKind(node.kind)) return { ok: false, reason: 'not_grantable_kind' };
  const missing = missingPermissions(grants, node.path, rolePermissions);
  if (missing.length > 0) return { ok: false, reason: 'escalation', missing };
  return { ok: true };
}

/**
 * Revoking follows the same reach as granting: a supervisor may take back what he could have
 * given, but not a director's or an administrator's grant.
 */
export function checkRevoke(grants: readonly Grant[], nodePath: string, rolePermissions: readonly string[]): GrantDecision {
  if (!mayAt(grants, 'users.manage', nodePath)) return { ok: false, reason: 'outside_scope' };
  const missing = missingPermissions(grants, nodePath, rolePermissions);
  if (missing.length > 0) return { ok: false, reason: 'escalation', missing };
  return { ok: true };
}

/**
 * The permissions a user holds (grant by grant, at each grant's node) that the actor does not
 * hold there. Resetting that user's password or switching the account off would hand the actor
 * those permissions (or take them away), so the same rule as granting applies: none may be missing.
 */
export function permissionsBeyondActor(grants: readonly Grant[], targetGrants: readonly { path: string; permissions: readonly string[] }[]): string[] {
  const missing = new Set<string>();
  for (const g of targetGrants) for (const p of missingPermissions(grants, g.path, g.permissions)) missing.add(p);
  return [...missing];
}

/** Today's calendar date (YYYY-MM-DD) in a time zone: a birth date is a date where the person lives. */
export function calendarDateIn(timeZone: string, at: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** A birth date after today is a typing mistake, not a person. */
export function isBirthDateInFuture(birthDate: string | null | undefined, today: string): boolean {
  return birthDate != null && birthDate > today;
}

/** Administrators must not lock themselves out by deactivating their own account. */
export function isSelfDeactivation(actorId: string, targetId: string, active: boolean | undefined): boolean {
  return active === false && actorId === targetId;
}
