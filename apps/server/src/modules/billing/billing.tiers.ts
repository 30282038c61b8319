/**
 * Tiered pricing (阶梯价) of metered items.
 *
 * Tiers are bounds on cumulative consumption: with basis `calendar_year` the count starts on
 * 1 January (what the unit used earlier in the same year comes first), with `per_bill` it starts
 * at zero for every bill. A month's consumption fills the tiers from where the unit stands, so it
 * may cross one tier bound or several. Each tier's part is its own line (quantity × price,
 * rounded half up to the item's unit) and the bill line's amount is the sum of those lines, so
 * the receipt adds up as printed.
 *
 * Quantities are 0.001 m³ (or kWh); prices centi-fen (0.0001 元) per m³:
 * fen = quantityMilli × priceCentiFen / 100 000.
 */
import type { Rounding, Tier, TierBasis } from '@propdesk/contracts';
import { assertInteger, roundFen } from './billing.money.js';
import { parsePeriod } from './billing.period.js';

const QUANTITY_PRICE_SCALE = 1000n * 100n;

export interface TierLine {
  /** 1-based tier number. */
  tier: number;
  /** Cumulative consumption the part starts and ends at (0.001 units). */
  fromMilli: number;
  toMilli: number;
  quantityMilli: number;
  priceCentiFen: number;
  amountFen: number;
}

export interface TieredCharge {
  quantityMilli: number;
  amountFen: number;
  /** Only the tiers the consumption reached, lowest first; empty for no consumption. */
  lines: TierLine[];
}

/** Tier problems the contract (TierTable) also refuses; re-checked because money depends on them. */
export function tierTableProblem(tiers: readonly Tier[]): string | null {
  if (tiers.length === 0) return 'no tiers';
  for (let i = 0; i < tiers.length; i++) {
    const t = tiers[i]!;
    const last = i === tiers.length - 1;
    if (last !== (t.upToMilli === null)) return last ? 'the last tier must be open-ended' : 'only the last tier may be open-ended';
    const prev = i > 0 ? tiers[i - 1]!.upToMilli! : 0;
    if (t.upToMilli !== null && t.upToMilli <= prev) return 'tier bounds must increase';
  }
  return null;
}

/**
 * The charge for `quantityMilli` consumed after `priorMilli` already counted in the same basis
 * (this calendar year, or 0 per bill), split by tier.
 * Tiers 0–100 / 100–200 / 200+ at 3.00 / 4.50 / 6.00 元, 95 used, 12 more → 5 × 3.00 + 7 × 4.50 = 46.50.
 */
export function tieredCharge(input: { tiers: readonly Tier[]; priorMilli: number; quantityMilli: number; rounding: Rounding }): TieredCharge {
  const problem = tierTableProblem(input.tiers);
  if (problem) throw new RangeError(`invalid tier table: ${problem}`);
  assertInteger('priorMilli', input.priorMilli, 0);
  assertInteger('quantityMilli', input.quantityMilli, 0);
  const start = input.priorMilli;
  const end = start + input.quantityMilli;
  const lines: TierLine[] = [];
  let lower = 0;
  input.tiers.forEach((t, i) => {
    const upper = t.upToMilli ?? Number.POSITIVE_INFINITY;
    const from = Math.max(start, lower);
    const to = Math.min(end, upper);
    if (to > from) {
      const quantityMilli = to - from;
      const amountFen = roundFen(BigInt(quantityMilli) * BigInt(t.priceCentiFen), QUANTITY_PRICE_SCALE, input.rounding);
      lines.push({ tier: i + 1, fromMilli: from, toMilli: to, quantityMilli, priceCentiFen: t.priceCentiFen, amountFen });
    }
    lower = upper;
  });
  return { quantityMilli: input.quantityMilli, amountFen: lines.reduce((s, l) => s + l.amountFen, 0), lines };
}

/**
 * What counts before this consumption: for `calendar_year`, the unit's consumption in earlier
 * periods of the same calendar year as `consumptionPeriod` (January starts again from zero);
 * for `per_bill`, nothing. `consumptionPeriod` is the month the water was used (the reading's
 * period), not the month it is billed in: a January run in arrears for December counts December's
 * year.
 */
export function priorConsumption(
  history: readonly { period: string; quantityMilli: number }[],
  consumptionPeriod: string,
  basis: TierBasis,
): number {
  if (basis === 'per_bill') return 0;
  const { year } = parsePeriod(consumptionPeriod);
  let total = 0;
  for (const h of history) {
    if (parsePeriod(h.period).year === year && h.period < consumptionPeriod) {
      assertInteger('quantityMilli', h.quantityMilli, 0);
      total += h.quantityMilli;
    }
  }
  return total;
}
