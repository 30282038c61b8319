/**
 * Charges of area-based and fixed fee items, and the prepay discount (预缴优惠).
 *
 * A line's amount is computed exactly and rounded ONCE, half up, to the item's unit — a quarterly
 * line is round(area × rate × 3), not three rounded months — so the line explains itself:
 * 89.25 m² × 2.35 元/m²/月 × 1 月 = 209.7375 元 → 209.74 (分) / 209.70 (角) / 210 (元).
 */
import type { Rounding } from '@propdesk/contracts';
import { assertInteger, divideHalfUp, roundFen, ROUNDING_STEP_FEN, toSafeNumber } from './billing.money.js';

/** Centi-fen per fen, and 0.01 m² per m²: area (0.01 m²) × rate (centi-fen/m²) / 10 000 = fen. */
const AREA_RATE_SCALE = 100n * 100n;
const MAX_MONTHS = 120;

export interface AreaChargeInput {
  /** Gross area (建筑面积) in 0.01 m². */
  areaCentiM2: number;
  /** Rate in centi-fen (0.0001 元) per m² per month: 2.35 元 = 23500. */
  rateCentiFen: number;
  /** Months the line covers (the cycle's length). */
  months: number;
  rounding: Rounding;
}

/** gross area × rate × months, rounded half up to the item's unit; fen. */
export function areaCharge(input: AreaChargeInput): number {
  assertInteger('areaCentiM2', input.areaCentiM2, 0);
  assertInteger('rateCentiFen', input.rateCentiFen, 0);
  assertInteger('months', input.months, 0, MAX_MONTHS);
  const exact = BigInt(input.areaCentiM2) * BigInt(input.rateCentiFen) * BigInt(input.months);
  return roundFen(exact, AREA_RATE_SCALE, input.rounding);
}

export interface FixedChargeInput {
  /** Amount per unit per month in fen: 15 元/户/月 = 1500. */
  amountFen: number;
  months: number;
  rounding: Rounding;
}

/** fixed amount × months, rounded half up to the item's unit (a 15.25 元 fee to 角 → 15.30); fen. */
export function fixedCharge(input: FixedChargeInput): number {
  assertInteger('amountFen', input.amountFen, 0);
  assertInteger('months', input.months, 0, MAX_MONTHS);
  return roundFen(BigInt(input.amountFen) * BigInt(input.months), 1n, input.rounding);
}

export interface PrepayDiscount {
  discountFen: number;
  netFen: number;
}

/**
 * The discount on an amount paid ahead: amount × discountBp / 10 000, rounded half up to the
 * item's unit (so the net stays a whole 角/元 where the item says so); net = amount − discount.
 * 2510 元 at 5% to 元: 125.50 → 126 off, 2384 to pay.
 */
export function prepayDiscount(amountFen: number, discountBp: number, rounding: Rounding): PrepayDiscount {
  assertInteger('amountFen', amountFen, 0);
  assertInteger('discountBp', discountBp, 0, 10_000);
  const step = BigInt(ROUNDING_STEP_FEN[rounding]);
  const discountFen = toSafeNumber(divideHalfUp(BigInt(amountFen) * BigInt(discountBp), 10_000n * step) * step);
  return { discountFen: Math.min(discountFen, amountFen), netFen: amountFen - Math.min(discountFen, amountFen) };
}

/** Does paying `monthsAhead` months at once earn the discount (e.g. 12 months for 5% off)? */
export function prepayDiscountApplies(monthsAhead: number, minMonthsAhead: number): boolean {
  return monthsAhead >= minMonthsAhead;
}
