import type { CreateOrgUnitBody, OrgUnit, OrgUnitKind } from '@propdesk/contracts';
import { z } from 'zod';
import type { UpdateOrgUnitBody } from '@propdesk/contracts';
import type { Tx } from '../../db/database.js';
import type { OrgUnitsTable } from '../../db/schema.js';
import type { Ctx } from '../../http/context.js';
import { AppError, fieldInvalid, forbidden, notFound } from '../../http/errors.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { recordAudit } from '../audit/audit.service.js';
import { holdsAtRoot, visibleTree } from '../auth/auth.policy.js';
import { invalidateProjectCache, mayAtPath } from '../auth/auth.scope.js';
import { childPath, isKnownTimeZone, mayHaveChild } from './org.policy.js';
import { orgRepository } from './org.repository.js';

const ORG = { zh: '组织节点', en: 'org unit' };
export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

export function toOrgUnit(r: OrgUnitsTable): OrgUnit {
  return {
    id: r.id,
    parentId: r.parent_id,
    kind: r.kind as OrgUnitKind,
    name: r.name,
    code: r.code,
    projectType: r.project_type as OrgUnit['projectType'],
    address: r.address,
    phone: r.phone,
    timezone: r.timezone,
    projectId: r.project_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Inserts a node under its parent, computing path and project; used by the API, imports and the seed. */
export async function insertOrgUnit(tx: Tx, input: CreateOrgUnitBody, parent: OrgUnitsTable | null): Promise<OrgUnitsTable> {
  const id = newId();
  const now = nowIso();
  const row: OrgUnitsTable = {
    id,
    parent_id: parent?.id ?? null,
    kind: input.kind,
    name: input.name,
    code: input.code ?? null,
    project_type: input.kind === 'project' ? (input.projectType ?? 'residential') : null,
    address: input.address ?? null,
    phone: input.phone ?? null,
    timezone: input.timezone ?? parent?.timezone ?? DEFAULT_TIMEZONE,
    path: childPath(parent?.path ?? null, id),
    project_id: input.kind === 'project' ? id : input.kind === 'building' ? (parent?.project_id ?? null) : null,
    created_at: now,
    updated_at: now,
  };
  await orgRepository.insert(tx, row);
  if (row.kind === 'project') invalidateProjectCache();
  return row;
}

/** An unknown zone would make every date of the project fail later: refuse it at the door. */
function assertTimeZone(tz: string | undefined) {
  if (tz !== undefined && !isKnownTimeZone(tz)) {
    throw fieldInvalid('body.timezone', { zh: `“${tz}”不是有效的时区，例如 Asia/Shanghai`, en: `"${tz}" is not a time zone, e.g. Asia/Shanghai` });
  }
}

export const orgService = {
  async list(ctx: Ctx, q: { kind?: OrgUnitKind; parentId?: string; q?: string; page: number; pageSize: number }) {
    const kinds = q.kind ? [q.kind] : ['group', 'company', 'center', 'project', 'building'];
    const rows = visibleTree(ctx.actor.grants, 'org.read', await orgRepository.listByKinds(ctx.database.db, kinds, q));
    const start = (q.page - 1) * q.pageSize;
    return { items: rows.slice(start, start + q.pageSize).map(toOrgUnit), total: rows.length, page: q.page, pageSize: q.pageSize };
  },

  async get(ctx: Ctx, id: string): Promise<OrgUnit> {
    const row = await orgRepository.findById(ctx.database.db, id);
    if (!row || visibleTree(ctx.actor.grants, 'org.read', [row]).length === 0) throw notFound(ORG);
    return toOrgUnit(row);
  },

  async create(ctx: Ctx, input: CreateOrgUnitBody): Promise<OrgUnit> {
    assertTimeZone(input.timezone);
    return ctx.database.db.transaction().execute(async (tx) => {
      const parent = input.parentId ? await orgRepository.findById(tx, input.parentId) : null;
      if (input.parentId && (!parent || !mayAtPath(ctx, 'org.read', parent.path))) throw notFound({ zh: '上级节点', en: 'parent org unit' });
      if (parent ? !mayAtPath(ctx, 'org.manage', parent.path) : !holdsAtRoot(ctx.actor.grants, 'org.manage')) {
        throw forbidden();
      }
      if (!mayHaveChild((parent?.kind as OrgUnitKind) ?? null, input.kind)) {
        throw new AppError(400, 'invalid_parent', {
          zh: `“${parent?.name ?? '根'}”下不能建立此类节点（集团 → 公司 → 客服中心 → 项目 → 楼栋）`,
          en: `A ${input.kind} cannot sit under ${parent ? `the ${parent.kind} "${parent.name}"` : 'the root'} (group → company → center → project → building)`,
        }, [{ path: 'body.kind', message: 'not allowed under this parent' }]);
      }
      const row = await insertOrgUnit(tx, input, parent ?? null);
      await recordAudit(tx, ctx, { action: 'org_unit.create', entity: 'org_unit', entityId: row.id, projectId: row.project_id, before: null, after: toOrgUnit(row) });
      return toOrgUnit(row);
    });
  },

  async update(ctx: Ctx, id: string, input: z.infer<typeof UpdateOrgUnitBody>): Promise<OrgUnit> {
    assertTimeZone(input.timezone);
    return ctx.database.db.transaction().execute(async (tx) => {
      const row = await orgRepository.findById(tx, id);
      if (!row || !mayAtPath(ctx, 'org.read', row.path)) throw notFound(ORG);
      if (!mayAtPath(ctx, 'org.manage', row.path)) throw forbidden();
      const patch: Partial<OrgUnitsTable> = { updated_at: nowIso() };
      if (input.name !== undefined) patch.name = input.name;
      if (input.code !== undefined) patch.code = input.code;
      if (input.projectType !== undefined && row.kind === 'project') patch.project_type = input.projectType;
      if (input.address !== undefined) patch.address = input.address;
      if (input.phone !== undefined) patch.phone = input.phone;
      if (input.timezone !== undefined) patch.timezone = input.timezone;
      await orgRepository.update(tx, id, patch);
      const after = { ...row, ...patch };
      await recordAudit(tx, ctx, { action: 'org_unit.update', entity: 'org_unit', entityId: id, projectId: row.project_id, before: toOrgUnit(row), after: toOrgUnit(after) });
      return toOrgUnit(after);
    });
  },
};
