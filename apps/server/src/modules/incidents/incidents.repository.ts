import type { Tx } from '../../db/database.js';
import { applyPaging, applySort, containsCi } from '../../db/query.js';
import type { IncidentActionsTable, IncidentEscalationsTable, IncidentsTable } from '../../db/schema.js';

const SORT = { createdAt: 'created_at', severity: 'severity', occurredAt: 'occurred_at' };

/** Every SQL statement about incidents, their escalations and actions. */
export const incidentsRepository = {
  async list(db: Tx, f: { projectIds: string[]; q?: string; status?: string; severity?: string }, p: { page: number; pageSize: number; sort?: string }): Promise<{ rows: IncidentsTable[]; total: number }> {
    if (f.projectIds.length === 0) return { rows: [], total: 0 };
    const base = db.selectFrom('incidents').where('project_id', 'in', f.projectIds)
      .$if(!!f.status, (q) => q.where('status', '=', f.status!))
      .$if(!!f.severity, (q) => q.where('severity', '=', f.severity!))
      .$if(!!f.q, (q) => q.where((eb) => eb.or([containsCi('title', f.q!), containsCi('location', f.q!)])));
    const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await applyPaging(applySort(base.selectAll(), p.sort, SORT, '-createdAt'), p).execute();
    return { rows, total: Number(n) };
  },

  findById(db: Tx, id: string) {
    return db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async insert(db: Tx, row: IncidentsTable) {
    await db.insertInto('incidents').values(row).execute();
  },

  async update(db: Tx, id: string, patch: Partial<IncidentsTable>) {
    await db.updateTable('incidents').set(patch).where('id', '=', id).execute();
  },

  /** Closes once: of two closes at once, one wins. */
  async close(db: Tx, id: string, outcome: string, at: string): Promise<boolean> {
    const r = await db.updateTable('incidents').set({ status: 'closed', outcome, closed_at: at, updated_at: at }).where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  escalationsOf(db: Tx, ids: string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return db.selectFrom('incident_escalations as e').leftJoin('users as u', 'u.id', 'e.acknowledged_by').selectAll('e').select('u.display_name as acknowledged_by_name')
      .where('e.incident_id', 'in', ids).orderBy('e.notified_at').execute();
  },

  async insertEscalations(db: Tx, rows: IncidentEscalationsTable[]) {
    if (rows.length > 0) await db.insertInto('incident_escalations').values(rows).execute();
  },

  async acknowledge(db: Tx, id: string, target: string, at: string, by: string): Promise<boolean> {
    const r = await db.updateTable('incident_escalations').set({ acknowledged_at: at, acknowledged_by: by }).where('incident_id', '=', id).where('target', '=', target).where('acknowledged_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  actionsOf(db: Tx, ids: string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return db.selectFrom('incident_actions as a').leftJoin('users as u', 'u.id', 'a.by_user_id').selectAll('a').select('u.display_name as by_name')
      .where('a.incident_id', 'in', ids).orderBy('a.at').orderBy('a.id').execute();
  },

  async insertAction(db: Tx, row: IncidentActionsTable) {
    await db.insertInto('incident_actions').values(row).execute();
  },

  openCount(db: Tx, projectIds: string[]) {
    if (projectIds.length === 0) return Promise.resolve(0);
    return db.selectFrom('incidents').select((eb) => eb.fn.countAll<number>().as('n')).where('project_id', 'in', projectIds).where('status', '=', 'open').executeTakeFirstOrThrow().then((r) => Number(r.n));
  },
};
