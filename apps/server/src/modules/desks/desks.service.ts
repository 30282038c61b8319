/**
 * Desks and their opening hours, the duty roster (shifts), covers (代岗), the coverage check
 * (空岗) and the rest-day rule. Opening hours follow the project's working calendar of the service
 * desk (modules/sla: PRC holidays and 调休), read through loadSlaSetup — one calendar per project.
 */
import type { Cover, CreateCoverBody, CreateDeskBody, CreateShiftBody, Desk, DeskHours, HolidayRule, Page, Shift, UpdateDeskBody } from '@propdesk/contracts';
import type { Tx } from '../../db/database.js';
import { isUniqueViolation } from '../../db/query.js';
import type { Ctx } from '../../http/context.js';
import { AppError, conflict, forbidden, notFound } from '../../http/errors.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { recordAudit } from '../audit/audit.service.js';
import { scopedProjectIds } from '../auth/auth.scope.js';
import { localDateOf, localDayRange } from '../sla/sla.clock.js';
import { loadSlaSetup } from '../sla/sla.service.js';
import {
  addDays, computeCoverage, coverProblems, datesBetween, dayTypeOf, hoursFor, openIntervalsOn, restDayViolations, shiftProblems, type DutyShift, type Interval,
} from './desks.policy.js';
import { desksRepository, type CoverRow, type DeskRow, type ShiftRow } from './desks.repository.js';

export const DESK = { zh: '前台', en: 'desk' };
const SHIFT = { zh: '班次', en: 'shift' };
const PROJECT = { zh: '项目', en: 'project' };
const MAX_RANGE_DAYS = 62;

type Issue = { path: string; message: string; messageZh: string };
export function invalid(issues: Issue[]): AppError {
  const first = issues[0]!;
  return new AppError(400, 'validation_failed', { zh: `输入有误：${first.messageZh}`, en: `Invalid input: ${first.message}` }, issues);
}

export function toDesk(r: DeskRow): Desk {
  return {
    id: r.id, projectId: r.project_id, projectName: r.project_name, timezone: r.project_timezone ?? 'Asia/Shanghai', name: r.name, location: r.location, phone: r.phone,
    hours: JSON.parse(r.hours) as DeskHours, holidayRule: r.holiday_rule as HolidayRule, maxConsecutiveDays: r.max_consecutive_days,
    createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

export function toCover(c: CoverRow, now: number): Cover {
  return {
    id: c.id, shiftId: c.shift_id, coverUserId: c.cover_user_id, coverUserName: c.cover_user_name, from: c.from_at, to: c.to_at, reason: c.reason,
    returnedAt: c.returned_at, overdue: c.returned_at === null ? now > Date.parse(c.to_at) : Date.parse(c.returned_at) > Date.parse(c.to_at), createdAt: c.created_at,
  };
}

export function toShift(s: ShiftRow, covers: readonly CoverRow[], now: number): Shift {
  return {
    id: s.id, projectId: s.project_id, deskId: s.desk_id, userId: s.user_id, userName: s.user_name, date: s.date, startAt: s.start_at, endAt: s.end_at,
    note: s.note, covers: covers.filter((c) => c.shift_id === s.id).map((c) => toCover(c, now)), createdAt: s.created_at,
  };
}

const nameTaken = (name: string) => conflict('desk_name_taken', { zh: `本项目已有名为“${name}”的前台`, en: `The project already has a desk named "${name}"` }, [{ path: 'body.name', message: 'already used in this project' }]);

/** A desk the actor may read (404 otherwise, as if it did not exist). */
export async function deskInScope(ctx: Ctx, db: Tx, id: string, permission: 'desk.read' | 'desk.manage' | 'desk.work' = 'desk.read'): Promise<DeskRow> {
  const row = await desksRepository.findById(db, id);
  if (!row || !(await scopedProjectIds(ctx, 'desk.read')).includes(row.project_id)) throw notFound(DESK);
  if (permission !== 'desk.read' && !(await scopedProjectIds(ctx, permission)).includes(row.project_id)) throw forbidden();
  return row;
}

/** The project's time zone and day overrides (holidays, 调休) from the service desk's calendar. */
export async function deskCalendar(db: Tx, projectId: string) {
  const { calendar } = await loadSlaSetup(db, projectId);
  return { timezone: calendar.timezone, days: calendar.days };
}

/** Open intervals of the desk for each date of the range, with its day type. */
export async function openingOf(db: Tx, desk: DeskRow, from: string, to: string) {
  const { timezone, days } = await deskCalendar(db, desk.project_id);
  const hours = JSON.parse(desk.hours) as DeskHours;
  const perDay = datesBetween(from, to).map((date) => {
    const dayType = dayTypeOf(date, days);
    return { date, dayType, open: openIntervalsOn(hoursFor(hours, desk.holiday_rule as HolidayRule, dayType), Date.parse(localDayRange(timezone, date).startIso)) };
  });
  return { timezone, perDay, open: perDay.flatMap((d) => d.open) as Interval[] };
}

function assertRange(from: string, to: string) {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
  if (!(days >= 0)) throw invalid([{ path: 'querystring.to', message: 'the range must end on or after its start', messageZh: '结束日期不能早于开始日期' }]);
  if (days >= MAX_RANGE_DAYS) throw invalid([{ path: 'querystring.to', message: `at most ${MAX_RANGE_DAYS} days at once`, messageZh: `一次最多查询 ${MAX_RANGE_DAYS} 天` }]);
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The coverage check of a desk over business dates, counting covers and returns as of now. */
export async function coverageOf(db: Tx, desk: DeskRow, from: string, to: string, nowMs = Date.now()) {
  const { perDay, open } = await openingOf(db, desk, from, to);
  const lo = Math.min(...open.map((i) => i[0]), Date.parse(`${from}T00:00:00Z`));
  const hi = Math.max(...open.map((i) => i[1]), Date.parse(`${to}T00:00:00Z`));
  const shifts = await desksRepository.shiftsBetween(db, { deskIds: [desk.id], projectIds: [desk.project_id], fromIso: iso(lo - 86_400_000), toIso: iso(hi + 86_400_000) });
  const covers = await desksRepository.coversOf(db, shifts.map((s) => s.id));
  const duty: DutyShift[] = shifts.map((s) => ({
    start: Date.parse(s.start_at), end: Date.parse(s.end_at),
    covers: covers.filter((c) => c.shift_id === s.id).map((c) => ({ from: Date.parse(c.from_at), to: Date.parse(c.to_at), returnedAt: c.returned_at ? Date.parse(c.returned_at) : null })),
  }));
  const result = computeCoverage(open, duty, nowMs);
  return {
    gaps: result.gaps.map((g) => ({ start: iso(g.start), end: iso(g.end), minutes: g.minutes })),
    coveredMinutes: result.coveredMinutes,
    openMinutes: result.openMinutes,
    days: perDay.map((d) => ({ date: d.date, dayType: d.dayType, open: d.open.map(([s, e]) => ({ start: iso(s), end: iso(e) })) })),
    shifts, covers,
  };
}

/** Does the person work here (granted at the project, above it or inside it)? Unknown and elsewhere look alike. */
async function assertStaffOf(db: Tx, projectPath: string, userId: string, path: string) {
  const u = await desksRepository.findUser(db, userId);
  if (!u || u.active !== 1 || !u.path || !(projectPath.startsWith(u.path) || u.path.startsWith(projectPath))) {
    throw invalid([{ path, message: 'no such active staff member of this project', messageZh: '该项目没有这名在职员工' }]);
  }
  return u;
}

export const desksService = {
  async list(ctx: Ctx, q: { projectId?: string; q?: string; page: number; pageSize: number; sort?: string }): Promise<Page<Desk>> {
    const ids = await scopedProjectIds(ctx, 'desk.read');
    const projectIds = q.projectId ? ids.filter((i) => i === q.projectId) : ids;
    const { rows, total } = await desksRepository.list(ctx.database.db, { projectIds, q: q.q }, q);
    return { items: rows.map(toDesk), total, page: q.page, pageSize: q.pageSize };
  },

  async get(ctx: Ctx, id: string): Promise<Desk> {
    return toDesk(await deskInScope(ctx, ctx.database.db, id));
  },

  async create(ctx: Ctx, input: CreateDeskBody): Promise<Desk> {
    if (!(await scopedProjectIds(ctx, 'desk.read')).includes(input.projectId)) throw notFound(PROJECT);
    if (!(await scopedProjectIds(ctx, 'desk.manage')).includes(input.projectId)) throw forbidden();
    try {
      return await ctx.database.db.transaction().execute(async (tx) => {
        if (!(await desksRepository.projectOf(tx, input.projectId))) throw notFound(PROJECT);
        if (await desksRepository.findByName(tx, input.projectId, input.name)) throw nameTaken(input.name);
        const now = nowIso();
        const id = newId();
        await desksRepository.insert(tx, {
          id, project_id: input.projectId, name: input.name, location: input.location ?? null, phone: input.phone ?? null, hours: JSON.stringify(input.hours),
          holiday_rule: input.holidayRule, max_consecutive_days: input.maxConsecutiveDays, created_at: now, updated_at: now,
        });
        const desk = toDesk((await desksRepository.findById(tx, id))!);
        await recordAudit(tx, ctx, { action: 'desk.create', entity: 'desk', entityId: id, projectId: input.projectId, before: null, after: desk });
        return desk;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw nameTaken(input.name);
      throw err;
    }
  },

  async update(ctx: Ctx, id: string, input: UpdateDeskBody): Promise<Desk> {
    try {
      return await ctx.database.db.transaction().execute(async (tx) => {
        const row = await deskInScope(ctx, tx, id, 'desk.manage');
        if (input.name !== undefined && input.name !== row.name && (await desksRepository.findByName(tx, row.project_id, input.name))) throw nameTaken(input.name);
        const patch = {
          updated_at: nowIso(),
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.location !== undefined ? { location: input.location } : {}),
          ...(input.phone !== undefined ? { phone: input.phone } : {}),
          ...(input.hours !== undefined ? { hours: JSON.stringify(input.hours) } : {}),
          ...(input.holidayRule !== undefined ? { holiday_rule: input.holidayRule } : {}),
          ...(input.maxConsecutiveDays !== undefined ? { max_consecutive_days: input.maxConsecutiveDays } : {}),
        };
        await desksRepository.update(tx, id, patch);
        const after = toDesk((await desksRepository.findById(tx, id))!);
        await recordAudit(tx, ctx, { action: 'desk.update', entity: 'desk', entityId: id, projectId: row.project_id, before: toDesk(row), after });
        return after;
      });
    } catch (err) {
      if (isUniqueViolation(err) && input.name) throw nameTaken(input.name);
      throw err;
    }
  },

  async staff(ctx: Ctx, id: string) {
    const { db } = ctx.database;
    const desk = await deskInScope(ctx, db, id);
    const project = await desksRepository.projectOf(db, desk.project_id);
    const rows = await desksRepository.staffOf(db, project!.path);
    return { items: rows.map((r) => ({ id: r.id, name: r.display_name, position: r.position })) };
  },

  async coverage(ctx: Ctx, id: string, from: string, to: string) {
    assertRange(from, to);
    const { db } = ctx.database;
    const desk = await deskInScope(ctx, db, id);
    const { gaps, coveredMinutes, openMinutes, days } = await coverageOf(db, desk, from, to);
    return { gaps, coveredMinutes, openMinutes, days };
  },

  async restCheck(ctx: Ctx, id: string, from: string, to: string) {
    assertRange(from, to);
    const { db } = ctx.database;
    const desk = await deskInScope(ctx, db, id);
    // A run that started before the range still counts: look back as far as the limit.
    const rows = await desksRepository.workDates(db, desk.project_id, addDays(from, -desk.max_consecutive_days), addDays(to, desk.max_consecutive_days));
    const byUser = new Map<string, string[]>();
    const names = new Map<string, string | null>();
    for (const r of rows) {
      byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r.date]);
      names.set(r.user_id, r.display_name);
    }
    const violations = restDayViolations(byUser, desk.max_consecutive_days).filter((v) => v.to >= from && v.from <= to);
    return { maxConsecutiveDays: desk.max_consecutive_days, violations: violations.map((v) => ({ ...v, userName: names.get(v.userId) ?? null })) };
  },

  // ------------------------------------------------------------ shifts

  async listShifts(ctx: Ctx, q: { deskId?: string; projectId?: string; userId?: string; from?: string; to?: string; page: number; pageSize: number }): Promise<Page<Shift>> {
    const { db } = ctx.database;
    let projectIds = await scopedProjectIds(ctx, 'desk.read');
    if (q.projectId) projectIds = projectIds.filter((p) => p === q.projectId);
    let fromIso: string | undefined;
    let toIso: string | undefined;
    if (q.deskId) {
      const desk = await desksRepository.findById(db, q.deskId);
      if (!desk || !projectIds.includes(desk.project_id)) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
      const { timezone } = await deskCalendar(db, desk.project_id);
      if (q.from) fromIso = localDayRange(timezone, q.from).startIso;
      if (q.to) toIso = localDayRange(timezone, q.to).endIso;
    } else {
      // Without a desk the range is read in UTC+8 terms of the caller's dates, a day wider on each side.
      if (q.from) fromIso = `${addDays(q.from, -1)}T00:00:00.000Z`;
      if (q.to) toIso = `${addDays(q.to, 1)}T23:59:59.999Z`;
    }
    const rows = await desksRepository.shiftsBetween(db, { deskIds: q.deskId ? [q.deskId] : undefined, projectIds, userId: q.userId, fromIso, toIso });
    const covers = await desksRepository.coversOf(db, rows.map((r) => r.id));
    const now = Date.now();
    const start = (q.page - 1) * q.pageSize;
    return { items: rows.slice(start, start + q.pageSize).map((r) => toShift(r, covers, now)), total: rows.length, page: q.page, pageSize: q.pageSize };
  },

  async createShift(ctx: Ctx, input: CreateShiftBody): Promise<Shift> {
    const startMs = Date.parse(input.startAt);
    const endMs = Date.parse(input.endAt);
    const problems = shiftProblems(startMs, endMs);
    if (problems.length > 0) throw invalid(problems);
    return ctx.database.db.transaction().execute(async (tx) => {
      const desk = await deskInScope(ctx, tx, input.deskId, 'desk.manage');
      const project = (await desksRepository.projectOf(tx, desk.project_id))!;
      await assertStaffOf(tx, project.path, input.userId, 'body.userId');
      const startAt = iso(startMs);
      const endAt = iso(endMs);
      const clash = await desksRepository.overlappingShifts(tx, input.userId, startAt, endAt);
      if (clash.length > 0) {
        throw conflict('shift_overlaps', { zh: '此人在该时段已有班次，不能同时在两个岗位', en: 'This person already has a shift overlapping that time' }, [{ path: 'body.startAt', message: 'overlaps another shift of the person', shiftId: clash[0]!.id }]);
      }
      const id = newId();
      const now = nowIso();
      const { timezone } = await deskCalendar(tx, desk.project_id);
      await desksRepository.insertShift(tx, {
        id, project_id: desk.project_id, desk_id: desk.id, user_id: input.userId, date: localDateOf(timezone, startAt), start_at: startAt, end_at: endAt,
        note: input.note ?? null, created_by: ctx.actor.user.id, created_at: now,
      });
      const shift = toShift((await desksRepository.findShift(tx, id))!, [], Date.now());
      await recordAudit(tx, ctx, { action: 'shift.create', entity: 'shift', entityId: id, projectId: desk.project_id, before: null, after: shift });
      return shift;
    });
  },

  async deleteShift(ctx: Ctx, id: string): Promise<void> {
    await ctx.database.db.transaction().execute(async (tx) => {
      const row = await desksRepository.findShift(tx, id);
      if (!row) throw notFound(SHIFT);
      await deskInScope(ctx, tx, row.desk_id, 'desk.manage');
      const covers = await desksRepository.coversOf(tx, [id]);
      await desksRepository.deleteShift(tx, id);
      await recordAudit(tx, ctx, { action: 'shift.delete', entity: 'shift', entityId: id, projectId: row.project_id, before: toShift(row, covers, Date.now()), after: null });
    });
  },

  // ------------------------------------------------------------ covers (代岗)

  async createCover(ctx: Ctx, input: CreateCoverBody): Promise<Cover> {
    return ctx.database.db.transaction().execute(async (tx) => {
      const shift = await desksRepository.findShift(tx, input.shiftId);
      if (!shift || !(await scopedProjectIds(ctx, 'desk.read')).includes(shift.project_id)) throw invalid([{ path: 'body.shiftId', message: 'no such shift', messageZh: '班次不存在' }]);
      if (!(await scopedProjectIds(ctx, 'desk.work')).includes(shift.project_id)) throw forbidden();
      const problems = coverProblems({ start: Date.parse(shift.start_at), end: Date.parse(shift.end_at) }, Date.parse(input.from), Date.parse(input.to));
      if (input.coverUserId === shift.user_id) problems.push({ path: 'body.coverUserId', message: 'someone else must cover', messageZh: '代岗人须是他人' });
      if (problems.length > 0) throw invalid(problems);
      const project = (await desksRepository.projectOf(tx, shift.project_id))!;
      await assertStaffOf(tx, project.path, input.coverUserId, 'body.coverUserId');
      if (await desksRepository.openCoverOf(tx, shift.id)) {
        throw conflict('cover_open', { zh: '此班次已有人代岗且尚未返岗，请先登记返岗', en: 'The shift already has a cover and the person is not back yet: record the return first' });
      }
      const id = newId();
      await desksRepository.insertCover(tx, {
        id, project_id: shift.project_id, shift_id: shift.id, cover_user_id: input.coverUserId, from_at: iso(Date.parse(input.from)), to_at: iso(Date.parse(input.to)),
        reason: input.reason, returned_at: null, created_by: ctx.actor.user.id, created_at: nowIso(),
      });
      const cover = toCover((await desksRepository.coversOf(tx, [shift.id])).find((c) => c.id === id)!, Date.now());
      await recordAudit(tx, ctx, { action: 'cover.create', entity: 'cover', entityId: id, projectId: shift.project_id, before: null, after: cover });
      return cover;
    });
  },

  async returnFromCover(ctx: Ctx, id: string): Promise<Cover> {
    return ctx.database.db.transaction().execute(async (tx) => {
      const cover = await desksRepository.findCover(tx, id);
      if (!cover || !(await scopedProjectIds(ctx, 'desk.read')).includes(cover.project_id)) throw notFound({ zh: '代岗记录', en: 'cover' });
      if (!(await scopedProjectIds(ctx, 'desk.work')).includes(cover.project_id)) throw forbidden();
      const at = nowIso();
      if (!(await desksRepository.markReturned(tx, id, at))) throw conflict('already_returned', { zh: '已登记返岗', en: 'The return is already recorded' });
      const after = toCover((await desksRepository.coversOf(tx, [cover.shift_id])).find((c) => c.id === id)!, Date.now());
      await recordAudit(tx, ctx, { action: 'cover.return', entity: 'cover', entityId: id, projectId: cover.project_id, before: { returnedAt: null }, after: { returnedAt: at } });
      return after;
    });
  },
};
