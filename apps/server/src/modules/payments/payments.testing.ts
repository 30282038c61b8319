/**
 * Test-only fixture (not loaded by the server): units, a fee item and bills with their lines,
 * inserted as rows — the billing runs that make them in production belong to another module.
 */
import type { Database } from '../../db/database.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';

export async function insertUnit(database: Database, projectId: string, buildingId: string, number: string): Promise<string> {
  const id = newId();
  const now = nowIso();
  await database.db.insertInto('units').values({
    id, project_id: projectId, building_id: buildingId, number, floor: 1, gross_area: 10000, kind: 'residence', state: 'occupied', note: null, created_at: now, updated_at: now,
  }).execute();
  return id;
}

/** 物业管理费 with 滞纳金 万分之五 a day after 10 grace days (or none). */
export async function insertFeeItem(database: Database, projectId: string, opts: { name?: string; lateFee?: { dailyBp: number; graceDays: number } | null } = {}): Promise<string> {
  const id = newId();
  const now = nowIso();
  const lateFee = opts.lateFee === undefined ? { dailyBp: 5, graceDays: 10 } : opts.lateFee;
  await database.db.insertInto('fee_items').values({
    id, project_id: projectId, name: opts.name ?? '物业管理费', kind: 'area', unit_kinds: '["residence"]', cycle: 'monthly', billing_mode: 'in_advance',
    due_day: 15, rounding: 'fen', pricing: JSON.stringify({ kind: 'area', rateCentiFen: 23500 }), meter_kind: null,
    late_fee_daily_bp: lateFee?.dailyBp ?? null, late_fee_grace_days: lateFee?.graceDays ?? null, prepay_discount_bp: null, prepay_min_months: null,
    active: 1, sort: 0, created_at: now, updated_at: now, version: 1,
  }).execute();
  return id;
}

/** A bill of a unit for a period with charge lines; returns the bill id and the line ids in order. */
export async function insertBill(
  database: Database,
  b: { projectId: string; buildingId: string; unitId: string; period: string; dueDate?: string; lines: { amountFen: number; feeItemId?: string | null; description?: string }[] },
): Promise<{ billId: string; lineIds: string[] }> {
  const billId = newId();
  const now = nowIso();
  const dueDate = b.dueDate ?? `${b.period}-15`;
  const total = b.lines.reduce((s, l) => s + l.amountFen, 0);
  await database.db.insertInto('bills').values({
    id: billId, project_id: b.projectId, building_id: b.buildingId, unit_id: b.unitId, period: b.period, status: 'unpaid', total_fen: total, paid_fen: 0,
    due_date: dueDate, run_id: null, created_at: now, updated_at: now, version: 1,
  }).execute();
  const lineIds: string[] = [];
  for (const [i, l] of b.lines.entries()) {
    const id = newId();
    lineIds.push(id);
    await database.db.insertInto('bill_lines').values({
      id, bill_id: billId, project_id: b.projectId, unit_id: b.unitId, fee_item_id: l.feeItemId ?? null, kind: 'charge',
      description: l.description ?? `${b.period} 费用 ${i + 1}`, cover_from: b.period, cover_to: b.period, quantity_milli: null, rate_centi_fen: null, detail: null,
      amount_fen: l.amountFen, paid_fen: 0, credited_fen: 0, status: 'unpaid', due_date: dueDate, billing_key: `${l.feeItemId ?? 'x'}:${b.period}:${i}`,
      source: 'run', source_id: null, related_line_id: null, void_reason: null, voided_by: null, voided_at: null, approved_by: null, approved_at: null,
      reason: null, created_by: null, created_at: now, updated_at: now, version: 1,
    }).execute();
  }
  return { billId, lineIds };
}

/** Every line of a unit as [id, paid, status], for exact before/after comparisons. */
export async function linesOf(database: Database, unitId: string) {
  const rows = await database.db.selectFrom('bill_lines').select(['id', 'kind', 'amount_fen', 'paid_fen', 'status']).where('unit_id', '=', unitId).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, amountFen: Number(r.amount_fen), paidFen: Number(r.paid_fen), status: r.status }));
}

export async function billsOf(database: Database, unitId: string) {
  const rows = await database.db.selectFrom('bills').select(['id', 'status', 'total_fen', 'paid_fen']).where('unit_id', '=', unitId).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, status: r.status, totalFen: Number(r.total_fen), paidFen: Number(r.paid_fen) }));
}

export async function countRows(database: Database, table: 'payments' | 'payment_allocations' | 'bill_lines' | 'prepaid_entries' | 'deposits' | 'counters' | 'daily_closes'): Promise<number> {
  const r = await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}
