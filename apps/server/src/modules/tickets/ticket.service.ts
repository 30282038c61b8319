/**
 * Tickets: reading (list, queues and their counts, export, detail with timeline, the return-visit
 * queue) and the one way every use case writes a change (conditional update + timeline + audit).
 * Intake is in ticket.intake.ts, staff transitions in ticket.transitions.ts, work orders in
 * ../work-orders.
 */
import { holdsAtRoot } from '../auth/auth.policy.js';
import type {
  Page, Ticket, TicketEvent as TicketEventDto, TicketExportQuery, TicketListQuery, TicketQueue, TicketStatus, TicketSummary, VisitQueueItem,
} from '@propdesk/contracts';
import { TicketStatus as TicketStatusEnum } from '@propdesk/contracts';
import type { Tx } from '../../db/database.js';
import type { TicketEventsTable, TicketsTable } from '../../db/schema.js';
import type { Ctx } from '../../http/context.js';
import { badRequest, conflict, fieldInvalid, forbidden, notFound, type Localized } from '../../http/errors.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { buildWorkbook, type XlsxColumn } from '../../lib/xlsx.js';
import type { Permission } from '@propdesk/contracts';
import { recordAudit } from '../audit/audit.service.js';
import { DEFAULT_TIMEZONE, loadSlaSetup } from '../sla/sla.service.js';
import { workOrderRepository } from '../work-orders/work-order.repository.js';
import { toWorkOrder, unitLabel } from '../work-orders/work-order.view.js';
import { CHANNEL_LABELS, KIND_LABELS, label, OUTCOME_LABELS, PRIORITY_LABELS, STATUS_LABELS } from './ticket.labels.js';
import { endOfLocalDay, inTicketScope, isOverdue, localDateTime, ticketScope, type TicketScope } from './ticket.policy.js';
import { ticketRepository, type TicketFilter, type TicketSummaryRow } from './ticket.repository.js';
import { ACTION_PERMISSION, invalidTransition, mayFire, nextState, STAFF_ACTIONS, type TicketAction, type TicketEvent, type TicketState } from './ticket.state.js';

export const TICKET: Localized = { zh: '工单', en: 'ticket' };
/** An export holds at most this many rows; beyond it the filters are too wide. */
export const EXPORT_MAX_ROWS = 50_000;
const QUEUES: TicketQueue[] = ['mine', 'unassigned', 'overdue', 'due_today', 'awaiting_visit', 'escalated'];

// ---------------------------------------------------------------- shapes

/**
 * Scopes computed once per grants and project list (both are shared between requests while the
 * sign-in and project caches hold them, and never changed in place): a list or an intake asks for
 * the same scope several times, and each time walked every project.
 */
const scopes = new WeakMap<readonly unknown[], WeakMap<readonly unknown[], Map<Permission, TicketScope>>>();

export function scopeOf(ctx: Ctx, permission: Permission): TicketScope {
  const { grants, projects } = ctx.actor;
  let byProjects = scopes.get(grants);
  if (!byProjects) scopes.set(grants, (byProjects = new WeakMap()));
  let byPermission = byProjects.get(projects);
  if (!byPermission) byProjects.set(projects, (byPermission = new Map()));
  let scope = byPermission.get(permission);
  if (!scope) {
    const s = ticketScope(grants, projects, permission);
    scope = Object.freeze({ projectIds: Object.freeze(s.projectIds), centerIds: Object.freeze(s.centerIds) }) as TicketScope;
    byPermission.set(permission, scope);
  }
  return scope;
}

export function stateOf(t: Pick<TicketsTable, 'kind' | 'status' | 'status_before_hold' | 'reopen_count'>): TicketState {
  return {
    kind: t.kind as TicketState['kind'],
    status: t.status as TicketStatus,
    statusBeforeHold: t.status_before_hold as TicketStatus | null,
    reopenCount: t.reopen_count,
  };
}

export function toSummary(r: TicketSummaryRow, now: string): TicketSummary {
  return {
    id: r.id,
    projectId: r.project_id,
    projectName: r.project_name,
    number: r.number,
    kind: r.kind as TicketSummary['kind'],
    channel: r.channel as TicketSummary['channel'],
    status: r.status as TicketStatus,
    priority: r.priority as TicketSummary['priority'],
    major: r.major === 1,
    title: r.title,
    categoryId: r.category_id,
    categoryName: r.category_name,
    unitId: r.unit_id,
    unitLabel: unitLabel(r.building_name, r.unit_number),
    location: r.location,
    requesterName: r.requester_name,
    requesterPhone: r.requester_phone,
    teamId: r.team_id,
    teamName: r.team_name,
    technicianId: r.technician_id,
    technicianName: r.technician_name,
    assigneeId: r.assignee_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    dueAt: { response: r.response_due_at, arrival: r.arrival_due_at, resolution: r.resolution_due_at },
    overdue: isOverdue(r, now),
    escalationLevel: r.escalation_level,
    satisfaction: r.satisfaction as TicketSummary['satisfaction'],
    visitDueAt: r.visit_due_at,
    version: r.version,
  };
}

function toEvent(e: TicketEventsTable): TicketEventDto {
  return {
    id: e.id,
    at: e.at,
    actorId: e.actor_id,
    actorName: e.actor_name,
    type: e.type,
    fromStatus: e.from_status,
    toStatus: e.to_status,
    body: e.body,
    data: e.data ? JSON.parse(e.data) : null,
    internal: e.internal === 1,
  };
}

// ---------------------------------------------------------------- writing a change

export interface EventInput {
  type: string;
  body?: string | null;
  data?: unknown;
  /** false: a reply the resident sees. */
  internal?: boolean;
}

/**
 * Timeline entries are ordered by (at, id). Several entries of one action share the millisecond,
 * so this process hands out event ids that only ever grow: they keep the order they were written in.
 */
let lastEventId = '';
function eventId(at: string): string {
  let id = newId(Date.parse(at));
  if (id <= lastEventId) id = newId(parseInt(lastEventId.slice(0, 9), 36) + 1);
  lastEventId = id;
  return id;
}

/**
 * Who writes a change: a person (a request's Ctx), or a background job — actor null, which the
 * timeline shows as 系统 / System and the audit log records without a user.
 */
export type Writer = Pick<Ctx, 'actor' | 'ip'> | { actor: null; ip: null };
/** The writer of background jobs (e.g. a hold resumed when its time comes). */
export const SYSTEM: Writer = { actor: null, ip: null };

/** Appends one entry to the ticket's timeline, in the caller's transaction. */
export async function appendEvent(tx: Tx, ctx: Writer, t: Pick<TicketsTable, 'id' | 'project_id'>, e: EventInput & { from?: string | null; to?: string | null }, at = nowIso()) {
  await ticketRepository.insertEvent(tx, {
    id: eventId(at),
    ticket_id: t.id,
    project_id: t.project_id,
    at,
    actor_id: ctx.actor?.user.id ?? null,
    actor_name: ctx.actor?.user.displayName ?? null,
    type: e.type,
    from_status: e.from ?? null,
    to_status: e.to ?? null,
    body: e.body ?? null,
    data: e.data === undefined ? null : JSON.stringify(e.data),
    internal: e.internal === false ? 0 : 1,
  });
}

const camel = (k: string) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
function auditShape(row: Partial<TicketsTable>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [camel(k), (row as Record<string, unknown>)[k] ?? null]));
}

export const changedByOthers = () =>
  conflict('conflict', { zh: '工单已被他人修改，请刷新后重试', en: 'The ticket was changed by someone else: reload it and try again' });

/**
 * The one way a ticket changes: `update … where version = ?`, then its timeline entry and the
 * audit record, all in the caller's transaction. When someone else changed it first: 409
 * invalid_transition if the action no longer fits the new state, else 409 conflict.
 */
export async function saveTicketChange(
  tx: Tx,
  ctx: Writer,
  before: TicketsTable,
  action: TicketAction | 'work_order',
  patch: Partial<TicketsTable>,
  event: EventInput,
  check?: TicketEvent,
): Promise<TicketsTable> {
  const now = nowIso();
  const full: Partial<TicketsTable> = { ...patch, updated_at: now };
  if (!(await ticketRepository.updateIfVersion(tx, before.id, before.version, full))) {
    const fresh = await ticketRepository.findRaw(tx, before.id);
    if (!fresh) throw notFound(TICKET);
    if (check && nextState(stateOf(fresh), check) === null) throw invalidTransition(fresh.status, check.action);
    throw changedByOthers();
  }
  const after: TicketsTable = { ...before, ...full, version: before.version + 1 };
  await appendEvent(tx, ctx, before, { ...event, from: before.status, to: after.status }, now);
  const keys = Object.keys(patch);
  await recordAudit(tx, ctx, { action: `ticket.${action}`, entity: 'ticket', entityId: before.id, projectId: before.project_id, before: auditShape(before, keys), after: auditShape(after, keys) });
  return after;
}

/**
 * A ticket for a staff action, read in the transaction: 404 when the actor cannot see it, 403
 * when she can see it but not act (the route already checked she holds the permission somewhere).
 */
export async function loadForAction(tx: Tx, ctx: Ctx, id: string, permission: Permission): Promise<TicketsTable> {
  const t = await ticketRepository.findRaw(tx, id);
  if (!t || !inTicketScope(scopeOf(ctx, 'tickets.read'), t)) throw notFound(TICKET);
  if (!inTicketScope(scopeOf(ctx, permission), t)) throw forbidden();
  return t;
}

// ---------------------------------------------------------------- reading

type ListFilterInput = Omit<TicketListQuery, 'page' | 'pageSize' | 'sort'>;

/** `dueToday`: the filter will be used for queue=due_today, which needs the project's local day. */
async function filterOf(ctx: Ctx, q: ListFilterInput, dueToday = q.queue === 'due_today'): Promise<TicketFilter> {
  const status = q.status?.split(',');
  const unknown = status?.filter((s) => !TicketStatusEnum.safeParse(s).success) ?? [];
  if (unknown.length > 0) throw fieldInvalid('query.status', { zh: `未知状态：${unknown.join('、')}`, en: `unknown status: ${unknown.join(', ')}` });
  const now = nowIso();
  // Only the due-today queue reads the local day: other lists skip the query for the project's zone.
  const zone = dueToday && q.projectId ? ((await ticketRepository.projectTimezones(ctx.database.db, [q.projectId]))[0]?.timezone ?? DEFAULT_TIMEZONE) : DEFAULT_TIMEZONE;
  const me = ctx.actor.user.id;
  const scope = scopeOf(ctx, 'tickets.read');
  return {
    scope,
    // Held at the root of the tree, tickets.read reaches every ticket: a scope predicate would filter nothing.
    everyProject: holdsAtRoot(ctx.actor.grants, 'tickets.read'),
    projectId: q.projectId,
    status,
    kind: q.kind,
    channel: q.channel,
    priority: q.priority,
    unitId: q.unitId,
    teamId: q.teamId,
    assigneeId: q.assigneeId === 'me' ? me : q.assigneeId,
    technicianId: q.technicianId === 'me' ? me : q.technicianId,
    categoryId: q.categoryId,
    overdue: q.overdue,
    queue: q.queue,
    phoneRevPrefix: q.phoneTail ? [...q.phoneTail].reverse().join('') : undefined,
    satisfaction: q.satisfaction,
    createdFrom: q.createdFrom ? new Date(q.createdFrom).toISOString() : undefined,
    createdTo: q.createdTo ? new Date(q.createdTo).toISOString() : undefined,
    q: q.q || undefined,
    userId: me,
    now,
    endOfToday: endOfLocalDay(now, zone),
  };
}

const EXPORT_COLUMNS: XlsxColumn[] = [
  { key: 'number', zh: '工单号', en: 'Number', width: 20 },
  { key: 'kind', zh: '类型', en: 'Kind', width: 8 },
  { key: 'channel', zh: '来源', en: 'Channel', width: 8 },
  { key: 'status', zh: '状态', en: 'Status', width: 10 },
  { key: 'priority', zh: '优先级', en: 'Priority', width: 8 },
  { key: 'major', zh: '重大', en: 'Major', width: 6 },
  { key: 'project', zh: '项目', en: 'Project', width: 14 },
  { key: 'title', zh: '标题', en: 'Title', width: 30 },
  { key: 'category', zh: '分类', en: 'Category', width: 12 },
  { key: 'place', zh: '房屋/位置', en: 'Unit / location', width: 18 },
  { key: 'requester', zh: '报事人', en: 'Requester', width: 10 },
  { key: 'phone', zh: '电话', en: 'Phone', width: 14 },
  { key: 'team', zh: '班组', en: 'Team', width: 12 },
  { key: 'technician', zh: '维修人员', en: 'Technician', width: 10 },
  { key: 'createdAt', zh: '受理时间', en: 'Created', width: 17 },
  { key: 'resolutionDue', zh: '完成时限', en: 'Resolution due', width: 17 },
  { key: 'overdue', zh: '超时', en: 'Overdue', width: 6 },
  { key: 'satisfaction', zh: '回访结果', en: 'Satisfaction', width: 10 },
];

export const ticketService = {
  async list(ctx: Ctx, q: TicketListQuery): Promise<Page<TicketSummary>> {
    const f = await filterOf(ctx, q);
    const { rows, total } = await ticketRepository.list(ctx.database.db, f, q);
    return { items: rows.map((r) => toSummary(r, f.now)), total, page: q.page, pageSize: q.pageSize };
  },

  /** The menu badges: how many tickets wait in each queue. */
  async counts(ctx: Ctx, q: { projectId?: string }): Promise<Record<TicketQueue, number>> {
    const base = await filterOf(ctx, { projectId: q.projectId }, true);
    const out = {} as Record<TicketQueue, number>;
    for (const queue of QUEUES) out[queue] = await ticketRepository.count(ctx.database.db, { ...base, queue });
    return out;
  },

  async exportXlsx(ctx: Ctx, q: TicketExportQuery): Promise<Buffer> {
    const f = await filterOf(ctx, q);
    const total = await ticketRepository.count(ctx.database.db, f);
    if (total > EXPORT_MAX_ROWS) {
      throw badRequest('export_too_large', {
        zh: `符合条件的工单有 ${total} 条，超过单次导出上限 ${EXPORT_MAX_ROWS} 条，请缩小筛选范围（如按项目或日期）`,
        en: `${total} tickets match, more than the ${EXPORT_MAX_ROWS} one export may hold: narrow the filter (e.g. by project or dates)`,
      });
    }
    const rows = await ticketRepository.listAll(ctx.database.db, f, q.sort, EXPORT_MAX_ROWS);
    const zones = new Map((await ticketRepository.projectTimezones(ctx.database.db, [...new Set(rows.map((r) => r.project_id))])).map((z) => [z.id, z.timezone]));
    const lc = ctx.locale;
    const yes = lc === 'en' ? 'yes' : '是';
    const sheet = rows.map((r) => {
      const zone = zones.get(r.project_id) ?? DEFAULT_TIMEZONE;
      return {
        number: r.number,
        kind: label(KIND_LABELS, r.kind, lc),
        channel: label(CHANNEL_LABELS, r.channel, lc),
        status: label(STATUS_LABELS, r.status, lc),
        priority: label(PRIORITY_LABELS, r.priority, lc),
        major: r.major === 1 ? yes : '',
        project: r.project_name,
        title: r.title,
        category: r.category_name ?? '',
        place: unitLabel(r.building_name, r.unit_number) ?? r.location ?? '',
        requester: r.requester_name ?? '',
        phone: r.requester_phone ?? '',
        team: r.team_name ?? '',
        technician: r.technician_name ?? '',
        createdAt: localDateTime(r.created_at, zone),
        resolutionDue: localDateTime(r.resolution_due_at, zone),
        overdue: isOverdue(r, f.now) ? yes : '',
        satisfaction: label(OUTCOME_LABELS, r.satisfaction, lc),
      };
    });
    return buildWorkbook(lc === 'en' ? 'Tickets' : '工单', EXPORT_COLUMNS, sheet, lc);
  },

  async get(ctx: Ctx, id: string): Promise<Ticket> {
    const { db } = ctx.database;
    const row = await ticketRepository.findById(db, id);
    if (!row || !inTicketScope(scopeOf(ctx, 'tickets.read'), row)) throw notFound(TICKET);
    const [events, orders] = await Promise.all([ticketRepository.listEvents(db, id), workOrderRepository.listByTicket(db, id)]);
    const state = stateOf(row);
    const actions = STAFF_ACTIONS.filter((a) => mayFire(state, a) && inTicketScope(scopeOf(ctx, ACTION_PERMISSION[a]), row));
    return {
      ...toSummary(row, nowIso()),
      centerId: row.center_id,
      zoneId: row.zone_id,
      requesterResidentId: row.requester_resident_id,
      description: row.description,
      answer: row.answer,
      appointmentFrom: row.appointment_from,
      appointmentTo: row.appointment_to,
      paid: row.paid === null ? null : row.paid === 1,
      slaClock: row.sla_clock as Ticket['slaClock'],
      respondedAt: row.responded_at,
      arrivedAt: row.arrived_at,
      resolvedAt: row.resolved_at,
      closedAt: row.closed_at,
      holdReason: row.hold_reason,
      holdUntil: row.hold_until,
      cancelReason: row.cancel_reason,
      visitAttempts: row.visit_attempts,
      reopenCount: row.reopen_count,
      validComplaint: row.valid_complaint === 1,
      complaintAgainstUserId: row.complaint_against_user_id,
      complaintAgainstTeamId: row.complaint_against_team_id,
      complaintCategory: row.complaint_category,
      // "created" heads the timeline even when another module's entry (an escalation at intake) shares its millisecond.
      timeline: [...events.filter((e) => e.type === 'created'), ...events.filter((e) => e.type !== 'created')].map(toEvent),
      workOrders: orders.map(toWorkOrder),
      actions,
    };
  },

  /** Calls to make: resolved repairs and complaints, the visit due first, with what the call script quotes. */
  async visitQueue(ctx: Ctx, q: { projectId?: string; q?: string; page: number; pageSize: number }): Promise<Page<VisitQueueItem>> {
    const { db } = ctx.database;
    const now = nowIso();
    const { rows, total } = await ticketRepository.visitQueue(db, { scope: scopeOf(ctx, 'tickets.visit'), projectId: q.projectId, q: q.q || undefined, now }, q);
    const ids = rows.map((r) => r.id);
    const [done, visits] = await Promise.all([workOrderRepository.lastDoneByTickets(db, ids), ticketRepository.listReturnVisits(db, ids)]);
    const maxAttempts = new Map<string, number>();
    for (const projectId of new Set(rows.map((r) => r.project_id))) maxAttempts.set(projectId, (await loadSlaSetup(db, projectId)).visitMaxAttempts);
    const items = rows.map((r): VisitQueueItem => {
      const order = done.filter((w) => w.ticket_id === r.id).at(-1);
      const last = visits.filter((v) => v.ticket_id === r.id).at(-1);
      return {
        ...toSummary(r, now),
        kindLabel: label(KIND_LABELS, r.kind, ctx.locale),
        resolvedAt: r.resolved_at,
        visitAttempts: r.visit_attempts,
        visitMaxAttempts: maxAttempts.get(r.project_id)!,
        workDone: order?.work_done ?? null,
        finishedAt: order?.finished_at ?? null,
        technicianName: order?.technician_name ?? r.technician_name,
        lastVisit: last
          ? {
              id: last.id, ticketId: last.ticket_id, attempt: last.attempt, outcome: last.outcome as VisitQueueItem['satisfaction'] & string,
              serviceRating: last.service_rating, technicianRating: last.technician_rating, comment: last.comment, visitedBy: last.visited_by, at: last.at,
            }
          : null,
      };
    });
    return { items, total, page: q.page, pageSize: q.pageSize };
  },
};
