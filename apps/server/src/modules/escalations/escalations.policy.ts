/**
 * Pure escalation rules: which escalations a ticket has earned at a given instant.
 *
 * The rule (one per SLA target — response, arrival, resolution — each judged on its own):
 *   - warning: once the share of the target used reaches the policy's warnPercent (default 80 %)
 *     → level 1, the reception supervisor;
 *   - breach: once the due instant has come (now ≥ due) → level 2, the center director.
 * The two conditions are evaluated independently and a breach also satisfies the warning
 * condition (100 % ≥ warnPercent), so a ticket that jumps straight past its due time (a target
 * shorter than the scan interval, or the job was down) records both: the supervisor, who acts
 * on it, is never skipped. Each (target, reason, level) is recorded at most once per ticket and
 * cycle (a reopened ticket's new due times start a new cycle: see escalations.scan.ts).
 *
 * Nothing escalates when the target is met (responded_at / arrived_at / resolved_at set), when
 * its due time is null (on hold: the clock is paused), or when the ticket is not open
 * (resolved, visited, closed, cancelled, on hold).
 *
 * The warning instant is the SLA clock's warningAt: (100 − warnPercent) % of the target's length
 * (clock minutes from the SLA policy) before the due instant, counted backwards on the same clock
 * (working minutes on the project calendar, or plain minutes). Measuring back from the due time
 * stays right after holds and reopenings, which move the due time but not the creation time.
 */
import type { SlaTarget } from '@propdesk/contracts';
import { warningAt, type ClockKind, type WorkCalendar } from '../sla/sla.clock.js';

export type EscalationLevel = 1 | 2;

/** The statuses in which SLA targets can still be missed. */
export const ESCALATING_STATUSES = ['new', 'dispatched', 'in_progress', 'reopened'] as const;

export const SLA_TARGETS: readonly SlaTarget[] = ['response', 'arrival', 'resolution'];

export interface TicketSlaState {
  status: string;
  clock: ClockKind;
  /** Due instant of each target; null: no such target, or paused while on hold. */
  dueAt: Record<SlaTarget, string | null>;
  /** When each target was met; null: not yet. */
  metAt: Record<SlaTarget, string | null>;
  /** Length of each target in clock minutes (from the SLA policy); null: none. */
  lengthMinutes: Record<SlaTarget, number | null>;
}

export interface DueEscalation {
  level: EscalationLevel;
  target: SlaTarget;
  reason: 'warning' | 'breach';
  dueAt: string;
}

/** The recipients' role for each level. */
export const LEVEL_ROLE: Record<EscalationLevel, string> = { 1: 'reception_supervisor', 2: 'center_director' };

export function isEscalating(status: string): boolean {
  return (ESCALATING_STATUSES as readonly string[]).includes(status);
}

/** Has the warning share (e.g. 80 %) of the target been used at `nowIso`? Exact to the millisecond. */
export function warningReached(clock: ClockKind, cal: WorkCalendar, lengthMinutes: number, dueIso: string, nowIso: string, warnPercent: number): boolean {
  return Date.parse(nowIso) >= Date.parse(warningAt(clock, cal, dueIso, lengthMinutes, warnPercent));
}

/** The escalations a ticket has earned by `nowIso` (whether or not already recorded), level 1 before level 2. */
export function escalationsDue(t: TicketSlaState, cal: WorkCalendar, warnPercent: number, nowIso: string): DueEscalation[] {
  if (!isEscalating(t.status)) return [];
  const now = Date.parse(nowIso);
  const out: DueEscalation[] = [];
  for (const target of SLA_TARGETS) {
    const due = t.dueAt[target];
    if (!due || t.metAt[target]) continue;
    const breached = now >= Date.parse(due);
    const length = t.lengthMinutes[target];
    if (breached || (length !== null && length > 0 && warningReached(t.clock, cal, length, due, nowIso, warnPercent))) {
      out.push({ level: 1, target, reason: 'warning', dueAt: due });
    }
    if (breached) out.push({ level: 2, target, reason: 'breach', dueAt: due });
  }
  return out;
}

/** A key for "this escalation of this ticket" within one cycle, as the unique constraint sees it (with ticket and cycle). */
export function escalationKey(e: { target: string; reason: string; level: number }): string {
  return `${e.target}:${e.reason}:${e.level}`;
}
