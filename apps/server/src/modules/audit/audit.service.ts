import type { AuditEntry } from '@propdesk/contracts';
import type { Tx } from '../../db/database.js';
import type { Ctx } from '../../http/context.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { holdsAtRoot } from '../auth/auth.policy.js';
import { scopedProjectIds } from '../auth/auth.scope.js';
import { diffChanges } from './audit.policy.js';
import { auditRepository, type AuditFilter } from './audit.repository.js';

export interface AuditInput {
  action: string;
  entity: string;
  entityId: string | null;
  projectId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Who did what to which record, before and after, when, from where — in the caller's transaction. */
export async function recordAudit(tx: Tx, ctx: Pick<Ctx, 'actor' | 'ip'> | { actor: null; ip: string | null }, e: AuditInput): Promise<void> {
  const changes = e.before === undefined && e.after === undefined ? null : diffChanges(e.before ?? null, e.after ?? null);
  await auditRepository.insert(tx, {
    id: newId(),
    at: nowIso(),
    actor_id: ctx.actor?.user.id ?? null,
    actor_name: ctx.actor?.user.displayName ?? null,
    action: e.action,
    entity: e.entity,
    entity_id: e.entityId,
    project_id: e.projectId ?? null,
    changes: changes ? JSON.stringify(changes) : null,
    ip: ctx.ip,
  });
}

export const auditService = {
  async list(ctx: Ctx, query: Omit<AuditFilter, 'projectIds'> & { page: number; pageSize: number; sort?: string }) {
    // Whoever may read the audit log at the root sees everything; others see their projects' records.
    const isGlobal = holdsAtRoot(ctx.actor.grants, 'audit.read');
    const projectIds = isGlobal ? null : await scopedProjectIds(ctx, 'audit.read');
    const { rows, total } = await auditRepository.list(ctx.database.db, { ...query, projectIds }, query);
    const items: AuditEntry[] = rows.map((r) => ({
      id: r.id,
      at: r.at,
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      projectId: r.project_id,
      changes: r.changes ? JSON.parse(r.changes) : null,
      ip: r.ip,
    }));
    return { items, total, page: query.page, pageSize: query.pageSize };
  },
};
