import type { Tx } from '../../db/database.js';
import { applyPaging, applySort, containsCi } from '../../db/query.js';
import type { RenovationExtensionsTable, RenovationInspectionsTable, RenovationsTable } from '../../db/schema.js';

export type RenovationRow = RenovationsTable & { unit_number: string; building_name: string; unit_state: string; timezone: string };

const SORT: Record<string, string> = { createdAt: 'r.created_at', number: 'r.number', plannedStart: 'r.planned_start', status: 'r.status', updatedAt: 'r.updated_at' };

function rows(db: Tx) {
  return db.selectFrom('renovations as r').innerJoin('units as u', 'u.id', 'r.unit_id').innerJoin('org_units as b', 'b.id', 'u.building_id').innerJoin('org_units as p', 'p.id', 'r.project_id')
    .selectAll('r').select(['u.number as unit_number', 'b.name as building_name', 'u.state as unit_state', 'p.timezone']);
}

export const renovationRepository = {
  /** Inserting a second open application of a unit violates the unique open_unit_id index (both databases). */
  async insert(db: Tx, row: RenovationsTable) {
    await db.insertInto('renovations').values(row).execute();
  },
  find(db: Tx, id: string): Promise<RenovationRow | undefined> {
    return rows(db).where('r.id', '=', id).executeTakeFirst();
  },
  openOfUnit(db: Tx, unitId: string) {
    return db.selectFrom('renovations').select(['id', 'number']).where('open_unit_id', '=', unitId).executeTakeFirst();
  },
  async update(db: Tx, id: string, version: number, patch: Partial<RenovationsTable>) {
    const r = await db.updateTable('renovations').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async list(db: Tx, f: { projectIds: string[]; unitId?: string; status?: string; openOnly?: boolean; q?: string }, p: { page: number; pageSize: number; sort?: string }) {
    if (f.projectIds.length === 0) return { rows: [] as RenovationRow[], total: 0 };
    let q = rows(db).where('r.project_id', 'in', f.projectIds);
    if (f.unitId) q = q.where('r.unit_id', '=', f.unitId);
    if (f.status) q = q.where('r.status', '=', f.status);
    if (f.openOnly) q = q.where('r.open_unit_id', 'is not', null);
    if (f.q) { const t = f.q; q = q.where((eb) => eb.or([containsCi('r.number', t), containsCi('u.number', t), containsCi('r.owner_name', t), containsCi('r.contractor_company', t)])); }
    const total = Number((await q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return { rows: await applyPaging(applySort(q, p.sort, SORT, '-createdAt'), p).execute(), total };
  },

  async insertInspection(db: Tx, row: RenovationInspectionsTable) {
    await db.insertInto('renovation_inspections').values(row).execute();
  },
  inspections(db: Tx, renovationId: string) {
    return db.selectFrom('renovation_inspections as i').leftJoin('users as us', 'us.id', 'i.inspector_id').selectAll('i').select('us.display_name as inspector_name')
      .where('i.renovation_id', '=', renovationId).orderBy('i.at').orderBy('i.id').execute();
  },

  async fileIds(db: Tx, renovationId: string): Promise<string[]> {
    return (await db.selectFrom('files').select('id').where('owner_type', '=', 'renovation').where('owner_id', '=', renovationId).orderBy('created_at').orderBy('id').execute()).map((f) => f.id);
  },

  async insertExtension(db: Tx, row: RenovationExtensionsTable) {
    await db.insertInto('renovation_extensions').values(row).execute();
  },
  extensions(db: Tx, renovationId: string) {
    return db.selectFrom('renovation_extensions as e').leftJoin('users as us', 'us.id', 'e.decided_by').selectAll('e').select('us.display_name as decided_by_name')
      .where('e.renovation_id', '=', renovationId).orderBy('e.requested_at').execute();
  },
  findExtension(db: Tx, id: string) {
    return db.selectFrom('renovation_extensions').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async decideExtension(db: Tx, id: string, patch: Pick<RenovationExtensionsTable, 'status' | 'decided_by' | 'decided_at' | 'decision_note'>) {
    const r = await db.updateTable('renovation_extensions').set(patch).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
};
