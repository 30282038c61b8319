/** Incidents (突发事件): report, escalate by severity with acknowledgement, actions in order, close with the outcome. */
import type { EscalationTarget, Incident, Page, Severity } from '@propdesk/contracts';
import type { z } from 'zod';
import type { CreateIncidentBody, IncidentAckBody, IncidentActionBody, IncidentCloseBody, IncidentListQuery } from '@propdesk/contracts';
import type { Tx } from '../../db/database.js';
import type { IncidentsTable } from '../../db/schema.js';
import type { Ctx } from '../../http/context.js';
import { conflict, forbidden, notFound } from '../../http/errors.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { recordAudit } from '../audit/audit.service.js';
import { scopedProjectIds } from '../auth/auth.scope.js';
import { notify, usersWithRoleCovering } from '../notifications/notifications.service.js';
import { mayFire, newTargets, severityRank } from './incidents.policy.js';
import { incidentsRepository } from './incidents.repository.js';

const INCIDENT = { zh: '突发事件', en: 'incident' };
const TARGET_ORDER = ['supervisor', 'operations', 'director'];

type EscRow = Awaited<ReturnType<typeof incidentsRepository.escalationsOf>>[number];
type ActRow = Awaited<ReturnType<typeof incidentsRepository.actionsOf>>[number];

function toIncident(r: IncidentsTable, esc: readonly EscRow[], acts: readonly ActRow[]): Incident {
  return {
    id: r.id, projectId: r.project_id, title: r.title, description: r.description, location: r.location, severity: r.severity as Severity,
    status: r.status as Incident['status'], reportedBy: r.reported_by, occurredAt: r.occurred_at,
    escalations: esc.filter((e) => e.incident_id === r.id).sort((a, b) => a.notified_at.localeCompare(b.notified_at) || TARGET_ORDER.indexOf(a.target) - TARGET_ORDER.indexOf(b.target)).map((e) => ({ target: e.target as EscalationTarget, notifiedAt: e.notified_at, acknowledgedAt: e.acknowledged_at, acknowledgedByName: e.acknowledged_by_name })),
    actions: acts.filter((a) => a.incident_id === r.id).map((a) => ({ id: a.id, at: a.at, byName: a.by_name, text: a.text })),
    outcome: r.outcome, closedAt: r.closed_at, createdAt: r.created_at,
  };
}

async function load(tx: Tx, id: string): Promise<Incident> {
  const row = (await incidentsRepository.findById(tx, id))!;
  return toIncident(row, await incidentsRepository.escalationsOf(tx, [id]), await incidentsRepository.actionsOf(tx, [id]));
}

async function inScope(ctx: Ctx, tx: Tx, id: string, permission: 'incidents.report' | 'incidents.acknowledge') {
  const row = await incidentsRepository.findById(tx, id);
  if (!row || !(await scopedProjectIds(ctx, 'incidents.read')).includes(row.project_id)) throw notFound(INCIDENT);
  if (!(await scopedProjectIds(ctx, permission)).includes(row.project_id)) throw forbidden();
  return row;
}

/**
 * The bell for each newly escalated level: the reception supervisor (who also reports it on to the
 * operations department, 营运部, which has no seat in the system) and the center director.
 */
async function notifyTargets(tx: Tx, incident: { id: string; project_id: string; title: string; severity: string }, targets: readonly EscalationTarget[]) {
  for (const target of targets) {
    const role = target === 'director' ? 'center_director' : 'reception_supervisor';
    const userIds = await usersWithRoleCovering(tx, role, incident.project_id);
    const what = target === 'operations' ? { zh: '（请通报营运部）', en: ' (report it to the operations department)' } : { zh: '', en: '' };
    await notify(tx, {
      userIds, projectId: incident.project_id, type: 'incident.escalated', link: '/frontdesk/incidents',
      title: { zh: `突发事件：${incident.title}${what.zh}`, en: `Incident: ${incident.title}${what.en}` },
      body: { zh: '请尽快确认并协调处理', en: 'Acknowledge it and coordinate the response' },
    });
  }
}

const closedAlready = () => conflict('incident_closed', { zh: '该事件已结案', en: 'The incident is closed' });

export const incidentsService = {
  async list(ctx: Ctx, q: z.infer<typeof IncidentListQuery>): Promise<Page<Incident>> {
    const { db } = ctx.database;
    let projectIds = await scopedProjectIds(ctx, 'incidents.read');
    if (q.projectId) projectIds = projectIds.filter((p) => p === q.projectId);
    const { rows, total } = await incidentsRepository.list(db, { projectIds, q: q.q, status: q.status, severity: q.severity }, q);
    const ids = rows.map((r) => r.id);
    const esc = await incidentsRepository.escalationsOf(db, ids);
    const acts = await incidentsRepository.actionsOf(db, ids);
    return { items: rows.map((r) => toIncident(r, esc, acts)), total, page: q.page, pageSize: q.pageSize };
  },

  async get(ctx: Ctx, id: string): Promise<Incident> {
    const row = await incidentsRepository.findById(ctx.database.db, id);
    if (!row || !(await scopedProjectIds(ctx, 'incidents.read')).includes(row.project_id)) throw notFound(INCIDENT);
    return load(ctx.database.db, id);
  },

  async create(ctx: Ctx, input: z.infer<typeof CreateIncidentBody>): Promise<Incident> {
    if (!(await scopedProjectIds(ctx, 'incidents.read')).includes(input.projectId)) throw notFound({ zh: '项目', en: 'project' });
    if (!(await scopedProjectIds(ctx, 'incidents.report')).includes(input.projectId)) throw forbidden();
    return ctx.database.db.transaction().execute(async (tx) => {
      const now = nowIso();
      const id = newId();
      await incidentsRepository.insert(tx, {
        id, project_id: input.projectId, title: input.title, description: input.description, location: input.location, severity: input.severity, status: 'open',
        reported_by: input.reportedBy, occurred_at: input.occurredAt ? new Date(input.occurredAt).toISOString() : now, outcome: null, closed_at: null,
        created_by: ctx.actor.user.id, created_at: now, updated_at: now,
      });
      const targets = newTargets([], input.severity);
      await incidentsRepository.insertEscalations(tx, targets.map((target) => ({ incident_id: id, target, notified_at: now, acknowledged_at: null, acknowledged_by: null })));
      await notifyTargets(tx, { id, project_id: input.projectId, title: input.title, severity: input.severity }, targets);
      const incident = await load(tx, id);
      await recordAudit(tx, ctx, { action: 'incident.create', entity: 'incident', entityId: id, projectId: input.projectId, before: null, after: incident });
      return incident;
    });
  },

  /** An action taken, in order; it may raise the severity, which escalates further. */
  async act(ctx: Ctx, id: string, input: z.infer<typeof IncidentActionBody>): Promise<Incident> {
    return ctx.database.db.transaction().execute(async (tx) => {
      const row = await inScope(ctx, tx, id, 'incidents.report');
      if (!mayFire(row.status as 'open', 'act')) throw closedAlready();
      const now = nowIso();
      await incidentsRepository.insertAction(tx, { id: newId(), incident_id: id, at: now, by_user_id: ctx.actor.user.id, text: input.text });
      if (input.severity && severityRank(input.severity) > severityRank(row.severity as Severity)) {
        const notified = (await incidentsRepository.escalationsOf(tx, [id])).map((e) => e.target as EscalationTarget);
        await incidentsRepository.update(tx, id, { severity: input.severity, updated_at: now });
        const targets = newTargets(notified, input.severity);
        await incidentsRepository.insertEscalations(tx, targets.map((target) => ({ incident_id: id, target, notified_at: now, acknowledged_at: null, acknowledged_by: null })));
        await notifyTargets(tx, { ...row, severity: input.severity }, targets);
      }
      const after = await load(tx, id);
      await recordAudit(tx, ctx, { action: 'incident.action', entity: 'incident', entityId: id, projectId: row.project_id, before: { severity: row.severity }, after: { severity: after.severity, text: input.text } });
      return after;
    });
  },

  async acknowledge(ctx: Ctx, id: string, input: z.infer<typeof IncidentAckBody>): Promise<Incident> {
    return ctx.database.db.transaction().execute(async (tx) => {
      const row = await inScope(ctx, tx, id, 'incidents.acknowledge');
      const esc = (await incidentsRepository.escalationsOf(tx, [id])).find((e) => e.target === input.target);
      if (!esc) throw conflict('not_escalated', { zh: '该事件未上报到此层级', en: 'The incident was not escalated to that level' });
      const now = nowIso();
      if (!(await incidentsRepository.acknowledge(tx, id, input.target, now, ctx.actor.user.id))) throw conflict('already_acknowledged', { zh: '此层级已确认', en: 'That level has already acknowledged' });
      await recordAudit(tx, ctx, { action: 'incident.acknowledge', entity: 'incident', entityId: id, projectId: row.project_id, before: null, after: { target: input.target, at: now } });
      return load(tx, id);
    });
  },

  async close(ctx: Ctx, id: string, input: z.infer<typeof IncidentCloseBody>): Promise<Incident> {
    return ctx.database.db.transaction().execute(async (tx) => {
      const row = await inScope(ctx, tx, id, 'incidents.report');
      const now = nowIso();
      if (!(await incidentsRepository.close(tx, id, input.outcome, now))) throw closedAlready();
      await recordAudit(tx, ctx, { action: 'incident.close', entity: 'incident', entityId: id, projectId: row.project_id, before: { status: 'open' }, after: { status: 'closed', outcome: input.outcome } });
      return load(tx, id);
    });
  },
};
