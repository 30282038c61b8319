/**
 * Escalations (升级): recorded once per (ticket, cycle, target, reason, level) — a reopened ticket
 * starts a new cycle, whose missed targets escalate again — on the ticket's timeline,
 * to the level's people (1: reception supervisor, 2: center director), listed and acknowledged.
 */
import type { Escalation } from '@propdesk/contracts';
import type { Tx } from '../../db/database.js';
import type { Ctx } from '../../http/context.js';
import { AppError, notFound, type Localized } from '../../http/errors.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { diffChanges } from '../audit/audit.policy.js';
import { auditRepository } from '../audit/audit.repository.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertProjectInScope, projectFilter } from '../auth/auth.scope.js';
import { notify, usersWithRoleCovering } from '../notifications/notifications.service.js';
import { LEVEL_ROLE } from './escalations.policy.js';
import { escalationsRepository as repo, type EscalationRow } from './escalations.repository.js';

export interface EscalationInput {
  ticketId: string;
  projectId: string;
  ticketNumber: string;
  /** The ticket's reopen_count now (0 until it is first reopened; a major complaint at intake: 0). */
  cycle: number;
  /** 1: reception supervisor; 2: center director. */
  level: 1 | 2;
  target: 'response' | 'arrival' | 'resolution' | 'major';
  reason: 'warning' | 'breach' | 'major';
  dueAt: string | null;
  /** Who triggered it (null: the background job). */
  actor: { id: string; name: string } | null;
}

const ESCALATION = { zh: '升级记录', en: 'escalation' };

const TARGET_NAME: Record<EscalationInput['target'], Localized> = {
  response: { zh: '响应', en: 'response' },
  arrival: { zh: '到场', en: 'arrival' },
  resolution: { zh: '完成', en: 'resolution' },
  major: { zh: '重大投诉', en: 'major complaint' },
};

const LEVEL_NAME: Record<1 | 2, Localized> = {
  1: { zh: '一级升级（接待主管）', en: 'Level 1 (reception supervisor)' },
  2: { zh: '二级升级（客服中心主任）', en: 'Level 2 (center director)' },
};

/** A due instant as people at the project read it: "2026-03-16 10:00" in its time zone. */
export function localDueTime(iso: string, timezone: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(new Date(iso))
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** The bell's words for an escalation, in both languages (`dueLocal`: the due time as people at the project read it). */
export function escalationMessage(e: Pick<EscalationInput, 'ticketNumber' | 'level' | 'target' | 'reason'>, dueLocal: string | null): { title: Localized; body: Localized } {
  const t = TARGET_NAME[e.target];
  const n = e.ticketNumber;
  const title: Localized =
    e.reason === 'major' ? { zh: `重大投诉 ${n} 已升级`, en: `Major complaint ${n} escalated` }
    : e.reason === 'warning' ? { zh: `工单 ${n} ${t.zh}即将超时`, en: `Ticket ${n} is close to missing its ${t.en} target` }
    : { zh: `工单 ${n} ${t.zh}已超时`, en: `Ticket ${n} missed its ${t.en} target` };
  const due = dueLocal ? { zh: `，时限 ${dueLocal}`, en: `, due ${dueLocal}` } : { zh: '', en: '' };
  const l = LEVEL_NAME[e.level];
  return { title, body: { zh: `${l.zh}${due.zh}`, en: `${l.en}${due.en}` } };
}

/**
 * Records an escalation once (a unique key makes a second, concurrent attempt a no-op), raises the
 * ticket's escalation level, appends it to the ticket's timeline and notifies the level's people.
 * Returns false when it had already been recorded. Runs in the caller's transaction.
 */
export async function recordEscalation(tx: Tx, e: EscalationInput): Promise<boolean> {
  const at = nowIso();
  const id = newId();
  const inserted = await repo.insertOnce(tx, {
    id, ticket_id: e.ticketId, project_id: e.projectId, cycle: e.cycle, level: e.level, target: e.target, reason: e.reason,
    due_at: e.dueAt, at, acknowledged_by: null, acknowledged_at: null,
  });
  if (!inserted) return false;
  // The version is not bumped: an escalation is not an edit, and must not make a person's
  // concurrent action on the ticket fail as "changed by someone else".
  await repo.raiseTicketLevel(tx, e.ticketId, e.level);
  const data = { escalationId: id, cycle: e.cycle, level: e.level, target: e.target, reason: e.reason, dueAt: e.dueAt };
  await repo.insertTicketEvent(tx, {
    id: newId(), ticket_id: e.ticketId, project_id: e.projectId, at, actor_id: e.actor?.id ?? null, actor_name: e.actor?.name ?? null,
    type: 'escalation', from_status: null, to_status: null, body: null, data: JSON.stringify(data), internal: 1,
  });
  await auditRepository.insert(tx, {
    id: newId(), at, actor_id: e.actor?.id ?? null, actor_name: e.actor?.name ?? null, action: 'ticket.escalate', entity: 'ticket',
    entity_id: e.ticketId, project_id: e.projectId, changes: JSON.stringify(diffChanges(null, data)), ip: null,
  });
  const recipients = await usersWithRoleCovering(tx, LEVEL_ROLE[e.level], e.projectId);
  const timezone = (await repo.projectTimezone(tx, e.projectId))?.timezone ?? 'Asia/Shanghai';
  const { title, body } = escalationMessage(e, e.dueAt ? localDueTime(e.dueAt, timezone) : null);
  await notify(tx, { userIds: recipients, projectId: e.projectId, type: 'ticket.escalated', title, body, link: `/tickets/${e.ticketId}` });
  return true;
}

function toEscalation(r: EscalationRow): Escalation {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    ticketNumber: r.ticket_number,
    ticketTitle: r.ticket_title,
    projectId: r.project_id,
    level: r.level,
    target: r.target,
    reason: r.reason,
    dueAt: r.due_at,
    at: r.at,
    acknowledgedBy: r.acknowledged_by,
    acknowledgedAt: r.acknowledged_at,
  };
}

export const escalationsService = {
  async list(ctx: Ctx, q: { projectId?: string; level?: number; acknowledged?: boolean; q?: string; page: number; pageSize: number; sort?: string }) {
    const projectIds = await projectFilter(ctx, 'escalations.read', q.projectId);
    const { rows, total } = await repo.list(ctx.database.db, { projectIds, level: q.level, acknowledged: q.acknowledged, q: q.q }, q);
    return { items: rows.map(toEscalation), total, page: q.page, pageSize: q.pageSize };
  },

  /** "I have seen it and I am on it": once; the second person to try gets 409. */
  async acknowledge(ctx: Ctx, id: string): Promise<Escalation> {
    return ctx.database.db.transaction().execute(async (tx) => {
      const row = await repo.findById(tx, id);
      if (!row) throw notFound(ESCALATION);
      await assertProjectInScope(ctx, 'escalations.read', row.project_id, ESCALATION);
      const at = nowIso();
      if ((await repo.acknowledge(tx, id, ctx.actor.user.id, at)) === 0) {
        throw new AppError(409, 'invalid_transition', {
          zh: '该升级已被确认，请刷新',
          en: 'This escalation has already been acknowledged: reload',
        }, { from: 'acknowledged', action: 'acknowledge' });
      }
      const after = { ...row, acknowledged_by: ctx.actor.user.id, acknowledged_at: at };
      await repo.insertTicketEvent(tx, {
        id: newId(), ticket_id: row.ticket_id, project_id: row.project_id, at, actor_id: ctx.actor.user.id, actor_name: ctx.actor.user.displayName,
        type: 'escalation_ack', from_status: null, to_status: null, body: null,
        data: JSON.stringify({ escalationId: id, level: row.level, target: row.target, reason: row.reason }), internal: 1,
      });
      await recordAudit(tx, ctx, {
        action: 'escalation.acknowledge', entity: 'escalation', entityId: id, projectId: row.project_id,
        before: { acknowledgedBy: null, acknowledgedAt: null }, after: { acknowledgedBy: after.acknowledged_by, acknowledgedAt: at },
      });
      return toEscalation(after);
    });
  },
};
