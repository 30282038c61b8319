/** Every SQL statement about meters (水表, 电表) and their readings (抄表). */
import type { Tx } from '../../db/database.js';
import { applyPaging, applySort, containsCi } from '../../db/query.js';
import type { MeterReadingsTable, MetersTable } from '../../db/schema.js';

export interface MeterFilter {
  projectIds: string[];
  buildingId?: string;
  unitId?: string;
  kind?: string;
  q?: string;
}

export type MeterRow = MetersTable & { unit_number: string | null; building_name: string | null };

function metersFiltered(db: Tx, f: MeterFilter) {
  let q = db
    .selectFrom('meters as m')
    .leftJoin('units as u', 'u.id', 'm.unit_id')
    .leftJoin('org_units as b', 'b.id', 'm.building_id')
    .where('m.project_id', 'in', f.projectIds);
  if (f.buildingId) q = q.where('m.building_id', '=', f.buildingId);
  if (f.unitId) q = q.where('m.unit_id', '=', f.unitId);
  if (f.kind) q = q.where('m.kind', '=', f.kind);
  if (f.q) {
    const text = f.q;
    q = q.where((eb) => eb.or([containsCi('m.number', text), containsCi('u.number', text), containsCi('m.location', text)]));
  }
  return q;
}

export interface ReadingFilter {
  projectIds: string[];
  buildingId?: string;
  meterId?: string;
  period?: string;
  status?: string;
  q?: string;
}

export type ReadingRow = MeterReadingsTable & {
  meter_number: string;
  meter_kind: string;
  unit_id: string | null;
  unit_number: string | null;
  building_name: string | null;
};

function readingsFiltered(db: Tx, f: ReadingFilter) {
  let q = db
    .selectFrom('meter_readings as r')
    .innerJoin('meters as m', 'm.id', 'r.meter_id')
    .leftJoin('units as u', 'u.id', 'm.unit_id')
    .leftJoin('org_units as b', 'b.id', 'm.building_id')
    .where('r.project_id', 'in', f.projectIds);
  if (f.buildingId) q = q.where('m.building_id', '=', f.buildingId);
  if (f.meterId) q = q.where('r.meter_id', '=', f.meterId);
  if (f.period) q = q.where('r.period', '=', f.period);
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.q) {
    const text = f.q;
    q = q.where((eb) => eb.or([containsCi('m.number', text), containsCi('u.number', text)]));
  }
  return q;
}

const READING_SORT: Record<string, string> = { period: 'r.period', createdAt: 'r.created_at', consumption: 'r.consumption_milli', meterNumber: 'm.number' };
const METER_SORT: Record<string, string> = { number: 'm.number', createdAt: 'm.created_at', kind: 'm.kind' };

export const metersRepository = {
  async list(db: Tx, f: MeterFilter, p: { page: number; pageSize: number; sort?: string }) {
    let q = metersFiltered(db, f).selectAll('m').select(['u.number as unit_number', 'b.name as building_name']);
    // Default: the order a reader walks a building — floor, then unit number.
    if (p.sort && METER_SORT[p.sort.replace(/^-/, '')]) q = applySort(q, p.sort, METER_SORT, 'number');
    else q = q.orderBy('b.name').orderBy('u.floor').orderBy('u.number').orderBy('m.number').orderBy('m.id');
    const [rows, count] = await Promise.all([
      applyPaging(q, p).execute(),
      metersFiltered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows: rows as MeterRow[], total: Number(count.n) };
  },

  findById(db: Tx, id: string) {
    return db
      .selectFrom('meters as m')
      .leftJoin('units as u', 'u.id', 'm.unit_id')
      .leftJoin('org_units as b', 'b.id', 'm.building_id')
      .selectAll('m')
      .select(['u.number as unit_number', 'b.name as building_name'])
      .where('m.id', '=', id)
      .executeTakeFirst() as Promise<MeterRow | undefined>;
  },

  async findByIds(db: Tx, ids: readonly string[]): Promise<MeterRow[]> {
    const out: MeterRow[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      out.push(...((await db
        .selectFrom('meters as m')
        .leftJoin('units as u', 'u.id', 'm.unit_id')
        .leftJoin('org_units as b', 'b.id', 'm.building_id')
        .selectAll('m')
        .select(['u.number as unit_number', 'b.name as building_name'])
        .where('m.id', 'in', chunk)
        .execute()) as MeterRow[]));
    }
    return out;
  },

  findByNumbers(db: Tx, projectId: string, numbers: readonly string[]) {
    if (numbers.length === 0) return Promise.resolve([]);
    return db.selectFrom('meters').select(['id', 'number']).where('project_id', '=', projectId).where('number', 'in', [...numbers]).execute();
  },

  findByNumber(db: Tx, projectId: string, number: string) {
    return db.selectFrom('meters').select('id').where('project_id', '=', projectId).where('number', '=', number).executeTakeFirst();
  },

  async insert(db: Tx, row: MetersTable) {
    await db.insertInto('meters').values(row).execute();
  },

  async insertMany(db: Tx, rows: MetersTable[]) {
    for (let i = 0; i < rows.length; i += 500) await db.insertInto('meters').values(rows.slice(i, i + 500)).execute();
  },

  /** Every reading (any status) of these meters, oldest first: the history a new reading is checked against. */
  async readingsOfMeters(db: Tx, meterIds: readonly string[]) {
    const out: Pick<MeterReadingsTable, 'id' | 'meter_id' | 'period' | 'reading_milli' | 'previous_milli' | 'consumption_milli' | 'status'>[] = [];
    for (let i = 0; i < meterIds.length; i += 500) {
      out.push(...(await db
        .selectFrom('meter_readings')
        .select(['id', 'meter_id', 'period', 'reading_milli', 'previous_milli', 'consumption_milli', 'status'])
        .where('meter_id', 'in', meterIds.slice(i, i + 500))
        .orderBy('period')
        .execute()));
    }
    return out;
  },

  async insertReadings(db: Tx, rows: MeterReadingsTable[]) {
    for (let i = 0; i < rows.length; i += 1000) await db.insertInto('meter_readings').values(rows.slice(i, i + 1000)).execute();
  },

  /** A new reading over a rejected one of the same meter and period (the one place a reading is rewritten). */
  async replaceRejectedReading(db: Tx, id: string, row: MeterReadingsTable): Promise<boolean> {
    const r = await db.updateTable('meter_readings').set(row).where('id', '=', id).where('status', '=', 'rejected').executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  async listReadings(db: Tx, f: ReadingFilter, p: { page: number; pageSize: number; sort?: string }) {
    const q = readingsFiltered(db, f)
      .selectAll('r')
      .select(['m.number as meter_number', 'm.kind as meter_kind', 'm.unit_id', 'u.number as unit_number', 'b.name as building_name']);
    const [rows, count] = await Promise.all([
      applyPaging(applySort(q, p.sort, READING_SORT, '-createdAt'), p).execute(),
      readingsFiltered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows: rows as ReadingRow[], total: Number(count.n) };
  },

  async readingsByIds(db: Tx, ids: readonly string[]): Promise<ReadingRow[]> {
    const out: ReadingRow[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      out.push(...((await db
        .selectFrom('meter_readings as r')
        .innerJoin('meters as m', 'm.id', 'r.meter_id')
        .leftJoin('units as u', 'u.id', 'm.unit_id')
        .leftJoin('org_units as b', 'b.id', 'm.building_id')
        .selectAll('r')
        .select(['m.number as meter_number', 'm.kind as meter_kind', 'm.unit_id', 'u.number as unit_number', 'b.name as building_name'])
        .where('r.id', 'in', ids.slice(i, i + 500))
        .execute()) as ReadingRow[]));
    }
    return out;
  },

  /** Moves a held reading to accepted or rejected; false when it is no longer held. */
  async review(db: Tx, id: string, status: 'accepted' | 'rejected', by: string, at: string): Promise<boolean> {
    const r = await db
      .updateTable('meter_readings')
      .set({ status, reviewed_by: by, reviewed_at: at })
      .where('id', '=', id)
      .where('status', '=', 'held')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  findUnit(db: Tx, id: string) {
    return db.selectFrom('units').select(['id', 'project_id', 'building_id', 'number']).where('id', '=', id).executeTakeFirst();
  },
};
