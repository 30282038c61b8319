/**
 * Integer money arithmetic shared by the billing rules. Amounts are fen; products that could pass
 * 2^53 (area × rate × months) are formed in BigInt and rounded once, explicitly, half up.
 *
 * "Half up" here is half away from zero, so a negative (credit or reversal) amount is exactly the
 * mirror of the positive one: 0.5 分 → 1 分, −0.5 分 → −1 分.
 */
import type { Rounding } from '@propdesk/contracts';

/** Fen in one step of each rounding: 分 1, 角 10, 元 100. */
export const ROUNDING_STEP_FEN: Record<Rounding, number> = { fen: 1, jiao: 10, yuan: 100 };

/** A programming error: a non-integer, unsafe or out-of-range number reached a money rule. */
export function assertInteger(name: string, value: number, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be a safe integer, got ${value}`);
  if (value < min || value > max) throw new RangeError(`${name} must be between ${min} and ${max}, got ${value}`);
}

/** numerator / denominator rounded half away from zero to a whole number (denominator > 0). */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  const q = (2n * n + denominator) / (2n * denominator);
  return negative ? -q : q;
}

/**
 * The fen amount `numerator / denominator` (an exact fraction of a fen) rounded half up to the
 * item's unit: 20973.75 fen → 20974 (分), 20970 (角), 21000 (元).
 */
export function roundFen(numerator: bigint, denominator: bigint, rounding: Rounding): number {
  const step = BigInt(ROUNDING_STEP_FEN[rounding]);
  return toSafeNumber(divideHalfUp(numerator, denominator * step) * step);
}

/** A BigInt result back to a number; refuses what a number could not hold exactly. */
export function toSafeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`amount ${value} is beyond what can be held exactly`);
  }
  return Number(value);
}

/** 4650 → "46.50", −5 → "-0.05": fen written as yuan, exactly, for receipts and exports. */
export function formatYuan(fen: number): string {
  assertInteger('fen', fen);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * A decimal typed by a person or read from a sheet, as an integer in units of 10^-decimals:
 * parseScaled("2.35", 4) → 23500 (centi-fen), parseScaled("12.345", 3) → 12345 (0.001 m³).
 * Exact (no float parsing); more decimals than the unit holds are refused unless they are zeros.
 * Returns null for anything that is not a plain non-negative decimal.
 */
export function parseScaled(text: string, decimals: number): number | null {
  const m = /^(\d+)(?:\.(\d*))?$/.exec(text.trim());
  if (!m) return null;
  const whole = m[1]!;
  const frac = m[2] ?? '';
  if (frac.length > decimals && /[1-9]/.test(frac.slice(decimals))) return null;
  const digits = (whole + frac.padEnd(decimals, '0').slice(0, decimals)).replace(/^0+(?=\d)/, '');
  const value = BigInt(digits);
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(value);
}
