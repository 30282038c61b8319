/**
 * Late fees (滞纳金).
 *
 * Days are calendar dates. A line is overdue from the day after its due date: the due date itself
 * is free and `asOf` counts, so due 2026-03-15 and asOf 2026-03-16 is 1 day overdue. The first
 * `graceDays` overdue days are free; the fee runs only for the days after them (grace 10: the
 * 11th overdue day is the first one charged).
 *
 * Each charged day costs `dailyRateBp` ‱ of what was still outstanding that day. A payment dated
 * D still counts on day D (it settles the day it is made, like paying at the counter that day) and
 * lowers the balance from D + 1. The fee is worked out per stretch of equal balance, each stretch
 * rounded half up to the fen, and the total is capped at the principal (违约金不超过本金).
 */
import { assertInteger, divideHalfUp, toSafeNumber } from './billing.money.js';
import { addDays, dateOfEpochDay, daysBetween, epochDay } from './billing.period.js';

export interface LateFeeInput {
  /** The line's amount. */
  principalFen: number;
  dueDate: string;
  /** The day the fee is worked out to (inclusive), e.g. today at the counter. */
  asOf: string;
  dailyRateBp: number;
  graceDays: number;
  /** What was paid on the line, and when. */
  payments?: readonly { date: string; amountFen: number }[];
}

export interface LateFeeStretch {
  from: string;
  to: string;
  days: number;
  balanceFen: number;
  feeFen: number;
}

export interface LateFee {
  /** Days overdue as of `asOf` (0 when not yet overdue). */
  overdueDays: number;
  /** Days actually charged (after the grace days, while something was outstanding). */
  chargedDays: number;
  feeFen: number;
  /** True when the cap at the principal cut the fee. */
  capped: boolean;
  stretches: LateFeeStretch[];
}

export function lateFee(input: LateFeeInput): LateFee {
  const { principalFen, dueDate, asOf, dailyRateBp, graceDays } = input;
  assertInteger('principalFen', principalFen, 0);
  assertInteger('dailyRateBp', dailyRateBp, 0, 10_000);
  assertInteger('graceDays', graceDays, 0);
  const overdueDays = Math.max(0, daysBetween(dueDate, asOf));
  const firstCharged = addDays(dueDate, graceDays + 1);
  const none: LateFee = { overdueDays, chargedDays: 0, feeFen: 0, capped: false, stretches: [] };
  if (epochDay(asOf) < epochDay(firstCharged) || dailyRateBp === 0) return none;

  // Payments made before the first charged day lower the starting balance; later ones (before
  // asOf) end a stretch on their day, summed per day.
  const first = epochDay(firstCharged);
  const last = epochDay(asOf);
  let balance = principalFen;
  const paidOnDay = new Map<number, number>();
  for (const p of input.payments ?? []) {
    assertInteger('payment amountFen', p.amountFen, 0);
    const day = epochDay(p.date);
    if (day < first) balance -= p.amountFen;
    else if (day < last) paidOnDay.set(day, (paidOnDay.get(day) ?? 0) + p.amountFen);
  }

  const stretches: LateFeeStretch[] = [];
  let from = firstCharged;
  const close = (to: string) => {
    const days = daysBetween(from, to) + 1;
    if (balance > 0 && days > 0) {
      const feeFen = toSafeNumber(divideHalfUp(BigInt(balance) * BigInt(dailyRateBp) * BigInt(days), 10_000n));
      stretches.push({ from, to, days, balanceFen: balance, feeFen });
    }
  };
  for (const [day, amountFen] of [...paidOnDay].sort((a, b) => a[0] - b[0])) {
    const to = dateOfEpochDay(day);
    close(to);
    balance -= amountFen;
    from = addDays(to, 1);
  }
  close(asOf);

  const total = stretches.reduce((s, x) => s + x.feeFen, 0);
  const feeFen = Math.min(total, principalFen);
  return { overdueDays, chargedDays: stretches.reduce((s, x) => s + x.days, 0), feeFen, capped: total > principalFen, stretches };
}

/** A bill line as the late-fee rule needs it. */
export interface LateFeeLine {
  kind: 'charge' | 'late_fee';
  amountFen: number;
  /** Approved reductions: the fee runs on amount − credited. */
  creditedFen: number;
  dueDate: string;
  lateFeeDailyBp: number | null;
  lateFeeGraceDays: number | null;
}

/**
 * The late fee accrued on a charge to `asOf` and not yet billed — what the cashier collects and
 * the arrears list shows (one rule for both): the fee over the whole life of the line (principal
 * after reductions, lowered by each standing payment from its day on), minus late-fee lines
 * already billed for it. Late fees carry no late fee of their own; items without terms none.
 */
export function unbilledLateFee(
  line: LateFeeLine,
  asOf: string,
  paid: readonly { date: string; amountFen: number }[],
  alreadyBilledFen: number,
): { feeFen: number; overdueDays: number } {
  const overdueDays = Math.max(0, daysBetween(line.dueDate, asOf));
  const principalFen = Math.max(0, line.amountFen - line.creditedFen);
  if (line.kind !== 'charge' || !line.lateFeeDailyBp || principalFen === 0) return { feeFen: 0, overdueDays };
  const fee = lateFee({ principalFen, dueDate: line.dueDate, asOf, dailyRateBp: line.lateFeeDailyBp, graceDays: line.lateFeeGraceDays ?? 0, payments: paid });
  return { feeFen: Math.max(0, fee.feeFen - alreadyBilledFen), overdueDays: fee.overdueDays };
}
