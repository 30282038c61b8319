import type { CreateTeamBody, Page, Team, TeamListQuery, UpdateTeamBody } from '@propdesk/contracts';
import type { Tx } from '../../db/database.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../db/query.js';
import type { Ctx } from '../../http/context.js';
import { AppError, conflict, forbidden, notFound } from '../../http/errors.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { recordAudit } from '../audit/audit.service.js';
import { projectFilter, scopedProjectIds } from '../auth/auth.scope.js';
import { mayReachUser } from '../users/users.policy.js';
import { usersRepository } from '../users/users.repository.js';
import { OPEN_WORK_ORDER_STATUSES } from '../work-orders/work-order.state.js';
import { membershipDiff, resolveMembership, teamRemovalBlockers } from './teams.policy.js';
import { teamsRepository, type TeamRow } from './teams.repository.js';

const TEAM = { zh: '班组', en: 'team' };
const PROJECT = { zh: '项目', en: 'project' };

type MemberRow = Awaited<ReturnType<typeof teamsRepository.membersOf>>[number];

export function toTeam(r: TeamRow, members: readonly MemberRow[]): Team {
  return {
    id: r.id,
    projectId: r.project_id,
    name: r.name,
    kind: r.kind as Team['kind'],
    leaderId: r.leader_id,
    leaderName: r.leader_name,
    members: members.filter((m) => m.team_id === r.id).map((m) => ({ userId: m.user_id, displayName: m.display_name })),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const nameTaken = (name: string) =>
  conflict('team_name_taken', { zh: `本项目已有名为“${name}”的班组`, en: `The project already has a team named "${name}"` }, [
    { path: 'body.name', message: 'already used in this project' },
  ]);

/** A project the actor may see teams of (404 otherwise) and must manage them in (403: it is visible). */
async function assertMayManageIn(ctx: Ctx, projectId: string, what = PROJECT) {
  if (!(await scopedProjectIds(ctx, 'teams.read')).includes(projectId)) throw notFound(what);
  if (!(await scopedProjectIds(ctx, 'teams.manage')).includes(projectId)) throw forbidden();
}

/** Users joining a team must exist, be visible to the actor and be active; unknown and unseen look alike. */
async function assertJoinable(tx: Tx, ctx: Ctx, userIds: string[], leaderId: string | null) {
  if (userIds.length === 0) return;
  const found = new Map((await usersRepository.findManyByIds(tx, userIds)).map((u) => [u.id, u]));
  const details: { path: string; message: string; messageZh: string; userId: string }[] = [];
  userIds.forEach((id) => {
    const u = found.get(id);
    const path = id === leaderId ? 'body.leaderId' : `body.memberIds`;
    if (!u || !mayReachUser(ctx.actor.grants, 'users.read', u.org_unit_path)) {
      details.push({ path, message: 'no such staff member', messageZh: '员工不存在', userId: id });
    } else if (u.active !== 1) {
      details.push({ path, message: `${u.display_name} is deactivated`, messageZh: `${u.display_name}已停用`, userId: id });
    }
  });
  if (details.length > 0) {
    throw new AppError(400, 'invalid_members', {
      zh: `以下班组成员无效：${details.map((d) => `${d.userId}（${d.messageZh}）`).join('、')}`,
      en: `These team members are not valid: ${details.map((d) => `${d.userId} (${d.message})`).join(', ')}`,
    }, details);
  }
}

async function withMembers(tx: Tx, id: string): Promise<Team> {
  const row = await teamsRepository.findById(tx, id);
  if (!row) throw notFound(TEAM);
  return toTeam(row, await teamsRepository.membersOf(tx, [id]));
}

export const teamsService = {
  async list(ctx: Ctx, q: TeamListQuery): Promise<Page<Team>> {
    const { db } = ctx.database;
    const projectIds = await projectFilter(ctx, 'teams.read', q.projectId);
    const { rows, total } = await teamsRepository.list(db, { projectIds, kind: q.kind, q: q.q }, q);
    const members = await teamsRepository.membersOf(db, rows.map((r) => r.id));
    return { items: rows.map((r) => toTeam(r, members)), total, page: q.page, pageSize: q.pageSize };
  },

  async get(ctx: Ctx, id: string): Promise<Team> {
    const { db } = ctx.database;
    const row = await teamsRepository.findById(db, id);
    if (!row || !(await scopedProjectIds(ctx, 'teams.read')).includes(row.project_id)) throw notFound(TEAM);
    return toTeam(row, await teamsRepository.membersOf(db, [id]));
  },

  async create(ctx: Ctx, input: CreateTeamBody): Promise<Team> {
    await assertMayManageIn(ctx, input.projectId);
    const { memberIds, leaderId } = resolveMembership({ memberIds: [], leaderId: null }, { memberIds: input.memberIds, leaderId: input.leaderId ?? null });
    try {
      return await ctx.database.db.transaction().execute(async (tx) => {
        if (await teamsRepository.findByName(tx, input.projectId, input.name)) throw nameTaken(input.name);
        await assertJoinable(tx, ctx, memberIds, leaderId);
        const now = nowIso();
        const id = newId();
        await teamsRepository.insert(tx, { id, project_id: input.projectId, name: input.name, kind: input.kind, leader_id: leaderId, created_at: now, updated_at: now });
        await teamsRepository.addMembers(tx, id, memberIds);
        const team = await withMembers(tx, id);
        await recordAudit(tx, ctx, { action: 'team.create', entity: 'team', entityId: id, projectId: input.projectId, before: null, after: team });
        return team;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw nameTaken(input.name);
      throw err;
    }
  },

  async update(ctx: Ctx, id: string, input: UpdateTeamBody): Promise<Team> {
    try {
      return await ctx.database.db.transaction().execute(async (tx) => {
        const row = await teamsRepository.findById(tx, id);
        if (!row) throw notFound(TEAM);
        await assertMayManageIn(ctx, row.project_id, TEAM);
        const before = toTeam(row, await teamsRepository.membersOf(tx, [id]));
        if (input.name !== undefined && input.name !== row.name) {
          const other = await teamsRepository.findByName(tx, row.project_id, input.name);
          if (other && other.id !== id) throw nameTaken(input.name);
        }
        const current = { memberIds: before.members.map((m) => m.userId), leaderId: row.leader_id };
        const next = resolveMembership(current, { memberIds: input.memberIds, leaderId: input.leaderId });
        const { add, remove } = membershipDiff(current.memberIds, next.memberIds);
        // Only people joining now are checked: a member who has since left the actor's sight stays.
        await assertJoinable(tx, ctx, add, next.leaderId);
        await teamsRepository.update(tx, id, {
          updated_at: nowIso(),
          leader_id: next.leaderId,
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.kind !== undefined ? { kind: input.kind } : {}),
        });
        await teamsRepository.removeMembers(tx, id, remove);
        await teamsRepository.addMembers(tx, id, add);
        const after = await withMembers(tx, id);
        await recordAudit(tx, ctx, { action: 'team.update', entity: 'team', entityId: id, projectId: row.project_id, before, after });
        return after;
      });
    } catch (err) {
      if (isUniqueViolation(err) && input.name !== undefined) throw nameTaken(input.name);
      throw err;
    }
  },

  /**
   * Removes a team nothing depends on any more; otherwise 409 team_in_use saying what to do
   * first (details: one entry per reason, with its count).
   */
  async remove(ctx: Ctx, id: string): Promise<void> {
    try {
      await ctx.database.db.transaction().execute(async (tx) => {
        const row = await teamsRepository.findById(tx, id);
        if (!row) throw notFound(TEAM);
        await assertMayManageIn(ctx, row.project_id, TEAM);
        const blockers = teamRemovalBlockers(await teamsRepository.usage(tx, id, OPEN_WORK_ORDER_STATUSES));
        if (blockers.length > 0) {
          throw conflict('team_in_use', {
            zh: `不能删除班组“${row.name}”：${blockers.map((b) => b.zh).join('；')}`,
            en: `The team "${row.name}" cannot be removed: ${blockers.map((b) => b.en).join('; ')}`,
          }, blockers.map(({ reason, count }) => ({ reason, count })));
        }
        const before = toTeam(row, []);
        await teamsRepository.remove(tx, id);
        await recordAudit(tx, ctx, { action: 'team.delete', entity: 'team', entityId: id, projectId: row.project_id, before, after: null });
      });
    } catch (err) {
      // A member, zone or work order added between the checks and the delete.
      if (isForeignKeyViolation(err)) {
        throw conflict('team_in_use', { zh: '该班组刚被使用（新增了成员、责任区或派工单），不能删除', en: 'The team was just put to use (a member, zone or work order), so it cannot be removed' });
      }
      throw err;
    }
  },
};
