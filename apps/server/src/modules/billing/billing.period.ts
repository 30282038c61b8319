/**
 * Billing periods on the calendar: which months a bill line covers and when it falls due.
 *
 * The rule, for a billing month P ('YYYY-MM', the month the run is for) and a cycle of N months
 * (monthly 1, quarterly 3, half-yearly 6, yearly 12):
 * - cycles are anchored on January, so a cycle bills only when P's month is a cycle start:
 *   monthly every month; quarterly in Jan/Apr/Jul/Oct; half-yearly in Jan/Jul; yearly in Jan.
 *   No cycle ever spans two calendar years.
 * - in advance (预收): the line covers the N months starting with P (Apr run → Apr–Jun);
 *   in arrears (后收): the line covers the N months just ended before P (Apr run → Jan–Mar;
 *   a January run bills October–December of the previous year).
 * - the line falls due on the item's due day of P, or on P's last day when the month is shorter
 *   (due day 31 in February → 28/29 February).
 *
 * Dates are calendar dates 'YYYY-MM-DD' in the project's zone; day arithmetic runs on whole days
 * since 1970-01-01 (UTC, so no daylight-saving day is ever 23 or 25 hours).
 */
import type { BillingMode, Cycle } from '@propdesk/contracts';
import { assertInteger } from './billing.money.js';

export const CYCLE_MONTHS: Record<Cycle, number> = { monthly: 1, quarterly: 3, half_yearly: 6, yearly: 12 };

const DAY_MS = 86_400_000;

/** 'YYYY-MM' → year and month (1–12); throws on anything else. */
export function parsePeriod(period: string): { year: number; month: number } {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (!m) throw new RangeError(`not a billing period (YYYY-MM): "${period}"`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

export function formatPeriod(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** The period `n` months after (or before, n < 0) `period`: addMonths('2026-11', 3) = '2027-02'. */
export function addMonths(period: string, n: number): string {
  const { year, month } = parsePeriod(period);
  const index = year * 12 + (month - 1) + n;
  return formatPeriod(Math.floor(index / 12), (index % 12) + 1);
}

/** Whole months from `from` to `to` ('2026-11' → '2027-02' = 3). */
export function monthsBetween(from: string, to: string): number {
  const a = parsePeriod(from);
  const b = parsePeriod(to);
  return (b.year - a.year) * 12 + (b.month - a.month);
}

/** The period a calendar date falls in: '2026-03-15' → '2026-03'. */
export function periodOf(date: string): string {
  parseDate(date);
  return date.slice(0, 7);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parseDate(date: string): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const year = Number(m?.[1]);
  const month = Number(m?.[2]);
  const day = Number(m?.[3]);
  if (!m || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`not a calendar date (YYYY-MM-DD): "${date}"`);
  }
  return { year, month, day };
}

/** Whole days since 1970-01-01 of a calendar date. */
export function epochDay(date: string): number {
  const { year, month, day } = parseDate(date);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** The calendar date of a day number (inverse of epochDay). */
export function dateOfEpochDay(day: number): string {
  assertInteger('day', day);
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The calendar date `n` days after `date`. */
export function addDays(date: string, n: number): string {
  assertInteger('days', n);
  return dateOfEpochDay(epochDay(date) + n);
}

/** Days from `from` to `to`: '2026-03-15' → '2026-03-16' = 1 (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return epochDay(to) - epochDay(from);
}

/** Is `period` a cycle start, i.e. does an item with this cycle bill in this month? */
export function billsInPeriod(period: string, cycle: Cycle): boolean {
  return (parsePeriod(period).month - 1) % CYCLE_MONTHS[cycle] === 0;
}

/** The item's due day in a month, clamped to the month's last day. */
export function dueDateIn(period: string, dueDay: number): string {
  assertInteger('dueDay', dueDay, 1, 31);
  const { year, month } = parsePeriod(period);
  return `${period}-${String(Math.min(dueDay, daysInMonth(year, month))).padStart(2, '0')}`;
}

export interface BillLinePeriod {
  /** The billing month the line is issued in. */
  period: string;
  /** The months the line covers, oldest first ('YYYY-MM'). */
  months: string[];
  /** First and last calendar day covered. */
  coversFrom: string;
  coversTo: string;
  dueDate: string;
}

/**
 * What a bill line of an item with this cycle and mode covers when billed in `period`, and when it
 * falls due; null when the cycle does not bill in this period (e.g. quarterly in February).
 */
export function billLinePeriod(period: string, terms: { cycle: Cycle; mode: BillingMode; dueDay: number }): BillLinePeriod | null {
  if (!billsInPeriod(period, terms.cycle)) return null;
  const n = CYCLE_MONTHS[terms.cycle];
  const first = terms.mode === 'in_advance' ? period : addMonths(period, -n);
  const months = Array.from({ length: n }, (_, i) => addMonths(first, i));
  const last = parsePeriod(months[n - 1]!);
  return {
    period,
    months,
    coversFrom: `${first}-01`,
    coversTo: `${months[n - 1]}-${String(daysInMonth(last.year, last.month)).padStart(2, '0')}`,
    dueDate: dueDateIn(period, terms.dueDay),
  };
}

/** Is `period` after the month of `today` (a run for a future month is refused)? */
export function isFuturePeriod(period: string, today: string): boolean {
  parsePeriod(period);
  return period > periodOf(today);
}
