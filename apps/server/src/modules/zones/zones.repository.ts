import type { Tx } from '../../db/database.js';
import { applyPaging, applySort, containsCi } from '../../db/query.js';
import type { ZonesTable } from '../../db/schema.js';

export type ZoneRow = ZonesTable & { team_name: string | null };

const SORT_COLUMNS: Record<string, string> = { name: 'zones.name', createdAt: 'zones.created_at', updatedAt: 'zones.updated_at' };

export const zonesRepository = {
  async list(db: Tx, f: { projectIds: string[]; teamId?: string; q?: string }, p: { page: number; pageSize: number; sort?: string }) {
    const base = () => {
      let q = db.selectFrom('zones').where('zones.project_id', 'in', f.projectIds);
      if (f.teamId) q = q.where('zones.team_id', '=', f.teamId);
      if (f.q) q = q.where(containsCi('zones.name', f.q));
      return q;
    };
    const rows = await applyPaging(
      applySort(base().leftJoin('teams', 'teams.id', 'zones.team_id').selectAll('zones').select('teams.name as team_name'), p.sort, SORT_COLUMNS, 'name'),
      p,
    ).execute();
    const count = await base().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { rows: rows as ZoneRow[], total: Number(count.n) };
  },

  findById(db: Tx, id: string): Promise<ZoneRow | undefined> {
    return db.selectFrom('zones').leftJoin('teams', 'teams.id', 'zones.team_id').selectAll('zones').select('teams.name as team_name').where('zones.id', '=', id).executeTakeFirst();
  },

  findByName(db: Tx, projectId: string, name: string) {
    return db.selectFrom('zones').select(['id']).where('project_id', '=', projectId).where('name', '=', name).executeTakeFirst();
  },

  /** Every zone of a project, for routing (a project has a handful). */
  listByProject(db: Tx, projectId: string): Promise<ZoneRow[]> {
    return db.selectFrom('zones').leftJoin('teams', 'teams.id', 'zones.team_id').selectAll('zones').select('teams.name as team_name').where('zones.project_id', '=', projectId).execute();
  },

  /** The zone of the project that holds the building, with its team (routing an intake). */
  zoneOfBuilding(db: Tx, projectId: string, buildingId: string) {
    return db
      .selectFrom('zone_buildings as zb')
      .innerJoin('zones as z', 'z.id', 'zb.zone_id')
      .leftJoin('teams as tm', 'tm.id', 'z.team_id')
      .select(['z.id as zone_id', 'z.name as zone_name', 'z.team_id', 'tm.name as team_name'])
      .where('zb.building_id', '=', buildingId)
      .where('z.project_id', '=', projectId)
      .executeTakeFirst();
  },

  /** The buildings (id and name) of the given zones. */
  listBuildingsOfZones(db: Tx, zoneIds: string[]) {
    if (zoneIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('zone_buildings as zb')
      .innerJoin('org_units as b', 'b.id', 'zb.building_id')
      .select(['zb.zone_id', 'b.id', 'b.name'])
      .where('zb.zone_id', 'in', zoneIds)
      .orderBy('b.name')
      .orderBy('b.id')
      .execute();
  },

  /** Where the given buildings sit today (building and zone names, for a message a person can act on). */
  listAssignments(db: Tx, buildingIds: string[]) {
    if (buildingIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('zone_buildings as zb')
      .innerJoin('zones as z', 'z.id', 'zb.zone_id')
      .innerJoin('org_units as b', 'b.id', 'zb.building_id')
      .select(['zb.building_id as buildingId', 'b.name as buildingName', 'z.id as zoneId', 'z.name as zoneName'])
      .where('zb.building_id', 'in', buildingIds)
      .execute();
  },

  findOrgUnits(db: Tx, ids: string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return db.selectFrom('org_units').select(['id', 'kind', 'project_id as projectId', 'name']).where('id', 'in', ids).execute();
  },

  findTeam(db: Tx, id: string) {
    return db.selectFrom('teams').select(['id', 'project_id', 'name']).where('id', '=', id).executeTakeFirst();
  },

  async insert(db: Tx, row: ZonesTable) {
    await db.insertInto('zones').values(row).execute();
  },

  async update(db: Tx, id: string, patch: Partial<ZonesTable>) {
    await db.updateTable('zones').set(patch).where('id', '=', id).execute();
  },

  /** The zone's buildings become exactly `buildingIds`. */
  async replaceBuildings(db: Tx, zoneId: string, projectId: string, buildingIds: string[]) {
    await db.deleteFrom('zone_buildings').where('zone_id', '=', zoneId).execute();
    if (buildingIds.length > 0) {
      await db.insertInto('zone_buildings').values(buildingIds.map((building_id) => ({ zone_id: zoneId, building_id, project_id: projectId }))).execute();
    }
  },

  /** What still points at the zone (see zoneRemovalBlockers). */
  async usage(db: Tx, zoneId: string): Promise<{ buildings: number; tickets: number }> {
    const buildings = await db.selectFrom('zone_buildings').select((eb) => eb.fn.countAll<number>().as('n')).where('zone_id', '=', zoneId).executeTakeFirstOrThrow();
    const tickets = await db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).where('zone_id', '=', zoneId).executeTakeFirstOrThrow();
    return { buildings: Number(buildings.n), tickets: Number(tickets.n) };
  },

  async remove(db: Tx, id: string) {
    await db.deleteFrom('zones').where('id', '=', id).execute();
  },
};
