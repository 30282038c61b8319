import type { Tx } from '../../db/database.js';
import { applyPaging, applySort, containsCi } from '../../db/query.js';
import type { VisitsTable } from '../../db/schema.js';

export type VisitRow = VisitsTable & { unit_number: string | null; building_name: string | null; in_by_name: string | null; out_by_name: string | null };

const SORT: Record<string, string> = { checkedInAt: 'v.checked_in_at', checkedOutAt: 'v.checked_out_at', visitorName: 'v.visitor_name' };

function rows(db: Tx) {
  return db.selectFrom('visits as v')
    .leftJoin('units as u', 'u.id', 'v.host_unit_id').leftJoin('org_units as b', 'b.id', 'u.building_id')
    .leftJoin('users as ui', 'ui.id', 'v.checked_in_by').leftJoin('users as uo', 'uo.id', 'v.checked_out_by')
    .selectAll('v').select(['u.number as unit_number', 'b.name as building_name', 'ui.display_name as in_by_name', 'uo.display_name as out_by_name']);
}

export const visitRepository = {
  async insert(db: Tx, row: VisitsTable) {
    await db.insertInto('visits').values(row).execute();
  },
  find(db: Tx, id: string): Promise<VisitRow | undefined> {
    return rows(db).where('v.id', '=', id).executeTakeFirst();
  },
  async checkOut(db: Tx, id: string, at: string, by: string) {
    const r = await db.updateTable('visits').set({ checked_out_at: at, checked_out_by: by }).where('id', '=', id).where('checked_out_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  /** On site: checked in and not out. A day: checked in within the local day's instants. */
  async list(db: Tx, f: { projectIds: string[]; onSite?: boolean; fromIso?: string; toIso?: string; q?: string }, p: { page: number; pageSize: number; sort?: string }) {
    if (f.projectIds.length === 0) return { rows: [] as VisitRow[], total: 0 };
    let q = rows(db).where('v.project_id', 'in', f.projectIds);
    if (f.onSite === true) q = q.where('v.checked_out_at', 'is', null);
    if (f.onSite === false) q = q.where('v.checked_out_at', 'is not', null);
    if (f.fromIso) q = q.where('v.checked_in_at', '>=', f.fromIso);
    if (f.toIso) q = q.where('v.checked_in_at', '<', f.toIso);
    if (f.q) { const t = f.q; q = q.where((eb) => eb.or([containsCi('v.visitor_name', t), containsCi('v.phone', t), containsCi('v.plate', t), containsCi('v.host_name', t), containsCi('u.number', t)])); }
    const total = Number((await q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return { rows: await applyPaging(applySort(q, p.sort, SORT, '-checkedInAt', new Set(['checkedOutAt'])), p).execute(), total };
  },
};
