/**
 * Pure SLA clock math on a project's working calendar. STUB — being written: the signatures
 * are the contract other modules code against.
 */
import type { WorkingHours } from '@propdesk/contracts';

export type ClockKind = 'working' | 'calendar';

export interface WorkCalendar {
  /** IANA zone of the project, e.g. Asia/Shanghai. */
  timezone: string;
  /** Working periods per weekday ("0" = Sunday), local "HH:MM" pairs. */
  workingHours: WorkingHours;
  /** Date overrides: PRC public holidays on weekdays, make-up workdays (调休) on weekends. */
  days: ReadonlyMap<string, 'holiday' | 'workday'>;
}

/** The instant `minutes` of clock time after `startIso` (working minutes on the calendar, or plain minutes). */
export function addClockMinutes(clock: ClockKind, cal: WorkCalendar, startIso: string, minutes: number): string {
  if (clock === 'calendar') return new Date(Date.parse(startIso) + minutes * 60_000).toISOString();
  throw new Error('working-time clock not implemented yet');
}

/** Clock minutes between two instants (0 when `toIso` is not after `fromIso`). */
export function clockMinutesBetween(clock: ClockKind, cal: WorkCalendar, fromIso: string, toIso: string): number {
  if (clock === 'calendar') return Math.max(0, Math.floor((Date.parse(toIso) - Date.parse(fromIso)) / 60_000));
  throw new Error('working-time clock not implemented yet');
}
