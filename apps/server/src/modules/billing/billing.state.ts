/**
 * The states of bill lines and bills, derived from money, never set by hand: a line is paid when
 * what was paid and credited (approved reductions) covers it; a bill follows its lines.
 */
export type LineStatus = 'unpaid' | 'partially_paid' | 'paid';
export type ReductionStatus = 'pending' | 'approved' | 'rejected';
export type BillStatus = LineStatus | 'void';

/** Kinds of bill line: a charge, a late fee (滞纳金) taken at payment, a reduction (减免, negative). */
export type BillLineKind = 'charge' | 'late_fee' | 'reduction';

/** What a charge or late fee still owes. */
export function owedFen(line: { amountFen: number; paidFen: number; creditedFen: number }): number {
  return Math.max(0, line.amountFen - line.paidFen - line.creditedFen);
}

export function lineStatus(line: { amountFen: number; paidFen: number; creditedFen: number }): LineStatus {
  if (owedFen(line) === 0) return 'paid';
  return line.paidFen > 0 ? 'partially_paid' : 'unpaid';
}

/**
 * A bill from its non-void charge and late-fee lines (reductions already sit in their lines'
 * credited amounts): void when nothing is left on it.
 */
export function billStatus(lines: readonly { amountFen: number; paidFen: number; creditedFen: number }[]): BillStatus {
  if (lines.length === 0) return 'void';
  const owed = lines.reduce((s, l) => s + owedFen(l), 0);
  if (owed === 0) return 'paid';
  return lines.some((l) => l.paidFen > 0) ? 'partially_paid' : 'unpaid';
}
