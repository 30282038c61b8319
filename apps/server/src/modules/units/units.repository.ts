import type { Tx } from '../../db/database.js';
import { applyPaging, applySort, containsCi } from '../../db/query.js';
import type { UnitsTable } from '../../db/schema.js';

export interface UnitFilter {
  /** Already scoped: the projects the actor may see (never empty here). */
  projectIds: string[];
  buildingId?: string;
  kind?: string;
  state?: string;
  floor?: number;
  /** Unit number or building name contains. */
  q?: string;
}

export type UnitRow = UnitsTable & { building_name: string };

/** List sort fields → columns; buildingName and the default sort are handled apart (they need more tiebreakers). */
const SORT_COLUMNS: Record<string, string> = {
  number: 'units.number',
  floor: 'units.floor',
  grossArea: 'units.gross_area',
  kind: 'units.kind',
  state: 'units.state',
  createdAt: 'units.created_at',
  updatedAt: 'units.updated_at',
};

function filtered(db: Tx, f: UnitFilter) {
  let q = db
    .selectFrom('units')
    .innerJoin('org_units as b', 'b.id', 'units.building_id')
    .where('units.project_id', 'in', f.projectIds);
  if (f.buildingId) q = q.where('units.building_id', '=', f.buildingId);
  if (f.kind) q = q.where('units.kind', '=', f.kind);
  if (f.state) q = q.where('units.state', '=', f.state);
  if (f.floor !== undefined) q = q.where('units.floor', '=', f.floor);
  if (f.q) {
    const text = f.q;
    q = q.where((eb) => eb.or([containsCi('units.number', text), containsCi('b.name', text)]));
  }
  return q;
}

export const unitsRepository = {
  async list(db: Tx, f: UnitFilter, p: { page: number; pageSize: number; sort?: string } | { sort?: string; limit: number }) {
    let q = filtered(db, f).selectAll('units').select('b.name as building_name');
    const key = p.sort?.replace(/^-/, '');
    if (key && SORT_COLUMNS[key]) {
      q = applySort(q, p.sort, SORT_COLUMNS, 'number');
    } else {
      // Default and buildingName: the order of a building register — building, floor, number.
      const dir = p.sort === '-buildingName' ? 'desc' : 'asc';
      q = q.orderBy('b.name', dir).orderBy('units.floor', dir).orderBy('units.number', dir).orderBy('units.id', dir);
    }
    if ('limit' in p) return { rows: (await q.limit(p.limit).execute()) as UnitRow[], total: null };
    const [rows, count] = await Promise.all([
      applyPaging(q, p).execute(),
      filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows: rows as UnitRow[], total: Number(count.n) };
  },

  findById(db: Tx, id: string): Promise<UnitRow | undefined> {
    return db
      .selectFrom('units')
      .innerJoin('org_units as b', 'b.id', 'units.building_id')
      .selectAll('units')
      .select('b.name as building_name')
      .where('units.id', '=', id)
      .executeTakeFirst();
  },

  findByBuildingAndNumber(db: Tx, buildingId: string, number: string) {
    return db.selectFrom('units').select(['id']).where('building_id', '=', buildingId).where('number', '=', number).executeTakeFirst();
  },

  /** Every unit of a project with its building's name (the import matches on building name + number). */
  listByProject(db: Tx, projectId: string): Promise<UnitRow[]> {
    return db
      .selectFrom('units')
      .innerJoin('org_units as b', 'b.id', 'units.building_id')
      .selectAll('units')
      .select('b.name as building_name')
      .where('units.project_id', '=', projectId)
      .execute();
  },

  async insert(db: Tx, row: UnitsTable) {
    await db.insertInto('units').values(row).execute();
  },

  /** Batched inserts (an import may bring thousands of rows); small enough for either dialect's parameter limit. */
  async insertMany(db: Tx, rows: UnitsTable[]) {
    for (let i = 0; i < rows.length; i += 500) await db.insertInto('units').values(rows.slice(i, i + 500)).execute();
  },

  async update(db: Tx, id: string, patch: Partial<UnitsTable>) {
    await db.updateTable('units').set(patch).where('id', '=', id).execute();
  },

  /** The unit's residents, past and present (ID numbers are deliberately not selected). */
  listOccupants(db: Tx, unitId: string) {
    return db
      .selectFrom('resident_units as ru')
      .innerJoin('residents as r', 'r.id', 'ru.resident_id')
      .select(['ru.id as link_id', 'ru.resident_id', 'r.name', 'r.phone', 'ru.relation', 'ru.start_date', 'ru.end_date'])
      .where('ru.unit_id', '=', unitId)
      .execute();
  },

  /** The zone a building belongs to, if any. */
  findZoneOfBuilding(db: Tx, buildingId: string) {
    return db
      .selectFrom('zone_buildings as zb')
      .innerJoin('zones as z', 'z.id', 'zb.zone_id')
      .select(['z.id', 'z.name'])
      .where('zb.building_id', '=', buildingId)
      .executeTakeFirst();
  },

  /** Buildings of the given projects with their project name, unit count and zone. */
  async listBuildings(db: Tx, f: { projectIds: string[]; q?: string }, p: { page: number; pageSize: number }) {
    const base = () => {
      let q = db
        .selectFrom('org_units as b')
        .innerJoin('org_units as p', 'p.id', 'b.project_id')
        .where('b.kind', '=', 'building')
        .where('b.project_id', 'in', f.projectIds);
      if (f.q) q = q.where(containsCi('b.name', f.q));
      return q;
    };
    const rows = await applyPaging(
      base()
        .leftJoin('zone_buildings as zb', 'zb.building_id', 'b.id')
        .leftJoin('zones as z', 'z.id', 'zb.zone_id')
        .select((eb) => [
          'b.id',
          'b.project_id',
          'p.name as project_name',
          'b.name',
          'b.code',
          'z.id as zone_id',
          'z.name as zone_name',
          eb.selectFrom('units').select((e) => e.fn.countAll<number>().as('c')).whereRef('units.building_id', '=', 'b.id').as('unit_count'),
        ])
        .orderBy('p.name')
        .orderBy('b.name')
        .orderBy('b.id'),
      p,
    ).execute();
    const count = await base().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { rows, total: Number(count.n) };
  },
};
