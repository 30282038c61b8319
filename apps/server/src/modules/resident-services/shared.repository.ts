/** SQL the resident-service modules share: units with their building, people's names, counters, gate checks. */
import type { Tx } from '../../db/database.js';
import { applyPaging, applySort } from '../../db/query.js';
import type { GateChecksTable } from '../../db/schema.js';

export interface UnitRef {
  id: string;
  project_id: string;
  number: string;
  state: string;
  building_name: string;
  timezone: string;
}

export const sharedRepository = {
  async unit(db: Tx, unitId: string): Promise<UnitRef | undefined> {
    return db
      .selectFrom('units as u')
      .innerJoin('org_units as b', 'b.id', 'u.building_id')
      .innerJoin('org_units as p', 'p.id', 'u.project_id')
      .select(['u.id', 'u.project_id', 'u.number', 'u.state', 'b.name as building_name', 'p.timezone'])
      .where('u.id', '=', unitId)
      .executeTakeFirst();
  },

  async units(db: Tx, ids: string[]): Promise<Map<string, { number: string; building_name: string }>> {
    if (ids.length === 0) return new Map();
    const rows = await db
      .selectFrom('units as u')
      .innerJoin('org_units as b', 'b.id', 'u.building_id')
      .select(['u.id', 'u.number', 'b.name as building_name'])
      .where('u.id', 'in', [...new Set(ids)])
      .execute();
    return new Map(rows.map((r) => [r.id, r]));
  },

  async project(db: Tx, projectId: string) {
    return db.selectFrom('org_units').select(['id', 'timezone', 'name', 'kind']).where('id', '=', projectId).executeTakeFirst();
  },

  async setUnitState(db: Tx, unitId: string, state: string, now: string) {
    await db.updateTable('units').set({ state, updated_at: now }).where('id', '=', unitId).execute();
  },

  /** Display names of users (for "done by" lines). */
  async userNames(db: Tx, ids: (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((x): x is string => !!x))];
    if (wanted.length === 0) return new Map();
    const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', wanted).execute();
    return new Map(rows.map((r) => [r.id, r.display_name]));
  },

  async insertGateCheck(db: Tx, row: GateChecksTable) {
    await db.insertInto('gate_checks').values(row).execute();
  },

  async findGateCheck(db: Tx, id: string) {
    return db.selectFrom('gate_checks').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async listGateChecks(db: Tx, f: { projectIds: string[]; subject?: string; fromIso?: string; toIso?: string }, p: { page: number; pageSize: number; sort?: string }) {
    if (f.projectIds.length === 0) return { rows: [], total: 0 };
    let q = db.selectFrom('gate_checks as g').where('g.project_id', 'in', f.projectIds);
    if (f.subject) q = q.where('g.subject', '=', f.subject);
    if (f.fromIso) q = q.where('g.checked_at', '>=', f.fromIso);
    if (f.toIso) q = q.where('g.checked_at', '<', f.toIso);
    const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await applyPaging(applySort(q.leftJoin('users as us', 'us.id', 'g.checked_by').selectAll('g').select('us.display_name as checked_by_name'), p.sort, { checkedAt: 'g.checked_at' }, '-checkedAt'), p).execute();
    return { rows, total };
  },
};
