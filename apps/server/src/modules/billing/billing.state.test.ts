import { describe, expect, it } from 'vitest';
import { billStatus, lineStatus, owedFen } from './billing.state.js';

describe('bill line and bill states', () => {
  it('a line owes its amount less what was paid and credited, never below zero', () => {
    expect(owedFen({ amountFen: 4650, paidFen: 1000, creditedFen: 650 })).toBe(3000);
    expect(owedFen({ amountFen: 4650, paidFen: 4650, creditedFen: 100 })).toBe(0);
  });

  it('a line is unpaid, partially paid or paid by its money', () => {
    expect(lineStatus({ amountFen: 4650, paidFen: 0, creditedFen: 0 })).toBe('unpaid');
    expect(lineStatus({ amountFen: 4650, paidFen: 1, creditedFen: 0 })).toBe('partially_paid');
    expect(lineStatus({ amountFen: 4650, paidFen: 4650, creditedFen: 0 })).toBe('paid');
    // A full reduction settles a line nobody paid.
    expect(lineStatus({ amountFen: 4650, paidFen: 0, creditedFen: 4650 })).toBe('paid');
    // A partial reduction alone does not make it "partially paid".
    expect(lineStatus({ amountFen: 4650, paidFen: 0, creditedFen: 650 })).toBe('unpaid');
  });

  it('a bill follows its lines and is void with none left', () => {
    const paid = { amountFen: 100, paidFen: 100, creditedFen: 0 };
    const open = { amountFen: 100, paidFen: 0, creditedFen: 0 };
    expect(billStatus([paid, paid])).toBe('paid');
    expect(billStatus([open, open])).toBe('unpaid');
    expect(billStatus([paid, open])).toBe('partially_paid');
    expect(billStatus([])).toBe('void');
  });
});
