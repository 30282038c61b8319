/** Pure rules for roles: the permission list they are built from, and who may change them. */
import { PERMISSION_CODES, PERMISSIONS, type Permission } from '@propdesk/contracts';
import { holdsAtRoot, type Grant } from '../auth/auth.policy.js';

/** Permissions of a role, de-duplicated and in the permission list's order (stable diffs in the audit log). */
export function normalizePermissions(codes: readonly string[]): Permission[] {
  const wanted = new Set(codes);
  return PERMISSION_CODES.filter((c) => wanted.has(c));
}

/** Codes that are not on the permission list. */
export function unknownPermissions(codes: readonly string[]): string[] {
  return codes.filter((c) => !Object.hasOwn(PERMISSIONS, c));
}

/**
 * Roles are shared by the whole installation, so only someone holding roles.manage at the root
 * may define or change them: a center-level holder could otherwise widen a role granted elsewhere.
 */
export function mayManageRoles(grants: readonly Grant[]): boolean {
  return holdsAtRoot(grants, 'roles.manage');
}

/** Built-in roles are maintained by the software (and restored on every start): not editable. */
export function isEditableRole(role: { builtin: number | boolean }): boolean {
  return !role.builtin;
}

/** The permission list as admins see it when building roles. */
export function permissionList(): { code: Permission; zh: string; en: string }[] {
  return PERMISSION_CODES.map((code) => ({ code, zh: PERMISSIONS[code].zh, en: PERMISSIONS[code].en }));
}

/** Why a role cannot be removed (code and message), or null when it can. */
export function roleRemovalBlocker(role: { builtin: number | boolean; name: string; name_en: string }, grantedUsers: number): { code: string; zh: string; en: string } | null {
  if (role.builtin) {
    return {
      code: 'role_builtin',
      zh: `“${role.name}”是系统内置角色，不能删除`,
      en: `"${role.name_en}" is a built-in role and cannot be removed`,
    };
  }
  if (grantedUsers > 0) {
    return {
      code: 'role_in_use',
      zh: `角色“${role.name}”仍授予了 ${grantedUsers} 名员工，请先在员工管理中收回该角色`,
      en: `The role "${role.name_en}" is still granted to ${grantedUsers} user(s): revoke it from them first`,
    };
  }
  return null;
}
