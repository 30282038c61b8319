/**
 * A small billing world for the arrears and collection tests: units, a fee item with late-fee
 * terms, bills with lines, payments with allocations and owners — inserted as rows (test code
 * may), so these tests do not depend on the billing runs or the payment service.
 */
import type { Database } from '../src/db/database.js';
import { newId } from '../src/lib/ids.js';
import { nowIso } from '../src/lib/time.js';
import { addDays } from '../src/modules/billing/billing.period.js';
import { todayIn } from '../src/modules/residents/residents.policy.js';

export const today = () => todayIn('Asia/Shanghai');
export const daysAgo = (n: number) => addDays(today(), -n);

export async function insertUnit(db: Database, projectId: string, buildingId: string, number: string): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db.db.insertInto('units').values({
    id, project_id: projectId, building_id: buildingId, number, floor: 1, gross_area: 10_000, kind: 'residential', state: 'occupied', note: null, created_at: now, updated_at: now,
  }).execute();
  return id;
}

export async function insertOwner(db: Database, projectId: string, unitId: string, name: string, phone: string, relation = 'owner', endDate: string | null = null): Promise<void> {
  const rid = newId();
  const now = nowIso();
  await db.db.insertInto('residents').values({ id: rid, project_id: projectId, name, phone, phone_rev: [...phone].reverse().join(''), id_number: null, note: null, created_at: now, updated_at: now }).execute();
  await db.db.insertInto('resident_units').values({ id: newId(), project_id: projectId, resident_id: rid, unit_id: unitId, relation, start_date: null, end_date: endDate, created_at: now }).execute();
}

export async function insertFeeItem(db: Database, projectId: string, name = '物业管理费', lateFee: { bp: number; grace: number } | null = { bp: 5, grace: 0 }): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db.db.insertInto('fee_items').values({
    id, project_id: projectId, name, kind: 'fixed', unit_kinds: '["residential"]', cycle: 'monthly', billing_mode: 'in_advance', due_day: 15, rounding: 'fen',
    pricing: JSON.stringify({ kind: 'fixed', amountFen: 10_000 }), meter_kind: null, late_fee_daily_bp: lateFee?.bp ?? null, late_fee_grace_days: lateFee?.grace ?? null,
    prepay_discount_bp: null, prepay_min_months: null, active: 1, sort: 0, created_at: now, updated_at: now, version: 1,
  }).execute();
  return id;
}

export interface LineSpec {
  amountFen: number;
  dueDate: string;
  paidFen?: number;
  creditedFen?: number;
  status?: string;
  kind?: 'charge' | 'late_fee';
  relatedLineId?: string;
  feeItemId?: string | null;
}

/** A bill of a unit and period with its lines; returns the line ids in order. */
export async function insertBill(db: Database, p: { projectId: string; buildingId: string; unitId: string; period: string; lines: LineSpec[] }): Promise<string[]> {
  const billId = newId();
  const now = nowIso();
  const live = p.lines.filter((l) => l.status !== 'void');
  await db.db.insertInto('bills').values({
    id: billId, project_id: p.projectId, building_id: p.buildingId, unit_id: p.unitId, period: p.period, status: 'unpaid',
    total_fen: live.reduce((s, l) => s + l.amountFen - (l.creditedFen ?? 0), 0), paid_fen: live.reduce((s, l) => s + (l.paidFen ?? 0), 0),
    due_date: p.lines[0]!.dueDate, run_id: null, created_at: now, updated_at: now, version: 1,
  }).execute();
  const ids: string[] = [];
  for (const l of p.lines) {
    const id = newId();
    ids.push(id);
    const owed = l.amountFen - (l.paidFen ?? 0) - (l.creditedFen ?? 0);
    await db.db.insertInto('bill_lines').values({
      id, bill_id: billId, project_id: p.projectId, unit_id: p.unitId, fee_item_id: l.feeItemId ?? null, kind: l.kind ?? 'charge', description: `物业管理费 ${p.period}`,
      cover_from: p.period, cover_to: p.period, quantity_milli: null, rate_centi_fen: null, detail: null, amount_fen: l.amountFen, paid_fen: l.paidFen ?? 0,
      credited_fen: l.creditedFen ?? 0, status: l.status ?? (owed === 0 ? 'paid' : (l.paidFen ?? 0) > 0 ? 'partially_paid' : 'unpaid'), due_date: l.dueDate,
      billing_key: null, source: 'run', source_id: null, related_line_id: l.relatedLineId ?? null, void_reason: null, voided_by: null, voided_at: null,
      approved_by: null, approved_at: null, reason: null, created_by: null, created_at: now, updated_at: now, version: 1,
    }).execute();
  }
  return ids;
}

let receipt = 0;
/** A payment on a business date allocated to lines (negative amounts for a reversal). */
export async function insertPayment(db: Database, p: { projectId: string; unitId: string; cashierId: string; businessDate: string; allocations: { lineId: string; amountFen: number }[]; kind?: string; reversedBy?: string | null }): Promise<string> {
  const id = newId();
  const now = nowIso();
  receipt += 1;
  await db.db.insertInto('payments').values({
    id, project_id: p.projectId, unit_id: p.unitId, kind: p.kind ?? 'payment', method: 'cash', amount_fen: p.allocations.reduce((s, a) => s + a.amountFen, 0), change_fen: 0,
    receipt_number: `SJ-${p.businessDate.slice(0, 4)}-${String(receipt).padStart(6, '0')}`, receipt_year: Number(p.businessDate.slice(0, 4)), payer_name: null, note: null, reason: null,
    reverses_payment_id: null, reversed_by_payment_id: p.reversedBy ?? null, direct_debit_item_id: null, print_count: 0, daily_close_id: null, business_date: p.businessDate,
    cashier_id: p.cashierId, created_at: now, version: 1,
  }).execute();
  for (const a of p.allocations) {
    await db.db.insertInto('payment_allocations').values({ id: newId(), payment_id: id, bill_line_id: a.lineId, amount_fen: a.amountFen, created_at: now }).execute();
  }
  return id;
}

export async function countRows(db: Database, table: 'dunning_notices' | 'outbox' | 'collection_targets' | 'audit_log'): Promise<number> {
  const r = await db.db.selectFrom(table).select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * The arrears scenario of the tests, relative to today in Asia/Shanghai (5‱ a day, no grace):
 * - A1栋 101: 100.00 due 45 days ago (late fee 2.25) and 100.00 due 15 days ago of which 40.00 was
 *   paid 10 days ago (late fee 5 days × 100.00 + 10 days × 60.00 = 0.25 + 0.30); owner 张三 plus a
 *   tenant and a former owner, who are not texted;
 * - A1栋 102: 50.00 due 400 days ago (late fee 10.00, of which 3.00 was already billed as a late-fee
 *   line, itself unpaid and due 100 days ago); no owner;
 * - A1栋 103: nothing owed (fully reduced, a void line, one not yet due);
 * - A2栋 201: 30.00 due 200 days ago, an item without late-fee terms;
 * - project B: B主楼 801, 70.00 due 60 days ago.
 */
export async function seedArrearsScenario(database: Database, fx: { projectA: { id: string }; projectB: { id: string }; buildingA: { id: string }; buildingB: { id: string }; users: Record<string, string> }) {
  const { insertOrgUnit } = await import('../src/modules/org/org.service.js');
  const projectRow = await database.db.selectFrom('org_units').selectAll().where('id', '=', fx.projectA.id).executeTakeFirstOrThrow();
  const buildingA2 = await insertOrgUnit(database.db, { kind: 'building', name: 'A2栋', parentId: fx.projectA.id }, projectRow);
  const A = fx.projectA.id;
  const fee = await insertFeeItem(database, A);
  const feeB = await insertFeeItem(database, fx.projectB.id);
  const u101 = await insertUnit(database, A, fx.buildingA.id, '101');
  const u102 = await insertUnit(database, A, fx.buildingA.id, '102');
  const u103 = await insertUnit(database, A, fx.buildingA.id, '103');
  const u201 = await insertUnit(database, A, buildingA2.id, '201');
  const uB = await insertUnit(database, fx.projectB.id, fx.buildingB.id, '801');
  await insertOwner(database, A, u101, '张三', '13800001111');
  await insertOwner(database, A, u101, '李租户', '13900002222', 'tenant');
  await insertOwner(database, A, u101, '王前业主', '13700003333', 'owner', '2020-01-01');
  await insertOwner(database, fx.projectB.id, uB, '赵商户', '13600004444');

  const [l101a] = await insertBill(database, { projectId: A, buildingId: fx.buildingA.id, unitId: u101, period: '2026-01', lines: [{ amountFen: 10_000, dueDate: daysAgo(45), feeItemId: fee }] });
  const [l101b] = await insertBill(database, { projectId: A, buildingId: fx.buildingA.id, unitId: u101, period: '2026-02', lines: [{ amountFen: 10_000, dueDate: daysAgo(15), paidFen: 4_000, feeItemId: fee }] });
  await insertPayment(database, { projectId: A, unitId: u101, cashierId: fx.users.cashierA!, businessDate: daysAgo(10), allocations: [{ lineId: l101b!, amountFen: 4_000 }] });
  const [l102] = await insertBill(database, { projectId: A, buildingId: fx.buildingA.id, unitId: u102, period: '2025-01', lines: [{ amountFen: 5_000, dueDate: daysAgo(400), feeItemId: fee }] });
  await insertBill(database, { projectId: A, buildingId: fx.buildingA.id, unitId: u102, period: '2025-09', lines: [{ amountFen: 300, dueDate: daysAgo(100), kind: 'late_fee', relatedLineId: l102, feeItemId: fee }] });
  await insertBill(database, {
    projectId: A, buildingId: fx.buildingA.id, unitId: u103, period: '2026-03',
    lines: [
      { amountFen: 8_000, dueDate: daysAgo(10), creditedFen: 8_000, feeItemId: fee },
      { amountFen: 9_000, dueDate: daysAgo(10), status: 'void', feeItemId: fee },
    ],
  });
  await insertBill(database, { projectId: A, buildingId: fx.buildingA.id, unitId: u103, period: '2026-04', lines: [{ amountFen: 9_000, dueDate: addDays(today(), 5), feeItemId: fee }] });
  await insertBill(database, { projectId: A, buildingId: buildingA2.id, unitId: u201, period: '2026-05', lines: [{ amountFen: 3_000, dueDate: daysAgo(200) }] });
  await insertBill(database, { projectId: fx.projectB.id, buildingId: fx.buildingB.id, unitId: uB, period: '2026-06', lines: [{ amountFen: 7_000, dueDate: daysAgo(60), feeItemId: feeB }] });
  return { buildingA2: buildingA2.id, u101, u102, u103, u201, uB, l101a: l101a!, l101b: l101b! };
}
