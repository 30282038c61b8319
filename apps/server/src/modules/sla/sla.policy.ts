/**
 * Pure SLA rules: the built-in targets used where a project has configured none, the default
 * working week, which PRC days apply to a project, and the checks a settings change must pass.
 */
import type { Priority, SlaPolicy, TicketKind, WorkingHours } from '@propdesk/contracts';
import { minutesOfDay } from './sla.clock.js';
import { prcDays, prcYears } from './sla.prc.js';

export const TICKET_KINDS: readonly TicketKind[] = ['repair', 'complaint', 'consultation', 'suggestion', 'help', 'praise'];
export const PRIORITIES: readonly Priority[] = ['urgent', 'high', 'normal', 'low'];

export const DEFAULT_WARN_PERCENT = 80;
export const DEFAULT_VISIT_DUE_MINUTES = 1440;
export const DEFAULT_VISIT_MAX_ATTEMPTS = 3;

/** Mon–Fri 08:30–12:00 and 13:30–17:30 (7.5 h), weekends off. */
export const DEFAULT_WORKING_HOURS: WorkingHours = {
  '0': [],
  '1': [['08:30', '12:00'], ['13:30', '17:30']],
  '2': [['08:30', '12:00'], ['13:30', '17:30']],
  '3': [['08:30', '12:00'], ['13:30', '17:30']],
  '4': [['08:30', '12:00'], ['13:30', '17:30']],
  '5': [['08:30', '12:00'], ['13:30', '17:30']],
  '6': [],
};

type Target = [response: number, arrival: number | null, resolution: number, clock: 'working' | 'calendar'];

/**
 * Built-in targets in minutes. Urgent matters run on the 24×7 clock (a burst pipe at night cannot
 * wait for Monday); everything else on working time. Only repairs have an arrival (上门) target.
 */
const BUILTIN: Record<TicketKind, Record<Priority, Target>> = {
  repair: { urgent: [15, 60, 240, 'calendar'], high: [30, 120, 480, 'working'], normal: [60, 240, 1440, 'working'], low: [240, null, 4320, 'working'] },
  complaint: { urgent: [15, null, 240, 'calendar'], high: [30, null, 720, 'working'], normal: [60, null, 1440, 'working'], low: [120, null, 2880, 'working'] },
  consultation: { urgent: [10, null, 60, 'calendar'], high: [15, null, 120, 'working'], normal: [30, null, 240, 'working'], low: [60, null, 480, 'working'] },
  suggestion: { urgent: [60, null, 1440, 'working'], high: [120, null, 2880, 'working'], normal: [240, null, 4320, 'working'], low: [480, null, 7200, 'working'] },
  help: { urgent: [10, null, 120, 'calendar'], high: [20, null, 480, 'working'], normal: [30, null, 1440, 'working'], low: [120, null, 2880, 'working'] },
  praise: { urgent: [240, null, 1440, 'working'], high: [240, null, 1440, 'working'], normal: [480, null, 2880, 'working'], low: [480, null, 2880, 'working'] },
};

/** The built-in policy for kind × priority, used wherever the project has configured none. */
export function builtinPolicy(projectId: string, kind: TicketKind, priority: Priority): SlaPolicy {
  const [responseMinutes, arrivalMinutes, resolutionMinutes, clock] = BUILTIN[kind][priority];
  return { projectId, kind, priority, responseMinutes, arrivalMinutes, resolutionMinutes, clock, warnPercent: DEFAULT_WARN_PERCENT };
}

// ---------------------------------------------------------------- calendar days

export interface DayRow {
  date: string;
  type: 'holiday' | 'workday';
  name: string | null;
}

/**
 * The days in force for a project: its own rows, and for every year it has stored nothing for,
 * the PRC holidays and 调休 from the package — so a new project works out of the box, and a
 * project that edited 2026 keeps its 2026 while later years follow the State Council's list.
 * `years` limits the package years added (all the package knows when omitted).
 */
export function effectiveDays(own: readonly DayRow[], years?: readonly number[]): DayRow[] {
  const ownYears = new Set(own.map((d) => Number(d.date.slice(0, 4))));
  const out: DayRow[] = [...own];
  for (const year of years ?? prcYears()) {
    if (ownYears.has(year)) continue;
    for (const d of prcDays(year)) out.push({ date: d.date, type: d.type, name: d.name });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

// ---------------------------------------------------------------- checks on settings

export interface Issue {
  path: string;
  message: string;
  messageZh: string;
}

/** Periods must run forward, in order, without overlapping; at least one weekday must have hours. */
export function workingHoursIssues(hours: WorkingHours, base = 'body.workingHours'): Issue[] {
  const issues: Issue[] = [];
  let anyHours = false;
  for (const wd of ['0', '1', '2', '3', '4', '5', '6'] as const) {
    const periods = hours[wd] ?? [];
    let prevEnd = -1;
    periods.forEach(([from, to], i) => {
      const a = minutesOfDay(from);
      const b = minutesOfDay(to);
      const path = `${base}.${wd}.${i}`;
      if (!(a >= 0 && a < 1440) || !(b > 0 && b <= 1440)) {
        issues.push({ path, message: `${from}–${to} is not a time of day (00:00–24:00)`, messageZh: `${from}–${to} 不是有效的时间（00:00–24:00）` });
        return;
      }
      if (b <= a) {
        issues.push({ path, message: `the period ${from}–${to} ends before it starts`, messageZh: `时段 ${from}–${to} 的结束时间早于开始时间` });
        return;
      }
      if (a < prevEnd) {
        issues.push({ path, message: `the period ${from}–${to} overlaps or precedes the one before it: list periods in order`, messageZh: `时段 ${from}–${to} 与前一时段重叠或顺序颠倒，请按时间先后填写` });
      }
      prevEnd = Math.max(prevEnd, b);
      anyHours = true;
    });
  }
  if (!anyHours) {
    issues.push({ path: base, message: 'set working hours for at least one weekday', messageZh: '至少要为一个工作日设置上班时间' });
  }
  return issues;
}

const isRealDate = (date: string) => {
  const ms = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === date;
};

/** Each date a real calendar date and listed once. */
export function calendarDaysIssues(days: readonly { date: string }[], base = 'body.days'): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  days.forEach((d, i) => {
    if (!isRealDate(d.date)) issues.push({ path: `${base}.${i}.date`, message: `${d.date} is not a calendar date`, messageZh: `${d.date} 不是有效日期` });
    else if (seen.has(d.date)) issues.push({ path: `${base}.${i}.date`, message: `${d.date} is listed twice`, messageZh: `${d.date} 重复出现` });
    seen.add(d.date);
  });
  return issues;
}

type PolicyInput = Omit<SlaPolicy, 'projectId'>;

/** One policy per kind × priority; arrival targets for repairs only; no target later than resolution. */
export function policiesIssues(policies: readonly PolicyInput[], base = 'body.policies'): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  policies.forEach((p, i) => {
    const path = `${base}.${i}`;
    const key = `${p.kind}/${p.priority}`;
    if (seen.has(key)) issues.push({ path, message: `${key} is listed twice`, messageZh: `${key} 重复设置` });
    seen.add(key);
    if (p.arrivalMinutes !== null && p.kind !== 'repair') {
      issues.push({ path: `${path}.arrivalMinutes`, message: 'only repairs have an arrival target', messageZh: '只有报修才有上门时限' });
    }
    if (p.responseMinutes > p.resolutionMinutes) {
      issues.push({ path: `${path}.responseMinutes`, message: 'the response target is later than the resolution target', messageZh: '响应时限不能长于完成时限' });
    }
    if (p.arrivalMinutes !== null && p.arrivalMinutes > p.resolutionMinutes) {
      issues.push({ path: `${path}.arrivalMinutes`, message: 'the arrival target is later than the resolution target', messageZh: '上门时限不能长于完成时限' });
    }
  });
  return issues;
}
