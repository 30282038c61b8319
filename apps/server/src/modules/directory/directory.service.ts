/**
 * The phone directory (通讯录). Every answer goes through `present`, which masks confidential numbers
 * unless the caller holds directory.reveal in the entry's project: list, search, get, export alike.
 * A reveal answers the full numbers of one entry and is audited.
 */
import type { DirectoryEntry, Page } from '@propdesk/contracts';
import type { z } from 'zod';
import type { CreateDirectoryEntryBody, DirectoryListQuery, UpdateDirectoryEntryBody } from '@propdesk/contracts';
import type { DirectoryEntriesTable } from '../../db/schema.js';
import type { Ctx } from '../../http/context.js';
import { forbidden, notFound } from '../../http/errors.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { buildWorkbook } from '../../lib/xlsx.js';
import { recordAudit } from '../audit/audit.service.js';
import { scopedProjectIds } from '../auth/auth.scope.js';
import { isStale, STALE_AFTER_DAYS, visibleNumbers } from './directory.policy.js';
import { directoryRepository } from './directory.repository.js';

const ENTRY = { zh: '通讯录条目', en: 'directory entry' };

function present(r: DirectoryEntriesTable, revealIn: readonly string[], now: number): DirectoryEntry {
  const v = visibleNumbers({ phone: r.phone, altPhone: r.alt_phone, confidential: r.confidential === 1 }, revealIn.includes(r.project_id));
  return {
    id: r.id, projectId: r.project_id, category: r.category as DirectoryEntry['category'], internal: r.internal === 1, name: r.name,
    organization: r.organization, title: r.title, phone: v.phone, altPhone: v.altPhone, confidential: r.confidential === 1, masked: v.masked,
    note: r.note, confirmedAt: r.confirmed_at, stale: isStale(r.confirmed_at, now), updatedAt: r.updated_at,
  };
}

async function entryInScope(ctx: Ctx, id: string) {
  const row = await directoryRepository.findById(ctx.database.db, id);
  if (!row || !(await scopedProjectIds(ctx, 'directory.read')).includes(row.project_id)) throw notFound(ENTRY);
  return row;
}

async function mayManage(ctx: Ctx, projectId: string) {
  if (!(await scopedProjectIds(ctx, 'directory.manage')).includes(projectId)) throw forbidden();
}

const staleBefore = () => new Date(Date.now() - STALE_AFTER_DAYS * 86_400_000).toISOString();

async function listRows(ctx: Ctx, q: z.infer<typeof DirectoryListQuery>) {
  let projectIds = await scopedProjectIds(ctx, 'directory.read');
  if (q.projectId) projectIds = projectIds.filter((p) => p === q.projectId);
  const revealIn = await scopedProjectIds(ctx, 'directory.reveal');
  // Number search reaches confidential entries only where every listed project allows reveal.
  const searchConfidentialNumbers = projectIds.every((p) => revealIn.includes(p));
  const found = await directoryRepository.list(ctx.database.db, { projectIds, q: q.q, category: q.category, staleBefore: q.stale ? staleBefore() : undefined, searchConfidentialNumbers }, q);
  return { ...found, revealIn };
}

export const directoryService = {
  async list(ctx: Ctx, q: z.infer<typeof DirectoryListQuery>): Promise<Page<DirectoryEntry>> {
    const { rows, total, revealIn } = await listRows(ctx, q);
    const now = Date.now();
    return { items: rows.map((r) => present(r, revealIn, now)), total, page: q.page, pageSize: q.pageSize };
  },

  async get(ctx: Ctx, id: string): Promise<DirectoryEntry> {
    const row = await entryInScope(ctx, id);
    return present(row, await scopedProjectIds(ctx, 'directory.reveal'), Date.now());
  },

  /** The filtered list as .xlsx, numbers masked exactly as on screen. */
  async exportXlsx(ctx: Ctx, q: z.infer<typeof DirectoryListQuery>): Promise<Buffer> {
    const { rows, revealIn } = await listRows(ctx, { ...q, page: 1, pageSize: 10_000 });
    const now = Date.now();
    const cat: Record<string, string> = { department: '部门', staff: '员工', supplier: '供应商', utility: '公用事业', emergency: '紧急电话', other: '其他' };
    const data = rows.map((r) => present(r, revealIn, now)).map((e) => ({
      name: e.name, organization: e.organization ?? '', title: e.title ?? '', category: ctx.locale === 'en' ? e.category : cat[e.category],
      phone: e.phone, altPhone: e.altPhone ?? '', confirmedAt: e.confirmedAt.slice(0, 10),
    }));
    return buildWorkbook('通讯录', [
      { key: 'name', zh: '名称', en: 'Name', width: 20 }, { key: 'organization', zh: '单位/部门', en: 'Organization', width: 20 },
      { key: 'title', zh: '职务', en: 'Title' }, { key: 'category', zh: '类别', en: 'Category' },
      { key: 'phone', zh: '电话', en: 'Phone', width: 18 }, { key: 'altPhone', zh: '备用电话', en: 'Other phone', width: 18 },
      { key: 'confirmedAt', zh: '最近核实', en: 'Last confirmed' },
    ], data, ctx.locale);
  },

  async create(ctx: Ctx, input: z.infer<typeof CreateDirectoryEntryBody>): Promise<DirectoryEntry> {
    if (!(await scopedProjectIds(ctx, 'directory.read')).includes(input.projectId)) throw notFound({ zh: '项目', en: 'project' });
    await mayManage(ctx, input.projectId);
    return ctx.database.db.transaction().execute(async (tx) => {
      const now = nowIso();
      const row: DirectoryEntriesTable = {
        id: newId(), project_id: input.projectId, category: input.category, internal: input.internal ? 1 : 0, name: input.name,
        organization: input.organization ?? null, title: input.title ?? null, phone: input.phone, alt_phone: input.altPhone ?? null,
        confidential: input.confidential ? 1 : 0, note: input.note ?? null, confirmed_at: now, created_at: now, updated_at: now,
      };
      await directoryRepository.insert(tx, row);
      // The audit log keeps confidential numbers masked too: it is read by more people than the directory.
      await recordAudit(tx, ctx, { action: 'directory.create', entity: 'directory_entry', entityId: row.id, projectId: row.project_id, before: null, after: present(row, [], Date.now()) });
      return present(row, await scopedProjectIds(ctx, 'directory.reveal'), Date.now());
    });
  },

  async update(ctx: Ctx, id: string, input: z.infer<typeof UpdateDirectoryEntryBody>): Promise<DirectoryEntry> {
    const row = await entryInScope(ctx, id);
    await mayManage(ctx, row.project_id);
    return ctx.database.db.transaction().execute(async (tx) => {
      const now = nowIso();
      const patch: Partial<DirectoryEntriesTable> = {
        updated_at: now, confirmed_at: now,
        ...(input.category !== undefined ? { category: input.category } : {}),
        ...(input.internal !== undefined ? { internal: input.internal ? 1 : 0 } : {}),
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.organization !== undefined ? { organization: input.organization } : {}),
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.phone !== undefined ? { phone: input.phone } : {}),
        ...(input.altPhone !== undefined ? { alt_phone: input.altPhone } : {}),
        ...(input.confidential !== undefined ? { confidential: input.confidential ? 1 : 0 } : {}),
        ...(input.note !== undefined ? { note: input.note } : {}),
      };
      await directoryRepository.update(tx, id, patch);
      const after = { ...row, ...patch };
      await recordAudit(tx, ctx, { action: 'directory.update', entity: 'directory_entry', entityId: id, projectId: row.project_id, before: present(row, [], Date.now()), after: present(after, [], Date.now()) });
      return present(after, await scopedProjectIds(ctx, 'directory.reveal'), Date.now());
    });
  },

  /** "Still correct": confirms the entry today (keeps the 90-day flag off). */
  async confirm(ctx: Ctx, id: string): Promise<DirectoryEntry> {
    const row = await entryInScope(ctx, id);
    await mayManage(ctx, row.project_id);
    return ctx.database.db.transaction().execute(async (tx) => {
      const now = nowIso();
      await directoryRepository.update(tx, id, { confirmed_at: now });
      await recordAudit(tx, ctx, { action: 'directory.confirm', entity: 'directory_entry', entityId: id, projectId: row.project_id, before: { confirmedAt: row.confirmed_at }, after: { confirmedAt: now } });
      return present({ ...row, confirmed_at: now }, await scopedProjectIds(ctx, 'directory.reveal'), Date.now());
    });
  },

  async remove(ctx: Ctx, id: string): Promise<void> {
    const row = await entryInScope(ctx, id);
    await mayManage(ctx, row.project_id);
    await ctx.database.db.transaction().execute(async (tx) => {
      await directoryRepository.remove(tx, id);
      await recordAudit(tx, ctx, { action: 'directory.delete', entity: 'directory_entry', entityId: id, projectId: row.project_id, before: present(row, [], Date.now()), after: null });
    });
  },

  /** The full numbers of one entry, for a caller with directory.reveal there; every reveal is audited. */
  async reveal(ctx: Ctx, id: string) {
    const row = await entryInScope(ctx, id);
    if (!(await scopedProjectIds(ctx, 'directory.reveal')).includes(row.project_id)) throw forbidden();
    return ctx.database.db.transaction().execute(async (tx) => {
      await recordAudit(tx, ctx, { action: 'directory.reveal', entity: 'directory_entry', entityId: id, projectId: row.project_id, before: null, after: { name: row.name, confidential: row.confidential === 1 } });
      return { id, phone: row.phone, altPhone: row.alt_phone };
    });
  },
};
