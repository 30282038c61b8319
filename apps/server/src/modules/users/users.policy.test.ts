import { BUILTIN_ROLES } from '@propdesk/contracts';
import { describe, expect, it } from 'vitest';
import type { Grant } from '../auth/auth.policy.js';
import { calendarDateIn, checkGrant, checkRevoke, isBirthDateInFuture, isSelfDeactivation, mayReachUser, permissionsBeyondActor } from './users.policy.js';

// group g → company c → centers x, y → projects; a building under project a.
const PATHS = { group: '/g/', company: '/g/c/', centerX: '/g/c/x/', centerY: '/g/c/y/', projectA: '/g/c/x/a/', projectB: '/g/c/x/b/', projectZ: '/g/c/y/z/', buildingA: '/g/c/x/a/b1/' };
const grant = (path: string, permissions: readonly string[]): Grant => ({ orgUnitId: path, path, permissions: new Set(permissions) });

const admin = [grant(PATHS.group, BUILTIN_ROLES.admin!.permissions)];
// A center supervisor who may also manage staff at the center.
const supervisorX = [grant(PATHS.centerX, BUILTIN_ROLES.reception_supervisor!.permissions), grant(PATHS.centerX, ['users.read', 'users.manage'])];
const receptionist = BUILTIN_ROLES.receptionist!.permissions;

describe('who reaches a user', () => {
  it('reaches users placed in the subtree of a grant, not above or beside it', () => {
    expect(mayReachUser(supervisorX, 'users.read', PATHS.projectA)).toBe(true);
    expect(mayReachUser(supervisorX, 'users.read', PATHS.centerX)).toBe(true);
    expect(mayReachUser(supervisorX, 'users.read', PATHS.group)).toBe(false);
    expect(mayReachUser(supervisorX, 'users.read', PATHS.projectZ)).toBe(false);
  });

  it('leaves users placed nowhere to holders at the root', () => {
    expect(mayReachUser(admin, 'users.read', null)).toBe(true);
    expect(mayReachUser(supervisorX, 'users.read', null)).toBe(false);
  });

  it('needs the asked permission, not just any grant there', () => {
    const cashier = [grant(PATHS.projectA, BUILTIN_ROLES.cashier!.permissions)];
    expect(mayReachUser(cashier, 'users.read', PATHS.projectA)).toBe(false);
    expect(mayReachUser(supervisorX, 'users.manage', PATHS.projectA)).toBe(true);
  });
});

describe('granting a role', () => {
  it('lets a supervisor grant what he holds anywhere in his center', () => {
    expect(checkGrant(supervisorX, { path: PATHS.projectA, kind: 'project' }, receptionist)).toEqual({ ok: true });
    expect(checkGrant(supervisorX, { path: PATHS.projectB, kind: 'project' }, receptionist)).toEqual({ ok: true });
    expect(checkGrant(supervisorX, { path: PATHS.centerX, kind: 'center' }, receptionist)).toEqual({ ok: true });
  });

  it('refuses nodes outside the subtree where the actor manages users', () => {
    expect(checkGrant(supervisorX, { path: PATHS.projectZ, kind: 'project' }, receptionist)).toEqual({ ok: false, reason: 'outside_scope' });
    expect(checkGrant(supervisorX, { path: PATHS.company, kind: 'company' }, receptionist)).toEqual({ ok: false, reason: 'outside_scope' });
  });

  it('refuses managing users where the actor only reads them', () => {
    const readOnly = [grant(PATHS.centerX, ['org.read', 'users.read', 'residents.read'])];
    expect(checkGrant(readOnly, { path: PATHS.projectA, kind: 'project' }, ['org.read'])).toEqual({ ok: false, reason: 'outside_scope' });
  });

  it('refuses a role with permissions the actor does not hold there, naming them', () => {
    const d = checkGrant(supervisorX, { path: PATHS.projectA, kind: 'project' }, BUILTIN_ROLES.admin!.permissions);
    expect(d.ok).toBe(false);
    expect(d).toMatchObject({ reason: 'escalation' });
    const missing = (d as { missing: string[] }).missing;
    expect(missing).toContain('roles.manage');
    expect(missing).toContain('org.manage');
    expect(missing).not.toContain('users.manage');
    expect(missing).not.toContain('residents.read');
  });

  it('counts a permission only where it is held: held at project A does not cover project B', () => {
    const split = [grant(PATHS.centerX, ['users.manage']), grant(PATHS.projectA, ['audit.read'])];
    expect(checkGrant(split, { path: PATHS.projectA, kind: 'project' }, ['audit.read'])).toEqual({ ok: true });
    expect(checkGrant(split, { path: PATHS.projectB, kind: 'project' }, ['audit.read'])).toEqual({ ok: false, reason: 'escalation', missing: ['audit.read'] });
  });

  it('lets the administrator grant anything, but never at a building', () => {
    expect(checkGrant(admin, { path: PATHS.projectZ, kind: 'project' }, BUILTIN_ROLES.admin!.permissions)).toEqual({ ok: true });
    expect(checkGrant(admin, { path: PATHS.group, kind: 'group' }, receptionist)).toEqual({ ok: true });
    expect(checkGrant(admin, { path: PATHS.buildingA, kind: 'building' }, receptionist)).toEqual({ ok: false, reason: 'not_grantable_kind' });
  });

  it('does not reveal the kind of a node outside scope', () => {
    expect(checkGrant(supervisorX, { path: '/g/c/y/z/b9/', kind: 'building' }, receptionist)).toEqual({ ok: false, reason: 'outside_scope' });
  });
});

describe('revoking a grant', () => {
  it('follows the same reach as granting', () => {
    expect(checkRevoke(supervisorX, PATHS.projectA, receptionist)).toEqual({ ok: true });
    expect(checkRevoke(supervisorX, PATHS.projectZ, receptionist)).toEqual({ ok: false, reason: 'outside_scope' });
    expect(checkRevoke(supervisorX, PATHS.group, BUILTIN_ROLES.admin!.permissions)).toEqual({ ok: false, reason: 'outside_scope' });
    expect(checkRevoke(supervisorX, PATHS.projectA, BUILTIN_ROLES.admin!.permissions)).toMatchObject({ ok: false, reason: 'escalation' });
  });
});

describe('taking over an account (password reset, deactivation)', () => {
  it('is allowed only when the actor holds, at each grant of the user, everything that grant gives', () => {
    expect(permissionsBeyondActor(supervisorX, [{ path: PATHS.projectA, permissions: receptionist }])).toEqual([]);
    expect(permissionsBeyondActor(supervisorX, [])).toEqual([]);
    expect(permissionsBeyondActor(supervisorX, [{ path: PATHS.centerX, permissions: BUILTIN_ROLES.center_director!.permissions }])).toEqual([
      'audit.read', 'billing.configure', 'billing.run', 'billing.void', 'billing.approve', 'billing.reverse', 'billing.targets',
    ]);
    // Held at project A does not cover the same role at another center.
    expect(permissionsBeyondActor(supervisorX, [{ path: PATHS.projectZ, permissions: ['units.read'] }])).toEqual(['units.read']);
    expect(permissionsBeyondActor(admin, [{ path: PATHS.group, permissions: BUILTIN_ROLES.admin!.permissions }])).toEqual([]);
  });
});

describe('staff profile rules', () => {
  it('reads today in the given time zone', () => {
    // 2026-03-01 20:00 UTC is already 2 March in Shanghai.
    const at = new Date('2026-03-01T20:00:00Z');
    expect(calendarDateIn('Asia/Shanghai', at)).toBe('2026-03-02');
    expect(calendarDateIn('UTC', at)).toBe('2026-03-01');
  });

  it('refuses birth dates after today only', () => {
    expect(isBirthDateInFuture('2026-03-03', '2026-03-02')).toBe(true);
    expect(isBirthDateInFuture('2026-03-02', '2026-03-02')).toBe(false);
    expect(isBirthDateInFuture('1990-01-01', '2026-03-02')).toBe(false);
    expect(isBirthDateInFuture(null, '2026-03-02')).toBe(false);
    expect(isBirthDateInFuture(undefined, '2026-03-02')).toBe(false);
  });

  it('forbids deactivating oneself, nothing else', () => {
    expect(isSelfDeactivation('u1', 'u1', false)).toBe(true);
    expect(isSelfDeactivation('u1', 'u2', false)).toBe(false);
    expect(isSelfDeactivation('u1', 'u1', true)).toBe(false);
    expect(isSelfDeactivation('u1', 'u1', undefined)).toBe(false);
  });
});
