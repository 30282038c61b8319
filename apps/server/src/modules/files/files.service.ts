/**
 * Photos and files (照片与附件) of tickets and work orders: the resident's photos and documents
 * taken in at the desk, the technician's completion photos (完工照片). The bytes live in the
 * `files` table beside their project; each upload is one transaction with its timeline entry on
 * the ticket and its audit record, and writes nothing when anything about it is wrong.
 *
 * Who sees a file: whoever sees its owner. A ticket's files and its work orders' files are one
 * case: the desk reviewing a repair sees the completion photos, and the technician sent to it
 * sees the photos the resident gave.
 */
import type { Attachment, AttachmentList, AttachmentOwner, AttachmentPurpose, NoticeFile, TicketStatus } from '@propdesk/contracts';
import { ATTACHMENTS_PER_OWNER_MAX, AttachmentPurpose as AttachmentPurposeEnum } from '@propdesk/contracts';
import type { Tx } from '../../db/database.js';
import type { FilesTable, TicketsTable, WorkOrdersTable } from '../../db/schema.js';
import type { Ctx } from '../../http/context.js';
import { AppError, badRequest, conflict, forbidden, notFound, type Localized } from '../../http/errors.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { recordAudit } from '../audit/audit.service.js';
import { inTicketScope, ticketScope } from '../tickets/ticket.policy.js';
import { renovationRepository } from '../renovations/renovation.repository.js';
import { ticketRepository } from '../tickets/ticket.repository.js';
import { appendEvent, scopeOf, stateOf } from '../tickets/ticket.service.js';
import { invalidTransition, mayFire } from '../tickets/ticket.state.js';
import { mayView, workOrderVisibility, type Crew } from '../work-orders/work-order.policy.js';
import { workOrderRepository } from '../work-orders/work-order.repository.js';
import { scopedProjectIds } from '../auth/auth.scope.js';
import { defaultPurpose, mayAttachToOrder, purposesFor, sniffMime, storedName, WORK_ORDER_ATTACH_STATUSES, type FileOwnerType } from './files.policy.js';
import { filesRepository, type FileMetaRow } from './files.repository.js';

const FILE: Localized = { zh: '文件', en: 'file' };
const TICKET: Localized = { zh: '工单', en: 'ticket' };
const RENOVATION: Localized = { zh: '装修申请', en: 'renovation' };
const WORK_ORDER: Localized = { zh: '派工单', en: 'work order' };
const PROJECT: Localized = { zh: '项目', en: 'project' };

/** What the route read from the multipart request. */
export interface Upload {
  bytes: Buffer;
  /** The name the browser sent. */
  filename?: string;
  /** The optional text field "purpose". */
  purpose?: string;
}

export function toAttachment(r: FileMetaRow): Attachment {
  return {
    id: r.id,
    name: r.name,
    mime: r.mime,
    size: r.size,
    purpose: (r.purpose as AttachmentPurpose | null) ?? null,
    ownerType: r.owner_type as AttachmentOwner,
    ownerId: r.owner_id,
    createdBy: r.created_by,
    createdByName: r.created_by_name,
    createdAt: r.created_at,
  };
}

/** The teams the actor leads and belongs to (read before any transaction: SQLite has one connection). */
async function crewOf(ctx: Ctx): Promise<Crew> {
  const { db } = ctx.database;
  const userId = ctx.actor.user.id;
  const [ledTeamIds, memberTeamIds] = await Promise.all([workOrderRepository.teamsLedBy(db, userId), workOrderRepository.teamsOfMember(db, userId)]);
  return { userId, ledTeamIds, memberTeamIds };
}

const seesOrder = (ctx: Ctx, crew: Crew, o: Parameters<typeof mayView>[0]) => mayView(o, workOrderVisibility(ctx.actor.grants, ctx.actor.projects), crew);
const seesTicket = (ctx: Ctx, t: Pick<TicketsTable, 'project_id' | 'center_id'>) => inTicketScope(scopeOf(ctx, 'tickets.read'), t);

/** The file's type (by its bytes), stored name and purpose, or 400 before anything is written. */
function checkUpload(owner: FileOwnerType, u: Upload) {
  const mime = sniffMime(u.bytes);
  if (!mime) {
    throw badRequest('unsupported_file_type', {
      zh: '只能上传图片（JPEG、PNG、WebP、HEIC）或 PDF 文件',
      en: 'Only images (JPEG, PNG, WebP, HEIC) and PDF files can be attached',
    }, [{ path: 'file', message: 'not a JPEG, PNG, WebP, HEIC or PDF file', messageZh: '文件内容不是 JPEG、PNG、WebP、HEIC 或 PDF' }]);
  }
  let purpose = defaultPurpose(owner, mime);
  const sent = u.purpose?.trim();
  if (sent) {
    const parsed = AttachmentPurposeEnum.safeParse(sent);
    if (!parsed.success || !purposesFor(owner).includes(parsed.data)) {
      const allowed = purposesFor(owner).join(', ');
      throw new AppError(400, 'validation_failed', { zh: `输入有误：用途只能是 ${allowed}`, en: `Invalid input: purpose must be one of ${allowed}` }, [
        { path: 'purpose', message: `one of ${allowed}`, messageZh: `只能是 ${allowed}` },
      ]);
    }
    purpose = parsed.data;
  }
  return { mime, purpose, name: storedName(u.filename, mime) };
}

/** Stores one file of an owner whose row the transaction already read and checked; 409 past the per-owner limit. */
async function store(tx: Tx, ctx: Ctx, owner: { type: FileOwnerType; id: string; projectId: string }, u: Upload, file: ReturnType<typeof checkUpload>): Promise<FilesTable> {
  await filesRepository.lockOwner(tx, owner.type, owner.id);
  if ((await filesRepository.countByOwner(tx, owner.type, owner.id)) >= ATTACHMENTS_PER_OWNER_MAX) {
    if (owner.type === 'notice_upload') {
      throw conflict('too_many_files', {
        zh: `您已上传 ${ATTACHMENTS_PER_OWNER_MAX} 个尚未发布的通知附件，请先发布通知`,
        en: `You have ${ATTACHMENTS_PER_OWNER_MAX} notice files waiting to be published: publish the notice first`,
      }, { max: ATTACHMENTS_PER_OWNER_MAX });
    }
    const what = owner.type === 'ticket' ? TICKET : owner.type === 'renovation' ? RENOVATION : WORK_ORDER;
    throw conflict('too_many_files', {
      zh: `每个${what.zh}最多 ${ATTACHMENTS_PER_OWNER_MAX} 个附件，已达上限`,
      en: `A ${what.en} holds at most ${ATTACHMENTS_PER_OWNER_MAX} files, and this one is full`,
    }, { max: ATTACHMENTS_PER_OWNER_MAX });
  }
  const row: FilesTable = {
    id: newId(), project_id: owner.projectId, owner_type: owner.type, owner_id: owner.id, purpose: file.purpose, name: file.name,
    mime: file.mime, size: u.bytes.length, content: u.bytes, created_by: ctx.actor.user.id, created_at: nowIso(),
  };
  await filesRepository.insert(tx, row);
  await recordAudit(tx, ctx, {
    action: 'file.upload', entity: 'file', entityId: row.id, projectId: row.project_id, before: null,
    after: { ownerType: row.owner_type, ownerId: row.owner_id, purpose: row.purpose, name: row.name, mime: row.mime, size: row.size },
  });
  return row;
}

const fresh = (row: FilesTable, ctx: Ctx): Attachment =>
  toAttachment({ ...row, created_by_name: ctx.actor.user.displayName });

export const filesService = {
  /** The desk attaches a photo or document to a ticket: whoever takes requests in or handles them there. */
  async uploadToTicket(ctx: Ctx, ticketId: string, u: Upload): Promise<Attachment> {
    const row = await ctx.database.db.transaction().execute(async (tx) => {
      const t = await ticketRepository.findRaw(tx, ticketId);
      if (!t || !seesTicket(ctx, t)) throw notFound(TICKET);
      if (!inTicketScope(scopeOf(ctx, 'tickets.create'), t) && !inTicketScope(scopeOf(ctx, 'tickets.handle'), t)) throw forbidden();
      // Files go where notes may still be added (not on a closed ticket).
      if (!mayFire(stateOf(t), 'comment')) throw invalidTransition(t.status as TicketStatus, 'attach', '上传附件');
      const file = checkUpload('ticket', u);
      const stored = await store(tx, ctx, { type: 'ticket', id: t.id, projectId: t.project_id }, u, file);
      await appendEvent(tx, ctx, t, { type: 'file', body: stored.name, data: { fileId: stored.id, purpose: stored.purpose, mime: stored.mime, size: stored.size } });
      return stored;
    });
    return fresh(row, ctx);
  },

  /** Completion photos (完工照片): the order's technician, or its team's leader or a dispatcher, while the order is taken or done. */
  async uploadToWorkOrder(ctx: Ctx, orderId: string, u: Upload): Promise<Attachment> {
    const crew = await crewOf(ctx);
    const assignProjects = ticketScope(ctx.actor.grants, ctx.actor.projects, 'work_orders.assign').projectIds;
    const row = await ctx.database.db.transaction().execute(async (tx) => {
      const o = await workOrderRepository.findRaw(tx, orderId);
      if (!o || !seesOrder(ctx, crew, o)) throw notFound(WORK_ORDER);
      const team = await workOrderRepository.findTeam(tx, o.team_id);
      const memberIds = await workOrderRepository.teamMemberIds(tx, o.team_id);
      if (!mayAttachToOrder(o, { leaderId: team?.leader_id ?? null, memberIds }, crew.userId, assignProjects)) throw forbidden();
      if (!(WORK_ORDER_ATTACH_STATUSES as readonly string[]).includes(o.status)) throw orderClosedForFiles(o);
      const file = checkUpload('work_order', u);
      const stored = await store(tx, ctx, { type: 'work_order', id: o.id, projectId: o.project_id }, u, file);
      const t = await ticketRepository.findRaw(tx, o.ticket_id);
      if (t) {
        await appendEvent(tx, ctx, t, {
          type: 'file', body: stored.name,
          data: { fileId: stored.id, purpose: stored.purpose, mime: stored.mime, size: stored.size, workOrderId: o.id, workOrderNumber: o.number },
        });
      }
      return stored;
    });
    return fresh(row, ctx);
  },

  /** 装修: drawings and documents of the application, photos of inspections — the desk, while the application is open. */
  async uploadToRenovation(ctx: Ctx, renovationId: string, u: Upload): Promise<Attachment> {
    const row = await ctx.database.db.transaction().execute(async (tx) => {
      const r = await renovationRepository.find(tx, renovationId);
      if (!r || !(await scopedProjectIds(ctx, 'resident_services.read')).includes(r.project_id)) throw notFound(RENOVATION);
      if (!(await scopedProjectIds(ctx, 'resident_services.apply')).includes(r.project_id)) throw forbidden();
      if (r.open_unit_id === null) {
        throw new AppError(409, 'invalid_transition', { zh: '装修申请已结束，不能再上传文件', en: `A renovation that is ${r.status} takes no more files` }, { from: r.status, action: 'attach' });
      }
      const file = checkUpload('renovation', u);
      return store(tx, ctx, { type: 'renovation', id: r.id, projectId: r.project_id }, u, file);
    });
    return fresh(row, ctx);
  },

  /**
   * A file for a notice not yet published (通知附件): whoever may publish notices in the project.
   * It waits as the uploader's until a notice of that project names it in attachmentIds.
   */
  async uploadForNotice(ctx: Ctx, projectId: string, u: Upload): Promise<NoticeFile> {
    if (!(await scopedProjectIds(ctx, 'notices.read')).includes(projectId)) throw notFound(PROJECT);
    if (!(await scopedProjectIds(ctx, 'notices.publish')).includes(projectId)) throw forbidden();
    const file = checkUpload('notice_upload', u);
    const row = await ctx.database.db.transaction().execute((tx) => store(tx, ctx, { type: 'notice_upload', id: ctx.actor.user.id, projectId }, u, file));
    return { id: row.id, name: row.name, mime: row.mime, size: row.size };
  },

  async listForRenovation(ctx: Ctx, renovationId: string): Promise<AttachmentList> {
    const { db } = ctx.database;
    const r = await renovationRepository.find(db, renovationId);
    if (!r || !(await scopedProjectIds(ctx, 'resident_services.read')).includes(r.project_id)) throw notFound(RENOVATION);
    return { items: (await filesRepository.listForOwners(db, [{ type: 'renovation', ids: [r.id] }])).map(toAttachment) };
  },

  /** A ticket's files with those of its work orders. */
  async listForTicket(ctx: Ctx, ticketId: string): Promise<AttachmentList> {
    const { db } = ctx.database;
    const t = await ticketRepository.findRaw(db, ticketId);
    if (!t || !seesTicket(ctx, t)) throw notFound(TICKET);
    const orders = await workOrderRepository.listByTicket(db, t.id);
    const rows = await filesRepository.listForOwners(db, [{ type: 'ticket', ids: [t.id] }, { type: 'work_order', ids: orders.map((o) => o.id) }]);
    return { items: rows.map(toAttachment) };
  },

  /** A work order's files with those of its ticket (the technician sees the resident's photos). */
  async listForWorkOrder(ctx: Ctx, orderId: string): Promise<AttachmentList> {
    const { db } = ctx.database;
    const crew = await crewOf(ctx);
    const o = await workOrderRepository.findRaw(db, orderId);
    if (!o || !seesOrder(ctx, crew, o)) throw notFound(WORK_ORDER);
    const rows = await filesRepository.listForOwners(db, [{ type: 'ticket', ids: [o.ticket_id] }, { type: 'work_order', ids: [o.id] }]);
    return { items: rows.map(toAttachment) };
  },

  /** The bytes of a file whose owner (or the owner's ticket or work order) the actor sees; 404 otherwise. */
  async content(ctx: Ctx, id: string): Promise<{ meta: Attachment; bytes: Buffer }> {
    const { db } = ctx.database;
    const meta = await filesRepository.findMeta(db, id);
    if (!meta || !(await mayOpen(ctx, meta))) throw notFound(FILE);
    const bytes = await filesRepository.findContent(db, id);
    if (!bytes) throw notFound(FILE);
    return { meta: toAttachment(meta), bytes };
  },
};

function orderClosedForFiles(o: WorkOrdersTable) {
  return new AppError(409, 'invalid_transition', {
    zh: '派工单尚未接单或已退单、转单，不能上传照片',
    en: `A work order that is ${o.status} takes no files: it must be accepted, in progress or done`,
  }, { from: o.status, action: 'attach' });
}

async function mayOpen(ctx: Ctx, f: FileMetaRow): Promise<boolean> {
  const { db } = ctx.database;
  if (f.owner_type === 'renovation') return (await scopedProjectIds(ctx, 'resident_services.read')).includes(f.project_id);
  // A published notice's file: whoever may read notices of its project (as for the notice itself).
  if (f.owner_type === 'notice') return (await scopedProjectIds(ctx, 'notices.read')).includes(f.project_id);
  // One waiting to be published: only its uploader.
  if (f.owner_type === 'notice_upload') return f.owner_id === ctx.actor.user.id;
  if (f.owner_type === 'ticket') {
    const t = await ticketRepository.findRaw(db, f.owner_id);
    if (!t) return false;
    if (seesTicket(ctx, t)) return true;
    if (!ctx.actor.permissions.has('work_orders.read')) return false;
    const crew = await crewOf(ctx);
    return (await workOrderRepository.listByTicket(db, t.id)).some((o) => seesOrder(ctx, crew, o));
  }
  if (f.owner_type === 'work_order') {
    const o = await workOrderRepository.findRaw(db, f.owner_id);
    if (!o) return false;
    if (ctx.actor.permissions.has('work_orders.read') && seesOrder(ctx, await crewOf(ctx), o)) return true;
    const t = await ticketRepository.findRaw(db, o.ticket_id);
    return !!t && seesTicket(ctx, t);
  }
  return false;
}
