/**
 * Pure rules of arrears (欠费): which lines are in arrears, their age (账龄) and the sums per unit
 * and per building (the late fee to date is billing.late-fee.ts's unbilledLateFee, as at the counter).
 *
 * A line is in arrears from the day after its due date (the due date itself is still on time, as
 * for late fees), counted in calendar days as of today in the project's time zone. Buckets:
 * 1–30 days → d0_30, 31–90, 91–180, 181–365, and more than 365 days → over_365.
 */
import type { AgingAmounts, AgingBucket } from '@propdesk/contracts';
import { daysBetween } from '../billing/billing.period.js';

/** Days past the due date as of `asOf` (0 or less: not overdue). */
export function daysPastDue(dueDate: string, asOf: string): number {
  return daysBetween(dueDate, asOf);
}

/** The aging bucket of a line, or null when it is not yet overdue. */
export function agingBucket(dueDate: string, asOf: string): AgingBucket | null {
  const days = daysPastDue(dueDate, asOf);
  if (days <= 0) return null;
  if (days <= 30) return 'd0_30';
  if (days <= 90) return 'd31_90';
  if (days <= 180) return 'd91_180';
  if (days <= 365) return 'd181_365';
  return 'over_365';
}

export function emptyAging(): AgingAmounts {
  return { d0_30: 0, d31_90: 0, d91_180: 0, d181_365: 0, over_365: 0 };
}

/** A line in arrears, ready to be summed. */
export interface AgedLine {
  unitId: string;
  buildingId: string;
  dueDate: string;
  daysPastDue: number;
  aging: AgingBucket;
  outstandingFen: number;
  lateFeeFen: number;
}

export interface ArrearsSum {
  key: string;
  unitIds: Set<string>;
  lineCount: number;
  oldestDueDate: string;
  maxDaysPastDue: number;
  outstandingFen: number;
  lateFeeFen: number;
  aging: AgingAmounts;
}

/** Sums lines per unit or per building (in the order the keys first appear). */
export function sumArrears(lines: readonly AgedLine[], by: 'unit' | 'building'): ArrearsSum[] {
  const sums = new Map<string, ArrearsSum>();
  for (const l of lines) {
    const key = by === 'unit' ? l.unitId : l.buildingId;
    let s = sums.get(key);
    if (!s) {
      s = { key, unitIds: new Set(), lineCount: 0, oldestDueDate: l.dueDate, maxDaysPastDue: 0, outstandingFen: 0, lateFeeFen: 0, aging: emptyAging() };
      sums.set(key, s);
    }
    s.unitIds.add(l.unitId);
    s.lineCount += 1;
    if (l.dueDate < s.oldestDueDate) s.oldestDueDate = l.dueDate;
    s.maxDaysPastDue = Math.max(s.maxDaysPastDue, l.daysPastDue);
    s.outstandingFen += l.outstandingFen;
    s.lateFeeFen += l.lateFeeFen;
    s.aging[l.aging] += l.outstandingFen;
  }
  return [...sums.values()];
}

/** The totals over all matching lines. */
export function totalArrears(lines: readonly AgedLine[]) {
  const aging = emptyAging();
  let outstandingFen = 0;
  let lateFeeFen = 0;
  const units = new Set<string>();
  for (const l of lines) {
    units.add(l.unitId);
    outstandingFen += l.outstandingFen;
    lateFeeFen += l.lateFeeFen;
    aging[l.aging] += l.outstandingFen;
  }
  return { unitCount: units.size, lineCount: lines.length, outstandingFen, lateFeeFen, totalFen: outstandingFen + lateFeeFen, aging };
}
