/**
 * Notices and instructions (通知/指令, 上传下达): downward to roles of a project, upward to the
 * supervisor and director; recipients are fixed when it is published, each with a receipt (read,
 * acknowledged where required), so "who has not read it yet" is a list, not a guess.
 */
import type { Notice, NoticeFile, Page } from '@propdesk/contracts';
import type { z } from 'zod';
import type { CreateNoticeBody, NoticeListQuery } from '@propdesk/contracts';
import type { Tx } from '../../db/database.js';
import type { Ctx } from '../../http/context.js';
import { AppError, conflict, forbidden, notFound } from '../../http/errors.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { recordAudit } from '../audit/audit.service.js';
import { scopedProjectIds } from '../auth/auth.scope.js';
import { filesRepository } from '../files/files.repository.js';
import { notify } from '../notifications/notifications.service.js';
import { recipientsOf } from './notices.policy.js';
import { noticesRepository, type NoticeRow } from './notices.repository.js';

const NOTICE = { zh: '通知', en: 'notice' };
type ReceiptRow = Awaited<ReturnType<typeof noticesRepository.receiptsOf>>[number];
type FileRow = Awaited<ReturnType<typeof filesRepository.listForOwners>>[number];

/** The files of these notices (names and sizes for the links; never the bytes). */
const filesOf = (db: Tx, noticeIds: string[]) => filesRepository.listForOwners(db, [{ type: 'notice', ids: noticeIds }]);

function toNotice(r: NoticeRow, receipts: readonly ReceiptRow[], files: readonly FileRow[], userId: string): Notice {
  const own = receipts.filter((x) => x.notice_id === r.id);
  const mine = own.find((x) => x.user_id === userId);
  const attachmentIds = JSON.parse(r.attachment_ids) as string[];
  const attachments = attachmentIds.flatMap((fileId): NoticeFile[] => {
    const f = files.find((x) => x.id === fileId && x.owner_id === r.id);
    return f ? [{ id: f.id, name: f.name, mime: f.mime, size: f.size }] : [];
  });
  return {
    id: r.id, projectId: r.project_id, direction: r.direction as Notice['direction'], kind: r.kind as Notice['kind'], title: r.title, body: r.body,
    audienceRoles: JSON.parse(r.audience_roles) as string[], requireAck: r.require_ack === 1, pinned: r.pinned === 1,
    attachmentIds, attachments, authorName: r.author_name, createdAt: r.created_at,
    recipients: own.length, readCount: own.filter((x) => x.read_at !== null).length, ackCount: own.filter((x) => x.acknowledged_at !== null).length,
    mine: mine ? { readAt: mine.read_at, acknowledgedAt: mine.acknowledged_at } : null,
  };
}

async function inScope(ctx: Ctx, tx: Tx, id: string) {
  const row = await noticesRepository.findById(tx, id);
  if (!row || !(await scopedProjectIds(ctx, 'notices.read')).includes(row.project_id)) throw notFound(NOTICE);
  return row;
}

export async function listNotices(ctx: Ctx, q: z.infer<typeof NoticeListQuery>): Promise<Page<Notice>> {
  const { db } = ctx.database;
  let projectIds = await scopedProjectIds(ctx, 'notices.read');
  if (q.projectId) projectIds = projectIds.filter((p) => p === q.projectId);
  const { rows, total } = await noticesRepository.list(db, { projectIds, userId: ctx.actor.user.id, q: q.q, pinned: q.pinned, unread: q.unread, direction: q.direction }, q);
  const ids = rows.map((r) => r.id);
  const [receipts, files] = [await noticesRepository.receiptsOf(db, ids), await filesOf(db, ids)];
  return { items: rows.map((r) => toNotice(r, receipts, files, ctx.actor.user.id)), total, page: q.page, pageSize: q.pageSize };
}

export const noticesService = {
  list: listNotices,

  async get(ctx: Ctx, id: string): Promise<Notice> {
    const row = await inScope(ctx, ctx.database.db, id);
    return toNotice(row, await noticesRepository.receiptsOf(ctx.database.db, [id]), await filesOf(ctx.database.db, [id]), ctx.actor.user.id);
  },

  async receipts(ctx: Ctx, id: string) {
    await inScope(ctx, ctx.database.db, id);
    const rows = await noticesRepository.receiptsOf(ctx.database.db, [id]);
    return { items: rows.map((r) => ({ userId: r.user_id, userName: r.user_name, readAt: r.read_at, acknowledgedAt: r.acknowledged_at })) };
  },

  async create(ctx: Ctx, input: z.infer<typeof CreateNoticeBody>): Promise<Notice> {
    if (!(await scopedProjectIds(ctx, 'notices.read')).includes(input.projectId)) throw notFound({ zh: '项目', en: 'project' });
    // Anyone may report upward; carrying notices and instructions down needs notices.publish.
    if (input.direction === 'down' && !(await scopedProjectIds(ctx, 'notices.publish')).includes(input.projectId)) throw forbidden();
    if (input.direction === 'up' && (input.pinned || input.kind === 'instruction')) {
      throw new AppError(400, 'validation_failed', { zh: '输入有误：向上报告不能置顶，也不能是指令', en: 'Invalid input: an upward report is neither pinned nor an instruction' }, [{ path: 'body.direction', message: 'up cannot be pinned or an instruction' }]);
    }
    return ctx.database.db.transaction().execute(async (tx) => {
      const project = await noticesRepository.projectPath(tx, input.projectId);
      if (!project) throw notFound({ zh: '项目', en: 'project' });
      const id = newId();
      // Attachments are files this author uploaded for a notice of this project (POST /api/notices/files), not yet on another notice.
      const attachmentIds = [...new Set(input.attachmentIds)];
      if ((await filesRepository.claimNoticeUploads(tx, { ids: attachmentIds, projectId: input.projectId, uploadedBy: ctx.actor.user.id, noticeId: id })) !== attachmentIds.length) {
        throw new AppError(400, 'validation_failed', { zh: '输入有误：附件不存在或已用于其他通知，请重新上传', en: 'Invalid input: an attachment does not exist or is on another notice already: upload it again' }, [{ path: 'body.attachmentIds', message: 'unknown file' }]);
      }
      const recipients = recipientsOf(await noticesRepository.staffGrants(tx), project.path, input.direction, input.audienceRoles, ctx.actor.user.id);
      const now = nowIso();
      await noticesRepository.insert(tx, {
        id, project_id: input.projectId, direction: input.direction, kind: input.direction === 'up' ? 'report' : input.kind, title: input.title, body: input.body,
        audience_roles: JSON.stringify(input.audienceRoles), require_ack: input.requireAck ? 1 : 0, pinned: input.pinned ? 1 : 0,
        attachment_ids: JSON.stringify(attachmentIds), author_id: ctx.actor.user.id, created_at: now,
      }, recipients.map((user_id) => ({ notice_id: id, user_id, read_at: null, acknowledged_at: null })));
      await notify(tx, {
        userIds: recipients, projectId: input.projectId, type: 'notice.published', link: '/frontdesk/notices',
        title: input.direction === 'up' ? { zh: `上报：${input.title}`, en: `Report: ${input.title}` } : { zh: `${input.kind === 'instruction' ? '指令' : '通知'}：${input.title}`, en: `${input.kind === 'instruction' ? 'Instruction' : 'Notice'}: ${input.title}` },
      });
      const notice = toNotice((await noticesRepository.findById(tx, id))!, await noticesRepository.receiptsOf(tx, [id]), await filesOf(tx, [id]), ctx.actor.user.id);
      await recordAudit(tx, ctx, { action: 'notice.create', entity: 'notice', entityId: id, projectId: input.projectId, before: null, after: { ...notice, recipientIds: recipients } });
      return notice;
    });
  },

  async read(ctx: Ctx, id: string): Promise<Notice> {
    return ctx.database.db.transaction().execute(async (tx) => {
      const row = await inScope(ctx, tx, id);
      // Reading twice keeps the first time; someone who is not a recipient leaves no receipt.
      await noticesRepository.markRead(tx, id, ctx.actor.user.id, nowIso());
      return toNotice(row, await noticesRepository.receiptsOf(tx, [id]), await filesOf(tx, [id]), ctx.actor.user.id);
    });
  },

  async acknowledge(ctx: Ctx, id: string): Promise<Notice> {
    return ctx.database.db.transaction().execute(async (tx) => {
      const row = await inScope(ctx, tx, id);
      const mine = (await noticesRepository.receiptsOf(tx, [id])).find((r) => r.user_id === ctx.actor.user.id);
      if (!mine) throw conflict('not_a_recipient', { zh: '您不是此通知的接收人', en: 'You are not a recipient of this notice' });
      const at = nowIso();
      if (await noticesRepository.markAcknowledged(tx, id, ctx.actor.user.id, at)) {
        await recordAudit(tx, ctx, { action: 'notice.acknowledge', entity: 'notice', entityId: id, projectId: row.project_id, before: null, after: { acknowledgedAt: at } });
      }
      return toNotice(row, await noticesRepository.receiptsOf(tx, [id]), await filesOf(tx, [id]), ctx.actor.user.id);
    });
  },
};
