/** STUB — being written. The exported signatures are the contract the tickets module codes against. */
import type { Priority, SlaPolicy, TicketKind } from '@propdesk/contracts';
import type { Tx } from '../../db/database.js';
import { addClockMinutes, type ClockKind, type WorkCalendar } from './sla.clock.js';

export interface SlaSetup {
  calendar: WorkCalendar;
  visitDueMinutes: number;
  visitMaxAttempts: number;
  /** The project's policy for kind × priority, or the built-in default. */
  policyFor(kind: TicketKind, priority: Priority): SlaPolicy;
}

export interface DueTimes {
  clock: ClockKind;
  response: string;
  arrival: string | null;
  resolution: string;
}

/** Loads a project's SLA policies and working calendar (one or two queries). */
export async function loadSlaSetup(_db: Tx, projectId: string): Promise<SlaSetup> {
  const calendar: WorkCalendar = { timezone: 'Asia/Shanghai', workingHours: { 0: [], 1: [], 2: [], 3: [], 4: [], 5: [], 6: [] }, days: new Map() };
  return {
    calendar,
    visitDueMinutes: 1440,
    visitMaxAttempts: 3,
    policyFor: (kind, priority) => ({ projectId, kind, priority, responseMinutes: 30, arrivalMinutes: kind === 'repair' ? 120 : null, resolutionMinutes: 1440, clock: 'calendar', warnPercent: 80 }),
  };
}

/** Due instants of a new ticket's targets, counted from `fromIso`. */
export function computeDueTimes(setup: SlaSetup, kind: TicketKind, priority: Priority, fromIso: string): DueTimes {
  const p = setup.policyFor(kind, priority);
  return {
    clock: p.clock,
    response: addClockMinutes(p.clock, setup.calendar, fromIso, p.responseMinutes),
    arrival: p.arrivalMinutes === null ? null : addClockMinutes(p.clock, setup.calendar, fromIso, p.arrivalMinutes),
    resolution: addClockMinutes(p.clock, setup.calendar, fromIso, p.resolutionMinutes),
  };
}
