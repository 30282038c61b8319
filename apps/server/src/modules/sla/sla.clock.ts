/**
 * Pure SLA clock math on a project's working calendar.
 *
 * Two clocks: `calendar` counts plain minutes (24×7, e.g. urgent repairs); `working` counts only
 * the minutes inside the project's working periods, in its IANA time zone, skipping public
 * holidays and counting the make-up workdays (调休) that fall on weekends.
 *
 * Everything is computed on UTC milliseconds: each local day is turned once into its working
 * intervals as UTC instants (cached), and the arithmetic walks day by day, never minute by minute.
 * The zone conversion uses Intl.DateTimeFormat (no library); a day's offset is looked up once and
 * reused for the whole day unless that day contains an offset change (DST), which is handled too.
 *
 * A WorkCalendar is treated as immutable once used: its compiled form is cached per object.
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

const MIN_MS = 60_000;
const DAY_MS = 86_400_000;
/** A calendar with no working minute for this many days in a row has none at all (guards endless walks). */
const MAX_IDLE_DAYS = 3_700;

// ---------------------------------------------------------------- time zones

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Is this an IANA zone the runtime knows? */
export function isValidTimeZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at an instant, in minutes east of Greenwich (Asia/Shanghai: 480). */
export function zoneOffsetMinutes(zone: string, ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const p: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(whole))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour === 24 ? 0 : p.hour!, p.minute!, p.second!);
  return Math.round((asUtc - whole) / MIN_MS);
}

/** A local wall-clock time (given as if it were UTC ms) → the UTC instant. */
function localToUtc(zone: string, localMs: number): number {
  const first = zoneOffsetMinutes(zone, localMs);
  const guess = localMs - first * MIN_MS;
  const second = zoneOffsetMinutes(zone, guess);
  return second === first ? guess : localMs - second * MIN_MS;
}

/** zone → local day number (days since 1970-01-01) → UTC instant of that day's local 00:00. */
const dayStarts = new Map<string, Map<number, number>>();

function dayStartUtc(zone: string, day: number): number {
  let perZone = dayStarts.get(zone);
  if (!perZone) dayStarts.set(zone, (perZone = new Map()));
  let v = perZone.get(day);
  if (v === undefined) {
    if (perZone.size > 100_000) perZone.clear();
    v = localToUtc(zone, day * DAY_MS);
    perZone.set(day, v);
  }
  return v;
}

/** The local day (days since 1970-01-01 in the zone) that contains the instant. */
function localDayOf(zone: string, ms: number): number {
  // Offsets are within ±14 h, so the local day is the UTC day or one of its neighbours.
  let day = Math.floor(ms / DAY_MS);
  if (ms < dayStartUtc(zone, day)) day -= 1;
  else if (ms >= dayStartUtc(zone, day + 1)) day += 1;
  return day;
}

const dateOfDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const dayOfDate = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
/** 1970-01-01 was a Thursday (4); 0 = Sunday like the working-hours keys. */
const weekdayOfDay = (day: number) => (((day + 4) % 7) + 7) % 7;

/** The calendar date (YYYY-MM-DD) of an instant in the zone: business dates, ticket numbers. */
export function localDateOf(timezone: string, iso: string): string {
  return dateOfDay(localDayOf(timezone, Date.parse(iso)));
}

/** The instants where a local date starts and ends (end exclusive) in the zone: "due today" and date filters. */
export function localDayRange(timezone: string, date: string): { startIso: string; endIso: string } {
  const day = dayOfDate(date);
  return { startIso: new Date(dayStartUtc(timezone, day)).toISOString(), endIso: new Date(dayStartUtc(timezone, day + 1)).toISOString() };
}

// ---------------------------------------------------------------- compiled calendars

type Periods = readonly (readonly [number, number])[];

interface Compiled {
  zone: string;
  /** Weekday → sorted, merged periods in minutes of the local day. */
  weekly: Periods[];
  /** The hours a make-up workday (调休) is worked with: the first Monday..Friday that has hours. */
  workdayPeriods: Periods;
  /** Local day → its working intervals as flat UTC ms pairs [s0, e0, s1, e1, …]. */
  intervals: Map<number, number[]>;
}

const compiledCache = new WeakMap<WorkCalendar, Compiled>();

/** "HH:MM" → minutes of the day ("24:00" = 1440). */
export function minutesOfDay(hhmm: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) return Number.NaN;
  return Number(m[1]) * 60 + Number(m[2]);
}

function periodsOf(hours: readonly (readonly [string, string])[] | undefined): Periods {
  const list = (hours ?? [])
    .map(([a, b]) => [minutesOfDay(a), minutesOfDay(b)] as [number, number])
    .filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b) && a < b && a >= 0 && b <= 1440)
    .sort((x, y) => x[0] - y[0]);
  // Overlapping or touching periods are merged so no minute counts twice.
  const merged: [number, number][] = [];
  for (const p of list) {
    const last = merged.at(-1);
    if (last && p[0] <= last[1]) last[1] = Math.max(last[1], p[1]);
    else merged.push([p[0], p[1]]);
  }
  return merged;
}

function compile(cal: WorkCalendar): Compiled {
  let c = compiledCache.get(cal);
  if (!c) {
    const hours = cal.workingHours as Partial<Record<string, readonly (readonly [string, string])[]>>;
    const weekly = [0, 1, 2, 3, 4, 5, 6].map((d) => periodsOf(hours[String(d)]));
    const workdayPeriods = [1, 2, 3, 4, 5].map((d) => weekly[d]!).find((p) => p.length > 0) ?? [];
    c = { zone: cal.timezone, weekly, workdayPeriods, intervals: new Map() };
    compiledCache.set(cal, c);
  }
  return c;
}

/** The local day's working periods after holidays and make-up workdays. */
function periodsOnDay(cal: WorkCalendar, c: Compiled, day: number): Periods {
  const override = cal.days.get(dateOfDay(day));
  if (override === 'holiday') return [];
  if (override === 'workday') return c.workdayPeriods;
  return c.weekly[weekdayOfDay(day)]!;
}

function intervalsOn(cal: WorkCalendar, c: Compiled, day: number): number[] {
  let iv = c.intervals.get(day);
  if (iv) return iv;
  const periods = periodsOnDay(cal, c, day);
  iv = [];
  if (periods.length > 0) {
    const start = dayStartUtc(c.zone, day);
    // A day of exactly 24 h has one offset throughout; a DST day converts each boundary on its own.
    const uniform = dayStartUtc(c.zone, day + 1) - start === DAY_MS;
    const at = (minute: number) =>
      minute === 1440 ? dayStartUtc(c.zone, day + 1) : uniform ? start + minute * MIN_MS : localToUtc(c.zone, day * DAY_MS + minute * MIN_MS);
    for (const [a, b] of periods) {
      const s = at(a);
      const e = at(b);
      if (e > s) iv.push(s, e);
    }
  }
  if (c.intervals.size > 50_000) c.intervals.clear();
  c.intervals.set(day, iv);
  return iv;
}

const noWorkingTime = () => new Error('the working calendar has no working time: set working hours for at least one weekday');

// ---------------------------------------------------------------- working-time arithmetic (ms)

/** The instant `ms` working milliseconds after (or, when negative, before) `fromMs`. */
function addWorkingMs(cal: WorkCalendar, fromMs: number, ms: number): number {
  if (ms === 0) return fromMs;
  const c = compile(cal);
  let day = localDayOf(c.zone, fromMs);
  let left = Math.abs(ms);
  let idle = 0;
  if (ms > 0) {
    for (;;) {
      const iv = intervalsOn(cal, c, day);
      for (let i = 0; i < iv.length; i += 2) {
        const s = Math.max(iv[i]!, fromMs);
        const e = iv[i + 1]!;
        if (e <= s) continue;
        if (left <= e - s) return s + left;
        left -= e - s;
      }
      idle = iv.length === 0 ? idle + 1 : 0;
      if (idle > MAX_IDLE_DAYS) throw noWorkingTime();
      day++;
    }
  }
  for (;;) {
    const iv = intervalsOn(cal, c, day);
    for (let i = iv.length - 2; i >= 0; i -= 2) {
      const s = iv[i]!;
      const e = Math.min(iv[i + 1]!, fromMs);
      if (e <= s) continue;
      if (left <= e - s) return e - left;
      left -= e - s;
    }
    idle = iv.length === 0 ? idle + 1 : 0;
    if (idle > MAX_IDLE_DAYS) throw noWorkingTime();
    day--;
  }
}

/** Working milliseconds in [fromMs, toMs) (0 when toMs is not after fromMs). */
function workingMsBetween(cal: WorkCalendar, fromMs: number, toMs: number): number {
  if (toMs <= fromMs) return 0;
  const c = compile(cal);
  const last = localDayOf(c.zone, toMs);
  let total = 0;
  for (let day = localDayOf(c.zone, fromMs); day <= last; day++) {
    const iv = intervalsOn(cal, c, day);
    for (let i = 0; i < iv.length; i += 2) {
      const s = Math.max(iv[i]!, fromMs);
      const e = Math.min(iv[i + 1]!, toMs);
      if (e > s) total += e - s;
    }
  }
  return total;
}

function addMs(clock: ClockKind, cal: WorkCalendar, fromMs: number, ms: number): number {
  return clock === 'calendar' ? fromMs + ms : addWorkingMs(cal, fromMs, ms);
}

function msBetween(clock: ClockKind, cal: WorkCalendar, fromMs: number, toMs: number): number {
  if (toMs <= fromMs) return 0;
  return clock === 'calendar' ? toMs - fromMs : workingMsBetween(cal, fromMs, toMs);
}

function parseInstant(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${iso}`);
  return ms;
}

const toIso = (ms: number) => new Date(ms).toISOString();

// ---------------------------------------------------------------- the API other modules use

/**
 * The instant when `minutes` clock minutes have elapsed after `startIso`. On the working clock a
 * start outside working time counts from the next working period, and a target that ends exactly
 * at the end of a period is due at that end (11:00 + 60 min = 12:00, not 13:30). Negative
 * minutes count backwards (the instant that many clock minutes before); 0 answers the start.
 */
export function addClockMinutes(clock: ClockKind, cal: WorkCalendar, startIso: string, minutes: number): string {
  return toIso(addMs(clock, cal, parseInstant(startIso), minutes * MIN_MS));
}

/** Whole clock minutes between two instants, rounded down (0 when `toIso` is not after `fromIso`). */
export function clockMinutesBetween(clock: ClockKind, cal: WorkCalendar, fromIso: string, toIso: string): number {
  return Math.floor(msBetween(clock, cal, parseInstant(fromIso), parseInstant(toIso)) / MIN_MS);
}

/**
 * Clock minutes left on a target when a ticket goes on hold at `nowIso`: positive while the target
 * is still ahead, negative (minutes overdue) when it is already breached. Rounded in the team's
 * favour (29.5 min left → 30; 30.5 min overdue → −30). Store it, and on resume call dueAfterResume.
 */
export function remainingOnHold(clock: ClockKind, cal: WorkCalendar, nowIso: string, dueIso: string): number {
  const now = parseInstant(nowIso);
  const due = parseInstant(dueIso);
  const ms = due >= now ? msBetween(clock, cal, now, due) : -msBetween(clock, cal, due, now);
  return Math.ceil(ms / MIN_MS) || 0;
}

/**
 * The new due instant when a held ticket resumes with `remaining` clock minutes left (as
 * remainingOnHold answered). A negative remainder stays overdue by as much: the due instant lies
 * that many clock minutes before the resume.
 */
export function dueAfterResume(clock: ClockKind, cal: WorkCalendar, resumeIso: string, remaining: number): string {
  return addClockMinutes(clock, cal, resumeIso, remaining);
}

/**
 * The share (0 … 1, above 1 once overdue) of the clock time from `startIso` to `dueIso` that has
 * been used at `nowIso`: 0.8 is the default warning. For a ticket that has been on hold, the hold
 * shifted its due time; use shareOfTargetUsed (or pass the effective start) instead.
 */
export function elapsedShare(clock: ClockKind, cal: WorkCalendar, startIso: string, dueIso: string, nowIso: string): number {
  const start = parseInstant(startIso);
  const due = parseInstant(dueIso);
  const now = parseInstant(nowIso);
  const total = msBetween(clock, cal, start, due);
  if (total <= 0) return now >= due ? 1 : 0;
  return now >= start ? msBetween(clock, cal, start, now) / total : 0;
}

/**
 * The share of a target of `targetMinutes` that is used up at `nowIso`, given its current due
 * instant: 1 − remaining/target. Holds are already accounted for by the due instant, so this is
 * the right measure for tickets that have been on hold.
 */
export function shareOfTargetUsed(clock: ClockKind, cal: WorkCalendar, targetMinutes: number, dueIso: string, nowIso: string): number {
  if (targetMinutes <= 0) return 1;
  const now = parseInstant(nowIso);
  const due = parseInstant(dueIso);
  const left = due >= now ? msBetween(clock, cal, now, due) : -msBetween(clock, cal, due, now);
  return 1 - left / (targetMinutes * MIN_MS);
}

/**
 * The instant a target reaches its warning share (e.g. 80 %): `100 − warnPercent` % of the target
 * in clock time before the due instant. The escalation job can store or compare it directly.
 */
export function warningAt(clock: ClockKind, cal: WorkCalendar, dueIso: string, targetMinutes: number, warnPercent: number): string {
  const before = (targetMinutes * (100 - warnPercent)) / 100;
  return toIso(addMs(clock, cal, parseInstant(dueIso), -before * MIN_MS));
}

/** Is the instant inside a working period of the calendar? */
export function isWorkingTime(cal: WorkCalendar, iso: string): boolean {
  const ms = parseInstant(iso);
  const c = compile(cal);
  const iv = intervalsOn(cal, c, localDayOf(c.zone, ms));
  for (let i = 0; i < iv.length; i += 2) if (ms >= iv[i]! && ms < iv[i + 1]!) return true;
  return false;
}

/** Working minutes on a local date (0 on holidays and days off): calendars and reports show it. */
export function workingMinutesOn(cal: WorkCalendar, date: string): number {
  const c = compile(cal);
  const iv = intervalsOn(cal, c, dayOfDate(date));
  let total = 0;
  for (let i = 0; i < iv.length; i += 2) total += iv[i + 1]! - iv[i]!;
  return total / MIN_MS;
}
