/**
 * Work orders (派工单): dispatching a ticket to the zone's maintenance team, and the technician's
 * steps — accept, start (arrival), finish (work done, materials, labour, charge), return (退单),
 * transfer (转单) — each moving the ticket along with it in the same transaction.
 */
import type { Page, WorkOrder, WorkOrderStatus } from '@propdesk/contracts';
import { WorkOrderStatus as WorkOrderStatusEnum } from '@propdesk/contracts';
import { z } from 'zod';
import type { DispatchBody, DispatchResponse, FinishWorkBody, StartWorkBody, TransferWorkBody, WorkOrderListQuery } from '@propdesk/contracts';
import type { Tx } from '../../db/database.js';
import type { TicketsTable, WorkOrdersTable } from '../../db/schema.js';
import type { Ctx } from '../../http/context.js';
import { AppError, conflict, fieldInvalid, forbidden, notFound, type Localized } from '../../http/errors.js';
import { newId, newSecret } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { recordAudit } from '../audit/audit.service.js';
import { notify } from '../notifications/notifications.service.js';
import { loadSlaSetup } from '../sla/sla.service.js';
import { counterKey, localDate, ticketScope, workOrderNumber } from '../tickets/ticket.policy.js';
import { ticketRepository } from '../tickets/ticket.repository.js';
import { appendEvent, loadForAction, saveTicketChange, stateOf } from '../tickets/ticket.service.js';
import { ACTION_PERMISSION, requireNext } from '../tickets/ticket.state.js';
import { resolvedPatch } from '../tickets/ticket.transitions.js';
import { mayAssign, mayView, mayWork, workOrderVisibility, type Crew, type TeamRef } from './work-order.policy.js';
import { workOrderRepository } from './work-order.repository.js';
import { mayFireWorkOrder, requireWorkOrderNext, type WorkOrderAction } from './work-order.state.js';
import { toWorkOrder } from './work-order.view.js';
import { nextCounter } from '../../db/counters.js';

const WORK_ORDER: Localized = { zh: '派工单', en: 'work order' };
type Body<T extends z.ZodTypeAny> = z.infer<T>;

const badField = (code: string, path: string, zh: string, en: string) => new AppError(400, code, { zh, en }, [{ path, message: en, messageZh: zh }]);

/** The teams the actor leads and belongs to (read before any transaction: SQLite has one connection). */
async function crewOf(ctx: Ctx): Promise<Crew> {
  const { db } = ctx.database;
  const userId = ctx.actor.user.id;
  const [ledTeamIds, memberTeamIds] = await Promise.all([workOrderRepository.teamsLedBy(db, userId), workOrderRepository.teamsOfMember(db, userId)]);
  return { userId, ledTeamIds, memberTeamIds };
}

async function teamOf(tx: Tx, teamId: string) {
  const team = await workOrderRepository.findTeam(tx, teamId);
  if (!team) return null;
  return { ...team, leaderId: team.leader_id, memberIds: await workOrderRepository.teamMemberIds(tx, teamId) };
}

/** A team of the ticket's project and, when named, a technician who is one of its members. */
async function checkAssignee(tx: Tx, projectId: string, teamId: string, technicianId: string | undefined, base = 'body') {
  const team = await teamOf(tx, teamId);
  if (!team || team.project_id !== projectId) throw badField('team_not_in_project', `${base}.teamId`, '所选班组不属于该项目', 'The team is not one of this project\'s teams');
  if (technicianId && !team.memberIds.includes(technicianId)) {
    throw badField('technician_not_in_team', `${base}.technicianId`, `所选维修人员不是“${team.name}”的成员`, `The technician is not a member of the team "${team.name}"`);
  }
  return team;
}

/** A new order's number: PG-YYYYMMDD-NNNN on the project's local date. */
async function allocateNumber(tx: Tx, projectId: string, now: string): Promise<string> {
  const project = await ticketRepository.findOrgUnit(tx, projectId);
  const date = localDate(now, project!.timezone);
  return workOrderNumber(date, await nextCounter(tx, counterKey.workOrder(projectId, date)));
}

function newOrder(t: TicketsTable, number: string, teamId: string, technicianId: string | null, note: string | null, issuedBy: string, now: string): WorkOrdersTable {
  return {
    id: newId(), project_id: t.project_id, ticket_id: t.id, number, team_id: teamId, technician_id: technicianId, status: 'issued', note,
    issued_by: issuedBy, issued_at: now, accepted_at: null, arrived_at: null, started_at: null, finished_at: null, return_reason: null,
    work_done: null, materials: '[]', labour_minutes: null, charge_fen: null, qr_code: newSecret(), created_at: now, updated_at: now, version: 1,
  };
}

/** The technician hears of his new order; with nobody named, the team's leader does. */
async function tellAssignee(tx: Tx, t: TicketsTable, order: WorkOrdersTable, leaderId: string | null) {
  const to = order.technician_id ?? leaderId;
  if (!to) return;
  const place = t.location ?? t.title;
  await notify(tx, {
    userIds: [to], projectId: t.project_id, type: 'work_order.issued',
    title: { zh: `新派工单 ${order.number}`, en: `New work order ${order.number}` },
    body: { zh: `${t.title}（${place}）`, en: `${t.title} (${place})` },
    link: `/work-orders/${order.id}`,
  });
}

/** Changes an order if nobody did first: 409 invalid_transition when the action no longer fits, else 409 conflict. */
async function saveOrderChange(tx: Tx, ctx: Ctx, o: WorkOrdersTable, action: WorkOrderAction, patch: Partial<WorkOrdersTable>) {
  if (!(await workOrderRepository.updateIfVersion(tx, o.id, o.version, { ...patch, updated_at: nowIso() }))) {
    const fresh = await workOrderRepository.findRaw(tx, o.id);
    if (fresh && !mayFireWorkOrder(fresh.status as WorkOrderStatus, action)) requireWorkOrderNext(fresh.status as WorkOrderStatus, action);
    throw conflict('conflict', { zh: '派工单已被他人修改，请刷新后重试', en: 'The work order was changed by someone else: reload it and try again' });
  }
  const keys = Object.keys(patch) as (keyof WorkOrdersTable)[];
  await recordAudit(tx, ctx, {
    action: `work_order.${action}`, entity: 'work_order', entityId: o.id, projectId: o.project_id,
    before: Object.fromEntries(keys.map((k) => [k, o[k]])), after: patch as Record<string, unknown>,
  });
}

interface Loaded {
  order: WorkOrdersTable;
  team: TeamRef & { id: string; name: string; project_id: string };
  ticket: TicketsTable;
}

/**
 * An order the actor can see (404 otherwise), its team and its ticket, read in the transaction.
 * `teamMember`: a member of the order's team may reach a pool order, or one that has left the
 * pool — so the pool order a colleague just took answers "already accepted" (409), not "does not
 * exist". An order issued to a named colleague stays out of his reach (404).
 */
async function loadOrder(tx: Tx, ctx: Ctx, crew: Crew, id: string, opts: { teamMember?: boolean } = {}): Promise<Loaded> {
  const order = await workOrderRepository.findRaw(tx, id);
  const vis = workOrderVisibility(ctx.actor.grants, ctx.actor.projects);
  const reachable = order && (mayView(order, vis, crew) || (opts.teamMember && crew.memberTeamIds.includes(order.team_id) && vis.ownProjectIds.includes(order.project_id) && (order.status !== 'issued' || order.technician_id === null)));
  if (!order || !reachable) throw notFound(WORK_ORDER);
  const team = await teamOf(tx, order.team_id);
  const ticket = await ticketRepository.findRaw(tx, order.ticket_id);
  if (!team || !ticket) throw notFound(WORK_ORDER);
  return { order, team, ticket };
}

const orderEvent = (o: WorkOrdersTable, extra: Record<string, unknown> = {}) => ({ workOrderId: o.id, workOrderNumber: o.number, ...extra });

export const workOrderService = {
  /** 派工: the ticket goes to a team (by default its zone's), optionally to a named technician. */
  async dispatch(ctx: Ctx, ticketId: string, body: Body<typeof DispatchBody>): Promise<z.infer<typeof DispatchResponse>> {
    return ctx.database.db.transaction().execute(async (tx) => {
      const now = nowIso();
      const t = await loadForAction(tx, ctx, ticketId, ACTION_PERMISSION.dispatch);
      const next = requireNext(stateOf(t), { action: 'dispatch' });
      const teamId = body.teamId ?? (t.zone_id ? (await ticketRepository.findZone(tx, t.zone_id))?.team_id : null);
      if (!teamId) {
        throw badField('team_required', 'body.teamId', '该位置没有对应的责任班组，请选择派工班组', 'No team is responsible for this place: choose the team to dispatch to');
      }
      const team = await checkAssignee(tx, t.project_id, teamId, body.technicianId);
      const number = await allocateNumber(tx, t.project_id, now);
      const order = newOrder(t, number, team.id, body.technicianId ?? null, body.note || null, ctx.actor.user.id, now);
      // The conditional update decides between two dispatchers: the second gets 409 and writes nothing.
      await saveTicketChange(tx, ctx, t, 'dispatch', {
        status: next.status, team_id: team.id, technician_id: order.technician_id, responded_at: t.responded_at ?? now,
      }, { type: 'dispatch', body: order.note, data: orderEvent(order, { teamId: team.id, teamName: team.name, technicianId: order.technician_id }) }, { action: 'dispatch' });
      await workOrderRepository.insert(tx, order);
      await recordAudit(tx, ctx, { action: 'work_order.create', entity: 'work_order', entityId: order.id, projectId: order.project_id, before: null, after: { number, ticketId: t.id, teamId: team.id, technicianId: order.technician_id } });
      await tellAssignee(tx, t, order, team.leaderId);
      return { workOrder: { id: order.id, number, teamId: team.id, status: 'issued' as const } };
    });
  },

  async accept(ctx: Ctx, id: string): Promise<WorkOrder> {
    const crew = await crewOf(ctx);
    await ctx.database.db.transaction().execute(async (tx) => {
      const { order, team, ticket } = await loadOrder(tx, ctx, crew, id, { teamMember: true });
      requireWorkOrderNext(order.status as WorkOrderStatus, 'accept');
      if (!mayWork('accept', order, team, crew.userId)) throw forbidden();
      const technicianId = order.technician_id ?? crew.userId;
      await saveOrderChange(tx, ctx, order, 'accept', { status: 'accepted', accepted_at: nowIso(), technician_id: technicianId });
      const event = { type: 'accept', data: orderEvent(order, { technicianId }) };
      if (ticket.technician_id !== technicianId) await saveTicketChange(tx, ctx, ticket, 'work_order', { technician_id: technicianId }, event);
      else await appendEvent(tx, ctx, ticket, event);
    });
    return this.get(ctx, id);
  },

  /** On site: the arrival time is recorded (the arrival target is met) and the ticket is in progress. */
  async start(ctx: Ctx, id: string, body: Body<typeof StartWorkBody>): Promise<WorkOrder> {
    const crew = await crewOf(ctx);
    await ctx.database.db.transaction().execute(async (tx) => {
      const now = nowIso();
      const { order, team, ticket } = await loadOrder(tx, ctx, crew, id);
      if (!mayWork('start', order, team, crew.userId)) throw forbidden();
      requireWorkOrderNext(order.status as WorkOrderStatus, 'start');
      const next = requireNext(stateOf(ticket), { action: 'start' });
      const arrivedAt = body.arrivedAt ? new Date(body.arrivedAt).toISOString() : now;
      if (arrivedAt > now || arrivedAt < order.issued_at) {
        throw badField('validation_failed', 'body.arrivedAt', '到场时间须在派工之后、不晚于现在', 'The arrival time must lie between the dispatch and now');
      }
      await saveOrderChange(tx, ctx, order, 'start', { status: 'working', arrived_at: arrivedAt, started_at: now });
      await saveTicketChange(tx, ctx, ticket, 'start', { status: next.status, arrived_at: ticket.arrived_at ?? arrivedAt }, { type: 'start', data: orderEvent(order, { arrivedAt }) }, { action: 'start' });
    });
    return this.get(ctx, id);
  },

  /** 完工: what was done, materials, labour and the charge of a paid repair; the ticket is resolved and its return visit falls due. */
  async finish(ctx: Ctx, id: string, body: Body<typeof FinishWorkBody>): Promise<WorkOrder> {
    const crew = await crewOf(ctx);
    await ctx.database.db.transaction().execute(async (tx) => {
      const now = nowIso();
      const { order, team, ticket } = await loadOrder(tx, ctx, crew, id);
      if (!mayWork('finish', order, team, crew.userId)) throw forbidden();
      requireWorkOrderNext(order.status as WorkOrderStatus, 'finish');
      const next = requireNext(stateOf(ticket), { action: 'work_done' });
      if (ticket.paid === 1 && body.chargeFen === undefined) {
        throw badField('charge_required', 'body.chargeFen', '有偿维修须填写收费金额（分）', 'A paid repair needs its charge (in fen)');
      }
      if (ticket.paid !== 1 && body.chargeFen !== undefined && body.chargeFen !== 0) {
        throw badField('charge_not_allowed', 'body.chargeFen', '无偿维修不能收费', 'A free repair carries no charge');
      }
      await saveOrderChange(tx, ctx, order, 'finish', {
        status: 'done', finished_at: now, work_done: body.workDone, materials: JSON.stringify(body.materials), labour_minutes: body.labourMinutes,
        charge_fen: ticket.paid === 1 ? body.chargeFen! : null,
      });
      const setup = await loadSlaSetup(tx, ticket.project_id);
      await saveTicketChange(tx, ctx, ticket, 'work_done', { status: next.status, ...resolvedPatch(ticket, setup, now) }, {
        type: 'work_done', body: body.workDone, data: orderEvent(order, { labourMinutes: body.labourMinutes, chargeFen: body.chargeFen ?? null, materials: body.materials }),
      }, { action: 'work_done' });
    });
    return this.get(ctx, id);
  },

  /** 退单: the order is handed back with a reason; the ticket waits for a new dispatch and its creator hears of it. */
  async returnOrder(ctx: Ctx, id: string, body: { reason: string }): Promise<WorkOrder> {
    const crew = await crewOf(ctx);
    await ctx.database.db.transaction().execute(async (tx) => {
      const { order, team, ticket } = await loadOrder(tx, ctx, crew, id);
      if (!mayWork('return', order, team, crew.userId)) throw forbidden();
      requireWorkOrderNext(order.status as WorkOrderStatus, 'return');
      const next = requireNext(stateOf(ticket), { action: 'work_returned' });
      await saveOrderChange(tx, ctx, order, 'return', { status: 'returned', return_reason: body.reason });
      await saveTicketChange(tx, ctx, ticket, 'work_returned', {
        status: next.status, status_before_hold: next.statusBeforeHold, team_id: null, technician_id: null,
      }, { type: 'work_returned', body: body.reason, data: orderEvent(order) }, { action: 'work_returned' });
      if (ticket.created_by) {
        await notify(tx, {
          userIds: [ticket.created_by], projectId: ticket.project_id, type: 'work_order.returned',
          title: { zh: `派工单 ${order.number} 被退回，工单 ${ticket.number} 待重新派工`, en: `Work order ${order.number} was returned: ticket ${ticket.number} needs a new dispatch` },
          body: { zh: body.reason, en: body.reason },
          link: `/tickets/${ticket.id}`,
        });
      }
    });
    return this.get(ctx, id);
  },

  /** 转单: this order ends as transferred and a new one is issued to the other team or technician, for the same ticket. */
  async transfer(ctx: Ctx, id: string, body: Body<typeof TransferWorkBody>): Promise<WorkOrder> {
    const crew = await crewOf(ctx);
    const assignProjects = ticketScope(ctx.actor.grants, ctx.actor.projects, 'work_orders.assign').projectIds;
    const newId_ = await ctx.database.db.transaction().execute(async (tx) => {
      const now = nowIso();
      const { order, team, ticket } = await loadOrder(tx, ctx, crew, id);
      if (!mayAssign(order, team, crew.userId, assignProjects)) throw forbidden();
      requireWorkOrderNext(order.status as WorkOrderStatus, 'transfer');
      if (!body.teamId && !body.technicianId) throw badField('validation_failed', 'body.teamId', '请选择转给的班组或维修人员', 'Name the team or the technician to transfer to');
      const teamId = body.teamId ?? order.team_id;
      const target = await checkAssignee(tx, order.project_id, teamId, body.technicianId);
      if (teamId === order.team_id && (body.technicianId ?? null) === order.technician_id) {
        throw badField('same_assignee', 'body.technicianId', '转单对象与原派工相同', 'The order is already with this team and technician');
      }
      const number = await allocateNumber(tx, order.project_id, now);
      const replacement = newOrder(ticket, number, teamId, body.technicianId ?? null, body.note || order.note, ctx.actor.user.id, now);
      await saveOrderChange(tx, ctx, order, 'transfer', { status: 'transferred' });
      await workOrderRepository.insert(tx, replacement);
      await recordAudit(tx, ctx, { action: 'work_order.create', entity: 'work_order', entityId: replacement.id, projectId: replacement.project_id, before: null, after: { number, ticketId: ticket.id, teamId, technicianId: replacement.technician_id, replaces: order.id } });
      await saveTicketChange(tx, ctx, ticket, 'work_order', { team_id: teamId, technician_id: replacement.technician_id }, {
        type: 'transfer_work', body: body.note || null, data: orderEvent(order, { toWorkOrderId: replacement.id, toWorkOrderNumber: number, teamId, teamName: target.name, technicianId: replacement.technician_id }),
      });
      await tellAssignee(tx, ticket, replacement, target.leaderId);
      return replacement.id;
    });
    // The new order may sit with a team the actor does not see (a leader handing work to another team): answer it anyway.
    return toWorkOrder((await workOrderRepository.findById(ctx.database.db, newId_))!);
  },

  /** The team leader names the technician of an issued order (the same order; nobody had accepted it yet). */
  async assign(ctx: Ctx, id: string, body: { technicianId: string }): Promise<WorkOrder> {
    const crew = await crewOf(ctx);
    const assignProjects = ticketScope(ctx.actor.grants, ctx.actor.projects, 'work_orders.assign').projectIds;
    await ctx.database.db.transaction().execute(async (tx) => {
      const { order, team, ticket } = await loadOrder(tx, ctx, crew, id);
      if (!mayAssign(order, team, crew.userId, assignProjects)) throw forbidden();
      requireWorkOrderNext(order.status as WorkOrderStatus, 'assign');
      await checkAssignee(tx, order.project_id, order.team_id, body.technicianId);
      if (order.technician_id === body.technicianId) throw badField('same_assignee', 'body.technicianId', '该维修人员已是此单的承接人', 'The technician already has this order');
      await saveOrderChange(tx, ctx, order, 'assign', { technician_id: body.technicianId });
      await saveTicketChange(tx, ctx, ticket, 'work_order', { technician_id: body.technicianId }, { type: 'assign', data: orderEvent(order, { technicianId: body.technicianId }) });
      await tellAssignee(tx, ticket, { ...order, technician_id: body.technicianId }, team.leaderId);
    });
    return this.get(ctx, id);
  },

  /** Work orders the actor may see; a technician gets his own (and his teams') whatever the filters say. */
  async list(ctx: Ctx, q: z.infer<typeof WorkOrderListQuery>): Promise<Page<WorkOrder>> {
    const status = q.status?.split(',');
    const unknown = status?.filter((s) => !WorkOrderStatusEnum.safeParse(s).success) ?? [];
    if (unknown.length > 0) throw fieldInvalid('query.status', { zh: `未知状态：${unknown.join('、')}`, en: `unknown status: ${unknown.join(', ')}` });
    const crew = await crewOf(ctx);
    const vis = workOrderVisibility(ctx.actor.grants, ctx.actor.projects);
    const { rows, total } = await workOrderRepository.list(ctx.database.db, {
      ...vis, ...crew, projectId: q.projectId, teamId: q.teamId, status, technicianId: q.technicianId === 'me' ? crew.userId : q.technicianId,
    }, q);
    return { items: rows.map(toWorkOrder), total, page: q.page, pageSize: q.pageSize };
  },

  async get(ctx: Ctx, id: string): Promise<WorkOrder> {
    const row = await workOrderRepository.findById(ctx.database.db, id);
    if (!row || !mayView(row, workOrderVisibility(ctx.actor.grants, ctx.actor.projects), await crewOf(ctx))) throw notFound(WORK_ORDER);
    return toWorkOrder(row);
  },

  /** The QR on the printed order opens it (for whoever may see it). */
  async byCode(ctx: Ctx, code: string): Promise<WorkOrder> {
    const row = await workOrderRepository.findByCode(ctx.database.db, code);
    if (!row || !mayView(row, workOrderVisibility(ctx.actor.grants, ctx.actor.projects), await crewOf(ctx))) throw notFound(WORK_ORDER);
    return toWorkOrder(row);
  },
};
