import { describe, expect, it } from 'vitest';
import { agingBucket, daysPastDue, sumArrears, totalArrears, type AgedLine } from './arrears.policy.js';

describe('aging buckets', () => {
  it('is not in arrears on or before the due date', () => {
    expect(agingBucket('2026-03-15', '2026-03-15')).toBeNull();
    expect(agingBucket('2026-03-15', '2026-03-01')).toBeNull();
  });

  it('puts exactly 30 days in the first bucket and 31 in the second', () => {
    expect(daysPastDue('2026-03-01', '2026-03-31')).toBe(30);
    expect(agingBucket('2026-03-01', '2026-03-02')).toBe('d0_30');
    expect(agingBucket('2026-03-01', '2026-03-31')).toBe('d0_30');
    expect(agingBucket('2026-03-01', '2026-04-01')).toBe('d31_90');
  });

  it('has edges at 90/91, 180/181 and 365/366 days', () => {
    expect(agingBucket('2026-01-01', '2026-04-01')).toBe('d31_90'); // 90 days
    expect(agingBucket('2026-01-01', '2026-04-02')).toBe('d91_180'); // 91
    expect(agingBucket('2026-01-01', '2026-06-30')).toBe('d91_180'); // 180
    expect(agingBucket('2026-01-01', '2026-07-01')).toBe('d181_365'); // 181
    expect(agingBucket('2026-01-01', '2027-01-01')).toBe('d181_365'); // 365
    expect(agingBucket('2026-01-01', '2027-01-02')).toBe('over_365'); // 366
  });

  it('counts across a year boundary and a leap day', () => {
    expect(daysPastDue('2025-12-15', '2026-01-14')).toBe(30);
    expect(agingBucket('2025-12-15', '2026-01-14')).toBe('d0_30');
    expect(agingBucket('2025-12-15', '2026-01-15')).toBe('d31_90');
    // 2028 is a leap year: 2028-01-01 → 2028-12-31 is 365 days, → 2029-01-01 is 366.
    expect(agingBucket('2028-01-01', '2028-12-31')).toBe('d181_365');
    expect(agingBucket('2028-01-01', '2029-01-01')).toBe('over_365');
  });
});


describe('sums per unit and building', () => {
  const line = (unitId: string, buildingId: string, dueDate: string, days: number, aging: AgedLine['aging'], outstandingFen: number, lateFeeFen = 0): AgedLine =>
    ({ unitId, buildingId, dueDate, daysPastDue: days, aging, outstandingFen, lateFeeFen });
  const lines = [
    line('u1', 'b1', '2026-09-15', 75, 'd31_90', 10_000, 100),
    line('u1', 'b1', '2026-10-15', 45, 'd31_90', 10_000, 50),
    line('u2', 'b1', '2026-11-15', 14, 'd0_30', 3_000),
    line('u3', 'b2', '2025-10-15', 410, 'over_365', 7_000, 900),
  ];

  it('sums a unit with its oldest due date and its aging', () => {
    const u1 = sumArrears(lines, 'unit').find((s) => s.key === 'u1')!;
    expect(u1).toMatchObject({ lineCount: 2, oldestDueDate: '2026-09-15', maxDaysPastDue: 75, outstandingFen: 20_000, lateFeeFen: 150 });
    expect(u1.aging.d31_90).toBe(20_000);
  });

  it('sums a building over its units', () => {
    const b1 = sumArrears(lines, 'building').find((s) => s.key === 'b1')!;
    expect(b1.unitIds.size).toBe(2);
    expect(b1.outstandingFen).toBe(23_000);
    expect(b1.aging).toEqual({ d0_30: 3_000, d31_90: 20_000, d91_180: 0, d181_365: 0, over_365: 0 });
  });

  it('totals every line', () => {
    expect(totalArrears(lines)).toEqual({
      unitCount: 3, lineCount: 4, outstandingFen: 30_000, lateFeeFen: 1_050, totalFen: 31_050,
      aging: { d0_30: 3_000, d31_90: 20_000, d91_180: 0, d181_365: 0, over_365: 7_000 },
    });
  });
});
