/**
 * Pure: the workflow of a ticket, per kind. States, the actions that move between them, and the
 * permission that may fire each action. No database, no clock: the service asks "may this
 * happen now, and where does it lead?" and writes the answer with a conditional update.
 *
 *   new 待处理 → dispatched 已派工 → in_progress 处理中 → resolved 已完成 → visited 已回访 → closed 已关闭
 *   on_hold 挂起 (back to where it was on resume) · cancelled 已取消 · reopened 重新打开 (resident not satisfied)
 */
import type { Permission, TicketKind, TicketStatus, VisitOutcome } from '@propdesk/contracts';
import { AppError } from '../../http/errors.js';

/**
 * What can happen to a ticket. Staff fire most of them; three are fired by its work order:
 * `start` (the technician arrives), `work_done` (the order is finished) and `work_returned`
 * (退单: the order is handed back, the ticket waits for a new dispatch).
 */
export const TICKET_ACTIONS = [
  'dispatch', 'start', 'work_done', 'work_returned', 'hold', 'resume', 'resolve', 'visit', 'reopen', 'cancel', 'close', 'transfer', 'comment',
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

/** Actions a person fires on the ticket itself (the detail page's buttons). */
export const STAFF_ACTIONS: readonly TicketAction[] = ['dispatch', 'hold', 'resume', 'resolve', 'visit', 'reopen', 'cancel', 'close', 'transfer', 'comment'];

/** Who may fire each action (checked in the ticket's project, or its current center after a transfer). */
export const ACTION_PERMISSION: Record<TicketAction, Permission> = {
  dispatch: 'tickets.dispatch',
  start: 'work_orders.work',
  work_done: 'work_orders.work',
  work_returned: 'work_orders.work',
  hold: 'tickets.handle',
  resume: 'tickets.handle',
  resolve: 'tickets.handle',
  reopen: 'tickets.handle',
  comment: 'tickets.handle',
  visit: 'tickets.visit',
  cancel: 'tickets.close',
  close: 'tickets.close',
  transfer: 'tickets.transfer',
};
/** Taking a request in is not a transition, but it has its permission too. */
export const INTAKE_PERMISSION: Permission = 'tickets.create';

/** Kinds worked through a work order (派工单): repairs, and requests for help. */
export const DISPATCH_KINDS: readonly TicketKind[] = ['repair', 'help'];
/** Kinds that get a return visit (回访) once resolved. */
export const VISIT_KINDS: readonly TicketKind[] = ['repair', 'complaint'];
/** Kinds staff resolve by hand (a repair is resolved by finishing its work order). */
export const STAFF_RESOLVE_KINDS: readonly TicketKind[] = ['complaint', 'consultation', 'suggestion', 'help', 'praise'];

export const needsDispatch = (kind: TicketKind) => DISPATCH_KINDS.includes(kind);
export const needsVisit = (kind: TicketKind) => VISIT_KINDS.includes(kind);

/** States the ticket can never leave. */
export const FINAL_STATUSES: readonly TicketStatus[] = ['closed', 'cancelled'];
/** States in which someone still has work to do (SLA clocks and escalations apply). */
export const ACTIVE_STATUSES: readonly TicketStatus[] = ['new', 'dispatched', 'in_progress', 'on_hold', 'reopened'];

export interface TicketState {
  kind: TicketKind;
  status: TicketStatus;
  /** While on hold: where resume goes back to. */
  statusBeforeHold: TicketStatus | null;
  /** Reopened at least once: a returned work order sends it back to `reopened`, not `new`. */
  reopenCount: number;
}

export type TicketEvent =
  | { action: Exclude<TicketAction, 'visit'> }
  | { action: 'visit'; outcome: VisitOutcome; /** this attempt's number, 1-based */ attempt: number; maxAttempts: number };

export interface TicketNext {
  status: TicketStatus;
  statusBeforeHold: TicketStatus | null;
}

/** The states each action may start from, for a kind (work_returned from on_hold is special-cased). */
function allowedFrom(kind: TicketKind, action: TicketAction): readonly TicketStatus[] {
  const dispatchable = needsDispatch(kind);
  const visited = needsVisit(kind);
  switch (action) {
    case 'dispatch':
      return dispatchable ? ['new', 'reopened'] : [];
    case 'start':
      return dispatchable ? ['dispatched'] : [];
    case 'work_done':
      return dispatchable ? ['in_progress'] : [];
    case 'work_returned':
      return dispatchable ? ['dispatched', 'in_progress'] : [];
    case 'hold':
      return ['new', 'dispatched', 'in_progress', 'reopened'];
    case 'resume':
      return ['on_hold'];
    case 'resolve':
      return STAFF_RESOLVE_KINDS.includes(kind) ? ['new', 'reopened'] : [];
    case 'visit':
      return visited ? ['resolved'] : [];
    case 'reopen':
      return visited ? ['resolved', 'visited'] : ['resolved'];
    case 'cancel':
      return ['new', 'dispatched', 'on_hold', 'reopened'];
    case 'close':
      return visited ? ['visited'] : ['resolved'];
    case 'transfer':
      return ['new', 'dispatched', 'in_progress', 'on_hold', 'resolved', 'visited', 'reopened'];
    case 'comment':
      return ['new', 'dispatched', 'in_progress', 'on_hold', 'resolved', 'visited', 'reopened', 'cancelled'];
  }
}

/** Where a return visit leads: satisfied → visited; unsatisfied → reopened; unreachable → retry, until the last attempt. */
export function visitResult(outcome: VisitOutcome, attempt: number, maxAttempts: number): { status: TicketStatus; satisfaction: VisitOutcome | null } {
  switch (outcome) {
    case 'satisfied':
    case 'basically_satisfied':
      return { status: 'visited', satisfaction: outcome };
    case 'unsatisfied':
      return { status: 'reopened', satisfaction: 'unsatisfied' };
    case 'unreachable':
      return attempt >= maxAttempts ? { status: 'visited', satisfaction: 'unreachable' } : { status: 'resolved', satisfaction: null };
  }
}

/** The state after `event`, or null when the current state does not allow it. */
export function nextState(s: TicketState, e: TicketEvent): TicketNext | null {
  // 退单 while the ticket is on hold: it stays on hold, and resumes to "waiting for dispatch".
  if (e.action === 'work_returned' && s.status === 'on_hold') {
    if (!needsDispatch(s.kind) || (s.statusBeforeHold !== 'dispatched' && s.statusBeforeHold !== 'in_progress')) return null;
    return { status: 'on_hold', statusBeforeHold: s.reopenCount > 0 ? 'reopened' : 'new' };
  }
  if (!allowedFrom(s.kind, e.action).includes(s.status)) return null;
  const keep = { status: s.status, statusBeforeHold: s.statusBeforeHold };
  switch (e.action) {
    case 'dispatch':
      return { status: 'dispatched', statusBeforeHold: null };
    case 'start':
      return { status: 'in_progress', statusBeforeHold: null };
    case 'work_done':
    case 'resolve':
      return { status: 'resolved', statusBeforeHold: null };
    case 'work_returned':
      return { status: s.reopenCount > 0 ? 'reopened' : 'new', statusBeforeHold: null };
    case 'hold':
      return { status: 'on_hold', statusBeforeHold: s.status };
    case 'resume':
      return s.statusBeforeHold ? { status: s.statusBeforeHold, statusBeforeHold: null } : null;
    case 'visit':
      return { status: visitResult(e.outcome, e.attempt, e.maxAttempts).status, statusBeforeHold: null };
    case 'reopen':
      return { status: 'reopened', statusBeforeHold: null };
    case 'cancel':
      return { status: 'cancelled', statusBeforeHold: null };
    case 'close':
      return { status: 'closed', statusBeforeHold: null };
    case 'transfer':
    case 'comment':
      return keep;
  }
}

/** May `action` happen now (any outcome, for visits)? Drives the buttons. */
export function mayFire(s: TicketState, action: TicketAction): boolean {
  const e: TicketEvent = action === 'visit' ? { action, outcome: 'satisfied', attempt: 1, maxAttempts: 1 } : { action };
  return nextState(s, e) !== null;
}

/** The status a new ticket starts in: a consultation answered on the spot is resolved at intake. */
export function initialStatus(kind: TicketKind, answeredAtIntake: boolean): TicketStatus {
  return kind === 'consultation' && answeredAtIntake ? 'resolved' : 'new';
}

const STATUS_ZH: Record<TicketStatus, string> = {
  new: '待处理', dispatched: '已派工', in_progress: '处理中', on_hold: '挂起', resolved: '已完成', visited: '已回访', closed: '已关闭', cancelled: '已取消', reopened: '重新打开',
};
const ACTION_ZH: Record<TicketAction, string> = {
  dispatch: '派工', start: '开始处理', work_done: '完工', work_returned: '退单', hold: '挂起', resume: '恢复', resolve: '办结', visit: '回访',
  reopen: '重新打开', cancel: '取消', close: '关闭', transfer: '联动转出', comment: '备注',
};

/** 409 {"error":"invalid_transition"} with the state and the refused action. */
export function invalidTransition(from: string, action: string, actionZh = ACTION_ZH[action as TicketAction] ?? action, fromZh = STATUS_ZH[from as TicketStatus] ?? from) {
  return new AppError(409, 'invalid_transition', {
    zh: `工单当前状态为“${fromZh}”，不能执行“${actionZh}”`,
    en: `A ticket that is ${from.replace('_', ' ')} cannot be given the action "${action}"`,
  }, { from, action });
}

/** The next state, or a 409 invalid_transition. */
export function requireNext(s: TicketState, e: TicketEvent): TicketNext {
  const next = nextState(s, e);
  if (!next) throw invalidTransition(s.status, e.action);
  return next;
}
