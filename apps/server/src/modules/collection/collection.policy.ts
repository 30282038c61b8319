/**
 * Pure rules of the collection report (收缴率报表).
 *
 * - billed (应收) of a month: the charge lines of that month's bills (period YYYY-MM), net of
 *   voided lines and approved reductions;
 * - collected (实收) for the period: what has been paid on those lines so far, whenever it was paid;
 * - recovered (欠费回收) in a month: payments made during that month (by business date) for lines of
 *   earlier periods — also periods of earlier years;
 * - rate (收缴率) = collected ÷ billed in basis points, rounded half up; none when nothing was billed;
 * - met: rate ≥ target, when both exist.
 */
import type { CollectionReportRow } from '@propdesk/contracts';
import { divideHalfUp, toSafeNumber } from '../billing/billing.money.js';
import { parsePeriod, periodOf } from '../billing/billing.period.js';

/** collected ÷ billed in basis points (9500 = 95.00%), half up; null when nothing was billed. */
export function collectionRateBp(collectedFen: number, billedFen: number): number | null {
  if (billedFen <= 0) return null;
  return toSafeNumber(divideHalfUp(BigInt(collectedFen) * 10_000n, BigInt(billedFen)));
}

/** Recovered arrears per month (index 0 = January) from payments by business date and the period they paid. */
export function recoveredByMonth(year: number, payments: readonly { businessDate: string; period: string; amountFen: number }[]): number[] {
  const months = new Array<number>(12).fill(0);
  for (const p of payments) {
    const paidIn = periodOf(p.businessDate);
    const { year: y, month } = parsePeriod(paidIn);
    if (y !== year) continue;
    // Only earlier periods count: paying this month's bill (or one ahead) is not recovery.
    if (p.period < paidIn) months[month - 1]! += p.amountFen;
  }
  return months;
}

export interface BilledPeriod {
  period: string;
  billedFen: number;
  collectedFen: number;
}

function row(month: number, billedFen: number, collectedFen: number, recoveredFen: number, targetBp: number | null): CollectionReportRow {
  const rateBp = collectionRateBp(collectedFen, billedFen);
  return { month, billedFen, collectedFen, recoveredFen, rateBp, targetBp, met: rateBp === null || targetBp === null ? null : rateBp >= targetBp };
}

/**
 * The twelve months and the year's totals. `targets` maps month (1–12, 0 = the year) to basis points.
 * The year's rate is over the year's sums (not an average of monthly rates).
 */
export function collectionReport(
  year: number,
  billed: readonly BilledPeriod[],
  recovered: readonly number[],
  targets: ReadonlyMap<number, number>,
): { months: CollectionReportRow[]; totals: CollectionReportRow } {
  const billedOf = new Map<number, { billedFen: number; collectedFen: number }>();
  for (const b of billed) {
    const { year: y, month } = parsePeriod(b.period);
    if (y !== year) continue;
    const cur = billedOf.get(month) ?? { billedFen: 0, collectedFen: 0 };
    billedOf.set(month, { billedFen: cur.billedFen + b.billedFen, collectedFen: cur.collectedFen + b.collectedFen });
  }
  const months = Array.from({ length: 12 }, (_, i) => {
    const m = i + 1;
    const b = billedOf.get(m) ?? { billedFen: 0, collectedFen: 0 };
    return row(m, b.billedFen, b.collectedFen, recovered[i] ?? 0, targets.get(m) ?? null);
  });
  const sum = (k: 'billedFen' | 'collectedFen' | 'recoveredFen') => months.reduce((s, r) => s + r[k], 0);
  return { months, totals: row(0, sum('billedFen'), sum('collectedFen'), sum('recoveredFen'), targets.get(0) ?? null) };
}
