import { PERMISSION_CODES, PERMISSIONS } from '@propdesk/contracts';
import { describe, expect, it } from 'vitest';
import type { Grant } from '../auth/auth.policy.js';
import { isEditableRole, mayManageRoles, normalizePermissions, permissionList, roleRemovalBlocker, unknownPermissions } from './roles.policy.js';

const grant = (path: string, permissions: readonly string[]): Grant => ({ orgUnitId: path, path, permissions: new Set(permissions) });

describe('role rules', () => {
  it('keeps each permission once, in the permission list order', () => {
    expect(normalizePermissions(['users.read', 'org.read', 'users.read'])).toEqual(['org.read', 'users.read']);
  });

  it('finds codes that are not on the permission list', () => {
    expect(unknownPermissions(['org.read', 'org.destroy', 'toString'])).toEqual(['org.destroy', 'toString']);
    expect(unknownPermissions(PERMISSION_CODES)).toEqual([]);
  });

  it('lets only root holders of roles.manage change roles', () => {
    expect(mayManageRoles([grant('/g/', ['roles.manage'])])).toBe(true);
    expect(mayManageRoles([grant('/g/c/x/', ['roles.manage'])])).toBe(false);
    expect(mayManageRoles([grant('/g/', ['users.manage'])])).toBe(false);
  });

  it('keeps built-in roles read-only', () => {
    expect(isEditableRole({ builtin: 1 })).toBe(false);
    expect(isEditableRole({ builtin: 0 })).toBe(true);
  });

  it('lists every permission with both labels', () => {
    const list = permissionList();
    expect(list.map((p) => p.code)).toEqual(PERMISSION_CODES);
    expect(list.find((p) => p.code === 'users.manage')).toEqual({ code: 'users.manage', ...PERMISSIONS['users.manage'] });
  });
});

describe('removing a role', () => {
  const custom = { builtin: 0, name: '品质巡查员', name_en: 'Quality inspector' };

  it('is allowed for an installation role nobody holds', () => {
    expect(roleRemovalBlocker(custom, 0)).toBeNull();
  });

  it('is refused while granted, saying to how many users', () => {
    const b = roleRemovalBlocker(custom, 3);
    expect(b?.code).toBe('role_in_use');
    expect(b?.zh).toContain('3 名员工');
    expect(b?.en).toContain('3 user(s)');
  });

  it('is never allowed for a built-in role, granted or not', () => {
    expect(roleRemovalBlocker({ ...custom, builtin: 1 }, 0)?.code).toBe('role_builtin');
    expect(roleRemovalBlocker({ ...custom, builtin: true }, 5)?.code).toBe('role_builtin');
  });
});
