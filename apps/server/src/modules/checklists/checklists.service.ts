/**
 * Opening and closing checklists: editable templates per desk (the mall's rules are the seed), a
 * run per template and day with each item's due time, ticks with who and when, lateness flags.
 */
import type { ChecklistItemDef, ChecklistRun, ChecklistTemplate, Page } from '@propdesk/contracts';
import type { z } from 'zod';
import type { ChecklistRunListQuery, ChecklistTemplateListQuery, CreateChecklistTemplateBody, UpdateChecklistTemplateBody } from '@propdesk/contracts';
import type { Tx } from '../../db/database.js';
import type { ChecklistRunsTable, ChecklistTemplatesTable } from '../../db/schema.js';
import type { Ctx } from '../../http/context.js';
import { AppError, conflict, forbidden, notFound } from '../../http/errors.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { recordAudit } from '../audit/audit.service.js';
import { scopedProjectIds } from '../auth/auth.scope.js';
import { deskInScope, openingOf } from '../desks/desks.service.js';
import type { DeskRow } from '../desks/desks.repository.js';
import { dueTimes, duplicateIds, isLate, withIds } from './checklists.policy.js';
import { checklistsRepository } from './checklists.repository.js';

const TEMPLATE = { zh: '检查表模板', en: 'checklist template' };
const RUN = { zh: '检查表', en: 'checklist' };
type ItemRow = Awaited<ReturnType<typeof checklistsRepository.itemsOf>>[number];

function toTemplate(r: ChecklistTemplatesTable): ChecklistTemplate {
  return { id: r.id, projectId: r.project_id, deskId: r.desk_id, name: r.name, kind: r.kind as ChecklistTemplate['kind'], items: JSON.parse(r.items), active: r.active === 1, updatedAt: r.updated_at };
}

export function toRun(r: ChecklistRunsTable, items: readonly ItemRow[], now: number): ChecklistRun {
  const own = items.filter((i) => i.run_id === r.id).map((i) => ({
    id: i.item_id, text: i.text, dueAt: i.due_at, checkedAt: i.checked_at, checkedBy: i.checked_by_name,
    late: isLate(Date.parse(i.due_at), i.checked_at ? Date.parse(i.checked_at) : null, now),
  }));
  return {
    id: r.id, projectId: r.project_id, deskId: r.desk_id, templateId: r.template_id, name: r.name, kind: r.kind as ChecklistRun['kind'], date: r.date,
    items: own, done: own.filter((i) => i.checkedAt !== null).length, lateCount: own.filter((i) => i.late).length,
  };
}

function checkItems(items: readonly ChecklistItemDef[]) {
  const dup = duplicateIds(items);
  if (dup.length > 0) throw new AppError(400, 'validation_failed', { zh: `输入有误：检查项编号重复 ${dup.join('、')}`, en: `Invalid input: duplicate item ids ${dup.join(', ')}` }, [{ path: 'body.items', message: 'duplicate ids' }]);
}

/** Opens the day's runs of the desk's active templates (idempotent); none on a day the desk is closed. */
export async function openRuns(ctx: Ctx, tx: Tx, desk: DeskRow, date: string): Promise<ChecklistRun[]> {
  const { open } = await openingOf(tx, desk, date, date);
  for (const t of await checklistsRepository.activeTemplatesOf(tx, desk.id)) {
    const due = dueTimes(JSON.parse(t.items), open);
    if (!due) continue;
    const runId = newId();
    await checklistsRepository.insertRunIfMissing(tx,
      { id: runId, project_id: desk.project_id, desk_id: desk.id, template_id: t.id, name: t.name, kind: t.kind, date, created_at: nowIso() },
      due.map((d, position) => ({ run_id: runId, item_id: d.id, position, text: d.text, due_at: new Date(d.dueAt).toISOString(), checked_at: null, checked_by: null })));
  }
  const runs = await checklistsRepository.runsOfDesk(tx, desk.id, date);
  const items = await checklistsRepository.itemsOf(tx, runs.map((r) => r.id));
  const now = Date.now();
  return runs.map((r) => toRun(r, items, now));
}

async function templateInScope(ctx: Ctx, tx: Tx, id: string) {
  const row = await checklistsRepository.findTemplate(tx, id);
  if (!row || !(await scopedProjectIds(ctx, 'desk.read')).includes(row.project_id)) throw notFound(TEMPLATE);
  if (!(await scopedProjectIds(ctx, 'desk.manage')).includes(row.project_id)) throw forbidden();
  return row;
}

export const checklistsService = {
  async listTemplates(ctx: Ctx, q: z.infer<typeof ChecklistTemplateListQuery>): Promise<Page<ChecklistTemplate>> {
    let projectIds = await scopedProjectIds(ctx, 'desk.read');
    if (q.projectId) projectIds = projectIds.filter((p) => p === q.projectId);
    const { rows, total } = await checklistsRepository.listTemplates(ctx.database.db, { projectIds, deskId: q.deskId }, q);
    return { items: rows.map(toTemplate), total, page: q.page, pageSize: q.pageSize };
  },

  async createTemplate(ctx: Ctx, input: z.infer<typeof CreateChecklistTemplateBody>): Promise<ChecklistTemplate> {
    checkItems(input.items);
    return ctx.database.db.transaction().execute(async (tx) => {
      const desk = await deskInScope(ctx, tx, input.deskId, 'desk.manage');
      const now = nowIso();
      const row: ChecklistTemplatesTable = {
        id: newId(), project_id: desk.project_id, desk_id: desk.id, name: input.name, kind: input.kind, items: JSON.stringify(withIds(input.items)), active: 1, created_at: now, updated_at: now,
      };
      await checklistsRepository.insertTemplate(tx, row);
      await recordAudit(tx, ctx, { action: 'checklist_template.create', entity: 'checklist_template', entityId: row.id, projectId: row.project_id, before: null, after: toTemplate(row) });
      return toTemplate(row);
    });
  },

  /** Edits apply from the next day's run on; runs already opened keep their items. */
  async updateTemplate(ctx: Ctx, id: string, input: z.infer<typeof UpdateChecklistTemplateBody>): Promise<ChecklistTemplate> {
    if (input.items) checkItems(input.items);
    return ctx.database.db.transaction().execute(async (tx) => {
      const row = await templateInScope(ctx, tx, id);
      const patch: Partial<ChecklistTemplatesTable> = {
        updated_at: nowIso(),
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.items !== undefined ? { items: JSON.stringify(withIds(input.items)) } : {}),
        ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
      };
      await checklistsRepository.updateTemplate(tx, id, patch);
      const after = { ...row, ...patch };
      await recordAudit(tx, ctx, { action: 'checklist_template.update', entity: 'checklist_template', entityId: id, projectId: row.project_id, before: toTemplate(row), after: toTemplate(after) });
      return toTemplate(after);
    });
  },

  async listRuns(ctx: Ctx, q: z.infer<typeof ChecklistRunListQuery>): Promise<Page<ChecklistRun>> {
    const { db } = ctx.database;
    let projectIds = await scopedProjectIds(ctx, 'desk.read');
    if (q.projectId) projectIds = projectIds.filter((p) => p === q.projectId);
    const { rows, total } = await checklistsRepository.listRuns(db, { projectIds, deskId: q.deskId, date: q.date, lateBefore: q.late ? nowIso() : undefined }, q);
    const items = await checklistsRepository.itemsOf(db, rows.map((r) => r.id));
    const now = Date.now();
    return { items: rows.map((r) => toRun(r, items, now)), total, page: q.page, pageSize: q.pageSize };
  },

  async openRuns(ctx: Ctx, deskId: string, date: string) {
    return ctx.database.db.transaction().execute(async (tx) => {
      const desk = await deskInScope(ctx, tx, deskId, 'desk.work');
      return { items: await openRuns(ctx, tx, desk, date) };
    });
  },

  async check(ctx: Ctx, runId: string, itemId: string): Promise<ChecklistRun> {
    return ctx.database.db.transaction().execute(async (tx) => {
      const run = await checklistsRepository.findRun(tx, runId);
      if (!run || !(await scopedProjectIds(ctx, 'desk.read')).includes(run.project_id)) throw notFound(RUN);
      if (!(await scopedProjectIds(ctx, 'desk.work')).includes(run.project_id)) throw forbidden();
      const items = await checklistsRepository.itemsOf(tx, [runId]);
      if (!items.some((i) => i.item_id === itemId)) throw notFound({ zh: '检查项', en: 'checklist item' });
      const at = nowIso();
      if (!(await checklistsRepository.check(tx, runId, itemId, at, ctx.actor.user.id))) throw conflict('already_checked', { zh: '此项已勾选', en: 'The item is already ticked' });
      await recordAudit(tx, ctx, { action: 'checklist.check', entity: 'checklist_run', entityId: runId, projectId: run.project_id, before: null, after: { itemId, checkedAt: at } });
      return toRun(run, await checklistsRepository.itemsOf(tx, [runId]), Date.now());
    });
  },
};
