import type { Tx } from '../../db/database.js';
import { applyPaging, applySort, containsCi } from '../../db/query.js';
import type { PassesTable } from '../../db/schema.js';

export type PassRow = PassesTable & { timezone: string; unit_number: string | null; building_name: string | null };

export interface PassFilter {
  projectIds: string[];
  kind?: string;
  status?: string;
  renovationId?: string;
  q?: string;
  /** Only passes whose dates hold this local date. */
  validOn?: string;
}

const SORT: Record<string, string> = { createdAt: 'ps.created_at', number: 'ps.number', validTo: 'ps.valid_to', holderName: 'ps.holder_name' };

function rows(db: Tx) {
  return db
    .selectFrom('passes as ps')
    .innerJoin('org_units as p', 'p.id', 'ps.project_id')
    .leftJoin('units as u', 'u.id', 'ps.unit_id')
    .leftJoin('org_units as b', 'b.id', 'u.building_id')
    .selectAll('ps')
    .select(['p.timezone', 'u.number as unit_number', 'b.name as building_name']);
}

export const passRepository = {
  async insert(db: Tx, row: PassesTable) {
    await db.insertInto('passes').values(row).execute();
  },

  find(db: Tx, id: string): Promise<PassRow | undefined> {
    return rows(db).where('ps.id', '=', id).executeTakeFirst();
  },

  findByCode(db: Tx, code: string, projectIds: string[]): Promise<PassRow | undefined> {
    if (projectIds.length === 0) return Promise.resolve(undefined);
    return rows(db).where('ps.qr_code', '=', code).where('ps.project_id', 'in', projectIds).executeTakeFirst();
  },

  findByNumber(db: Tx, number: string, projectIds: string[]): Promise<PassRow | undefined> {
    if (projectIds.length === 0) return Promise.resolve(undefined);
    return rows(db).where('ps.number', '=', number).where('ps.project_id', 'in', projectIds).orderBy('ps.created_at', 'desc').executeTakeFirst();
  },

  async list(db: Tx, f: PassFilter, p: { page: number; pageSize: number; sort?: string }) {
    if (f.projectIds.length === 0) return { rows: [] as PassRow[], total: 0 };
    let q = db.selectFrom('passes as ps').where('ps.project_id', 'in', f.projectIds);
    if (f.kind) q = q.where('ps.kind', '=', f.kind);
    if (f.status) q = q.where('ps.status', '=', f.status);
    if (f.renovationId) q = q.where('ps.renovation_id', '=', f.renovationId);
    if (f.validOn) q = q.where('ps.valid_from', '<=', f.validOn).where('ps.valid_to', '>=', f.validOn).where('ps.status', '=', 'active');
    if (f.q) {
      const text = f.q;
      q = q.where((eb) => eb.or([containsCi('ps.holder_name', text), containsCi('ps.number', text), containsCi('ps.plate', text), containsCi('ps.company', text)]));
    }
    const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const ids = await applyPaging(applySort(q.select('ps.id'), p.sort, SORT, '-createdAt'), p).execute();
    if (ids.length === 0) return { rows: [], total };
    const found = await rows(db).where('ps.id', 'in', ids.map((r) => r.id)).execute();
    const byId = new Map(found.map((r) => [r.id, r]));
    return { rows: ids.map((r) => byId.get(r.id)!), total };
  },

  /** Revokes if still active; false when someone revoked it first. */
  async revoke(db: Tx, id: string, patch: { revoke_reason: string; revoked_by: string; revoked_at: string }) {
    const r = await db.updateTable('passes').set({ ...patch, status: 'revoked', updated_at: patch.revoked_at }).where('id', '=', id).where('status', '=', 'active').executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /** A renovation's worker passes follow its approved end date (extensions). */
  async extendRenovationPasses(db: Tx, renovationId: string, validTo: string, now: string) {
    await db.updateTable('passes').set({ valid_to: validTo, updated_at: now }).where('renovation_id', '=', renovationId).where('status', '=', 'active').execute();
  },

  /** When the works end, their passes end with them. */
  async revokeRenovationPasses(db: Tx, renovationId: string, reason: string, by: string, now: string) {
    await db.updateTable('passes').set({ status: 'revoked', revoke_reason: reason, revoked_by: by, revoked_at: now, updated_at: now })
      .where('renovation_id', '=', renovationId).where('status', '=', 'active').execute();
  },

  async idsOfRenovation(db: Tx, renovationId: string): Promise<string[]> {
    return (await db.selectFrom('passes').select('id').where('renovation_id', '=', renovationId).orderBy('number').execute()).map((r) => r.id);
  },
};
