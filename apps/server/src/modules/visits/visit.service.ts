/**
 * The visitor register (来访登记): at a community's gate or the mall's management office —
 * who came, how many, to see whom, why; check in, check out; who is on site now; a day's record.
 */
import type { CreateVisitBody, Page, Visit, VisitListQuery } from '@propdesk/contracts';
import type { VisitsTable } from '../../db/schema.js';
import type { Ctx } from '../../http/context.js';
import { AppError, notFound, type Localized } from '../../http/errors.js';
import { newId } from '../../lib/ids.js';
import { maskIdNumber } from '../../lib/mask.js';
import { nowIso } from '../../lib/time.js';
import { recordAudit } from '../audit/audit.service.js';
import { projectFilter, scopedProjectIds } from '../auth/auth.scope.js';
import { localDayRange } from '../sla/sla.clock.js';
import { badField, projectTimezone, requireScope, unitInScope } from '../resident-services/shared.js';
import { visitRepository, type VisitRow } from './visit.repository.js';

const VISIT: Localized = { zh: '来访记录', en: 'visit' };

function toVisit(r: VisitRow): Visit {
  return {
    id: r.id, projectId: r.project_id, visitorName: r.visitor_name, phone: r.phone, idNumberMasked: r.id_number ? maskIdNumber(r.id_number) : null,
    partySize: r.party_size, plate: r.plate, hostUnitId: r.host_unit_id, hostUnitLabel: r.unit_number ? `${r.building_name ?? ''}${r.unit_number}` : null,
    hostName: r.host_name, purpose: r.purpose, gate: r.gate, checkedInAt: r.checked_in_at, checkedInBy: r.in_by_name, checkedOutAt: r.checked_out_at, checkedOutBy: r.out_by_name,
  };
}

export const visitService = {
  async checkIn(ctx: Ctx, body: CreateVisitBody): Promise<Visit> {
    const id = await ctx.database.db.transaction().execute(async (tx) => {
      if (!(await scopedProjectIds(ctx, 'visitors.manage')).includes(body.projectId)) throw badField('project_not_found', 'body.projectId', '项目不存在', 'The project does not exist');
      if (body.hostUnitId) {
        const unit = await unitInScope(tx, ctx, 'visitors.manage', body.hostUnitId, 'body.hostUnitId');
        if (unit.project_id !== body.projectId) throw badField('unit_not_in_project', 'body.hostUnitId', '房屋不属于该项目', 'The unit is not in this project');
      }
      const row: VisitsTable = {
        id: newId(), project_id: body.projectId, visitor_name: body.visitorName, phone: body.phone ?? null, id_number: body.idNumber ?? null, party_size: body.partySize,
        plate: body.plate ?? null, host_unit_id: body.hostUnitId ?? null, host_name: body.hostName ?? null, purpose: body.purpose, gate: body.gate ?? null,
        checked_in_at: nowIso(), checked_in_by: ctx.actor.user.id, checked_out_at: null, checked_out_by: null,
      };
      await visitRepository.insert(tx, row);
      await recordAudit(tx, ctx, { action: 'visit.check_in', entity: 'visit', entityId: row.id, projectId: row.project_id, before: null, after: { visitorName: row.visitor_name, partySize: row.party_size, hostUnitId: row.host_unit_id, hostName: row.host_name, purpose: row.purpose } });
      return row.id;
    });
    return this.get(ctx, id);
  },

  async checkOut(ctx: Ctx, id: string): Promise<Visit> {
    await ctx.database.db.transaction().execute(async (tx) => {
      const r = await visitRepository.find(tx, id);
      if (!r) throw notFound(VISIT);
      await requireScope(ctx, 'visitors.manage', r.project_id, VISIT);
      const at = nowIso();
      if (!(await visitRepository.checkOut(tx, id, at, ctx.actor.user.id))) throw new AppError(409, 'already_checked_out', { zh: '该访客已离场', en: 'This visitor has already checked out' });
      await recordAudit(tx, ctx, { action: 'visit.check_out', entity: 'visit', entityId: id, projectId: r.project_id, before: { checkedOutAt: null }, after: { checkedOutAt: at } });
    });
    return this.get(ctx, id);
  },

  async get(ctx: Ctx, id: string): Promise<Visit> {
    const r = await visitRepository.find(ctx.database.db, id);
    if (!r) throw notFound(VISIT);
    await requireScope(ctx, 'visitors.manage', r.project_id, VISIT);
    return toVisit(r);
  },

  async list(ctx: Ctx, q: VisitListQuery): Promise<Page<Visit>> {
    const projectIds = await projectFilter(ctx, 'visitors.manage', q.projectId);
    const range = q.date && projectIds[0] ? localDayRange(await projectTimezone(ctx.database.db, projectIds[0]), q.date) : undefined;
    const { rows, total } = await visitRepository.list(ctx.database.db, { projectIds, onSite: q.onSite, fromIso: range?.startIso, toIso: range?.endIso, q: q.q }, q);
    return { items: rows.map(toVisit), total, page: q.page, pageSize: q.pageSize };
  },
};
