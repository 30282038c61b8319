import type { AddTrainingBody, CreateUserBody, Education, GrantRoleBody, Locale, OrgUnitKind, Page, Training, UpdateUserBody, User, UserListQuery } from '@propdesk/contracts';
import type { z } from 'zod';
import type { Tx } from '../../db/database.js';
import { isUniqueViolation } from '../../db/query.js';
import type { OrgUnitsTable, UsersTable } from '../../db/schema.js';
import type { Ctx } from '../../http/context.js';
import { AppError, conflict, fieldInvalid, forbidden, notFound } from '../../http/errors.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { recordAudit } from '../audit/audit.service.js';
import { grantsWith, holdsAtRoot } from '../auth/auth.policy.js';
import { hashPassword } from '../auth/auth.service.js';
import { orgRepository } from '../org/org.repository.js';
import { DEFAULT_TIMEZONE } from '../org/org.service.js';
import { rolesRepository } from '../roles/roles.repository.js';
import { calendarDateIn, checkGrant, checkRevoke, isBirthDateInFuture, isSelfDeactivation, mayReachUser, permissionsBeyondActor, type GrantDecision } from './users.policy.js';
import { usersRepository, type UserRow } from './users.repository.js';

const USER = { zh: '员工', en: 'staff member' };
const GRANT = { zh: '授权', en: 'role grant' };

type GrantRow = Awaited<ReturnType<typeof usersRepository.grantsOfUsers>>[number];

export function toUser(r: UserRow, grants: readonly GrantRow[]): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    phone: r.phone,
    position: r.position,
    orgUnitId: r.org_unit_id,
    orgUnitName: r.org_unit_name,
    active: r.active === 1,
    locale: (r.locale === 'en' ? 'en' : 'zh-CN') as Locale,
    education: r.education as z.infer<typeof Education> | null,
    birthDate: r.birth_date,
    healthCertExpiry: r.health_cert_expiry,
    experienceYears: r.experience_years,
    skills: JSON.parse(r.skills) as string[],
    trainings: JSON.parse(r.trainings) as Training[],
    grants: grants
      .filter((g) => g.user_id === r.id)
      .map((g) => ({ id: g.id, roleId: g.role_id, roleCode: g.role_code, roleName: g.role_name, orgUnitId: g.org_unit_id, orgUnitName: g.org_unit_name })),
    lockedUntil: r.locked_until,
    mustChangePassword: r.must_change_password === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** What the audit log keeps of a user: the record without its grants (those have their own entries). */
function auditView(r: UserRow): Record<string, unknown> {
  const { grants: _grants, ...rest } = toUser(r, []);
  return rest;
}

const usernameTaken = (username: string) =>
  conflict('username_taken', { zh: `用户名“${username}”已被使用，请换一个`, en: `The username "${username}" is already taken: choose another` }, [
    { path: 'body.username', message: 'already taken' },
  ]);

/** Nobody may lock the installation out of its own administration. */
async function assertAnAdminRemains(tx: Tx) {
  if ((await usersRepository.countRootAdmins(tx)) === 0) {
    throw conflict('last_admin', {
      zh: '这是最后一位系统管理员，不能撤销或停用；请先为其他员工授予系统管理员角色',
      en: 'This is the last administrator: grant the administrator role to someone else first',
    });
  }
}

const grantExists = () =>
  conflict('grant_exists', { zh: '该员工在此节点已拥有这个角色', en: 'The staff member already holds this role at this org unit' });

function assertBirthDateNotInFuture(birthDate: string | null | undefined) {
  if (isBirthDateInFuture(birthDate, calendarDateIn(DEFAULT_TIMEZONE))) {
    throw fieldInvalid('body.birthDate', { zh: '出生日期不能晚于今天', en: 'the birth date cannot be after today' });
  }
}

/** Turns a refused grant/revoke into the error the person sees. */
function refuse(decision: Exclude<GrantDecision, { ok: true }>): AppError {
  switch (decision.reason) {
    case 'outside_scope':
      return new AppError(403, 'forbidden', {
        zh: '您无权在该组织节点管理员工授权',
        en: 'You may not manage staff grants at this org unit',
      });
    case 'not_grantable_kind':
      return new AppError(400, 'not_grantable_here', {
        zh: '角色不能授予在楼栋上，请选择项目、客服中心、公司或集团',
        en: 'Roles cannot be granted at a building: choose a project, center, company or group',
      }, [{ path: 'body.orgUnitId', message: 'a building is not grantable' }]);
    case 'escalation':
      return new AppError(403, 'forbidden', {
        zh: `该角色包含您在此节点没有的权限（${decision.missing.join('、')}），不能授予或收回`,
        en: `The role carries permissions you do not hold here (${decision.missing.join(', ')}), so you cannot grant or revoke it`,
      }, { missing: decision.missing });
  }
}

/** Loads a user the actor may see (404 otherwise) and must manage (403: the user is visible). */
async function loadManageable(tx: Tx, ctx: Ctx, id: string): Promise<UserRow> {
  const row = await usersRepository.findById(tx, id);
  if (!row || !mayReachUser(ctx.actor.grants, 'users.read', row.org_unit_path)) throw notFound(USER);
  if (!mayReachUser(ctx.actor.grants, 'users.manage', row.org_unit_path)) throw forbidden();
  return row;
}

/** Where a user may be placed: a node where the actor manages users (nowhere = root holders only). */
async function placement(tx: Tx, ctx: Ctx, orgUnitId: string | null): Promise<OrgUnitsTable | null> {
  if (orgUnitId === null) {
    if (!holdsAtRoot(ctx.actor.grants, 'users.manage')) throw forbidden();
    return null;
  }
  const node = await orgRepository.findById(tx, orgUnitId);
  if (!node) throw fieldInvalid('body.orgUnitId', { zh: '所属组织节点不存在', en: 'the org unit does not exist' });
  if (!mayReachUser(ctx.actor.grants, 'users.manage', node.path)) throw forbidden();
  return node;
}

async function withGrants(tx: Tx, row: UserRow): Promise<User> {
  return toUser(row, await usersRepository.grantsOfUsers(tx, [row.id]));
}

async function reload(tx: Tx, id: string): Promise<UserRow> {
  const row = await usersRepository.findById(tx, id);
  if (!row) throw notFound(USER);
  return row;
}

export const usersService = {
  async list(ctx: Ctx, q: UserListQuery): Promise<Page<User>> {
    const { db } = ctx.database;
    const empty = { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    let underPath: string | undefined;
    if (q.orgUnitId) {
      const node = await orgRepository.findById(db, q.orgUnitId);
      if (!node) return empty;
      underPath = node.path;
    }
    const { rows, total } = await usersRepository.list(
      db,
      {
        scopePaths: grantsWith(ctx.actor.grants, 'users.read').map((g) => g.path),
        includeUnplaced: holdsAtRoot(ctx.actor.grants, 'users.read'),
        underPath,
        roleId: q.roleId,
        active: q.active,
        q: q.q,
      },
      q,
    );
    // One query for the grants of the whole page, not one per row.
    const grants = await usersRepository.grantsOfUsers(db, rows.map((r) => r.id));
    return { items: rows.map((r) => toUser(r, grants)), total, page: q.page, pageSize: q.pageSize };
  },

  async get(ctx: Ctx, id: string): Promise<User> {
    const { db } = ctx.database;
    const row = await usersRepository.findById(db, id);
    if (!row || !mayReachUser(ctx.actor.grants, 'users.read', row.org_unit_path)) throw notFound(USER);
    return withGrants(db, row);
  },

  async create(ctx: Ctx, input: CreateUserBody): Promise<User> {
    assertBirthDateNotInFuture(input.birthDate);
    // argon2 is slow on purpose: hash before the transaction so it holds no lock meanwhile.
    const passwordHash = await hashPassword(input.password);
    try {
      return await ctx.database.db.transaction().execute(async (tx) => {
        const node = await placement(tx, ctx, input.orgUnitId ?? null);
        if (await usersRepository.findByUsername(tx, input.username)) throw usernameTaken(input.username);
        const now = nowIso();
        const row: UsersTable = {
          id: newId(),
          username: input.username,
          display_name: input.displayName,
          phone: input.phone ?? null,
          position: input.position || null,
          org_unit_id: node?.id ?? null,
          password_hash: passwordHash,
          // The administrator knows this password: the user must replace it at first sign-in.
          must_change_password: 1,
          locale: 'zh-CN',
          active: 1,
          failed_logins: 0,
          locked_until: null,
          education: input.education ?? null,
          birth_date: input.birthDate ?? null,
          health_cert_expiry: input.healthCertExpiry ?? null,
          experience_years: input.experienceYears ?? null,
          skills: JSON.stringify(input.skills ?? []),
          trainings: '[]',
          created_at: now,
          updated_at: now,
        };
        await usersRepository.insert(tx, row);
        const created = await reload(tx, row.id);
        await recordAudit(tx, ctx, {
          action: 'user.create', entity: 'user', entityId: row.id, projectId: node?.project_id ?? null,
          before: null, after: { ...auditView(created), password: 'set' },
        });
        return toUser(created, []);
      });
    } catch (err) {
      // Two admins creating the same username at once: the unique index decides.
      if (isUniqueViolation(err)) throw usernameTaken(input.username);
      throw err;
    }
  },

  async update(ctx: Ctx, id: string, input: UpdateUserBody): Promise<User> {
    assertBirthDateNotInFuture(input.birthDate);
    if (isSelfDeactivation(ctx.actor.user.id, id, input.active)) {
      throw conflict('cannot_deactivate_self', { zh: '不能停用自己的账号', en: 'You cannot deactivate your own account' });
    }
    const passwordHash = input.password !== undefined ? await hashPassword(input.password) : null;
    return ctx.database.db.transaction().execute(async (tx) => {
      const row = await loadManageable(tx, ctx, id);
      if (passwordHash !== null || input.active !== undefined) {
        // Taking over (or switching off) an account is as strong as granting its roles.
        const held = (await usersRepository.grantsOfUsers(tx, [id])).map((g) => ({ path: g.org_unit_path, permissions: JSON.parse(g.permissions) as string[] }));
        const missing = permissionsBeyondActor(ctx.actor.grants, held);
        if (missing.length > 0) throw refuse({ ok: false, reason: 'escalation', missing });
      }
      const patch: Partial<UsersTable> = { updated_at: nowIso() };
      if (input.orgUnitId !== undefined && input.orgUnitId !== row.org_unit_id) {
        patch.org_unit_id = (await placement(tx, ctx, input.orgUnitId))?.id ?? null;
      }
      if (input.displayName !== undefined) patch.display_name = input.displayName;
      if (input.phone !== undefined) patch.phone = input.phone;
      if (input.position !== undefined) patch.position = input.position || null;
      if (input.active !== undefined) patch.active = input.active ? 1 : 0;
      if (input.education !== undefined) patch.education = input.education;
      if (input.birthDate !== undefined) patch.birth_date = input.birthDate;
      if (input.healthCertExpiry !== undefined) patch.health_cert_expiry = input.healthCertExpiry;
      if (input.experienceYears !== undefined) patch.experience_years = input.experienceYears;
      if (input.skills !== undefined) patch.skills = JSON.stringify(input.skills);
      if (passwordHash !== null) {
        patch.password_hash = passwordHash;
        patch.must_change_password = 1;
      }
      await usersRepository.update(tx, id, patch);
      if (input.active === false) {
        await assertAnAdminRemains(tx);
        // A deactivated account is signed out everywhere, in this same transaction.
        await usersRepository.deleteSessionsOfUser(tx, id);
      } else if (passwordHash !== null) {
        // Whoever held the old password is signed out too.
        await usersRepository.deleteSessionsOfUser(tx, id, ctx.actor.sessionId);
      }
      const after = await reload(tx, id);
      await recordAudit(tx, ctx, {
        action: 'user.update', entity: 'user', entityId: id, projectId: after.org_unit_project_id,
        before: auditView(row), after: { ...auditView(after), ...(passwordHash !== null ? { password: 'reset' } : {}) },
      });
      return withGrants(tx, after);
    });
  },

  async grantRole(ctx: Ctx, userId: string, input: GrantRoleBody): Promise<User> {
    try {
      return await ctx.database.db.transaction().execute(async (tx) => {
        const user = await usersRepository.findById(tx, userId);
        if (!user || !mayReachUser(ctx.actor.grants, 'users.read', user.org_unit_path)) throw notFound(USER);
        const role = await rolesRepository.findById(tx, input.roleId);
        if (!role) throw fieldInvalid('body.roleId', { zh: '角色不存在', en: 'the role does not exist' });
        const node = await orgRepository.findById(tx, input.orgUnitId);
        if (!node) throw fieldInvalid('body.orgUnitId', { zh: '组织节点不存在', en: 'the org unit does not exist' });
        const decision = checkGrant(ctx.actor.grants, { path: node.path, kind: node.kind as OrgUnitKind }, JSON.parse(role.permissions) as string[]);
        if (!decision.ok) throw refuse(decision);
        if (await usersRepository.findGrantByKey(tx, userId, role.id, node.id)) throw grantExists();
        const grantId = newId();
        await usersRepository.insertGrant(tx, { id: grantId, user_id: userId, role_id: role.id, org_unit_id: node.id, created_at: nowIso() });
        await recordAudit(tx, ctx, {
          action: 'user.grant_role', entity: 'user', entityId: userId, projectId: node.project_id,
          before: null, after: { grantId, roleId: role.id, roleCode: role.code, orgUnitId: node.id, orgUnitName: node.name },
        });
        return withGrants(tx, user);
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw grantExists();
      throw err;
    }
  },

  async revokeGrant(ctx: Ctx, userId: string, grantId: string): Promise<User> {
    return ctx.database.db.transaction().execute(async (tx) => {
      const user = await usersRepository.findById(tx, userId);
      if (!user || !mayReachUser(ctx.actor.grants, 'users.read', user.org_unit_path)) throw notFound(USER);
      const grant = await usersRepository.findGrant(tx, userId, grantId);
      if (!grant) throw notFound(GRANT);
      const decision = checkRevoke(ctx.actor.grants, grant.org_unit_path, JSON.parse(grant.permissions) as string[]);
      if (!decision.ok) throw refuse(decision);
      await usersRepository.deleteGrant(tx, grant.id);
      await assertAnAdminRemains(tx);
      await recordAudit(tx, ctx, {
        action: 'user.revoke_role', entity: 'user', entityId: userId, projectId: grant.project_id,
        before: { grantId: grant.id, roleId: grant.role_id, roleCode: grant.role_code, orgUnitId: grant.org_unit_id, orgUnitName: grant.org_unit_name }, after: null,
      });
      return withGrants(tx, user);
    });
  },

  /** Lifts a lockout after too many failed sign-ins. */
  async unlock(ctx: Ctx, id: string): Promise<User> {
    return ctx.database.db.transaction().execute(async (tx) => {
      const row = await loadManageable(tx, ctx, id);
      await usersRepository.update(tx, id, { failed_logins: 0, locked_until: null, updated_at: nowIso() });
      await recordAudit(tx, ctx, {
        action: 'user.unlock', entity: 'user', entityId: id, projectId: row.org_unit_project_id,
        before: { failedLogins: row.failed_logins, lockedUntil: row.locked_until }, after: { failedLogins: 0, lockedUntil: null },
      });
      return withGrants(tx, await reload(tx, id));
    });
  },

  /** Appends one course to the user's training record. */
  async addTraining(ctx: Ctx, id: string, input: AddTrainingBody): Promise<User> {
    const training: Training = { name: input.name, ...(input.date ? { date: input.date } : {}), ...(input.hours !== undefined ? { hours: input.hours } : {}) };
    // The list is one JSON column: write only if nobody appended in between, else read again.
    for (let attempt = 1; ; attempt++) {
      const done = await ctx.database.db.transaction().execute(async (tx) => {
        const row = await loadManageable(tx, ctx, id);
        const next = JSON.stringify([...(JSON.parse(row.trainings) as Training[]), training]);
        if (!(await usersRepository.replaceTrainingsIf(tx, id, row.trainings, next, nowIso()))) return null;
        await recordAudit(tx, ctx, { action: 'user.add_training', entity: 'user', entityId: id, projectId: row.org_unit_project_id, before: null, after: { training } });
        return withGrants(tx, await reload(tx, id));
      });
      if (done) return done;
      if (attempt >= 3) {
        throw conflict('user_changed', { zh: '该员工资料正被他人修改，请稍后重试', en: 'Someone else is changing this staff record: try again' });
      }
    }
  },
};
