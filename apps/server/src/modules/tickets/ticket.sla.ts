/**
 * Pure: what the ticket's SLA columns become when it goes on hold, resumes, is resolved or
 * reopened. The clock math itself is the SLA module's (working minutes on the project calendar,
 * or plain minutes).
 *
 * Due times stay on the ticket once met (the met instant is in responded_at / arrived_at /
 * resolved_at), so the detail page and the reports can compare them. While on hold the due times
 * of the unmet targets are null and the clock minutes left on each are kept in sla_remaining.
 */
import type { TicketsTable } from '../../db/schema.js';
import { addClockMinutes, dueAfterResume, remainingOnHold, type ClockKind, type WorkCalendar } from '../sla/sla.clock.js';

type Target = 'response' | 'arrival' | 'resolution';
const TARGETS: { target: Target; due: 'response_due_at' | 'arrival_due_at' | 'resolution_due_at'; met: 'responded_at' | 'arrived_at' | 'resolved_at' }[] = [
  { target: 'response', due: 'response_due_at', met: 'responded_at' },
  { target: 'arrival', due: 'arrival_due_at', met: 'arrived_at' },
  { target: 'resolution', due: 'resolution_due_at', met: 'resolved_at' },
];

type ClockColumns = Pick<TicketsTable, 'sla_clock' | 'sla_remaining' | 'response_due_at' | 'arrival_due_at' | 'resolution_due_at' | 'responded_at' | 'arrived_at' | 'resolved_at'>;
type DuePatch = Partial<Pick<TicketsTable, 'sla_remaining' | 'response_due_at' | 'arrival_due_at' | 'resolution_due_at'>>;

const clockOf = (t: ClockColumns): ClockKind => (t.sla_clock === 'working' ? 'working' : 'calendar');

/** Going on hold: each unmet target's clock minutes left (negative when already overdue) are kept, its due time cleared. */
export function pauseClocks(t: ClockColumns, cal: WorkCalendar, nowIso: string): DuePatch {
  const remaining: Partial<Record<Target, number>> = {};
  const patch: DuePatch = {};
  for (const { target, due, met } of TARGETS) {
    const dueAt = t[due];
    if (dueAt === null || t[met] !== null) continue;
    remaining[target] = remainingOnHold(clockOf(t), cal, nowIso, dueAt);
    patch[due] = null;
  }
  patch.sla_remaining = Object.keys(remaining).length > 0 ? JSON.stringify(remaining) : null;
  return patch;
}

/** Resuming: the kept minutes count again from now. */
export function resumeClocks(t: ClockColumns, cal: WorkCalendar, nowIso: string): DuePatch {
  const patch: DuePatch = { sla_remaining: null };
  if (!t.sla_remaining) return patch;
  const remaining = JSON.parse(t.sla_remaining) as Partial<Record<Target, number>>;
  for (const { target, due } of TARGETS) {
    const minutes = remaining[target];
    if (typeof minutes === 'number') patch[due] = dueAfterResume(clockOf(t), cal, nowIso, minutes);
  }
  return patch;
}

/** When the return visit is due: the project's visit window in working time after resolution. */
export function visitDueAt(cal: WorkCalendar, resolvedIso: string, visitDueMinutes: number): string {
  return addClockMinutes('working', cal, resolvedIso, visitDueMinutes);
}
