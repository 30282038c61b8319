import { describe, expect, it } from 'vitest';
import { ReceiptNumber } from '@propdesk/contracts';
import { formatReceiptNumber, parseReceiptNumber, receiptCounterKey } from './billing.receipt.js';

describe('receipt numbers', () => {
  it('writes SJ-YYYY-NNNNNN, with more digits past 999999', () => {
    expect(formatReceiptNumber(2026, 123)).toBe('SJ-2026-000123');
    expect(formatReceiptNumber(2026, 1)).toBe('SJ-2026-000001');
    expect(formatReceiptNumber(2026, 999_999)).toBe('SJ-2026-999999');
    expect(formatReceiptNumber(2027, 1_000_000)).toBe('SJ-2027-1000000');
    expect(ReceiptNumber.safeParse(formatReceiptNumber(2026, 123)).success).toBe(true);
  });

  it('refuses a sequence below 1 or a year that is not four digits', () => {
    expect(() => formatReceiptNumber(2026, 0)).toThrow(RangeError);
    expect(() => formatReceiptNumber(2026, 1.5)).toThrow(RangeError);
    expect(() => formatReceiptNumber(26, 1)).toThrow(RangeError);
  });

  it('reads back what it writes, whatever the case or surrounding spaces', () => {
    expect(parseReceiptNumber('SJ-2026-000123')).toEqual({ year: 2026, seq: 123 });
    expect(parseReceiptNumber(' sj-2026-000123 ')).toEqual({ year: 2026, seq: 123 });
    expect(parseReceiptNumber('SJ-2027-1000000')).toEqual({ year: 2027, seq: 1_000_000 });
  });

  it('refuses anything this system would not have issued', () => {
    for (const bad of ['SJ-2026-00012', 'SJ-26-000123', 'SJ-2026-000000', 'SJ-2026-0000123', 'BX-2026-000123', 'SJ2026000123', 'SJ-2026-00012a', '']) {
      expect(parseReceiptNumber(bad)).toBeNull();
    }
  });

  it('numbers each project and year from its own counter', () => {
    expect(receiptCounterKey('proja1234', 2026)).toBe('receipt:proja1234:2026');
    expect(receiptCounterKey('proja1234', 2027)).not.toBe(receiptCounterKey('proja1234', 2026));
  });
});
