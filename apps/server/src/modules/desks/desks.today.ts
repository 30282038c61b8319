/**
 * Today's desk view: who is on (with covers), the live gaps, the checklists' progress, keys out,
 * callbacks due, pending handovers, visitors on site (from the last handover), pinned notices.
 */
import type { DeskToday } from '@propdesk/contracts';
import type { Ctx } from '../../http/context.js';
import { scopedProjectIds } from '../auth/auth.scope.js';
import { callsRepository } from '../calls/calls.repository.js';
import { toCall } from '../calls/calls.service.js';
import { checklistsRepository } from '../checklists/checklists.repository.js';
import { toRun } from '../checklists/checklists.service.js';
import { keysRepository } from '../keys/keys.repository.js';
import { toLoan } from '../keys/keys.service.js';
import { listNotices } from '../notices/notices.service.js';
import { localDateOf } from '../sla/sla.clock.js';
import { toHandover } from './desks.handover.js';
import { desksRepository } from './desks.repository.js';
import { coverageOf, deskCalendar, deskInScope, toDesk, toShift } from './desks.service.js';

export async function deskToday(ctx: Ctx, id: string, dateParam?: string): Promise<DeskToday> {
  const { db } = ctx.database;
  const desk = await deskInScope(ctx, db, id);
  const { timezone } = await deskCalendar(db, desk.project_id);
  const nowMs = Date.now();
  const date = dateParam ?? localDateOf(timezone, new Date(nowMs).toISOString());
  const cov = await coverageOf(db, desk, date, date, nowMs);
  const day = cov.days[0]!;
  const projectIds = [desk.project_id];
  const may = async (p: Parameters<typeof scopedProjectIds>[1]) => (await scopedProjectIds(ctx, p)).includes(desk.project_id);

  const runs = await checklistsRepository.runsOfDesk(db, desk.id, date);
  const runItems = await checklistsRepository.itemsOf(db, runs.map((r) => r.id));
  const keysOut = (await may('keys.read')) ? (await keysRepository.openLoans(db, projectIds)).map((l) => ({ ...toLoan(l, nowMs), keyLabel: l.key_label ?? '' })) : [];
  const callbacks = (await may('calls.read')) ? (await callsRepository.pendingCallbacks(db, projectIds)).map((c) => toCall(c, nowMs)) : [];
  const handovers = await desksRepository.listHandovers(db, { projectIds, deskId: desk.id }, { page: 1, pageSize: 10 });
  const pinned = (await may('notices.read')) ? (await listNotices(ctx, { projectId: desk.project_id, pinned: true, page: 1, pageSize: 10 })).items : [];
  return {
    desk: toDesk(desk),
    date,
    dayType: day.dayType,
    open: day.open,
    onDuty: cov.shifts.filter((s) => s.date === date || (Date.parse(s.end_at) > nowMs && Date.parse(s.start_at) <= nowMs)).map((s) => toShift(s, cov.covers, nowMs)),
    gaps: cov.gaps,
    checklists: runs.map((r) => toRun(r, runItems, nowMs)),
    keysOut,
    callbacksDue: callbacks,
    pendingHandovers: handovers.rows.filter((h) => h.acknowledged_at === null).map(toHandover),
    visitorsOnSite: handovers.rows[0] ? (JSON.parse(handovers.rows[0].items) as { visitorsOnSite: string | null }).visitorsOnSite : null,
    pinnedNotices: pinned,
  };
}
