import type { Tx } from '../../db/database.js';
import { applyPaging, applySort, containsCi } from '../../db/query.js';
import type { CoversTable, DesksTable, HandoversTable, ShiftsTable } from '../../db/schema.js';

export type DeskRow = DesksTable & { project_name: string | null; project_timezone: string | null };
export type ShiftRow = ShiftsTable & { user_name: string | null };
export type CoverRow = CoversTable & { cover_user_name: string | null };
export type HandoverRow = HandoversTable & { from_user_name: string | null; to_user_name: string | null };

const DESK_SORT = { name: 'd.name', createdAt: 'd.created_at' };

/** Every SQL statement about desks, shifts, covers and handovers. */
export const desksRepository = {
  async list(db: Tx, f: { projectIds: string[]; q?: string }, p: { page: number; pageSize: number; sort?: string }): Promise<{ rows: DeskRow[]; total: number }> {
    if (f.projectIds.length === 0) return { rows: [], total: 0 };
    const base = db.selectFrom('desks as d').leftJoin('org_units as o', 'o.id', 'd.project_id').where('d.project_id', 'in', f.projectIds)
      .$if(!!f.q, (q) => q.where(containsCi('d.name', f.q!)));
    const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await applyPaging(applySort(base.selectAll('d').select(['o.name as project_name', 'o.timezone as project_timezone']), p.sort, DESK_SORT, 'name'), p).execute();
    return { rows, total: Number(n) };
  },

  findById(db: Tx, id: string): Promise<DeskRow | undefined> {
    return db.selectFrom('desks as d').leftJoin('org_units as o', 'o.id', 'd.project_id').selectAll('d').select(['o.name as project_name', 'o.timezone as project_timezone']).where('d.id', '=', id).executeTakeFirst();
  },

  findByName(db: Tx, projectId: string, name: string) {
    return db.selectFrom('desks').select('id').where('project_id', '=', projectId).where('name', '=', name).executeTakeFirst();
  },

  async insert(db: Tx, row: DesksTable) {
    await db.insertInto('desks').values(row).execute();
  },

  async update(db: Tx, id: string, patch: Partial<DesksTable>) {
    await db.updateTable('desks').set(patch).where('id', '=', id).execute();
  },

  projectOf(db: Tx, projectId: string) {
    return db.selectFrom('org_units').select(['id', 'name', 'path', 'timezone']).where('id', '=', projectId).where('kind', '=', 'project').executeTakeFirst();
  },

  /** Active staff whose org unit is the project, above it (center, company) or inside it. */
  async staffOf(db: Tx, projectPath: string) {
    const rows = await db.selectFrom('users as u').innerJoin('org_units as o', 'o.id', 'u.org_unit_id')
      .select(['u.id', 'u.display_name', 'u.position', 'o.path']).where('u.active', '=', 1).orderBy('u.display_name').orderBy('u.id').execute();
    return rows.filter((r) => projectPath.startsWith(r.path) || r.path.startsWith(projectPath));
  },

  findUser(db: Tx, id: string) {
    return db.selectFrom('users as u').leftJoin('org_units as o', 'o.id', 'u.org_unit_id').select(['u.id', 'u.display_name', 'u.active', 'o.path']).where('u.id', '=', id).executeTakeFirst();
  },

  // ------------------------------------------------------------ shifts

  /** Shifts overlapping [fromIso, toIso) of the given desks, with their people. */
  shiftsBetween(db: Tx, f: { deskIds?: string[]; projectIds: string[]; userId?: string; fromIso?: string; toIso?: string }): Promise<ShiftRow[]> {
    if (f.projectIds.length === 0 || (f.deskIds && f.deskIds.length === 0)) return Promise.resolve([]);
    return db.selectFrom('shifts as s').leftJoin('users as u', 'u.id', 's.user_id').selectAll('s').select('u.display_name as user_name')
      .where('s.project_id', 'in', f.projectIds)
      .$if(!!f.deskIds, (q) => q.where('s.desk_id', 'in', f.deskIds!))
      .$if(!!f.userId, (q) => q.where('s.user_id', '=', f.userId!))
      .$if(!!f.toIso, (q) => q.where('s.start_at', '<', f.toIso!))
      .$if(!!f.fromIso, (q) => q.where('s.end_at', '>', f.fromIso!))
      .orderBy('s.start_at').orderBy('s.id').limit(5000).execute();
  },

  findShift(db: Tx, id: string): Promise<ShiftRow | undefined> {
    return db.selectFrom('shifts as s').leftJoin('users as u', 'u.id', 's.user_id').selectAll('s').select('u.display_name as user_name').where('s.id', '=', id).executeTakeFirst();
  },

  /** The person's shifts at any desk overlapping [startIso, endIso) — one person cannot be at two posts. */
  overlappingShifts(db: Tx, userId: string, startIso: string, endIso: string, exceptId?: string) {
    return db.selectFrom('shifts').select(['id', 'start_at', 'end_at']).where('user_id', '=', userId).where('start_at', '<', endIso).where('end_at', '>', startIso)
      .$if(!!exceptId, (q) => q.where('id', '<>', exceptId!)).execute();
  },

  async insertShift(db: Tx, row: ShiftsTable) {
    await db.insertInto('shifts').values(row).execute();
  },

  async deleteShift(db: Tx, id: string) {
    await db.deleteFrom('covers').where('shift_id', '=', id).execute();
    await db.deleteFrom('shifts').where('id', '=', id).execute();
  },

  /** Work dates per person at the desk (for the rest-day rule). */
  workDates(db: Tx, projectId: string, fromDate: string, toDate: string) {
    return db.selectFrom('shifts as s').leftJoin('users as u', 'u.id', 's.user_id').select(['s.user_id', 's.date', 'u.display_name'])
      .where('s.project_id', '=', projectId).where('s.date', '>=', fromDate).where('s.date', '<=', toDate).execute();
  },

  // ------------------------------------------------------------ covers

  coversOf(db: Tx, shiftIds: string[]): Promise<CoverRow[]> {
    if (shiftIds.length === 0) return Promise.resolve([]);
    return db.selectFrom('covers as c').leftJoin('users as u', 'u.id', 'c.cover_user_id').selectAll('c').select('u.display_name as cover_user_name')
      .where('c.shift_id', 'in', shiftIds).orderBy('c.from_at').execute();
  },

  findCover(db: Tx, id: string) {
    return db.selectFrom('covers').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** The shift's cover still open (the person has not come back). */
  openCoverOf(db: Tx, shiftId: string) {
    return db.selectFrom('covers').selectAll().where('shift_id', '=', shiftId).where('returned_at', 'is', null).executeTakeFirst();
  },

  async insertCover(db: Tx, row: CoversTable) {
    await db.insertInto('covers').values(row).execute();
  },

  /** Marks the return once (a second click changes nothing). */
  async markReturned(db: Tx, id: string, at: string): Promise<boolean> {
    const r = await db.updateTable('covers').set({ returned_at: at }).where('id', '=', id).where('returned_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  // ------------------------------------------------------------ handovers

  async listHandovers(db: Tx, f: { projectIds: string[]; deskId?: string; pending?: boolean; toUserId?: string }, p: { page: number; pageSize: number }): Promise<{ rows: HandoverRow[]; total: number }> {
    if (f.projectIds.length === 0) return { rows: [], total: 0 };
    const base = db.selectFrom('handovers as h').leftJoin('users as fu', 'fu.id', 'h.from_user_id').leftJoin('users as tu', 'tu.id', 'h.to_user_id')
      .where('h.project_id', 'in', f.projectIds)
      .$if(!!f.deskId, (q) => q.where('h.desk_id', '=', f.deskId!))
      .$if(!!f.toUserId, (q) => q.where('h.to_user_id', '=', f.toUserId!))
      .$if(f.pending === true, (q) => q.where('h.acknowledged_at', 'is', null))
      .$if(f.pending === false, (q) => q.where('h.acknowledged_at', 'is not', null));
    const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await applyPaging(base.selectAll('h').select(['fu.display_name as from_user_name', 'tu.display_name as to_user_name']).orderBy('h.created_at', 'desc').orderBy('h.id', 'desc'), p).execute();
    return { rows, total: Number(n) };
  },

  findHandover(db: Tx, id: string): Promise<HandoverRow | undefined> {
    return db.selectFrom('handovers as h').leftJoin('users as fu', 'fu.id', 'h.from_user_id').leftJoin('users as tu', 'tu.id', 'h.to_user_id')
      .selectAll('h').select(['fu.display_name as from_user_name', 'tu.display_name as to_user_name']).where('h.id', '=', id).executeTakeFirst();
  },

  async insertHandover(db: Tx, row: HandoversTable) {
    await db.insertInto('handovers').values(row).execute();
  },

  /** Acknowledges once: two clicks at once → one acknowledgement. */
  async acknowledgeHandover(db: Tx, id: string, at: string, note: string | null): Promise<boolean> {
    const r = await db.updateTable('handovers').set({ acknowledged_at: at, ack_note: note }).where('id', '=', id).where('acknowledged_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  ticketsByIds(db: Tx, projectId: string, ids: string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return db.selectFrom('tickets').select(['id', 'number', 'title', 'status']).where('project_id', '=', projectId).where('id', 'in', ids).execute();
  },
};
