/**
 * The bill ledger that payments, voids, reductions, direct debit and arrears all move through:
 * what a unit owes line by line, the one guarded way to change what a line has been paid, and
 * keeping each bill's totals and status in step with its lines.
 */
import { sql } from 'kysely';
import type { Tx } from '../../db/database.js';
import { nowIso } from '../../lib/time.js';
import { billStatus, lineStatus, owedFen } from './billing.state.js';

/** A charge or late fee that still owes money, with the fee item's late-fee terms. */
export interface OpenLine {
  id: string;
  billId: string;
  projectId: string;
  unitId: string;
  feeItemId: string | null;
  feeItemName: string | null;
  kind: 'charge' | 'late_fee';
  description: string;
  /** The bill's period (YYYY-MM). */
  period: string;
  coverFrom: string | null;
  coverTo: string | null;
  dueDate: string;
  amountFen: number;
  paidFen: number;
  creditedFen: number;
  outstandingFen: number;
  version: number;
  lateFeeDailyBp: number | null;
  lateFeeGraceDays: number | null;
}

/** Every open charge and late fee of these units, oldest first (period, due date, id). */
export async function openLines(tx: Tx, unitIds: readonly string[]): Promise<OpenLine[]> {
  if (unitIds.length === 0) return [];
  const rows = await tx
    .selectFrom('bill_lines as l')
    .innerJoin('bills as b', 'b.id', 'l.bill_id')
    .leftJoin('fee_items as f', 'f.id', 'l.fee_item_id')
    .where('l.unit_id', 'in', unitIds)
    .where('l.status', 'in', ['unpaid', 'partially_paid'])
    .where('l.kind', 'in', ['charge', 'late_fee'])
    .select([
      'l.id', 'l.bill_id', 'l.project_id', 'l.unit_id', 'l.fee_item_id', 'f.name as fee_item_name', 'l.kind', 'l.description',
      'b.period', 'l.cover_from', 'l.cover_to', 'l.due_date', 'l.amount_fen', 'l.paid_fen', 'l.credited_fen', 'l.version',
      'f.late_fee_daily_bp', 'f.late_fee_grace_days',
    ])
    .orderBy('b.period')
    .orderBy('l.due_date')
    .orderBy('l.id')
    .execute();
  return rows.map((r) => {
    const money = { amountFen: Number(r.amount_fen), paidFen: Number(r.paid_fen), creditedFen: Number(r.credited_fen) };
    return {
      id: r.id,
      billId: r.bill_id,
      projectId: r.project_id,
      unitId: r.unit_id,
      feeItemId: r.fee_item_id,
      feeItemName: r.fee_item_name,
      kind: r.kind as OpenLine['kind'],
      description: r.description,
      period: r.period,
      coverFrom: r.cover_from,
      coverTo: r.cover_to,
      dueDate: r.due_date,
      ...money,
      outstandingFen: owedFen(money),
      version: r.version,
      lateFeeDailyBp: r.late_fee_daily_bp,
      lateFeeGraceDays: r.late_fee_grace_days,
    };
  });
}

/**
 * Adds `deltaFen` to what a line has been paid (negative on a reversal), only if the line is
 * still at `version` and the result stays within 0…(amount − credited). Returns false when
 * another payment got there first or the line would be overpaid: the caller aborts its
 * transaction with a 409, so two concurrent payments can never collect more than is owed.
 */
export async function changeLinePaid(tx: Tx, line: { id: string; version: number }, deltaFen: number): Promise<boolean> {
  const current = await tx
    .selectFrom('bill_lines')
    .select(['amount_fen', 'paid_fen', 'credited_fen', 'status', 'version'])
    .where('id', '=', line.id)
    .executeTakeFirst();
  if (!current || current.version !== line.version || current.status === 'void') return false;
  const money = { amountFen: Number(current.amount_fen), paidFen: Number(current.paid_fen) + deltaFen, creditedFen: Number(current.credited_fen) };
  if (money.paidFen < 0 || money.paidFen + money.creditedFen > money.amountFen) return false;
  const result = await tx
    .updateTable('bill_lines')
    .set({ paid_fen: money.paidFen, status: lineStatus(money), updated_at: nowIso(), version: line.version + 1 })
    .where('id', '=', line.id)
    .where('version', '=', line.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Recomputes each bill's total, paid amount and status from its non-void charge and late-fee lines. */
export async function refreshBills(tx: Tx, billIds: readonly string[]): Promise<void> {
  const unique = [...new Set(billIds)];
  if (unique.length === 0) return;
  const lines = await tx
    .selectFrom('bill_lines')
    .select(['bill_id', 'amount_fen', 'paid_fen', 'credited_fen'])
    .where('bill_id', 'in', unique)
    .where('kind', 'in', ['charge', 'late_fee'])
    .where('status', '!=', 'void')
    .execute();
  const byBill = new Map<string, { amountFen: number; paidFen: number; creditedFen: number }[]>(unique.map((id) => [id, []]));
  for (const l of lines) {
    byBill.get(l.bill_id)!.push({ amountFen: Number(l.amount_fen), paidFen: Number(l.paid_fen), creditedFen: Number(l.credited_fen) });
  }
  const now = nowIso();
  for (const [billId, ls] of byBill) {
    await tx
      .updateTable('bills')
      .set({
        // A bill's total is what it asks for after reductions; paid is what was collected on it.
        total_fen: ls.reduce((s, l) => s + l.amountFen - l.creditedFen, 0),
        paid_fen: ls.reduce((s, l) => s + l.paidFen, 0),
        status: billStatus(ls),
        updated_at: now,
        version: sql<number>`version + 1`,
      })
      .where('id', '=', billId)
      .execute();
  }
}
