import { describe, expect, it } from 'vitest';
import { allPermissions, holdsAtRoot, inSubtree, mayAt, nodesCovered, sessionAlive, visibleTree, LOCKOUT, type Grant } from './auth.policy.js';

const g = (path: string, ...perms: string[]): Grant => ({ orgUnitId: path.split('/').filter(Boolean).at(-1)!, path, permissions: new Set(perms) });
const nodes = [
  { id: 'grp', path: '/grp/' },
  { id: 'co', path: '/grp/co/' },
  { id: 'c1', path: '/grp/co/c1/' },
  { id: 'pA', path: '/grp/co/c1/pA/' },
  { id: 'pB', path: '/grp/co/c1/pB/' },
  { id: 'c2', path: '/grp/co/c2/' },
  { id: 'pC', path: '/grp/co/c2/pC/' },
];

describe('subtree scope', () => {
  it('a node is in its own subtree and in its ancestors', () => {
    expect(inSubtree('/grp/co/c1/pA/', '/grp/co/c1/')).toBe(true);
    expect(inSubtree('/grp/co/c1/', '/grp/co/c1/')).toBe(true);
    expect(inSubtree('/grp/co/c2/pC/', '/grp/co/c1/')).toBe(false);
    // An id that is a prefix of another id must not leak: paths end with a slash.
    expect(inSubtree('/grp/co/c10/', '/grp/co/c1/')).toBe(false);
  });

  it('a supervisor granted at a center reaches every project below it, and no other', () => {
    const grants = [g('/grp/co/c1/', 'residents.read')];
    expect(nodesCovered(grants, 'residents.read', nodes).map((n) => n.id)).toEqual(['c1', 'pA', 'pB']);
    expect(nodesCovered(grants, 'units.read', nodes)).toEqual([]);
  });

  it('a receptionist granted at project A sees A only; permissions are per grant', () => {
    const grants = [g('/grp/co/c1/pA/', 'residents.read', 'residents.manage'), g('/grp/co/c1/pB/', 'residents.read')];
    expect(mayAt(grants, 'residents.manage', '/grp/co/c1/pA/')).toBe(true);
    expect(mayAt(grants, 'residents.manage', '/grp/co/c1/pB/')).toBe(false);
    expect(mayAt(grants, 'residents.read', '/grp/co/c2/pC/')).toBe(false);
    expect([...allPermissions(grants)].sort()).toEqual(['residents.manage', 'residents.read']);
  });

  it('the visible tree adds the ancestors of grant nodes but not their siblings', () => {
    const grants = [g('/grp/co/c1/pA/', 'org.read')];
    expect(visibleTree(grants, 'org.read', nodes).map((n) => n.id)).toEqual(['grp', 'co', 'c1', 'pA']);
  });

  it('only a grant at the group root counts as everywhere', () => {
    expect(holdsAtRoot([g('/grp/', 'audit.read')], 'audit.read')).toBe(true);
    expect(holdsAtRoot([g('/grp/co/', 'audit.read')], 'audit.read')).toBe(false);
    expect(holdsAtRoot([g('/grp/', 'org.read')], 'audit.read')).toBe(false);
  });
});

describe('sessions and lockout', () => {
  const now = '2026-11-29T12:00:00.000Z';
  it('a session dies at its absolute expiry or after the idle window', () => {
    expect(sessionAlive({ expiresAt: '2026-11-29T20:00:00.000Z', lastSeenAt: '2026-11-29T11:30:00.000Z' }, now, 60)).toBe(true);
    expect(sessionAlive({ expiresAt: '2026-11-29T20:00:00.000Z', lastSeenAt: '2026-11-29T10:59:00.000Z' }, now, 60)).toBe(false);
    expect(sessionAlive({ expiresAt: now, lastSeenAt: now }, now, 60)).toBe(false);
  });
  it('locks at the threshold and unlocks when the time has passed', () => {
    expect(LOCKOUT.shouldLock(4, 5)).toBe(false);
    expect(LOCKOUT.shouldLock(5, 5)).toBe(true);
    expect(LOCKOUT.isLocked('2026-11-29T12:15:00.000Z', now)).toBe(true);
    expect(LOCKOUT.isLocked('2026-11-29T11:59:00.000Z', now)).toBe(false);
    expect(LOCKOUT.isLocked(null, now)).toBe(false);
  });
});
