import { describe, expect, it } from 'vitest';
import { compareReceipts, maskAccountNumber, parseUnitSearch, paymentOrder, receivesHandOver, summarizeDay } from './payments.policy.js';

const line = (id: string, period: string, owed: number) => ({ billLineId: id, period, dueDate: `${period}-15`, outstandingFen: owed });

describe('paymentOrder', () => {
  it('puts each charge before its unbilled late fee, oldest first', () => {
    const { order } = paymentOrder([line('b', '2026-11', 100), line('a', '2026-10', 100)], new Map([['a', 7]]));
    expect(order).toEqual(['a', 'latefee:a', 'b']);
  });
  it('keeps a choice in its order and brings the late fees of the chosen lines', () => {
    const { order, lines } = paymentOrder([line('a', '2026-10', 100), line('b', '2026-11', 100)], new Map([['a', 7], ['b', 3]]), ['b']);
    expect(order).toEqual(['b', 'latefee:b']);
    expect(lines.find((l) => l.billLineId === 'latefee:b')?.outstandingFen).toBe(3);
  });
});


describe('summarizeDay', () => {
  it('totals by method and kind, keeps the receipt range in number order and lists reversals', () => {
    const p = (receiptNumber: string, method: string, amountFen: number, kind = 'payment') => ({ kind, method, amountFen, changeFen: 0, receiptNumber, reason: null, reversedReceiptNumber: null });
    const s = summarizeDay([p('SJ-2026-000100', 'cash', 5000), p('SJ-2026-000099', 'wechat', 3000), { ...p('SJ-2026-000101', 'cash', -5000, 'reversal'), reason: '收错', reversedReceiptNumber: 'SJ-2026-000100' }]);
    expect(s.byMethod).toEqual([{ method: 'cash', count: 2, totalFen: 0 }, { method: 'wechat', count: 1, totalFen: 3000 }]);
    expect(s).toMatchObject({ count: 3, totalFen: 3000, cashFen: 0, receiptFrom: 'SJ-2026-000099', receiptTo: 'SJ-2026-000101' });
    expect(s.reversals).toEqual([{ receiptNumber: 'SJ-2026-000101', reversedReceiptNumber: 'SJ-2026-000100', amountFen: -5000, reason: '收错' }]);
  });
  it('orders receipts past a million after the six-digit ones', () => {
    expect(compareReceipts('SJ-2026-1000000', 'SJ-2026-999999')).toBeGreaterThan(0);
    expect(compareReceipts('SJ-2025-999999', 'SJ-2026-000001')).toBeLessThan(0);
  });
});

describe('masks and search', () => {
  it('never shows more than the first and last four digits of an account', () => {
    expect(maskAccountNumber('6222021234567890123')).toBe('6222 **** **** 0123');
    expect(maskAccountNumber('12345678')).toBe('****5678');
  });
  it('reads unit numbers, building-number, names and phone tails', () => {
    expect(parseUnitSearch('1栋101')).toEqual({ building: '1', number: '101' });
    expect(parseUnitSearch('2-1203')).toEqual({ building: '2', number: '1203' });
    expect(parseUnitSearch('1203')).toEqual({ number: '1203', phoneTailRev: '3021' });
    expect(parseUnitSearch('张伟')).toEqual({ name: '张伟' });
  });
});

describe('hand-over (交接)', () => {
  it('goes to someone else who takes, approves or reverses money', () => {
    expect(receivesHandOver(['billing.read', 'billing.collect'], 'u2', 'u1')).toBe(true);
    expect(receivesHandOver(['billing.approve'], 'u2', 'u1')).toBe(true);
    expect(receivesHandOver(['billing.reverse'], 'u2', 'u1')).toBe(true);
  });
  it('not to the cashier herself, nor to someone who only reads the books', () => {
    expect(receivesHandOver(['billing.collect'], 'u1', 'u1')).toBe(false);
    expect(receivesHandOver(['billing.read', 'billing.reduce', 'tickets.read'], 'u2', 'u1')).toBe(false);
  });
});
