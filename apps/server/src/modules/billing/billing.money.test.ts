import { describe, expect, it } from 'vitest';
import { assertInteger, divideHalfUp, formatYuan, parseScaled, roundFen, toSafeNumber } from './billing.money.js';

describe('rounding half up (away from zero)', () => {
  it('rounds halves up and everything else to the nearest', () => {
    expect(divideHalfUp(5n, 10n)).toBe(1n);
    expect(divideHalfUp(4n, 10n)).toBe(0n);
    expect(divideHalfUp(15n, 10n)).toBe(2n);
    expect(divideHalfUp(149n, 100n)).toBe(1n);
    expect(divideHalfUp(0n, 7n)).toBe(0n);
  });

  it('mirrors negatives exactly, so a reversal is the negative of the charge', () => {
    expect(divideHalfUp(-5n, 10n)).toBe(-1n);
    expect(divideHalfUp(-4n, 10n)).toBe(0n);
    expect(roundFen(-2097375n, 100n, 'fen')).toBe(-20974);
    expect(roundFen(2097375n, 100n, 'fen')).toBe(20974);
  });

  it('rounds a fraction of a fen to 分, 角 or 元', () => {
    // 20973.75 fen = 209.7375 元
    expect(roundFen(2097375n, 100n, 'fen')).toBe(20974);
    expect(roundFen(2097375n, 100n, 'jiao')).toBe(20970);
    expect(roundFen(2097375n, 100n, 'yuan')).toBe(21000);
    // exactly half a 角 and half a 元 go up
    expect(roundFen(25n, 1n, 'jiao')).toBe(30);
    expect(roundFen(150n, 1n, 'yuan')).toBe(200);
    expect(roundFen(149n, 1n, 'yuan')).toBe(100);
  });

  it('refuses a zero denominator and amounts a number cannot hold', () => {
    expect(() => divideHalfUp(1n, 0n)).toThrow(RangeError);
    expect(() => toSafeNumber(2n ** 53n)).toThrow(RangeError);
    expect(toSafeNumber(2n ** 53n - 1n)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses floats and unsafe integers where integers are required', () => {
    expect(() => assertInteger('x', 1.5)).toThrow(/safe integer/);
    expect(() => assertInteger('x', Number.NaN)).toThrow(RangeError);
    expect(() => assertInteger('x', 2 ** 53)).toThrow(RangeError);
    expect(() => assertInteger('x', -1, 0)).toThrow(/between/);
    expect(() => assertInteger('x', 0, 0)).not.toThrow();
  });
});

describe('writing and reading decimals exactly', () => {
  it('writes fen as yuan with two decimals', () => {
    expect(formatYuan(4650)).toBe('46.50');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(0)).toBe('0.00');
    expect(formatYuan(-4650)).toBe('-46.50');
    expect(formatYuan(-5)).toBe('-0.05');
    expect(formatYuan(12345678912)).toBe('123456789.12');
  });

  it('reads a typed decimal into integer units without float parsing', () => {
    expect(parseScaled('2.35', 4)).toBe(23500); // 元 → centi-fen
    expect(parseScaled('0.4883', 4)).toBe(4883);
    expect(parseScaled('12.345', 3)).toBe(12345); // m³ → 0.001 m³
    expect(parseScaled(' 95 ', 3)).toBe(95000);
    expect(parseScaled('0.1', 2)).toBe(10);
    expect(parseScaled('1.10', 1)).toBe(11); // trailing zeros beyond the unit are fine
    expect(parseScaled('7.', 2)).toBe(700);
    expect(parseScaled('0', 2)).toBe(0);
  });

  it('refuses what the unit cannot hold or is not a plain decimal', () => {
    expect(parseScaled('1.2345', 3)).toBeNull();
    expect(parseScaled('-1', 2)).toBeNull();
    expect(parseScaled('1e3', 2)).toBeNull();
    expect(parseScaled('1,000', 2)).toBeNull();
    expect(parseScaled('', 2)).toBeNull();
    expect(parseScaled('.5', 2)).toBeNull();
    expect(parseScaled('99999999999999999', 2)).toBeNull();
  });
});
