/**
 * Ticket categories (分类) per kind: a group-wide default tree (project_id null) that every project
 * sees, plus each project's own additions. Reading needs tickets.read; changing needs sla.manage
 * in the project, or at the group root for the group-wide categories.
 */
import type { CreateCategoryBody, TicketCategory, TicketKind, UpdateCategoryBody } from '@propdesk/contracts';
import type { z } from 'zod';
import type { Tx } from '../../db/database.js';
import type { TicketCategoriesTable } from '../../db/schema.js';
import type { Ctx } from '../../http/context.js';
import { AppError, conflict, forbidden, notFound } from '../../http/errors.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { recordAudit } from '../audit/audit.service.js';
import { holdsAtRoot } from '../auth/auth.policy.js';
import { scopedProjectIds } from '../auth/auth.scope.js';
import { DEFAULT_CATEGORIES, mayHangUnder, sameName, seedSort, type SeedCategory } from './categories.policy.js';
import { categoriesRepository } from './categories.repository.js';

const CATEGORY = { zh: '分类', en: 'category' };
const PROJECT = { zh: '项目', en: 'project' };

export function toCategory(r: TicketCategoriesTable): TicketCategory {
  return {
    id: r.id,
    projectId: r.project_id,
    kind: r.kind as TicketKind,
    parentId: r.parent_id,
    name: r.name,
    nameEn: r.name_en,
    sort: r.sort,
    active: r.active === 1,
  };
}

const nameTaken = (name: string) =>
  conflict('category_name_taken', { zh: `同一级已有名为“${name}”的分类`, en: `A category named "${name}" already exists at this level` }, [
    { path: 'body.name', message: 'already used at this level' },
  ]);

/** Inserts the group-wide default tree unless the installation has group-wide categories already. */
export async function ensureDefaultCategories(tx: Tx): Promise<void> {
  if (await categoriesRepository.anyGroupWide(tx)) return;
  const now = nowIso();
  const rows: TicketCategoriesTable[] = [];
  const add = (kind: TicketKind, list: SeedCategory[], parentId: string | null) => {
    list.forEach((c, i) => {
      const id = newId();
      rows.push({ id, project_id: null, kind, parent_id: parentId, name: c.name, name_en: c.nameEn, sort: seedSort(i, c), active: 1, created_at: now });
      if (c.children) add(kind, c.children, id);
    });
  };
  for (const [kind, list] of Object.entries(DEFAULT_CATEGORIES)) add(kind as TicketKind, list, null);
  await categoriesRepository.insert(tx, rows);
}

/**
 * The category a new ticket of `kind` in `projectId` may use: active, of that kind, group-wide or
 * the project's own. Undefined otherwise (the tickets module answers 400).
 */
export async function findUsableCategory(db: Tx, projectId: string, kind: TicketKind, id: string): Promise<TicketCategory | undefined> {
  const row = await categoriesRepository.findById(db, id);
  if (!row || row.active !== 1 || row.kind !== kind || (row.project_id !== null && row.project_id !== projectId)) return undefined;
  return toCategory(row);
}

/** A group-wide category is seen by everyone who reads tickets; a project's own only in that project. */
async function assertVisible(ctx: Ctx, row: TicketCategoriesTable): Promise<void> {
  if (row.project_id !== null && !(await scopedProjectIds(ctx, 'tickets.read')).includes(row.project_id)) throw notFound(CATEGORY);
}

/** Changing group-wide categories takes sla.manage at the group root; a project's, sla.manage in it. */
async function mayManage(ctx: Ctx, projectId: string | null): Promise<boolean> {
  if (projectId === null) return holdsAtRoot(ctx.actor.grants, 'sla.manage');
  return (await scopedProjectIds(ctx, 'sla.manage')).includes(projectId);
}

export const categoriesService = {
  async list(ctx: Ctx, q: { kind?: TicketKind; projectId?: string; active?: boolean }): Promise<{ items: TicketCategory[] }> {
    const visible = await scopedProjectIds(ctx, 'tickets.read');
    if (q.projectId !== undefined && !visible.includes(q.projectId)) throw notFound(PROJECT);
    const rows = await categoriesRepository.list(ctx.database.db, { projectIds: q.projectId ? [q.projectId] : visible, kind: q.kind, active: q.active });
    return { items: rows.map(toCategory) };
  },

  async create(ctx: Ctx, input: z.infer<typeof CreateCategoryBody>): Promise<TicketCategory> {
    const projectId = input.projectId ?? null;
    if (projectId !== null && !(await scopedProjectIds(ctx, 'tickets.read')).includes(projectId)) throw notFound(PROJECT);
    if (!(await mayManage(ctx, projectId))) throw forbidden();
    return ctx.database.db.transaction().execute(async (tx) => {
      const parentId = input.parentId ?? null;
      if (parentId !== null) {
        const parent = await categoriesRepository.findById(tx, parentId);
        const seen = parent && (parent.project_id === null || (await scopedProjectIds(ctx, 'tickets.read')).includes(parent.project_id));
        if (!parent || !seen || !mayHangUnder({ kind: input.kind, projectId }, { kind: parent.kind, projectId: parent.project_id })) {
          throw new AppError(400, 'category_parent_invalid', {
            zh: '上级分类不存在，或不属于同一类型与项目',
            en: 'The parent category does not exist, or is of another kind or project',
          }, [{ path: 'body.parentId', message: 'not a category of this kind in this project' }]);
        }
      }
      await categoriesRepository.lockLevel(tx, { kind: input.kind, parentId });
      const siblings = await categoriesRepository.siblings(tx, { kind: input.kind, parentId, projectId });
      if (siblings.some((s) => sameName(s.name, input.name))) throw nameTaken(input.name);
      const row: TicketCategoriesTable = {
        id: newId(), project_id: projectId, kind: input.kind, parent_id: parentId, name: input.name, name_en: input.nameEn,
        sort: input.sort, active: 1, created_at: nowIso(),
      };
      await categoriesRepository.insert(tx, [row]);
      await recordAudit(tx, ctx, { action: 'ticket_category.create', entity: 'ticket_category', entityId: row.id, projectId, before: null, after: toCategory(row) });
      return toCategory(row);
    });
  },

  async update(ctx: Ctx, id: string, input: UpdateCategoryBody): Promise<TicketCategory> {
    return ctx.database.db.transaction().execute(async (tx) => {
      const row = await categoriesRepository.findById(tx, id);
      if (!row) throw notFound(CATEGORY);
      await assertVisible(ctx, row);
      if (!(await mayManage(ctx, row.project_id))) throw forbidden();
      if (input.name !== undefined && !sameName(input.name, row.name)) {
        await categoriesRepository.lockLevel(tx, { kind: row.kind, parentId: row.parent_id });
        const siblings = await categoriesRepository.siblings(tx, { kind: row.kind, parentId: row.parent_id, projectId: row.project_id });
        if (siblings.some((s) => s.id !== id && sameName(s.name, input.name!))) throw nameTaken(input.name);
      }
      const patch: Partial<TicketCategoriesTable> = {};
      if (input.name !== undefined) patch.name = input.name;
      if (input.nameEn !== undefined) patch.name_en = input.nameEn;
      if (input.sort !== undefined) patch.sort = input.sort;
      if (input.active !== undefined) patch.active = input.active ? 1 : 0;
      const after = { ...row, ...patch };
      if (Object.keys(patch).length > 0) {
        await categoriesRepository.update(tx, id, patch);
        await recordAudit(tx, ctx, { action: 'ticket_category.update', entity: 'ticket_category', entityId: id, projectId: row.project_id, before: toCategory(row), after: toCategory(after) });
      }
      return toCategory(after);
    });
  },
};
