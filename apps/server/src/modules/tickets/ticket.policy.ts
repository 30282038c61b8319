/**
 * Pure rules of the service desk: readable numbers, business dates in the project's time zone,
 * who sees which tickets, what an intake and a return visit must carry.
 */
import type { CreateTicketBody, Permission, TicketKind, VisitOutcome } from '@propdesk/contracts';
import { TICKET_PREFIX } from '@propdesk/contracts';
import { AppError } from '../../http/errors.js';
import { grantsWith, inSubtree, type Grant } from '../auth/auth.policy.js';
import { localDateOf, localDayRange } from '../sla/sla.clock.js';

// ---------------------------------------------------------------- numbers and dates

/** The calendar date (YYYY-MM-DD) of an instant in the project's time zone. */
export function localDate(iso: string, timezone: string): string {
  return localDateOf(timezone, iso);
}

/** The instant the local day of `iso` ends (the next local midnight). */
export function endOfLocalDay(iso: string, timezone: string): string {
  return localDayRange(timezone, localDateOf(timezone, iso)).endIso;
}

/** "2026-11-29 19:41" in the project's zone (exports). */
export function localDateTime(iso: string | null, timezone: string): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat('sv-SE', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** BX-20261129-0007: kind prefix, the project's local date, a 4-digit sequence (more digits past 9999). */
export function ticketNumber(kind: TicketKind, date: string, seq: number): string {
  return `${TICKET_PREFIX[kind]}-${date.replaceAll('-', '')}-${String(seq).padStart(4, '0')}`;
}

/** PG-20261129-0003: 派工单 numbers, per project and day. */
export function workOrderNumber(date: string, seq: number): string {
  return `PG-${date.replaceAll('-', '')}-${String(seq).padStart(4, '0')}`;
}

/** Counter keys: one sequence per project, day and kind (tickets) or per project and day (work orders). */
export const counterKey = {
  ticket: (projectId: string, kind: TicketKind, date: string) => `ticket:${projectId}:${kind}:${date}`,
  workOrder: (projectId: string, date: string) => `work_order:${projectId}:${date}`,
};

/** Reversed phone digits: "ends with 1234" becomes an indexed prefix search. */
export function phoneRev(phone: string): string {
  return [...phone].reverse().join('');
}

/** A title when the receptionist typed none: the start of the description. */
export function titleFrom(description: string): string {
  const line = description.split('\n')[0]!.trim();
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

// ---------------------------------------------------------------- scope

/**
 * Which tickets an actor may touch with a permission: those of the projects the grants reach,
 * and those handed to a center the grants reach (联动: the receiving center sees the ticket too).
 * Centers are the third level of the tree (group → company → center): a grant at a center, or
 * above the center of a project the actor can see.
 */
export interface TicketScope {
  projectIds: string[];
  centerIds: string[];
}

export function ticketScope(grants: readonly Grant[], projects: readonly { id: string; path: string }[], permission: Permission): TicketScope {
  const roots = grantsWith(grants, permission).map((g) => g.path);
  const projectIds = projects.filter((p) => roots.some((r) => inSubtree(p.path, r))).map((p) => p.id);
  const centers = new Set<string>();
  for (const r of roots) {
    const segs = r.split('/').filter(Boolean);
    if (segs.length === 3) centers.add(segs[2]!);
  }
  for (const p of projects) {
    const segs = p.path.split('/').filter(Boolean);
    if (segs.length < 4) continue;
    const centerPath = `/${segs.slice(0, 3).join('/')}/`;
    if (roots.some((r) => inSubtree(centerPath, r))) centers.add(segs[2]!);
  }
  return { projectIds, centerIds: [...centers] };
}

export function inTicketScope(scope: TicketScope, t: { project_id: string; center_id: string }): boolean {
  return scope.projectIds.includes(t.project_id) || scope.centerIds.includes(t.center_id);
}

// ---------------------------------------------------------------- intake

interface Problem {
  path: string;
  message: string;
  messageZh: string;
}

const problem = (path: string, en: string, zh: string): Problem => ({ path, message: en, messageZh: zh });

/** Shape rules of an intake that need no database (the service checks the referenced rows). */
export function intakeProblems(b: CreateTicketBody): Problem[] {
  const out: Problem[] = [];
  if (b.unitId && b.location) out.push(problem('body.location', 'give a unit or a public-area location, not both', '房屋和公共区域位置只能填一个'));
  if (b.unitId && b.zoneId) out.push(problem('body.zoneId', 'the zone follows from the unit\'s building; choose a zone only for a public area', '责任区由房屋所在楼栋确定，仅公共区域需选择责任区'));
  if (b.kind === 'repair' && !b.unitId && !b.location) out.push(problem('body.unitId', 'a repair needs a unit or a public-area location', '报修需填写房屋或公共区域位置'));
  if (!b.requesterResidentId && !(b.requesterName && b.requesterPhone)) {
    out.push(problem(b.requesterName ? 'body.requesterPhone' : 'body.requesterResidentId', 'choose a known resident, or give a name and a phone number', '请选择住户，或填写报事人姓名和电话'));
  }
  if (b.major && b.kind !== 'complaint') out.push(problem('body.major', 'only a complaint can be major (重大)', '只有投诉可标记为重大'));
  if (b.answer !== undefined && b.kind !== 'consultation') out.push(problem('body.answer', 'only a consultation is answered at intake', '只有咨询可在受理时直接答复'));
  if (b.paid !== undefined && !(b.kind === 'repair' && b.unitId)) out.push(problem('body.paid', 'paid or free applies to repairs inside a unit', '有偿/无偿仅适用于户内报修'));
  if (b.appointmentTo && !b.appointmentFrom) out.push(problem('body.appointmentFrom', 'an appointment window needs its start', '预约时段需填写开始时间'));
  if (b.appointmentFrom && b.appointmentTo && Date.parse(b.appointmentTo) <= Date.parse(b.appointmentFrom)) {
    out.push(problem('body.appointmentTo', 'the appointment must end after it starts', '预约结束时间须晚于开始时间'));
  }
  return out;
}

/** 400 listing every problem at once (the form shows them beside their fields). */
export function invalidInput(problems: Problem[]) {
  return new AppError(400, 'validation_failed', {
    zh: `输入有误：${problems.map((p) => p.messageZh).join('；')}`,
    en: `Invalid input: ${problems.map((p) => p.message).join('; ')}`,
  }, problems);
}

// ---------------------------------------------------------------- return visits

export function visitProblems(kind: TicketKind, b: { outcome: VisitOutcome; serviceRating?: number; technicianRating?: number; validComplaint?: { againstUserId?: string; againstTeamId?: string } }): Problem[] {
  const out: Problem[] = [];
  if (b.outcome === 'unreachable' && (b.serviceRating !== undefined || b.technicianRating !== undefined)) {
    out.push(problem('body.serviceRating', 'no rating when the resident could not be reached', '未联系上住户，不能评分'));
  }
  if (b.technicianRating !== undefined && kind !== 'repair') out.push(problem('body.technicianRating', 'only a repair has a technician to rate', '只有报修可评价维修人员'));
  if (b.validComplaint) {
    if (kind !== 'complaint') out.push(problem('body.validComplaint', 'only a complaint can be a valid complaint (有效投诉)', '只有投诉可认定为有效投诉'));
    if (!b.validComplaint.againstUserId && !b.validComplaint.againstTeamId) {
      out.push(problem('body.validComplaint.againstUserId', 'a valid complaint is against a staff member or a team', '有效投诉须指明被投诉的员工或班组'));
    }
  }
  return out;
}

// ---------------------------------------------------------------- SLA

export interface SlaTimes {
  status: string;
  response_due_at: string | null;
  arrival_due_at: string | null;
  resolution_due_at: string | null;
  responded_at: string | null;
  arrived_at: string | null;
  resolved_at: string | null;
}

/** Statuses in which a missed target counts (on hold the clocks are paused: their due times are null). */
export const SLA_RUNNING_STATUSES = ['new', 'dispatched', 'in_progress', 'reopened'] as const;

/** A target is missed when its due time has passed and it was not met; only while the ticket is open. */
export function isOverdue(t: SlaTimes, nowIso: string): boolean {
  if (!(SLA_RUNNING_STATUSES as readonly string[]).includes(t.status)) return false;
  return (
    (t.response_due_at !== null && t.responded_at === null && t.response_due_at < nowIso) ||
    (t.arrival_due_at !== null && t.arrived_at === null && t.arrival_due_at < nowIso) ||
    (t.resolution_due_at !== null && t.resolved_at === null && t.resolution_due_at < nowIso)
  );
}
