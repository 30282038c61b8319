/**
 * Shift handover (交接班): the outgoing person's notes and the open items at that moment (linked
 * tickets, keys out, visitors on site), acknowledged by the incoming person — and only by her.
 */
import type { Handover, Page } from '@propdesk/contracts';
import type { z } from 'zod';
import type { CreateHandoverBody, HandoverListQuery } from '@propdesk/contracts';
import type { Ctx } from '../../http/context.js';
import { conflict, forbidden, notFound } from '../../http/errors.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { recordAudit } from '../audit/audit.service.js';
import { scopedProjectIds } from '../auth/auth.scope.js';
import { keysRepository } from '../keys/keys.repository.js';
import { notify } from '../notifications/notifications.service.js';
import { deskInScope, invalid } from './desks.service.js';
import { desksRepository, type HandoverRow } from './desks.repository.js';

const HANDOVER = { zh: '交接班记录', en: 'handover' };

export function toHandover(r: HandoverRow): Handover {
  return {
    id: r.id, projectId: r.project_id, deskId: r.desk_id, fromUserId: r.from_user_id, fromUserName: r.from_user_name, toUserId: r.to_user_id,
    toUserName: r.to_user_name, notes: r.notes, items: JSON.parse(r.items), createdAt: r.created_at, acknowledgedAt: r.acknowledged_at, ackNote: r.ack_note,
  };
}

export const handoversService = {
  async list(ctx: Ctx, q: z.infer<typeof HandoverListQuery>): Promise<Page<Handover>> {
    let projectIds = await scopedProjectIds(ctx, 'desk.read');
    if (q.projectId) projectIds = projectIds.filter((p) => p === q.projectId);
    const { rows, total } = await desksRepository.listHandovers(ctx.database.db, { projectIds, deskId: q.deskId, pending: q.pending }, q);
    return { items: rows.map(toHandover), total, page: q.page, pageSize: q.pageSize };
  },

  async create(ctx: Ctx, input: z.infer<typeof CreateHandoverBody>): Promise<Handover> {
    if (input.toUserId === ctx.actor.user.id) throw invalid([{ path: 'body.toUserId', message: 'hand over to someone else', messageZh: '须交接给他人' }]);
    return ctx.database.db.transaction().execute(async (tx) => {
      const desk = await deskInScope(ctx, tx, input.deskId, 'desk.work');
      const project = (await desksRepository.projectOf(tx, desk.project_id))!;
      const to = await desksRepository.findUser(tx, input.toUserId);
      if (!to || to.active !== 1 || !to.path || !(project.path.startsWith(to.path) || to.path.startsWith(project.path))) {
        throw invalid([{ path: 'body.toUserId', message: 'no such active staff member of this project', messageZh: '该项目没有这名在职员工' }]);
      }
      const tickets = await desksRepository.ticketsByIds(tx, desk.project_id, input.ticketIds);
      if (tickets.length !== new Set(input.ticketIds).size) throw invalid([{ path: 'body.ticketIds', message: 'a ticket is not one of this project', messageZh: '所列工单不属于该项目' }]);
      const keysOut = (await keysRepository.openLoans(tx, [desk.project_id])).map((l) => ({ keyId: l.key_id, label: l.key_label ?? '', borrower: l.borrower, dueAt: l.due_at }));
      const id = newId();
      const items = { tickets, keysOut, visitorsOnSite: input.visitorsOnSite ?? null };
      await desksRepository.insertHandover(tx, {
        id, project_id: desk.project_id, desk_id: desk.id, from_user_id: ctx.actor.user.id, to_user_id: input.toUserId, notes: input.notes,
        items: JSON.stringify(items), created_at: nowIso(), acknowledged_at: null, ack_note: null,
      });
      const handover = toHandover((await desksRepository.findHandover(tx, id))!);
      await notify(tx, {
        userIds: [input.toUserId], projectId: desk.project_id, type: 'handover.created', link: `/frontdesk/today?deskId=${desk.id}`,
        title: { zh: `${ctx.actor.user.displayName} 向您交班，请确认接班`, en: `${ctx.actor.user.displayName} handed over to you: acknowledge it` },
      });
      await recordAudit(tx, ctx, { action: 'handover.create', entity: 'handover', entityId: id, projectId: desk.project_id, before: null, after: handover });
      return handover;
    });
  },

  async acknowledge(ctx: Ctx, id: string, note: string | undefined): Promise<Handover> {
    return ctx.database.db.transaction().execute(async (tx) => {
      const row = await desksRepository.findHandover(tx, id);
      if (!row || !(await scopedProjectIds(ctx, 'desk.read')).includes(row.project_id)) throw notFound(HANDOVER);
      if (row.to_user_id !== ctx.actor.user.id) throw forbidden();
      const at = nowIso();
      if (!(await desksRepository.acknowledgeHandover(tx, id, at, note ?? null))) throw conflict('already_acknowledged', { zh: '已确认接班', en: 'The handover is already acknowledged' });
      await recordAudit(tx, ctx, { action: 'handover.acknowledge', entity: 'handover', entityId: id, projectId: row.project_id, before: { acknowledgedAt: null }, after: { acknowledgedAt: at } });
      return toHandover((await desksRepository.findHandover(tx, id))!);
    });
  },
};
