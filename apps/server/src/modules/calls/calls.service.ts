/** The call log (来电登记): calls with key points, callbacks with due times, one step to a ticket. */
import type { Call, Page } from '@propdesk/contracts';
import type { z } from 'zod';
import type { CallListQuery, CallToTicketBody, CallbackDoneBody, CreateCallBody } from '@propdesk/contracts';
import type { Ctx } from '../../http/context.js';
import { conflict, forbidden, notFound } from '../../http/errors.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { recordAudit } from '../audit/audit.service.js';
import { scopedProjectIds } from '../auth/auth.scope.js';
import { createTicket } from '../tickets/ticket.intake.js';
import { callbackDue, callbackOverdue, digitsOf, withinThreeRings } from './calls.policy.js';
import { callsRepository, type CallRow } from './calls.repository.js';

const CALL = { zh: '来电记录', en: 'call' };

export function toCall(r: CallRow, now: number): Call {
  const c = {
    id: r.id, projectId: r.project_id, direction: r.direction as Call['direction'], number: r.number, callerName: r.caller_name, residentId: r.resident_id, at: r.at,
    withinThreeRings: r.within_three_rings === null ? null : r.within_three_rings === 1, ringSeconds: r.ring_seconds, keyPoints: r.key_points,
    callbackNeeded: r.callback_needed === 1, callbackDueAt: r.callback_due_at, callbackDoneAt: r.callback_done_at, callbackNote: r.callback_note,
    ticketId: r.ticket_id, ticketNumber: r.ticket_number, takenByName: r.taken_by_name,
  };
  return { ...c, callbackOverdue: callbackOverdue(c, now) };
}

async function callInScope(ctx: Ctx, id: string) {
  const row = await callsRepository.findById(ctx.database.db, id);
  if (!row || !(await scopedProjectIds(ctx, 'calls.read')).includes(row.project_id)) throw notFound(CALL);
  if (!(await scopedProjectIds(ctx, 'calls.log')).includes(row.project_id)) throw forbidden();
  return row;
}

export const callsService = {
  async list(ctx: Ctx, q: z.infer<typeof CallListQuery>): Promise<Page<Call>> {
    let projectIds = await scopedProjectIds(ctx, 'calls.read');
    if (q.projectId) projectIds = projectIds.filter((p) => p === q.projectId);
    const { rows, total } = await callsRepository.list(ctx.database.db, { projectIds, q: q.q, callbackPending: q.callbackPending, overdueBefore: q.overdue ? nowIso() : undefined }, q);
    const now = Date.now();
    return { items: rows.map((r) => toCall(r, now)), total, page: q.page, pageSize: q.pageSize };
  },

  async create(ctx: Ctx, input: z.infer<typeof CreateCallBody>): Promise<Call> {
    if (!(await scopedProjectIds(ctx, 'calls.read')).includes(input.projectId)) throw notFound({ zh: '项目', en: 'project' });
    if (!(await scopedProjectIds(ctx, 'calls.log')).includes(input.projectId)) throw forbidden();
    return ctx.database.db.transaction().execute(async (tx) => {
      const now = nowIso();
      const at = input.at ? new Date(input.at).toISOString() : now;
      // A known resident's number names the caller.
      const resident = await callsRepository.residentByPhone(tx, input.projectId, digitsOf(input.number));
      const id = newId();
      await callsRepository.insert(tx, {
        id, project_id: input.projectId, direction: input.direction, number: input.number, caller_name: input.callerName ?? resident?.name ?? null,
        resident_id: resident?.id ?? null, at, within_three_rings: ((v) => (v === null ? null : v ? 1 : 0))(withinThreeRings(input.withinThreeRings, input.ringSeconds)),
        ring_seconds: input.ringSeconds ?? null, key_points: input.keyPoints, callback_needed: input.callbackNeeded ? 1 : 0,
        callback_due_at: input.callbackNeeded ? callbackDue(at, input.callbackDueAt) : null, callback_done_at: null, callback_note: null, ticket_id: null,
        taken_by: ctx.actor.user.id, created_at: now,
      });
      const call = toCall((await callsRepository.findById(tx, id))!, Date.now());
      await recordAudit(tx, ctx, { action: 'call.create', entity: 'call', entityId: id, projectId: input.projectId, before: null, after: call });
      return call;
    });
  },

  async callbackDone(ctx: Ctx, id: string, input: z.infer<typeof CallbackDoneBody>): Promise<Call> {
    const row = await callInScope(ctx, id);
    if (row.callback_needed !== 1) throw conflict('no_callback', { zh: '这通来电无需回复', en: 'This call needs no callback' });
    return ctx.database.db.transaction().execute(async (tx) => {
      const at = nowIso();
      if (!(await callsRepository.markCallbackDone(tx, id, at, input.note))) throw conflict('callback_done', { zh: '已登记回复', en: 'The callback is already recorded' });
      await recordAudit(tx, ctx, { action: 'call.callback', entity: 'call', entityId: id, projectId: row.project_id, before: { callbackDoneAt: null }, after: { callbackDoneAt: at, note: input.note } });
      return toCall((await callsRepository.findById(tx, id))!, Date.now());
    });
  },

  /** The call becomes a ticket (channel: phone) through the service desk's intake, linked in the same transaction. */
  async toTicket(ctx: Ctx, id: string, input: z.infer<typeof CallToTicketBody>) {
    const row = await callInScope(ctx, id);
    if (!(await scopedProjectIds(ctx, 'tickets.create')).includes(row.project_id)) throw forbidden();
    if (row.ticket_id) throw conflict('call_has_ticket', { zh: `这通来电已转为工单 ${row.ticket_number ?? ''}`, en: `This call is already ticket ${row.ticket_number ?? ''}` });
    const phone = digitsOf(row.number);
    const created = await createTicket(ctx, {
      projectId: row.project_id, kind: input.kind, channel: 'phone', priority: input.priority, major: false,
      ...(input.unitId ? { unitId: input.unitId } : {}), ...(input.location ? { location: input.location } : {}),
      ...(row.resident_id ? { requesterResidentId: row.resident_id } : {}),
      // Intake wants a name with the number: an unnamed caller is registered as such.
      ...(row.resident_id ? {} : { requesterName: row.caller_name ?? '来电人' }),
      ...(row.resident_id && row.caller_name ? { requesterName: row.caller_name } : {}),
      ...(/^(1[3-9]\d{9}|0\d{9,11})$/.test(phone) ? { requesterPhone: phone } : {}),
      description: input.description ?? row.key_points,
    }, async (tx, ticket) => {
      if (!(await callsRepository.linkTicket(tx, id, ticket.id))) throw conflict('call_has_ticket', { zh: '这通来电已转为工单', en: 'This call is already a ticket' });
      await recordAudit(tx, ctx, { action: 'call.to_ticket', entity: 'call', entityId: id, projectId: row.project_id, before: { ticketId: null }, after: { ticketId: ticket.id, ticketNumber: ticket.number } });
    });
    return { call: toCall((await callsRepository.findById(ctx.database.db, id))!, Date.now()), ticket: created };
  },
};
