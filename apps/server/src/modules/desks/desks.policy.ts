/**
 * Pure rules of the front desk's duty roster: which opening hours a date has (weekday, weekend,
 * public holiday per the desk's rule, 调休 workdays worked as weekdays), the coverage check to the
 * minute (空岗: opening minutes with nobody on duty, shifts crossing midnight, covers (代岗) and
 * overdue returns), and the rest-day rule (no more than N days in a row).
 */
import type { DayType, DeskHours, HolidayRule } from '@propdesk/contracts';

const MIN_MS = 60_000;
const DAY_MS = 86_400_000;

export type Interval = readonly [number, number];

/** "HH:MM" → minutes of the day ("24:00" = 1440). */
export function clockMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

/**
 * The day type of a date: the project's calendar (PRC holidays and 调休, from the service desk's
 * working calendar) wins over the weekday; a 调休 workday on a weekend is worked as a weekday.
 */
export function dayTypeOf(date: string, calendarDays: ReadonlyMap<string, 'holiday' | 'workday'>): DayType {
  const override = calendarDays.get(date);
  if (override === 'holiday') return 'holiday';
  if (override === 'workday') return 'weekday';
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6 ? 'weekend' : 'weekday';
}

/** The hours a day type is open with, after the desk's public-holiday rule. */
export function hoursFor(hours: DeskHours, rule: HolidayRule, dayType: DayType): DeskHours['weekday'] {
  if (dayType !== 'holiday') return hours[dayType];
  return rule === 'own' ? hours.holiday : hours[rule];
}

/**
 * A date's open periods as instants. `dayStartMs` is the instant of the date's local midnight;
 * a period whose end is at or before its start runs past midnight into the next day.
 */
export function openIntervalsOn(periods: DeskHours['weekday'], dayStartMs: number): Interval[] {
  return periods.map(([a, b]) => {
    const s = clockMinutes(a);
    let e = clockMinutes(b);
    if (e <= s) e += 1440;
    return [dayStartMs + s * MIN_MS, dayStartMs + e * MIN_MS] as const;
  });
}

/** Sorted, merged intervals: no minute counted twice. */
export function mergeIntervals(list: readonly Interval[]): Interval[] {
  const sorted = list.filter(([a, b]) => b > a).map(([a, b]) => [a, b] as [number, number]).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const iv of sorted) {
    const last = out.at(-1);
    if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);
    else out.push(iv);
  }
  return out;
}

/** `a` minus `b` (both merged). */
export function subtractIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const [s0, e0] of a) {
    let s = s0;
    for (const [bs, be] of b) {
      if (be <= s || bs >= e0) continue;
      if (bs > s) out.push([s, bs]);
      s = Math.max(s, be);
      if (s >= e0) break;
    }
    if (s < e0) out.push([s, e0]);
  }
  return out;
}

const total = (list: readonly Interval[]) => list.reduce((n, [a, b]) => n + (b - a), 0);

export interface DutyShift {
  start: number;
  end: number;
  covers: readonly { from: number; to: number; returnedAt: number | null }[];
}

/**
 * The minutes someone is at the post. The shift's owner is there for the shift, except while away
 * on a cover: from the cover's start until she is back (returnedAt, or — not back yet — `now`,
 * and at least until the cover's planned end). The cover person is there from the cover's start to
 * its planned end. So a cover fills the absence, and an overdue return opens a gap after it.
 */
export function onDutyIntervals(shifts: readonly DutyShift[], now: number): Interval[] {
  const present: Interval[] = [];
  for (const sh of shifts) {
    const away: Interval[] = [];
    for (const c of sh.covers) {
      const back = c.returnedAt ?? Math.max(c.to, Math.min(now, sh.end));
      away.push([Math.max(c.from, sh.start), Math.min(Math.max(back, c.from), sh.end)]);
      present.push([Math.max(c.from, sh.start), Math.min(c.to, sh.end)]);
    }
    present.push(...subtractIntervals([[sh.start, sh.end]], mergeIntervals(away)));
  }
  return mergeIntervals(present);
}

export interface CoverageResult {
  gaps: { start: number; end: number; minutes: number }[];
  coveredMinutes: number;
  openMinutes: number;
}

/** The coverage check: every opening minute with nobody on duty (空岗), to the minute. */
export function computeCoverage(open: readonly Interval[], shifts: readonly DutyShift[], now: number): CoverageResult {
  const openMerged = mergeIntervals(open);
  const gaps = subtractIntervals(openMerged, onDutyIntervals(shifts, now));
  const openMs = total(openMerged);
  const gapMs = total(gaps);
  return {
    gaps: gaps.map(([start, end]) => ({ start, end, minutes: Math.round((end - start) / MIN_MS) })),
    coveredMinutes: Math.round((openMs - gapMs) / MIN_MS),
    openMinutes: Math.round(openMs / MIN_MS),
  };
}

/** Dates from..to inclusive (YYYY-MM-DD). */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

export const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

export interface RestRun {
  userId: string;
  from: string;
  to: string;
  days: number;
  suggestedRestDate: string;
}

/**
 * The rest-day rule: a person working more than `maxDays` calendar days in a row breaks it.
 * Each such run is reported once, with the day that should have been a rest day (the first day
 * past the limit) — the supervisor's proposal for the rest arrangement.
 */
export function restDayViolations(workDates: ReadonlyMap<string, readonly string[]>, maxDays: number): RestRun[] {
  const out: RestRun[] = [];
  for (const [userId, list] of workDates) {
    const dates = [...new Set(list)].sort();
    let runStart = 0;
    for (let i = 1; i <= dates.length; i++) {
      const continues = i < dates.length && dates[i] === addDays(dates[i - 1]!, 1);
      if (continues) continue;
      const days = i - runStart;
      if (days > maxDays) out.push({ userId, from: dates[runStart]!, to: dates[i - 1]!, days, suggestedRestDate: addDays(dates[runStart]!, maxDays) });
      runStart = i;
    }
  }
  return out.sort((a, b) => a.from.localeCompare(b.from) || a.userId.localeCompare(b.userId));
}

/** Shift input checks: ends after it starts, at most 16 hours, whole minutes. */
export function shiftProblems(startMs: number, endMs: number): { path: string; message: string; messageZh: string }[] {
  const p: { path: string; message: string; messageZh: string }[] = [];
  if (!(endMs > startMs)) p.push({ path: 'body.endAt', message: 'the shift must end after it starts', messageZh: '下班时间须晚于上班时间' });
  else if (endMs - startMs > 16 * 60 * MIN_MS) p.push({ path: 'body.endAt', message: 'a shift is at most 16 hours', messageZh: '一个班次最长 16 小时' });
  if (startMs % MIN_MS !== 0 || endMs % MIN_MS !== 0) p.push({ path: 'body.startAt', message: 'shift times are whole minutes', messageZh: '班次时间须精确到分钟' });
  return p;
}

/** A cover must lie inside the shift it covers and end after it starts. */
export function coverProblems(shift: { start: number; end: number }, from: number, to: number): { path: string; message: string; messageZh: string }[] {
  const p: { path: string; message: string; messageZh: string }[] = [];
  if (!(to > from)) p.push({ path: 'body.to', message: 'the cover must end after it starts', messageZh: '代岗结束时间须晚于开始时间' });
  if (from < shift.start || to > shift.end) p.push({ path: 'body.from', message: 'the cover must lie within the shift', messageZh: '代岗时间须在该班次之内' });
  return p;
}
