/**
 * What staff do to a ticket after intake: hold / resume (the SLA clocks pause), resolve, reopen,
 * cancel, close, hand to another center (联动), comment or reply, and record return visits (回访).
 * Each is one transaction: read, check the state machine, conditional update, timeline, audit.
 */
import type { Ticket, VisitOutcome } from '@propdesk/contracts';
import { z } from 'zod';
import type { CommentBody, HoldBody, ResolveBody, ReturnVisit, ReturnVisitBody, TransferTicketBody } from '@propdesk/contracts';
import type { Tx } from '../../db/database.js';
import type { TicketsTable } from '../../db/schema.js';
import type { Ctx } from '../../http/context.js';
import { AppError, badRequest } from '../../http/errors.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { recordAudit } from '../audit/audit.service.js';
import { notify } from '../notifications/notifications.service.js';
import { computeDueTimes, loadSlaSetup, type SlaSetup } from '../sla/sla.service.js';
import { workOrderRepository } from '../work-orders/work-order.repository.js';
import { invalidInput, visitProblems } from './ticket.policy.js';
import { ticketRepository } from './ticket.repository.js';
import { pauseClocks, resumeClocks, visitDueAt } from './ticket.sla.js';
import { appendEvent, changedByOthers, loadForAction, saveTicketChange, stateOf, ticketService, type Writer } from './ticket.service.js';
import { ACTION_PERMISSION, needsVisit, requireNext, visitResult } from './ticket.state.js';

type Body<T extends z.ZodTypeAny> = z.infer<T>;

/**
 * What a ticket's SLA columns become when it is reopened: the resolution (and arrival) targets start
 * again, and so does escalation — a new cycle (reopen_count) whose level starts at 0, so missing
 * the new targets reaches the supervisor and the director again. Earlier escalations stay on the timeline.
 */
export function reopenPatch(t: TicketsTable, setup: SlaSetup, now: string): Partial<TicketsTable> {
  const due = computeDueTimes(setup, t.kind as Ticket['kind'], t.priority as Ticket['priority'], now);
  return {
    reopen_count: t.reopen_count + 1,
    escalation_level: 0,
    visit_attempts: 0,
    visit_due_at: null,
    resolved_at: null,
    closed_at: null,
    sla_clock: due.clock,
    resolution_due_at: due.resolution,
    ...(due.arrival ? { arrival_due_at: due.arrival, arrived_at: null } : {}),
  };
}

/** What resolving sets: the resolution met (and the response, if nobody had answered yet), the visit due for repairs and complaints. */
export function resolvedPatch(t: TicketsTable, setup: SlaSetup, now: string): Partial<TicketsTable> {
  return {
    resolved_at: now,
    responded_at: t.responded_at ?? now,
    visit_due_at: needsVisit(t.kind as Ticket['kind']) ? visitDueAt(setup.calendar, now, setup.visitDueMinutes) : null,
  };
}

/**
 * Resuming a ticket on hold: back to where it was, the SLA clocks counting again from `resumeAt`.
 * The one path of a person's resume (from now) and of the job that resumes holds whose time has
 * come (writer SYSTEM, from the hold's end); the version check lets only one of them win.
 */
export async function resumeHeld(tx: Tx, who: Writer, t: TicketsTable, resumeAt: string, data?: Record<string, unknown>): Promise<TicketsTable> {
  const next = requireNext(stateOf(t), { action: 'resume' });
  const setup = await loadSlaSetup(tx, t.project_id);
  return saveTicketChange(tx, who, t, 'resume', {
    status: next.status, status_before_hold: null, hold_reason: null, hold_until: null, ...resumeClocks(t, setup.calendar, resumeAt),
  }, { type: 'resume', data }, { action: 'resume' });
}

async function tellTechnicianReopened(tx: Tx, t: TicketsTable, reason: string) {
  if (!t.technician_id) return;
  await notify(tx, {
    userIds: [t.technician_id], projectId: t.project_id, type: 'ticket.reopened',
    title: { zh: `工单 ${t.number} 已重新打开`, en: `Ticket ${t.number} was reopened` },
    body: { zh: reason, en: reason },
    link: `/tickets/${t.id}`,
  });
}

/** Runs one staff action in a transaction, then answers the fresh ticket. */
async function act(ctx: Ctx, id: string, work: (tx: Tx, now: string) => Promise<void>): Promise<Ticket> {
  await ctx.database.db.transaction().execute((tx) => work(tx, nowIso()));
  return ticketService.get(ctx, id);
}

export const ticketTransitions = {
  hold(ctx: Ctx, id: string, body: Body<typeof HoldBody>): Promise<Ticket> {
    return act(ctx, id, async (tx, now) => {
      const t = await loadForAction(tx, ctx, id, ACTION_PERMISSION.hold);
      const next = requireNext(stateOf(t), { action: 'hold' });
      if (body.until && Date.parse(body.until) <= Date.parse(now)) {
        throw new AppError(400, 'validation_failed', { zh: '恢复时间须晚于现在', en: 'The resume time must be in the future' }, [{ path: 'body.until', message: 'must be in the future' }]);
      }
      const setup = await loadSlaSetup(tx, t.project_id);
      await saveTicketChange(tx, ctx, t, 'hold', {
        status: next.status, status_before_hold: next.statusBeforeHold, hold_reason: body.reason,
        hold_until: body.until ? new Date(body.until).toISOString() : null, ...pauseClocks(t, setup.calendar, now),
      }, { type: 'hold', body: body.reason, data: body.until ? { until: body.until } : undefined }, { action: 'hold' });
    });
  },

  resume(ctx: Ctx, id: string): Promise<Ticket> {
    return act(ctx, id, async (tx, now) => {
      const t = await loadForAction(tx, ctx, id, ACTION_PERMISSION.resume);
      await resumeHeld(tx, ctx, t, now);
    });
  },

  resolve(ctx: Ctx, id: string, body: Body<typeof ResolveBody>): Promise<Ticket> {
    return act(ctx, id, async (tx, now) => {
      const t = await loadForAction(tx, ctx, id, ACTION_PERMISSION.resolve);
      const next = requireNext(stateOf(t), { action: 'resolve' });
      const answer = body.answer || null;
      if (t.kind === 'consultation' && !answer && !t.answer) {
        throw new AppError(400, 'answer_required', { zh: '咨询办结需填写答复内容', en: 'A consultation is resolved with its answer' }, [{ path: 'body.answer', message: 'required for a consultation' }]);
      }
      const setup = await loadSlaSetup(tx, t.project_id);
      await saveTicketChange(tx, ctx, t, 'resolve', {
        status: next.status, ...resolvedPatch(t, setup, now), ...(answer ? { answer } : {}),
      }, { type: 'resolve', body: answer ?? (body.note || null), internal: answer === null }, { action: 'resolve' });
    });
  },

  reopen(ctx: Ctx, id: string, body: { reason: string }): Promise<Ticket> {
    return act(ctx, id, async (tx, now) => {
      const t = await loadForAction(tx, ctx, id, ACTION_PERMISSION.reopen);
      const next = requireNext(stateOf(t), { action: 'reopen' });
      const setup = await loadSlaSetup(tx, t.project_id);
      await saveTicketChange(tx, ctx, t, 'reopen', { status: next.status, ...reopenPatch(t, setup, now) }, { type: 'reopen', body: body.reason }, { action: 'reopen' });
      await tellTechnicianReopened(tx, t, body.reason);
    });
  },

  cancel(ctx: Ctx, id: string, body: { reason: string }): Promise<Ticket> {
    return act(ctx, id, async (tx, now) => {
      const t = await loadForAction(tx, ctx, id, ACTION_PERMISSION.cancel);
      const next = requireNext(stateOf(t), { action: 'cancel' });
      // Work orders still out come back: nobody should go and fix a cancelled request. Orders are
      // changed before the ticket, in the same order as the technician's own actions take their
      // row locks (order, then ticket), so the two can never deadlock on PostgreSQL.
      for (const order of await workOrderRepository.openByTicket(tx, t.id)) {
        const ok = await workOrderRepository.updateIfVersion(tx, order.id, order.version, { status: 'returned', return_reason: `工单已取消 / ticket cancelled: ${body.reason}`.slice(0, 500), updated_at: now });
        if (!ok) throw changedByOthers();
        await recordAudit(tx, ctx, { action: 'work_order.return', entity: 'work_order', entityId: order.id, projectId: order.project_id, before: { status: order.status }, after: { status: 'returned' } });
        const to = order.technician_id ? [order.technician_id] : [];
        await notify(tx, {
          userIds: to, projectId: t.project_id, type: 'work_order.cancelled',
          title: { zh: `派工单 ${order.number} 已撤回（工单取消）`, en: `Work order ${order.number} was withdrawn (ticket cancelled)` },
          body: { zh: body.reason, en: body.reason }, link: `/work-orders/${order.id}`,
        });
      }
      await saveTicketChange(tx, ctx, t, 'cancel', {
        status: next.status, cancel_reason: body.reason, status_before_hold: null, hold_reason: null, hold_until: null, sla_remaining: null,
      }, { type: 'cancel', body: body.reason }, { action: 'cancel' });
    });
  },

  close(ctx: Ctx, id: string): Promise<Ticket> {
    return act(ctx, id, async (tx, now) => {
      const t = await loadForAction(tx, ctx, id, ACTION_PERMISSION.close);
      const next = requireNext(stateOf(t), { action: 'close' });
      await saveTicketChange(tx, ctx, t, 'close', { status: next.status, closed_at: now }, { type: 'close' }, { action: 'close' });
    });
  },

  /** 联动: hand the ticket to another service center of the group; both keep seeing its timeline. */
  transfer(ctx: Ctx, id: string, body: Body<typeof TransferTicketBody>): Promise<Ticket> {
    return act(ctx, id, async (tx) => {
      const t = await loadForAction(tx, ctx, id, ACTION_PERMISSION.transfer);
      requireNext(stateOf(t), { action: 'transfer' });
      const [from, to] = await Promise.all([ticketRepository.findOrgUnit(tx, t.center_id), ticketRepository.findOrgUnit(tx, body.centerId)]);
      const group = (path: string | undefined) => path?.split('/').filter(Boolean)[0];
      if (!to || to.kind !== 'center' || group(to.path) !== group(from?.path)) {
        throw new AppError(400, 'invalid_center', { zh: '请选择本集团的另一个客服中心', en: 'Choose another service center of the group' }, [{ path: 'body.centerId', message: 'not a service center of this group' }]);
      }
      if (to.id === t.center_id) {
        throw new AppError(400, 'same_center', { zh: '工单已在该客服中心', en: 'The ticket is already with this center' }, [{ path: 'body.centerId', message: 'already the ticket\'s center' }]);
      }
      await saveTicketChange(tx, ctx, t, 'transfer', { center_id: to.id }, {
        type: 'transfer', body: body.note, data: { fromCenterId: t.center_id, fromCenterName: from?.name ?? null, toCenterId: to.id, toCenterName: to.name },
      }, { action: 'transfer' });
    });
  },

  /**
   * An internal note, or a reply the resident sees. The first reply meets the response target.
   * A note does not bump the version: writing one must not make a colleague's action fail.
   */
  comment(ctx: Ctx, id: string, body: Body<typeof CommentBody>): Promise<Ticket> {
    return act(ctx, id, async (tx, now) => {
      const t = await loadForAction(tx, ctx, id, ACTION_PERMISSION.comment);
      requireNext(stateOf(t), { action: 'comment' });
      const type = body.internal ? 'comment' : 'reply';
      if (!body.internal && t.responded_at === null) {
        await saveTicketChange(tx, ctx, t, 'comment', { responded_at: now }, { type, body: body.body, internal: false }, { action: 'comment' });
        return;
      }
      await appendEvent(tx, ctx, t, { type, body: body.body, internal: body.internal }, now);
      await recordAudit(tx, ctx, { action: `ticket.${type}`, entity: 'ticket', entityId: t.id, projectId: t.project_id, before: null, after: { body: body.body, internal: body.internal } });
    });
  },

  /**
   * 回访: the outcome of a call. Satisfied → visited; unsatisfied → reopened with the comment;
   * unreachable → try again later, until the project's last attempt (then visited, unreachable).
   */
  async visit(ctx: Ctx, id: string, body: Body<typeof ReturnVisitBody>): Promise<{ visit: z.infer<typeof ReturnVisit>; status: Ticket['status']; satisfaction: VisitOutcome | null }> {
    return ctx.database.db.transaction().execute(async (tx) => {
      const now = nowIso();
      const t = await loadForAction(tx, ctx, id, ACTION_PERMISSION.visit);
      const problems = visitProblems(t.kind as Ticket['kind'], body);
      if (problems.length > 0) throw invalidInput(problems);
      const setup = await loadSlaSetup(tx, t.project_id);
      const attempt = t.visit_attempts + 1;
      const event = { action: 'visit', outcome: body.outcome, attempt, maxAttempts: setup.visitMaxAttempts } as const;
      const next = requireNext(stateOf(t), event);
      const result = visitResult(body.outcome, attempt, setup.visitMaxAttempts);

      const patch: Partial<TicketsTable> = { status: next.status, visit_attempts: attempt };
      if (result.satisfaction) patch.satisfaction = result.satisfaction;
      if (next.status === 'visited') patch.visit_due_at = null;
      if (next.status === 'reopened') Object.assign(patch, reopenPatch(t, setup, now));
      if (body.validComplaint) {
        const v = body.validComplaint;
        if (v.againstTeamId) {
          const team = await ticketRepository.findTeam(tx, v.againstTeamId);
          if (!team || team.project_id !== t.project_id) throw badRequest('team_not_in_project', { zh: '被投诉班组不属于该项目', en: 'The team is not one of this project\'s teams' }, [{ path: 'body.validComplaint.againstTeamId', message: 'not a team of the project' }]);
        }
        if (v.againstUserId && !(await ticketRepository.findUser(tx, v.againstUserId))) {
          throw badRequest('user_not_found', { zh: '被投诉员工不存在', en: 'No such staff member' }, [{ path: 'body.validComplaint.againstUserId', message: 'no such staff member' }]);
        }
        Object.assign(patch, { valid_complaint: 1, complaint_against_user_id: v.againstUserId ?? null, complaint_against_team_id: v.againstTeamId ?? null, complaint_category: v.category });
      }

      await saveTicketChange(tx, ctx, t, 'visit', patch, {
        type: 'visit', body: body.comment || null,
        data: { outcome: body.outcome, attempt, serviceRating: body.serviceRating ?? null, technicianRating: body.technicianRating ?? null, validComplaint: body.validComplaint ?? null },
      }, event);
      const visit = {
        id: newId(), ticket_id: t.id, project_id: t.project_id, attempt, outcome: body.outcome, service_rating: body.serviceRating ?? null,
        technician_rating: body.technicianRating ?? null, comment: body.comment || null, visited_by: ctx.actor.user.id, at: now,
      };
      await ticketRepository.insertReturnVisit(tx, visit);
      if (next.status === 'reopened') await tellTechnicianReopened(tx, t, body.comment || '回访不满意 / the resident is not satisfied');
      return {
        visit: {
          id: visit.id, ticketId: t.id, attempt, outcome: body.outcome, serviceRating: visit.service_rating, technicianRating: visit.technician_rating,
          comment: visit.comment, visitedBy: visit.visited_by, at: now,
        },
        status: next.status,
        satisfaction: (patch.satisfaction ?? t.satisfaction) as VisitOutcome | null,
      };
    });
  },
};

