import type { Tx } from '../../db/database.js';
import { applyPaging, applySort, containsCi } from '../../db/query.js';
import type { DirectDebitMandatesTable, MoveInsTable, MoveOutsTable, ResidentUnitsTable } from '../../db/schema.js';

const SORT: Record<string, string> = { createdAt: 'm.created_at', number: 'm.number', status: 'm.status', completedAt: 'm.completed_at' };

export type MoveInRow = MoveInsTable & { unit_number: string; building_name: string; timezone: string };
export type MoveOutRow = MoveOutsTable & { unit_number: string; building_name: string; timezone: string };

function moveIns(db: Tx) {
  return db.selectFrom('move_ins as m').innerJoin('units as u', 'u.id', 'm.unit_id').innerJoin('org_units as b', 'b.id', 'u.building_id').innerJoin('org_units as p', 'p.id', 'm.project_id')
    .selectAll('m').select(['u.number as unit_number', 'b.name as building_name', 'p.timezone']);
}
function moveOuts(db: Tx) {
  return db.selectFrom('move_outs as m').innerJoin('units as u', 'u.id', 'm.unit_id').innerJoin('org_units as b', 'b.id', 'u.building_id').innerJoin('org_units as p', 'p.id', 'm.project_id')
    .selectAll('m').select(['u.number as unit_number', 'b.name as building_name', 'p.timezone']);
}

interface MoveFilter { projectIds: string[]; unitId?: string; status?: string; q?: string }

export const moveRepository = {
  async insertMoveIn(db: Tx, row: MoveInsTable) {
    await db.insertInto('move_ins').values(row).execute();
  },
  findMoveIn(db: Tx, id: string): Promise<MoveInRow | undefined> {
    return moveIns(db).where('m.id', '=', id).executeTakeFirst();
  },
  async openMoveInOfUnit(db: Tx, unitId: string) {
    return db.selectFrom('move_ins').select(['id', 'number']).where('unit_id', '=', unitId).where('status', '=', 'open').executeTakeFirst();
  },
  async updateMoveIn(db: Tx, id: string, version: number, patch: Partial<MoveInsTable>) {
    const r = await db.updateTable('move_ins').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async listMoveIns(db: Tx, f: MoveFilter, p: { page: number; pageSize: number; sort?: string }) {
    if (f.projectIds.length === 0) return { rows: [] as MoveInRow[], total: 0 };
    let q = moveIns(db).where('m.project_id', 'in', f.projectIds);
    if (f.unitId) q = q.where('m.unit_id', '=', f.unitId);
    if (f.status) q = q.where('m.status', '=', f.status);
    if (f.q) { const t = f.q; q = q.where((eb) => eb.or([containsCi('m.number', t), containsCi('u.number', t), containsCi('m.people', t)])); }
    const total = Number((await q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return { rows: await applyPaging(applySort(q, p.sort, SORT, '-createdAt'), p).execute(), total };
  },

  async insertMoveOut(db: Tx, row: MoveOutsTable) {
    await db.insertInto('move_outs').values(row).execute();
  },
  findMoveOut(db: Tx, id: string): Promise<MoveOutRow | undefined> {
    return moveOuts(db).where('m.id', '=', id).executeTakeFirst();
  },
  async openMoveOutOfUnit(db: Tx, unitId: string) {
    return db.selectFrom('move_outs').select(['id', 'number']).where('unit_id', '=', unitId).where('status', '=', 'open').executeTakeFirst();
  },
  async updateMoveOut(db: Tx, id: string, version: number, patch: Partial<MoveOutsTable>) {
    const r = await db.updateTable('move_outs').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async listMoveOuts(db: Tx, f: MoveFilter, p: { page: number; pageSize: number; sort?: string }) {
    if (f.projectIds.length === 0) return { rows: [] as MoveOutRow[], total: 0 };
    let q = moveOuts(db).where('m.project_id', 'in', f.projectIds);
    if (f.unitId) q = q.where('m.unit_id', '=', f.unitId);
    if (f.status) q = q.where('m.status', '=', f.status);
    if (f.q) { const t = f.q; q = q.where((eb) => eb.or([containsCi('m.number', t), containsCi('u.number', t), containsCi('m.people', t)])); }
    const total = Number((await q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return { rows: await applyPaging(applySort(q, p.sort, SORT, '-createdAt'), p).execute(), total };
  },

  /** The people living in the unit on `today` (current links), with their names. */
  async currentOccupants(db: Tx, unitId: string, today: string) {
    return db.selectFrom('resident_units as ru').innerJoin('residents as r', 'r.id', 'ru.resident_id')
      .select(['ru.id as link_id', 'ru.resident_id', 'ru.relation', 'r.name'])
      .where('ru.unit_id', '=', unitId)
      .where((eb) => eb.or([eb('ru.end_date', 'is', null), eb('ru.end_date', '>', today)]))
      .orderBy('ru.created_at').execute();
  },

  async residentsOf(db: Tx, projectId: string, ids: string[]) {
    if (ids.length === 0) return [];
    return db.selectFrom('residents').selectAll().where('project_id', '=', projectId).where('id', 'in', ids).execute();
  },

  async insertLink(db: Tx, row: ResidentUnitsTable) {
    await db.insertInto('resident_units').values(row).execute();
  },

  async endLinks(db: Tx, linkIds: string[], endDate: string) {
    if (linkIds.length === 0) return;
    await db.updateTable('resident_units').set({ end_date: endDate }).where('id', 'in', linkIds).execute();
  },

  /** 托收: the billing schema's mandate table (billing's own API manages it afterwards). */
  async insertMandate(db: Tx, row: DirectDebitMandatesTable) {
    await db.insertInto('direct_debit_mandates').values(row).execute();
  },
  findMandate(db: Tx, id: string) {
    return db.selectFrom('direct_debit_mandates').selectAll().where('id', '=', id).executeTakeFirst();
  },
};
