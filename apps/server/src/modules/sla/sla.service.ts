/**
 * SLA policies and working calendars per project: what the tickets and escalation modules load
 * to compute due times (loadSlaSetup, computeDueTimes), and the settings API behind
 * GET|PUT /api/sla-policies and GET|PUT /api/calendars/:projectId.
 */
import type { Calendar, Priority, PutCalendarBody, PutSlaPoliciesBody, SlaPolicies, SlaPolicy, TicketKind, WorkingHours } from '@propdesk/contracts';
import type { z } from 'zod';
import type { Tx } from '../../db/database.js';
import type { CalendarsTable } from '../../db/schema.js';
import type { Ctx } from '../../http/context.js';
import { AppError, forbidden, notFound } from '../../http/errors.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { recordAudit } from '../audit/audit.service.js';
import { scopedProjectIds } from '../auth/auth.scope.js';
import { ensureDefaultCategories } from '../categories/categories.service.js';
import { addClockMinutes, isValidTimeZone, localDateOf, type ClockKind, type WorkCalendar } from './sla.clock.js';
import {
  builtinPolicy, calendarDaysIssues, DEFAULT_VISIT_DUE_MINUTES, DEFAULT_VISIT_MAX_ATTEMPTS, DEFAULT_WORKING_HOURS, effectiveDays,
  policiesIssues, PRIORITIES, TICKET_KINDS, workingHoursIssues, type DayRow, type Issue,
} from './sla.policy.js';
import { prcDays, prcYears } from './sla.prc.js';
import { slaRepository } from './sla.repository.js';

export const DEFAULT_TIMEZONE = 'Asia/Shanghai';
const PROJECT = { zh: '项目', en: 'project' };

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

// ---------------------------------------------------------------- loading a project's setup

/** The PRC days of every package year except the ones a project stores itself, as a map (cached: it never changes). */
const prcMaps = new Map<string, ReadonlyMap<string, 'holiday' | 'workday'>>();

function prcMapExcept(years: ReadonlySet<number>): ReadonlyMap<string, 'holiday' | 'workday'> {
  const key = [...years].sort().join(',');
  let m = prcMaps.get(key);
  if (!m) {
    const map = new Map<string, 'holiday' | 'workday'>();
    for (const y of prcYears()) if (!years.has(y)) for (const d of prcDays(y)) map.set(d.date, d.type);
    if (prcMaps.size > 1000) prcMaps.clear();
    prcMaps.set(key, (m = map));
  }
  return m;
}

/** The day overrides in force: the project's own rows, the package's PRC days for the years it has none of. */
function daysMap(own: readonly DayRow[]): ReadonlyMap<string, 'holiday' | 'workday'> {
  const prc = prcMapExcept(new Set(own.map((d) => Number(d.date.slice(0, 4)))));
  if (own.length === 0) return prc;
  const map = new Map(prc);
  for (const d of own) map.set(d.date, d.type);
  return map;
}

function parseWorkingHours(json: string | undefined): WorkingHours {
  if (!json) return DEFAULT_WORKING_HOURS;
  try {
    return JSON.parse(json) as WorkingHours;
  } catch {
    return DEFAULT_WORKING_HOURS;
  }
}

const toDayRows = (rows: { date: string; type: string; name: string | null }[]): DayRow[] =>
  rows.map((r) => ({ date: r.date, type: r.type === 'workday' ? 'workday' : 'holiday', name: r.name }));

const zoneOr = (tz: string | undefined) => (tz && isValidTimeZone(tz) ? tz : DEFAULT_TIMEZONE);

/**
 * Setups are kept per project for a few seconds: ticket intake and the escalation job load them
 * constantly and they rarely change. A change through this service clears the entry at once in
 * this process; other processes sharing the database see it within SETUP_CACHE_MS.
 */
const SETUP_CACHE_MS = 5_000;
const setupCache = new Map<string, { at: number; setup: SlaSetup }>();

/** Forget the cached setup of one project (or of all): after a settings change, or in tests writing rows directly. */
export function invalidateSlaSetup(projectId?: string): void {
  if (projectId === undefined) setupCache.clear();
  else setupCache.delete(projectId);
}

/**
 * A project's SLA policies and working calendar (four small queries, then cached briefly; safe
 * inside the caller's transaction). Kind × priority pairs the project has not configured get the
 * built-in defaults; a project without a calendar gets Mon–Fri 08:30–12:00, 13:30–17:30; years it
 * lists no days for follow the PRC holidays and 调休 from the `chinese-days` package. The same
 * setup object may be handed to several callers: treat it as read-only.
 */
export async function loadSlaSetup(db: Tx, projectId: string): Promise<SlaSetup> {
  const now = Date.now();
  const hit = setupCache.get(projectId);
  if (hit && now - hit.at < SETUP_CACHE_MS) return hit.setup;
  const setup = await readSlaSetup(db, projectId);
  if (setupCache.size > 10_000) setupCache.clear();
  setupCache.set(projectId, { at: now, setup });
  return setup;
}

async function readSlaSetup(db: Tx, projectId: string): Promise<SlaSetup> {
  const project = await slaRepository.projectTimezone(db, projectId);
  const rows = await slaRepository.policies(db, projectId);
  const cal = await slaRepository.calendar(db, projectId);
  const own = toDayRows(await slaRepository.days(db, projectId));
  const configured = new Map(rows.map((r) => [`${r.kind}/${r.priority}`, rowToPolicy(r)]));
  const calendar: WorkCalendar = { timezone: zoneOr(project?.timezone), workingHours: parseWorkingHours(cal?.working_hours), days: daysMap(own) };
  return {
    calendar,
    visitDueMinutes: cal?.visit_due_minutes ?? DEFAULT_VISIT_DUE_MINUTES,
    visitMaxAttempts: cal?.visit_max_attempts ?? DEFAULT_VISIT_MAX_ATTEMPTS,
    policyFor: (kind, priority) => configured.get(`${kind}/${priority}`) ?? builtinPolicy(projectId, kind, priority),
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

/**
 * Writes a project's service-desk starting point: the default calendar row (unless it has one),
 * the PRC holidays and 调休 of the current and next year (for years it lists nothing yet), and the
 * group-wide default ticket categories (once per installation). Idempotent.
 */
export async function ensureServiceDeskDefaults(tx: Tx, projectId: string): Promise<void> {
  const now = nowIso();
  await slaRepository.insertCalendarIfMissing(tx, {
    project_id: projectId,
    working_hours: JSON.stringify(DEFAULT_WORKING_HOURS),
    visit_due_minutes: DEFAULT_VISIT_DUE_MINUTES,
    visit_max_attempts: DEFAULT_VISIT_MAX_ATTEMPTS,
    updated_at: now,
  });
  const listed = new Set((await slaRepository.days(tx, projectId)).map((d) => Number(d.date.slice(0, 4))));
  const year = Number(localDateOf(DEFAULT_TIMEZONE, now).slice(0, 4));
  const add = [year, year + 1].filter((y) => !listed.has(y)).flatMap((y) => prcDays(y).map((d) => ({ project_id: projectId, date: d.date, type: d.type, name: d.name })));
  await slaRepository.addDays(tx, add);
  await ensureDefaultCategories(tx);
  invalidateSlaSetup(projectId);
}

// ---------------------------------------------------------------- the settings API

type PolicyRow = Awaited<ReturnType<typeof slaRepository.policies>>[number];

function rowToPolicy(r: PolicyRow): SlaPolicy {
  return {
    projectId: r.project_id,
    kind: r.kind as TicketKind,
    priority: r.priority as Priority,
    responseMinutes: r.response_minutes,
    arrivalMinutes: r.arrival_minutes,
    resolutionMinutes: r.resolution_minutes,
    clock: r.clock as ClockKind,
    warnPercent: r.warn_percent,
  };
}

/** All 24 kind × priority policies in force, in a stable order. */
function policiesInForce(projectId: string, rows: PolicyRow[]): SlaPolicies {
  const configured = new Map(rows.map((r) => [`${r.kind}/${r.priority}`, rowToPolicy(r)]));
  const policies = TICKET_KINDS.flatMap((kind) =>
    PRIORITIES.map((priority) => {
      const own = configured.get(`${kind}/${priority}`);
      return { ...(own ?? builtinPolicy(projectId, kind, priority)), configured: own !== undefined };
    }),
  );
  return { projectId, policies };
}

function invalid(issues: Issue[]): AppError {
  const first = issues[0]!;
  return new AppError(400, 'validation_failed', { zh: `输入有误：${first.messageZh}`, en: `Invalid input: ${first.message}` }, issues);
}

/** Reading needs tickets.read (or sla.manage) in the project, else 404; writing needs sla.manage there, else 403. */
async function assertVisible(ctx: Ctx, projectId: string): Promise<void> {
  const read = await scopedProjectIds(ctx, 'tickets.read');
  if (read.includes(projectId)) return;
  if (!(await scopedProjectIds(ctx, 'sla.manage')).includes(projectId)) throw notFound(PROJECT);
}

async function assertMayManage(ctx: Ctx, projectId: string): Promise<void> {
  await assertVisible(ctx, projectId);
  if (!(await scopedProjectIds(ctx, 'sla.manage')).includes(projectId)) throw forbidden();
}

/** The years whose PRC days the calendar page shows when the project lists none of its own. */
function yearsAround(iso: string, timezone: string): number[] {
  const y = Number(localDateOf(timezone, iso).slice(0, 4));
  return [y - 1, y, y + 1];
}

async function readCalendar(db: Tx, projectId: string): Promise<Calendar> {
  const project = await slaRepository.projectTimezone(db, projectId);
  if (!project) throw notFound(PROJECT);
  const cal = await slaRepository.calendar(db, projectId);
  const own = toDayRows(await slaRepository.days(db, projectId));
  const timezone = zoneOr(project.timezone);
  return {
    projectId,
    timezone,
    workingHours: parseWorkingHours(cal?.working_hours),
    days: effectiveDays(own, yearsAround(nowIso(), timezone)),
    visitDueMinutes: cal?.visit_due_minutes ?? DEFAULT_VISIT_DUE_MINUTES,
    visitMaxAttempts: cal?.visit_max_attempts ?? DEFAULT_VISIT_MAX_ATTEMPTS,
  };
}

export const slaService = {
  async getPolicies(ctx: Ctx, projectId: string): Promise<SlaPolicies> {
    await assertVisible(ctx, projectId);
    return policiesInForce(projectId, await slaRepository.policies(ctx.database.db, projectId));
  },

  /** Replaces the project's configured policies with the list given (pairs left out fall back to the defaults). */
  async putPolicies(ctx: Ctx, input: z.infer<typeof PutSlaPoliciesBody>): Promise<SlaPolicies> {
    await assertMayManage(ctx, input.projectId);
    const issues = policiesIssues(input.policies);
    if (issues.length > 0) throw invalid(issues);
    const saved = await ctx.database.db.transaction().execute(async (tx) => {
      const before = await slaRepository.policies(tx, input.projectId);
      const now = nowIso();
      await slaRepository.replacePolicies(
        tx,
        input.projectId,
        input.policies.map((p) => ({
          id: newId(), project_id: input.projectId, kind: p.kind, priority: p.priority, response_minutes: p.responseMinutes,
          arrival_minutes: p.arrivalMinutes, resolution_minutes: p.resolutionMinutes, clock: p.clock, warn_percent: p.warnPercent, updated_at: now,
        })),
      );
      const after = await slaRepository.policies(tx, input.projectId);
      await recordAudit(tx, ctx, {
        action: 'sla_policies.replace', entity: 'sla_policies', entityId: input.projectId, projectId: input.projectId,
        before: { policies: before.map(rowToPolicy) }, after: { policies: after.map(rowToPolicy) },
      });
      return policiesInForce(input.projectId, after);
    });
    invalidateSlaSetup(input.projectId);
    return saved;
  },

  async getCalendar(ctx: Ctx, projectId: string): Promise<Calendar> {
    await assertVisible(ctx, projectId);
    return readCalendar(ctx.database.db, projectId);
  },

  /** Replaces the project's working hours, its own list of days and the return-visit settings. */
  async putCalendar(ctx: Ctx, projectId: string, input: z.infer<typeof PutCalendarBody>): Promise<Calendar> {
    await assertMayManage(ctx, projectId);
    const issues = [...workingHoursIssues(input.workingHours), ...calendarDaysIssues(input.days)];
    if (issues.length > 0) throw invalid(issues);
    const saved = await ctx.database.db.transaction().execute(async (tx) => {
      const before = await readCalendar(tx, projectId);
      const row: CalendarsTable = {
        project_id: projectId,
        working_hours: JSON.stringify(input.workingHours),
        visit_due_minutes: input.visitDueMinutes,
        visit_max_attempts: input.visitMaxAttempts,
        updated_at: nowIso(),
      };
      await slaRepository.upsertCalendar(tx, row);
      await slaRepository.replaceDays(tx, projectId, input.days.map((d) => ({ project_id: projectId, date: d.date, type: d.type, name: d.name ?? null })));
      const after = await readCalendar(tx, projectId);
      await recordAudit(tx, ctx, { action: 'calendar.update', entity: 'calendar', entityId: projectId, projectId, before, after });
      return after;
    });
    invalidateSlaSetup(projectId);
    return saved;
  },
};
