import { describe, expect, it } from 'vitest';
import { collectionRateBp, collectionReport, recoveredByMonth } from './collection.policy.js';

describe('collection rate (收缴率)', () => {
  it('is collected of billed in basis points, half up', () => {
    expect(collectionRateBp(9_500, 10_000)).toBe(9_500);
    expect(collectionRateBp(2, 3)).toBe(6_667); // 66.666…% → 66.67%
    expect(collectionRateBp(1, 3)).toBe(3_333);
    expect(collectionRateBp(10_000, 10_000)).toBe(10_000);
  });

  it('has no rate when nothing was billed', () => {
    expect(collectionRateBp(0, 0)).toBeNull();
    expect(collectionRateBp(500, 0)).toBeNull();
  });
});

describe('recovered arrears by month', () => {
  it('counts payments for earlier periods in the month they were made', () => {
    const months = recoveredByMonth(2026, [
      { businessDate: '2026-03-10', period: '2026-01', amountFen: 1_000 },
      { businessDate: '2026-03-31', period: '2026-02', amountFen: 500 },
      { businessDate: '2026-03-10', period: '2026-03', amountFen: 9_999 }, // the month's own bill
      { businessDate: '2026-03-10', period: '2026-04', amountFen: 9_999 }, // paid ahead
    ]);
    expect(months[2]).toBe(1_500);
    expect(months.reduce((s, x) => s + x, 0)).toBe(1_500);
  });

  it('crosses the year boundary: January recovers December, December of last year is not this year', () => {
    const months = recoveredByMonth(2026, [
      { businessDate: '2026-01-05', period: '2025-12', amountFen: 700 },
      { businessDate: '2025-12-20', period: '2025-11', amountFen: 300 },
      { businessDate: '2026-12-31', period: '2026-11', amountFen: 200 },
    ]);
    expect(months[0]).toBe(700);
    expect(months[11]).toBe(200);
    expect(months.reduce((s, x) => s + x, 0)).toBe(900);
  });

  it('nets a reversal made in the month', () => {
    const months = recoveredByMonth(2026, [
      { businessDate: '2026-05-02', period: '2026-03', amountFen: 1_000 },
      { businessDate: '2026-05-03', period: '2026-03', amountFen: -1_000 },
    ]);
    expect(months[4]).toBe(0);
  });
});

describe('the report by month', () => {
  const targets = new Map([[0, 9_000], [1, 9_500], [2, 9_500]]);
  const report = collectionReport(
    2026,
    [
      { period: '2026-01', billedFen: 10_000, collectedFen: 9_600 },
      { period: '2026-02', billedFen: 10_000, collectedFen: 9_000 },
      { period: '2025-12', billedFen: 99_999, collectedFen: 0 }, // another year: ignored
    ],
    [0, 400, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    targets,
  );

  it('gives twelve months with rate, target and met', () => {
    expect(report.months).toHaveLength(12);
    expect(report.months[0]).toEqual({ month: 1, billedFen: 10_000, collectedFen: 9_600, recoveredFen: 0, rateBp: 9_600, targetBp: 9_500, met: true });
    expect(report.months[1]).toEqual({ month: 2, billedFen: 10_000, collectedFen: 9_000, recoveredFen: 400, rateBp: 9_000, targetBp: 9_500, met: false });
  });

  it('leaves a month without bills with no rate and met unknown', () => {
    expect(report.months[2]).toEqual({ month: 3, billedFen: 0, collectedFen: 0, recoveredFen: 0, rateBp: null, targetBp: null, met: null });
  });

  it('totals the year over the sums against the year target', () => {
    expect(report.totals).toEqual({ month: 0, billedFen: 20_000, collectedFen: 18_600, recoveredFen: 400, rateBp: 9_300, targetBp: 9_000, met: true });
  });

  it('meets a target exactly equal to the rate', () => {
    const r = collectionReport(2026, [{ period: '2026-06', billedFen: 100, collectedFen: 95 }], new Array(12).fill(0), new Map([[6, 9_500]]));
    expect(r.months[5]!.met).toBe(true);
  });
});
