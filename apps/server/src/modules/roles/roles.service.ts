import type { CreateRoleBody, Page, Role, UpdateRoleBody } from '@propdesk/contracts';
import type { RolesTable } from '../../db/schema.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../db/query.js';
import type { Ctx } from '../../http/context.js';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { recordAudit } from '../audit/audit.service.js';
import { isEditableRole, mayManageRoles, normalizePermissions, roleRemovalBlocker, unknownPermissions } from './roles.policy.js';
import { rolesRepository } from './roles.repository.js';

const ROLE = { zh: '角色', en: 'role' };

export function toRole(r: RolesTable): Role {
  return { id: r.id, code: r.code, name: r.name, nameEn: r.name_en, permissions: JSON.parse(r.permissions) as string[], builtin: r.builtin === 1 };
}

const codeTaken = (code: string) =>
  conflict('role_code_taken', { zh: `角色代码“${code}”已被使用，请换一个`, en: `The role code "${code}" is already in use: choose another` }, [
    { path: 'body.code', message: 'already in use' },
  ]);

/** The contract already refuses unknown codes; this guards callers that bypass it (imports, scripts). */
function assertKnownPermissions(codes: readonly string[]) {
  const unknown = unknownPermissions(codes);
  if (unknown.length > 0) {
    throw badRequest('unknown_permission', { zh: `未知的权限：${unknown.join('、')}`, en: `Unknown permissions: ${unknown.join(', ')}` }, [
      { path: 'body.permissions', message: 'unknown permission', codes: unknown },
    ]);
  }
}

export const rolesService = {
  async list(ctx: Ctx, q: { q?: string; page: number; pageSize: number; sort?: string }): Promise<Page<Role>> {
    const { rows, total } = await rolesRepository.list(ctx.database.db, q, q);
    return { items: rows.map(toRole), total, page: q.page, pageSize: q.pageSize };
  },

  async create(ctx: Ctx, input: CreateRoleBody): Promise<Role> {
    if (!mayManageRoles(ctx.actor.grants)) throw forbidden();
    assertKnownPermissions(input.permissions);
    const row: RolesTable = {
      id: newId(),
      code: input.code,
      name: input.name,
      name_en: input.nameEn,
      permissions: JSON.stringify(normalizePermissions(input.permissions)),
      builtin: 0,
      created_at: nowIso(),
    };
    try {
      return await ctx.database.db.transaction().execute(async (tx) => {
        if (await rolesRepository.findByCode(tx, input.code)) throw codeTaken(input.code);
        await rolesRepository.insert(tx, row);
        await recordAudit(tx, ctx, { action: 'role.create', entity: 'role', entityId: row.id, before: null, after: toRole(row) });
        return toRole(row);
      });
    } catch (err) {
      // Two admins creating the same code at once: the unique index decides.
      if (isUniqueViolation(err)) throw codeTaken(input.code);
      throw err;
    }
  },

  async update(ctx: Ctx, id: string, input: UpdateRoleBody): Promise<Role> {
    if (!mayManageRoles(ctx.actor.grants)) throw forbidden();
    if (input.permissions) assertKnownPermissions(input.permissions);
    return ctx.database.db.transaction().execute(async (tx) => {
      const row = await rolesRepository.findById(tx, id);
      if (!row) throw notFound(ROLE);
      if (!isEditableRole(row)) {
        throw conflict('builtin_role', {
          zh: `“${row.name}”是系统内置角色，不能修改；如需不同的权限，请新建角色`,
          en: `"${row.name_en}" is a built-in role and cannot be changed; create a new role for different permissions`,
        });
      }
      const patch: Partial<Pick<RolesTable, 'name' | 'name_en' | 'permissions'>> = {};
      if (input.name !== undefined) patch.name = input.name;
      if (input.nameEn !== undefined) patch.name_en = input.nameEn;
      if (input.permissions !== undefined) patch.permissions = JSON.stringify(normalizePermissions(input.permissions));
      if (Object.keys(patch).length > 0) await rolesRepository.update(tx, id, patch);
      const after = { ...row, ...patch };
      await recordAudit(tx, ctx, { action: 'role.update', entity: 'role', entityId: id, before: toRole(row), after: toRole(after) });
      return toRole(after);
    });
  },

  /** Removes a role nobody holds; built-in roles never (409 role_builtin), granted ones not yet (409 role_in_use). */
  async remove(ctx: Ctx, id: string): Promise<void> {
    if (!mayManageRoles(ctx.actor.grants)) throw forbidden();
    try {
      await ctx.database.db.transaction().execute(async (tx) => {
        const row = await rolesRepository.findById(tx, id);
        if (!row) throw notFound(ROLE);
        const grantedUsers = await rolesRepository.grantedUserCount(tx, id);
        const blocker = roleRemovalBlocker(row, grantedUsers);
        if (blocker) throw conflict(blocker.code, { zh: blocker.zh, en: blocker.en }, blocker.code === 'role_in_use' ? [{ reason: 'granted', count: grantedUsers }] : undefined);
        await rolesRepository.remove(tx, id);
        await recordAudit(tx, ctx, { action: 'role.delete', entity: 'role', entityId: id, before: toRole(row), after: null });
      });
    } catch (err) {
      // Granted to someone between the check and the delete.
      if (isForeignKeyViolation(err)) {
        throw conflict('role_in_use', { zh: '该角色刚被授予员工，不能删除', en: 'The role was just granted to someone, so it cannot be removed' });
      }
      throw err;
    }
  },
};
