/** Every SQL statement of arrears and dunning (欠费、催缴). */
import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { DunningNoticesTable } from '../../db/schema.js';
import { applyPaging, applySort, containsCi } from '../../db/query.js';

/** Large id lists go to the database in slices (both dialects cap bound parameters). */
const SLICE = 500;
async function inSlices<T>(ids: readonly string[], run: (slice: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += SLICE) out.push(...(await run(ids.slice(i, i + SLICE))));
  return out;
}

export interface ArrearsLineFilter {
  projectIds: string[];
  buildingId?: string;
  unitIds?: string[];
  q?: string;
  /** Lines due before this date (the latest "today" of the projects; each project's own today is applied after). */
  dueBefore: string;
}

export const arrearsRepository = {
  projects(db: Tx, ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return db.selectFrom('org_units').select(['id', 'name', 'timezone', 'address', 'phone']).where('id', 'in', ids).execute();
  },

  unit(db: Tx, id: string) {
    return db
      .selectFrom('units')
      .innerJoin('org_units as b', 'b.id', 'units.building_id')
      .select(['units.id', 'units.project_id', 'units.number', 'units.building_id', 'b.name as building_name'])
      .where('units.id', '=', id)
      .executeTakeFirst();
  },

  unitsByIds(db: Tx, ids: readonly string[]) {
    return inSlices(ids, (slice) =>
      db
        .selectFrom('units')
        .innerJoin('org_units as b', 'b.id', 'units.building_id')
        .select(['units.id', 'units.project_id', 'units.number', 'units.building_id', 'b.name as building_name'])
        .where('units.id', 'in', slice)
        .execute(),
    );
  },

  /** Open charge and late-fee lines due before `dueBefore`, with their unit and fee item terms. */
  overdueLines(db: Tx, f: ArrearsLineFilter) {
    if (f.projectIds.length === 0 || (f.unitIds && f.unitIds.length === 0)) return Promise.resolve([]);
    let q = db
      .selectFrom('bill_lines as l')
      .innerJoin('bills as bl', 'bl.id', 'l.bill_id')
      .innerJoin('units as u', 'u.id', 'l.unit_id')
      .innerJoin('org_units as b', 'b.id', 'u.building_id')
      .leftJoin('fee_items as fi', 'fi.id', 'l.fee_item_id')
      .select([
        'l.id', 'l.bill_id', 'l.project_id', 'l.unit_id', 'l.kind', 'l.description', 'l.due_date', 'l.amount_fen', 'l.paid_fen',
        'l.credited_fen', 'bl.period', 'u.number as unit_number', 'u.building_id', 'b.name as building_name', 'fi.name as fee_item_name',
        'fi.late_fee_daily_bp', 'fi.late_fee_grace_days',
      ])
      .where('l.project_id', 'in', f.projectIds)
      .where('l.status', 'in', ['unpaid', 'partially_paid'])
      .where('l.kind', 'in', ['charge', 'late_fee'])
      .where('l.due_date', '<', f.dueBefore);
    if (f.buildingId) q = q.where('u.building_id', '=', f.buildingId);
    if (f.unitIds) q = q.where('l.unit_id', 'in', f.unitIds);
    if (f.q) {
      const text = f.q;
      q = q.where((eb) =>
        eb.or([
          containsCi('u.number', text),
          containsCi('b.name', text),
          eb.exists(
            eb
              .selectFrom('resident_units as ru')
              .innerJoin('residents as r', 'r.id', 'ru.resident_id')
              .select(sql<number>`1`.as('one'))
              .whereRef('ru.unit_id', '=', 'u.id')
              .where(containsCi('r.name', text)),
          ),
        ]),
      );
    }
    return q.orderBy('bl.period').orderBy('l.due_date').orderBy('l.id').execute();
  },

  /** Positive allocations of payments that were not reversed, per line and business date. */
  paymentsOfLines(db: Tx, lineIds: readonly string[]) {
    return inSlices(lineIds, (slice) =>
      db
        .selectFrom('payment_allocations as a')
        .innerJoin('payments as p', 'p.id', 'a.payment_id')
        .select(['a.bill_line_id', 'p.business_date', 'a.amount_fen'])
        .where('a.bill_line_id', 'in', slice)
        .where('p.reversed_by_payment_id', 'is', null)
        .where('a.amount_fen', '>', 0)
        .execute(),
    );
  },

  /** Late fees already billed per charge line (non-void late-fee lines). */
  billedLateFees(db: Tx, lineIds: readonly string[]) {
    return inSlices(lineIds, (slice) =>
      db
        .selectFrom('bill_lines')
        .select(['related_line_id', (eb) => eb.fn.sum<string | number>('amount_fen').as('fen')])
        .where('related_line_id', 'in', slice)
        .where('kind', '=', 'late_fee')
        .where('status', '!=', 'void')
        .groupBy('related_line_id')
        .execute(),
    );
  },

  /** Current owners of these units with their phones (a link that ended by `today` is over). */
  owners(db: Tx, unitIds: readonly string[], today: string) {
    return inSlices(unitIds, (slice) =>
      db
        .selectFrom('resident_units as ru')
        .innerJoin('residents as r', 'r.id', 'ru.resident_id')
        .select(['ru.unit_id', 'r.name', 'r.phone'])
        .where('ru.unit_id', 'in', slice)
        .where('ru.relation', '=', 'owner')
        .where((eb) => eb.or([eb('ru.end_date', 'is', null), eb('ru.end_date', '>', today)]))
        .orderBy('ru.created_at')
        .execute(),
    );
  },

  dunningStats(db: Tx, unitIds: readonly string[]) {
    return inSlices(unitIds, (slice) =>
      db
        .selectFrom('dunning_notices')
        .select(['unit_id', (eb) => eb.fn.countAll<string | number>().as('n'), (eb) => eb.fn.max('created_at').as('last')])
        .where('unit_id', 'in', slice)
        .groupBy('unit_id')
        .execute(),
    );
  },

  insertNotice(tx: Tx, row: Insertable<DunningNoticesTable>) {
    return tx.insertInto('dunning_notices').values(row).execute();
  },

  notice(db: Tx, id: string) {
    return db.selectFrom('dunning_notices').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async listNotices(db: Tx, f: { projectIds: string[]; unitId?: string; channel?: string; q?: string }, p: { page: number; pageSize: number; sort?: string }) {
    if (f.projectIds.length === 0) return { rows: [], total: 0 };
    let q = db
      .selectFrom('dunning_notices as d')
      .innerJoin('units as u', 'u.id', 'd.unit_id')
      .innerJoin('org_units as b', 'b.id', 'u.building_id')
      .leftJoin('users as us', 'us.id', 'd.created_by')
      .leftJoin('outbox as o', 'o.id', 'd.outbox_id')
      .where('d.project_id', 'in', f.projectIds);
    if (f.unitId) q = q.where('d.unit_id', '=', f.unitId);
    if (f.channel) q = q.where('d.channel', '=', f.channel);
    if (f.q) {
      const text = f.q;
      q = q.where((eb) => eb.or([containsCi('u.number', text), containsCi('b.name', text)]));
    }
    const count = await q.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
    const rows = await applyPaging(
      applySort(
        q.select([
          'd.id', 'd.project_id', 'd.unit_id', 'd.channel', 'd.amount_fen', 'd.late_fee_fen', 'd.oldest_due_date', 'd.recipient_count',
          'd.created_at', 'u.number as unit_number', 'b.name as building_name', 'us.display_name as created_by_name', 'o.status as outbox_status',
        ]),
        p.sort,
        { createdAt: 'd.created_at', amountFen: 'd.amount_fen' },
        '-createdAt',
      ),
      p,
    ).execute();
    return { rows, total: Number(count.n) };
  },
};
