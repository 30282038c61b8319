/** Test-only helpers for the resident-service tests (not loaded by the server). */
import type { Database } from '../../db/database.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';

export async function insertUnit(database: Database, projectId: string, buildingId: string, number: string, state = 'vacant'): Promise<string> {
  const id = newId();
  const now = nowIso();
  await database.db.insertInto('units').values({ id, project_id: projectId, building_id: buildingId, number, floor: 1, gross_area: 9000, kind: 'residence', state, note: null, created_at: now, updated_at: now }).execute();
  return id;
}

/** A bill with one unpaid charge line (billing's runs own this in the product; the tests need the ledger rows). */
export async function insertOpenCharge(database: Database, projectId: string, unitId: string, amountFen: number): Promise<{ billId: string; lineId: string }> {
  const now = nowIso();
  const billId = newId();
  const lineId = newId();
  await database.db.insertInto('bills').values({ id: billId, project_id: projectId, building_id: null, unit_id: unitId, period: '2026-10', status: 'unpaid', total_fen: amountFen, paid_fen: 0, due_date: '2026-10-31', run_id: null, created_at: now, updated_at: now, version: 1 }).execute();
  await database.db.insertInto('bill_lines').values({
    id: lineId, bill_id: billId, project_id: projectId, unit_id: unitId, fee_item_id: null, kind: 'charge', description: '物业管理费 2026-10', cover_from: null, cover_to: null,
    quantity_milli: null, rate_centi_fen: null, detail: null, amount_fen: amountFen, paid_fen: 0, credited_fen: 0, status: 'unpaid', due_date: '2026-10-31',
    billing_key: null, source: 'manual', source_id: null, related_line_id: null, void_reason: null, voided_by: null, voided_at: null, approved_by: null, approved_at: null,
    reason: null, created_by: null, created_at: now, updated_at: now, version: 1,
  }).execute();
  return { billId, lineId };
}

/** Today's date in Asia/Shanghai (the fixture projects' zone). */
export function shanghaiToday(offsetDays = 0): string {
  return new Date(Date.now() + 8 * 3600_000 + offsetDays * 86400_000).toISOString().slice(0, 10);
}

export const WORKER_ID = '110101199003074477';
