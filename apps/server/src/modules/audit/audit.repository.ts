import type { Tx } from '../../db/database.js';
import type { AuditLogTable } from '../../db/schema.js';
import { applyPaging, applySort, containsCi } from '../../db/query.js';

export interface AuditFilter {
  projectIds: string[] | null;
  actorId?: string;
  entity?: string;
  entityId?: string;
  action?: string;
  from?: string;
  to?: string;
  q?: string;
}

export const auditRepository = {
  async insert(db: Tx, row: AuditLogTable) {
    await db.insertInto('audit_log').values(row).execute();
  },

  async list(db: Tx, f: AuditFilter, paging: { page: number; pageSize: number; sort?: string }) {
    let q = db.selectFrom('audit_log');
    if (f.projectIds) {
      const ids = f.projectIds;
      // Records not tied to a project (users, roles, org nodes above projects) are admin-level.
      q = ids.length ? q.where('project_id', 'in', ids) : q.where('id', '=', '');
    }
    if (f.actorId) q = q.where('actor_id', '=', f.actorId);
    if (f.entity) q = q.where('entity', '=', f.entity);
    if (f.entityId) q = q.where('entity_id', '=', f.entityId);
    if (f.action) q = q.where('action', '=', f.action);
    if (f.from) q = q.where('at', '>=', f.from);
    if (f.to) q = q.where('at', '<', f.to);
    if (f.q) {
      const text = f.q;
      q = q.where((eb) => eb.or([containsCi('actor_name', text), containsCi('action', text)]));
    }
    const { count } = await q.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    const rows = await applyPaging(applySort(q.selectAll(), paging.sort, { at: 'at', action: 'action', entity: 'entity' }, '-at'), paging).execute();
    return { rows, total: Number(count) };
  },
};
