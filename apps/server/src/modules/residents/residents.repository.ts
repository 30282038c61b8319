import type { Relation } from '@propdesk/contracts';
import type { Tx } from '../../db/database.js';
import { applyPaging, applySort, containsCi, startsWith } from '../../db/query.js';
import type { ResidentsTable, ResidentUnitsTable } from '../../db/schema.js';

export interface ResidentFilter {
  /** The projects in the actor's scope (already narrowed to ?projectId=). Empty = nothing. */
  projectIds: string[];
  unitId?: string;
  /** Prefix of phone_rev: the caller's last digits, reversed. */
  phoneRevPrefix?: string | null;
  /** Name contains this text. */
  nameContains?: string;
  /** Reversed phone digits the phone must contain (q typed as digits). */
  phoneRevContains?: string | null;
  relation?: Relation;
  /** Business date: unitId/relation filters look at links current on this day. */
  today: string;
}

/** A link with what people read on it: the unit number and its building's name. */
export interface LinkRow {
  id: string;
  resident_id: string;
  unit_id: string;
  relation: string;
  start_date: string | null;
  end_date: string | null;
  unit_number: string;
  building_name: string;
}

export interface UnitRef {
  id: string;
  project_id: string;
  building_id: string;
  number: string;
  building_name: string;
}

const SORT_COLUMNS = { name: 'residents.name', phone: 'residents.phone', createdAt: 'residents.created_at', updatedAt: 'residents.updated_at' };

/** Chunk size for `in (…)` lists: well under both dialects' bound-parameter limits. */
const CHUNK = 1000;

function chunks<T>(xs: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

function filtered(db: Tx, f: ResidentFilter) {
  let q = db.selectFrom('residents').where('residents.project_id', 'in', f.projectIds);
  if (f.phoneRevPrefix) q = q.where(startsWith('residents.phone_rev', f.phoneRevPrefix));
  if (f.nameContains !== undefined || f.phoneRevContains) {
    const name = f.nameContains;
    const rev = f.phoneRevContains;
    q = q.where((eb) =>
      eb.or([...(name !== undefined ? [containsCi('residents.name', name)] : []), ...(rev ? [containsCi('residents.phone_rev', rev)] : [])]),
    );
  }
  if (f.unitId || f.relation) {
    const { unitId, relation, today } = f;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('resident_units as ru')
          .select('ru.id')
          .whereRef('ru.resident_id', '=', 'residents.id')
          .$if(!!unitId, (s) => s.where('ru.unit_id', '=', unitId!))
          .$if(!!relation, (s) => s.where('ru.relation', '=', relation!))
          .where((e) => e.or([e('ru.end_date', 'is', null), e('ru.end_date', '>', today)])),
      ),
    );
  }
  return q;
}

export const residentsRepository = {
  async list(db: Tx, f: ResidentFilter, paging: { page: number; pageSize: number; sort?: string }) {
    if (f.projectIds.length === 0) return { rows: [] as ResidentsTable[], total: 0 };
    const q = filtered(db, f);
    const { count } = await q.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    const rows = await applyPaging(applySort(q.selectAll('residents'), paging.sort, SORT_COLUMNS, '-createdAt'), paging).execute();
    return { rows, total: Number(count) };
  },

  /** Every row matching the filter (exports), at most `limit`. */
  async listAll(db: Tx, f: ResidentFilter, sort: string | undefined, limit: number) {
    if (f.projectIds.length === 0) return [] as ResidentsTable[];
    return applySort(filtered(db, f).selectAll('residents'), sort, SORT_COLUMNS, 'name').limit(limit).execute();
  },

  async count(db: Tx, f: ResidentFilter) {
    if (f.projectIds.length === 0) return 0;
    const { count } = await filtered(db, f).select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    return Number(count);
  },

  findById(db: Tx, id: string) {
    return db.selectFrom('residents').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** People of a project with this name and phone (the same person, as the desk sees it). */
  findByNameAndPhoneRev(db: Tx, projectId: string, name: string, phoneRev: string) {
    return db.selectFrom('residents').selectAll().where('project_id', '=', projectId).where('phone_rev', '=', phoneRev).where('name', '=', name).execute();
  },

  /** People of a project whose reversed phone is one of these (import: who is already on record). */
  async findByPhoneRevs(db: Tx, projectId: string, phoneRevs: string[]) {
    const out: ResidentsTable[] = [];
    for (const part of chunks([...new Set(phoneRevs)])) {
      out.push(...(await db.selectFrom('residents').selectAll().where('project_id', '=', projectId).where('phone_rev', 'in', part).execute()));
    }
    return out;
  },

  async insert(db: Tx, row: ResidentsTable) {
    await db.insertInto('residents').values(row).execute();
  },

  async insertMany(db: Tx, rows: ResidentsTable[]) {
    // 200 rows × 9 columns stays far below the parameter limits.
    for (const part of chunks(rows, 200)) await db.insertInto('residents').values(part).execute();
  },

  async update(db: Tx, id: string, patch: Partial<ResidentsTable>) {
    await db.updateTable('residents').set(patch).where('id', '=', id).execute();
  },

  /** The links of these residents (a page of them) with unit number and building name, in ONE query. */
  async linksOf(db: Tx, residentIds: string[], opts: { currentOn?: string } = {}): Promise<LinkRow[]> {
    if (residentIds.length === 0) return [];
    let q = db
      .selectFrom('resident_units as ru')
      .innerJoin('units as u', 'u.id', 'ru.unit_id')
      .innerJoin('org_units as b', 'b.id', 'u.building_id')
      .select(['ru.id', 'ru.resident_id', 'ru.unit_id', 'ru.relation', 'ru.start_date', 'ru.end_date', 'u.number as unit_number', 'b.name as building_name'])
      .where('ru.resident_id', 'in', residentIds);
    if (opts.currentOn) {
      const today = opts.currentOn;
      q = q.where((eb) => eb.or([eb('ru.end_date', 'is', null), eb('ru.end_date', '>', today)]));
    }
    return q.orderBy('b.name').orderBy('u.number').orderBy('ru.id').execute();
  },

  /** Links of many residents (exports), chunked to stay within parameter limits. */
  async currentLinksOfMany(db: Tx, residentIds: string[], today: string): Promise<LinkRow[]> {
    const out: LinkRow[] = [];
    for (const part of chunks(residentIds)) out.push(...(await residentsRepository.linksOf(db, part, { currentOn: today })));
    return out;
  },

  /** Current links of the people of a project (import: which links already exist). */
  async currentLinksInProject(db: Tx, projectId: string, residentIds: string[], today: string) {
    const out: Pick<ResidentUnitsTable, 'resident_id' | 'unit_id'>[] = [];
    for (const part of chunks(residentIds)) {
      out.push(
        ...(await db
          .selectFrom('resident_units')
          .select(['resident_id', 'unit_id'])
          .where('project_id', '=', projectId)
          .where('resident_id', 'in', part)
          .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>', today)]))
          .execute()),
      );
    }
    return out;
  },

  findLink(db: Tx, residentId: string, linkId: string) {
    return db.selectFrom('resident_units').selectAll().where('id', '=', linkId).where('resident_id', '=', residentId).executeTakeFirst();
  },

  async insertLinks(db: Tx, rows: ResidentUnitsTable[]) {
    for (const part of chunks(rows, 200)) await db.insertInto('resident_units').values(part).execute();
  },

  async updateLink(db: Tx, id: string, patch: Partial<Pick<ResidentUnitsTable, 'relation' | 'start_date' | 'end_date'>>) {
    await db.updateTable('resident_units').set(patch).where('id', '=', id).execute();
  },

  /** Units by id with their building's name (the units module is separate; we only read). */
  async findUnits(db: Tx, ids: string[]): Promise<UnitRef[]> {
    if (ids.length === 0) return [];
    return db
      .selectFrom('units as u')
      .innerJoin('org_units as b', 'b.id', 'u.building_id')
      .select(['u.id', 'u.project_id', 'u.building_id', 'u.number', 'b.name as building_name'])
      .where('u.id', 'in', ids)
      .execute();
  },

  /** Every unit of a project with its building's name (import: resolve "3栋" + "1201"). */
  unitsOfProject(db: Tx, projectId: string): Promise<UnitRef[]> {
    return db
      .selectFrom('units as u')
      .innerJoin('org_units as b', 'b.id', 'u.building_id')
      .select(['u.id', 'u.project_id', 'u.building_id', 'u.number', 'b.name as building_name'])
      .where('u.project_id', '=', projectId)
      .execute();
  },

  buildingNamesOfProject(db: Tx, projectId: string) {
    return db.selectFrom('org_units').select(['id', 'name']).where('project_id', '=', projectId).where('kind', '=', 'building').execute();
  },

  findProject(db: Tx, projectId: string) {
    return db.selectFrom('org_units').select(['id', 'name', 'timezone']).where('id', '=', projectId).where('kind', '=', 'project').executeTakeFirst();
  },
};
