/** Test-only helpers of the billing tests (not loaded by the server). */
import type { Database } from '../../db/database.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';

/** Units straight into the table (the units module owns the API; billing tests need rows). */
export async function insertUnits(
  database: Database,
  building: { id: string; project_id: string | null },
  specs: { number: string; grossArea: number; kind?: string; floor?: number }[],
): Promise<string[]> {
  const now = nowIso();
  const rows = specs.map((s) => ({
    id: newId(), project_id: building.project_id!, building_id: building.id, number: s.number, floor: s.floor ?? 1, gross_area: s.grossArea,
    kind: s.kind ?? 'residence', state: 'occupied', note: null, created_at: now, updated_at: now,
  }));
  for (let i = 0; i < rows.length; i += 500) await database.db.insertInto('units').values(rows.slice(i, i + 500)).execute();
  return rows.map((r) => r.id);
}

export type BillingTable = 'bills' | 'bill_lines' | 'billing_runs' | 'meter_readings' | 'meters' | 'fee_items' | 'prepaid_entries' | 'audit_log';

export async function countOf(database: Database, table: BillingTable): Promise<number> {
  return Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}

/** Row counts of every billing table: a refused request must leave them all as they were. */
export async function snapshot(database: Database): Promise<Record<BillingTable, number>> {
  const tables: BillingTable[] = ['bills', 'bill_lines', 'billing_runs', 'meter_readings', 'meters', 'fee_items', 'prepaid_entries', 'audit_log'];
  const out = {} as Record<BillingTable, number>;
  for (const t of tables) out[t] = await countOf(database, t);
  return out;
}

/** The residential terms of the issue: 物业管理费 2.35 元/m²/月, 垃圾处理费 15 元/户/月, 水费 3.00/4.50/6.00 by the calendar year. */
export const GARDEN_ITEMS = {
  property: { name: '物业管理费', unitKinds: ['residence'], cycle: 'monthly', billingMode: 'in_advance', dueDay: 15, rounding: 'fen', pricing: { kind: 'area', rateCentiFen: 23500 }, lateFee: { dailyRateBp: 5, graceDays: 30 } },
  garbage: { name: '垃圾处理费', unitKinds: ['residence'], cycle: 'monthly', billingMode: 'in_advance', dueDay: 15, rounding: 'fen', pricing: { kind: 'fixed', amountFen: 1500 } },
  water: {
    name: '水费', unitKinds: ['residence'], cycle: 'monthly', billingMode: 'in_advance', dueDay: 20, rounding: 'fen', meterKind: 'water',
    pricing: { kind: 'metered', tierBasis: 'calendar_year', tiers: [{ upToMilli: 100_000, priceCentiFen: 30000 }, { upToMilli: 200_000, priceCentiFen: 45000 }, { upToMilli: null, priceCentiFen: 60000 }] },
  },
} as const;
