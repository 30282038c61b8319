/** Every SQL statement of collection targets and the collection report. */
import { sql } from 'kysely';
import type { Tx } from '../../db/database.js';

export const collectionRepository = {
  project(db: Tx, id: string) {
    return db.selectFrom('org_units').select(['id', 'name', 'timezone']).where('id', '=', id).where('kind', '=', 'project').executeTakeFirst();
  },

  targets(db: Tx, projectId: string, year: number) {
    return db.selectFrom('collection_targets').selectAll().where('project_id', '=', projectId).where('year', '=', year).orderBy('month').execute();
  },

  async setTarget(tx: Tx, t: { id: string; projectId: string; year: number; month: number; rateBp: number; setBy: string; at: string }) {
    const updated = await tx
      .updateTable('collection_targets')
      .set({ rate_bp: t.rateBp, set_by: t.setBy, updated_at: t.at })
      .where('project_id', '=', t.projectId)
      .where('year', '=', t.year)
      .where('month', '=', t.month)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) > 0) return;
    await tx
      .insertInto('collection_targets')
      .values({ id: t.id, project_id: t.projectId, year: t.year, month: t.month, rate_bp: t.rateBp, set_by: t.setBy, updated_at: t.at })
      .execute();
  },

  clearTarget(tx: Tx, projectId: string, year: number, month: number) {
    return tx.deleteFrom('collection_targets').where('project_id', '=', projectId).where('year', '=', year).where('month', '=', month).execute();
  },

  /** Per bill period: what the charge lines ask (net of voids and approved reductions) and what was paid on them. */
  billedByPeriod(db: Tx, projectId: string, fromPeriod: string, toPeriod: string) {
    return db
      .selectFrom('bill_lines as l')
      .innerJoin('bills as b', 'b.id', 'l.bill_id')
      .select([
        'b.period',
        sql<string | number>`sum(l.amount_fen - l.credited_fen)`.as('billed'),
        sql<string | number>`sum(l.paid_fen)`.as('collected'),
      ])
      .where('l.project_id', '=', projectId)
      .where('l.kind', '=', 'charge')
      .where('l.status', '!=', 'void')
      .where('b.period', '>=', fromPeriod)
      .where('b.period', '<=', toPeriod)
      .groupBy('b.period')
      .execute();
  },

  /** Allocations to charge lines by payment business date and the bill period they paid (reversals negative). */
  paymentsByDateAndPeriod(db: Tx, projectId: string, fromDate: string, toDate: string) {
    return db
      .selectFrom('payment_allocations as a')
      .innerJoin('payments as p', 'p.id', 'a.payment_id')
      .innerJoin('bill_lines as l', 'l.id', 'a.bill_line_id')
      .innerJoin('bills as b', 'b.id', 'l.bill_id')
      .select(['p.business_date', 'b.period', sql<string | number>`sum(a.amount_fen)`.as('fen')])
      .where('p.project_id', '=', projectId)
      .where('p.business_date', '>=', fromDate)
      .where('p.business_date', '<=', toDate)
      .where('l.kind', '=', 'charge')
      .groupBy(['p.business_date', 'b.period'])
      .execute();
  },
};
