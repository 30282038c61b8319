import { describe, expect, it } from 'vitest';
import { lateFee, unbilledLateFee } from './billing.late-fee.js';

// 100 元 due 15 March 2026 at 万分之五 (5 ‱) a day
const base = { principalFen: 10_000, dueDate: '2026-03-15', dailyRateBp: 5, graceDays: 0 };

describe('late fee days', () => {
  it('nothing on or before the due date; from the next day, asOf included', () => {
    expect(lateFee({ ...base, asOf: '2026-03-10' })).toEqual({ overdueDays: 0, chargedDays: 0, feeFen: 0, capped: false, stretches: [] });
    expect(lateFee({ ...base, asOf: '2026-03-15' }).feeFen).toBe(0);
    expect(lateFee({ ...base, asOf: '2026-03-16' })).toEqual({
      overdueDays: 1,
      chargedDays: 1,
      feeFen: 5,
      capped: false,
      stretches: [{ from: '2026-03-16', to: '2026-03-16', days: 1, balanceFen: 10_000, feeFen: 5 }],
    });
    expect(lateFee({ ...base, asOf: '2026-04-14' })).toMatchObject({ overdueDays: 30, chargedDays: 30, feeFen: 150 });
  });

  it('lets the grace days pass free and charges only the days after them', () => {
    const grace = { ...base, graceDays: 10 };
    expect(lateFee({ ...grace, asOf: '2026-03-25' })).toMatchObject({ overdueDays: 10, chargedDays: 0, feeFen: 0 });
    expect(lateFee({ ...grace, asOf: '2026-03-26' })).toMatchObject({ overdueDays: 11, chargedDays: 1, feeFen: 5 });
    expect(lateFee({ ...grace, asOf: '2026-04-14' })).toMatchObject({ overdueDays: 30, chargedDays: 20, feeFen: 100 });
  });

  it('counts leap days and month ends on the calendar', () => {
    expect(lateFee({ ...base, dueDate: '2028-02-28', asOf: '2028-03-01' }).chargedDays).toBe(2);
    expect(lateFee({ ...base, dueDate: '2026-12-31', asOf: '2027-01-01' }).chargedDays).toBe(1);
  });
});

describe('late fee amount', () => {
  it('rounds half up to the fen', () => {
    // 209.74 元 × 5‱ = 10.487 分 a day
    expect(lateFee({ ...base, principalFen: 20_974, asOf: '2026-03-16' }).feeFen).toBe(10);
    expect(lateFee({ ...base, principalFen: 20_974, asOf: '2026-03-18' }).feeFen).toBe(31); // 31.461
    expect(lateFee({ ...base, principalFen: 1_000, asOf: '2026-03-16' }).feeFen).toBe(1); // 0.5
    expect(lateFee({ ...base, principalFen: 999, asOf: '2026-03-16' }).feeFen).toBe(0); // 0.4995
  });

  it('is capped at the principal', () => {
    // 3 years at 5‱: 1096 days × 5 = 5480 — under the cap
    expect(lateFee({ ...base, asOf: '2029-03-15' })).toMatchObject({ chargedDays: 1096, feeFen: 5480, capped: false });
    // 30‱ a day for 400 days = 120% → capped at 100 元
    expect(lateFee({ ...base, dailyRateBp: 30, asOf: '2027-04-19' })).toMatchObject({ chargedDays: 400, feeFen: 10_000, capped: true });
    // exactly 100%: not cut
    expect(lateFee({ ...base, dailyRateBp: 100, asOf: '2026-06-23' })).toMatchObject({ chargedDays: 100, feeFen: 10_000, capped: false });
  });

  it('runs on what was still outstanding each day, part payments counting on their own day', () => {
    const r = lateFee({ ...base, asOf: '2026-03-25', payments: [{ date: '2026-03-20', amountFen: 6_000 }] });
    expect(r.stretches).toEqual([
      { from: '2026-03-16', to: '2026-03-20', days: 5, balanceFen: 10_000, feeFen: 25 },
      { from: '2026-03-21', to: '2026-03-25', days: 5, balanceFen: 4_000, feeFen: 10 },
    ]);
    expect(r).toMatchObject({ chargedDays: 10, feeFen: 35 });
  });

  it('starts from the balance left by payments before the charged days, and stops once settled', () => {
    expect(lateFee({ ...base, asOf: '2026-03-25', payments: [{ date: '2026-03-15', amountFen: 6_000 }] })).toMatchObject({ chargedDays: 10, feeFen: 20 });
    expect(lateFee({ ...base, graceDays: 5, asOf: '2026-03-25', payments: [{ date: '2026-03-20', amountFen: 6_000 }] })).toMatchObject({ chargedDays: 5, feeFen: 10 });
    const settled = lateFee({ ...base, asOf: '2026-04-30', payments: [{ date: '2026-03-17', amountFen: 10_000 }] });
    expect(settled).toMatchObject({ chargedDays: 2, feeFen: 10 });
    expect(lateFee({ ...base, asOf: '2026-03-25', payments: [{ date: '2026-03-01', amountFen: 10_000 }] })).toMatchObject({ chargedDays: 0, feeFen: 0 });
  });

  it('joins payments of the same day, orders them by date, and ignores a payment on the asOf day', () => {
    const r = lateFee({
      ...base,
      asOf: '2026-03-25',
      payments: [
        { date: '2026-03-22', amountFen: 2_000 },
        { date: '2026-03-18', amountFen: 1_000 },
        { date: '2026-03-18', amountFen: 3_000 },
        { date: '2026-03-25', amountFen: 4_000 },
      ],
    });
    expect(r.stretches.map((s) => [s.from, s.to, s.balanceFen])).toEqual([
      ['2026-03-16', '2026-03-18', 10_000],
      ['2026-03-19', '2026-03-22', 6_000],
      ['2026-03-23', '2026-03-25', 4_000],
    ]);
    expect(r.feeFen).toBe(15 + 12 + 6);
  });

  it('is nothing at a zero rate', () => {
    expect(lateFee({ ...base, dailyRateBp: 0, asOf: '2027-03-15' }).feeFen).toBe(0);
  });
});

describe('unbilledLateFee: the late fee to date at the counter and in the arrears list', () => {
  const charge = { kind: 'charge' as const, amountFen: 23500, creditedFen: 0, dueDate: '2026-10-15', lateFeeDailyBp: 5, lateFeeGraceDays: 10 };

  it('is the fee to date minus what was already billed, never below zero', () => {
    expect(unbilledLateFee(charge, '2026-11-29', [], 0)).toEqual({ feeFen: 411, overdueDays: 45 });
    expect(unbilledLateFee(charge, '2026-11-29', [], 400).feeFen).toBe(11);
    expect(unbilledLateFee(charge, '2026-11-29', [], 500).feeFen).toBe(0);
  });

  it('runs on what a reduction left, lower after a part payment from its day on', () => {
    expect(unbilledLateFee({ ...charge, creditedFen: 3500 }, '2026-11-29', [], 0).feeFen).toBe(350);
    expect(unbilledLateFee(charge, '2026-11-29', [{ date: '2026-10-01', amountFen: 13500 }], 0).feeFen).toBe(175);
    // 5 days on 100.00 (25) then 5 days on 50.00 (12.5 → 13)
    const line = { ...charge, amountFen: 10_000, dueDate: '2026-03-15', lateFeeGraceDays: 0 };
    expect(unbilledLateFee(line, '2026-03-25', [{ date: '2026-03-20', amountFen: 5_000 }], 0).feeFen).toBe(25 + 13);
  });

  it('is nothing for late-fee lines and items without terms', () => {
    expect(unbilledLateFee({ ...charge, kind: 'late_fee' }, '2026-11-29', [], 0).feeFen).toBe(0);
    expect(unbilledLateFee({ ...charge, lateFeeDailyBp: null }, '2026-11-29', [], 0).feeFen).toBe(0);
  });
});
