import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors.js';
import { allocatePayment, oldestFirst, type OutstandingLine } from './billing.allocation.js';

// Given out of order on purpose.
const lines: OutstandingLine[] = [
  { billLineId: 'line0000c', period: '2026-02', dueDate: '2026-02-15', outstandingFen: 3_000 },
  { billLineId: 'line0000b', period: '2026-01', dueDate: '2026-01-15', outstandingFen: 1_500 },
  { billLineId: 'line0000a', period: '2026-01', dueDate: '2026-01-15', outstandingFen: 20_974 },
  { billLineId: 'line0000z', period: '2026-01', dueDate: '2026-01-10', outstandingFen: 4_650 },
  { billLineId: 'line0000p', period: '2025-12', dueDate: '2025-12-15', outstandingFen: 0 },
  { billLineId: 'line0000r', period: '2025-11', dueDate: '2025-11-15', outstandingFen: -500 },
];
const owed = 3_000 + 1_500 + 20_974 + 4_650;

const codeOf = (fn: () => unknown): [number, string] | null => {
  try {
    fn();
    return null;
  } catch (e) {
    if (e instanceof AppError) return [e.status, e.code];
    throw e;
  }
};

describe('oldest first', () => {
  it('orders by period, then due date, then line id', () => {
    expect(oldestFirst(lines).map((l) => l.billLineId)).toEqual(['line0000r', 'line0000p', 'line0000z', 'line0000a', 'line0000b', 'line0000c']);
  });

  it('pays the oldest lines in full and the next one in part, skipping lines owing nothing', () => {
    expect(allocatePayment({ lines, amountFen: 30_000, method: 'wechat' })).toEqual({
      allocations: [
        { billLineId: 'line0000z', amountFen: 4_650 },
        { billLineId: 'line0000a', amountFen: 20_974 },
        { billLineId: 'line0000b', amountFen: 1_500 },
        { billLineId: 'line0000c', amountFen: 2_876 },
      ],
      owedFen: owed,
      changeFen: 0,
      unallocatedFen: 0,
    });
  });

  it('pays part of the oldest line when the amount is small', () => {
    expect(allocatePayment({ lines, amountFen: 1, method: 'cash' }).allocations).toEqual([{ billLineId: 'line0000z', amountFen: 1 }]);
  });

  it('gives cash change for paying more than owed', () => {
    const r = allocatePayment({ lines, amountFen: 40_000, method: 'cash' });
    expect(r.allocations.map((a) => a.amountFen)).toEqual([4_650, 20_974, 1_500, 3_000]);
    expect([r.changeFen, r.unallocatedFen]).toEqual([40_000 - owed, 0]);
  });

  it('leaves an overpayment by any other method unallocated (it can only go to the prepaid balance)', () => {
    for (const method of ['bank_card', 'bank_transfer', 'wechat', 'alipay', 'direct_debit'] as const) {
      const r = allocatePayment({ lines, amountFen: 40_000, method });
      expect([r.changeFen, r.unallocatedFen]).toEqual([0, 40_000 - owed]);
    }
    const kept = allocatePayment({ lines, amountFen: 40_000, method: 'cash', keepExcessAsPrepaid: true });
    expect([kept.changeFen, kept.unallocatedFen]).toEqual([0, 40_000 - owed]);
  });

  it('takes a payment when nothing is owed as all change (cash) or all prepaid', () => {
    expect(allocatePayment({ lines: [], amountFen: 10_000, method: 'cash' })).toEqual({ allocations: [], owedFen: 0, changeFen: 10_000, unallocatedFen: 0 });
    expect(allocatePayment({ lines: [], amountFen: 10_000, method: 'alipay' })).toEqual({ allocations: [], owedFen: 0, changeFen: 0, unallocatedFen: 10_000 });
  });
});

describe('chosen lines', () => {
  it('pays the chosen lines only, in the order given', () => {
    const r = allocatePayment({ lines, amountFen: 4_000, method: 'cash', chosenLineIds: ['line0000c', 'line0000z'] });
    expect(r.allocations).toEqual([
      { billLineId: 'line0000c', amountFen: 3_000 },
      { billLineId: 'line0000z', amountFen: 1_000 },
    ]);
    expect(r.owedFen).toBe(7_650);
    expect(r.changeFen).toBe(0);
  });

  it('gives change against what the chosen lines owe, not the whole account', () => {
    const r = allocatePayment({ lines, amountFen: 5_000, method: 'cash', chosenLineIds: ['line0000b'] });
    expect(r.allocations).toEqual([{ billLineId: 'line0000b', amountFen: 1_500 }]);
    expect(r.changeFen).toBe(3_500);
  });

  it('refuses an empty, repeated or unknown choice, and a line already settled', () => {
    expect(codeOf(() => allocatePayment({ lines, amountFen: 100, method: 'cash', chosenLineIds: [] }))).toEqual([400, 'no_bill_lines_chosen']);
    expect(codeOf(() => allocatePayment({ lines, amountFen: 100, method: 'cash', chosenLineIds: ['line0000a', 'line0000a'] }))).toEqual([400, 'bill_line_chosen_twice']);
    expect(codeOf(() => allocatePayment({ lines, amountFen: 100, method: 'cash', chosenLineIds: ['line0000a', 'elsewhere1'] }))).toEqual([400, 'bill_line_not_outstanding']);
    expect(codeOf(() => allocatePayment({ lines, amountFen: 100, method: 'cash', chosenLineIds: ['line0000p'] }))).toEqual([409, 'bill_line_settled']);
    expect(codeOf(() => allocatePayment({ lines, amountFen: 100, method: 'cash', chosenLineIds: ['line0000r'] }))).toEqual([409, 'bill_line_settled']);
  });
});

describe('amounts', () => {
  it('refuses a payment of zero, below zero or in fractions of a fen', () => {
    for (const amountFen of [0, -100, 10.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(codeOf(() => allocatePayment({ lines, amountFen, method: 'cash' }))).toEqual([400, 'payment_amount_invalid']);
    }
  });

  it('never gives a line more than it owes and accounts for every fen, whatever the amount', () => {
    const outstanding = new Map(lines.map((l) => [l.billLineId, l.outstandingFen]));
    for (let amountFen = 1; amountFen <= owed + 2_000; amountFen += 997) {
      for (const method of ['cash', 'wechat'] as const) {
        const r = allocatePayment({ lines, amountFen, method });
        const allocated = r.allocations.reduce((s, a) => s + a.amountFen, 0);
        expect(allocated + r.changeFen + r.unallocatedFen).toBe(amountFen);
        expect(allocated).toBe(Math.min(amountFen, owed));
        for (const a of r.allocations) {
          expect(a.amountFen).toBeGreaterThan(0);
          expect(a.amountFen).toBeLessThanOrEqual(outstanding.get(a.billLineId)!);
        }
        // only the last line reached may be paid in part
        r.allocations.slice(0, -1).forEach((a) => expect(a.amountFen).toBe(outstanding.get(a.billLineId)));
      }
    }
  });
});
