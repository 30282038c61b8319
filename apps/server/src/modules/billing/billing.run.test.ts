import { describe, expect, it } from 'vitest';
import { planRun, periodKey, readingKey, type PlanFeeItem, type PlanInput } from './billing.run.js';

const property: PlanFeeItem = { id: 'fee-prop', name: '物业管理费', kind: 'area', unitKinds: ['residence'], cycle: 'quarterly', billingMode: 'in_advance', dueDay: 15, rounding: 'fen', pricing: { kind: 'area', rateCentiFen: 23500 }, meterKind: null };
const water: PlanFeeItem = {
  id: 'fee-water', name: '水费', kind: 'metered', unitKinds: ['residence'], cycle: 'monthly', billingMode: 'in_advance', dueDay: 20, rounding: 'fen', meterKind: 'water',
  pricing: { kind: 'metered', tierBasis: 'calendar_year', tiers: [{ upToMilli: 100_000, priceCentiFen: 30000 }, { upToMilli: 200_000, priceCentiFen: 45000 }, { upToMilli: null, priceCentiFen: 60000 }] },
};
const unit = { id: 'u1', buildingId: 'b1', buildingName: '1栋', number: '101', kind: 'residence', grossArea: 8925 };
const base: PlanInput = { period: '2026-10', items: [property, water], units: [unit, { ...unit, id: 'shop', number: 'S1', kind: 'shop' }], meters: [{ id: 'm1', unitId: 'u1', kind: 'water', number: 'W1' }], readings: [], existing: new Map(), prepaid: [] };
const reading = (id: string, period: string, consumptionMilli: number, status = 'accepted') => ({ id, meterId: 'm1', period, previousMilli: 1, consumptionMilli, status });

describe('the plan of a billing run', () => {
  it('bills a quarterly item once a quarter, for the three months, rounded once', () => {
    const plan = planRun(base);
    expect(plan.lines.filter((l) => l.feeItemId === 'fee-prop')).toEqual([
      expect.objectContaining({ unitId: 'u1', coverFrom: '2026-10', coverTo: '2026-12', amountFen: 62921, billingKey: periodKey('fee-prop', '2026-10'), dueDate: '2026-10-15' }),
    ]);
    expect(planRun({ ...base, period: '2026-11' }).lines.filter((l) => l.feeItemId === 'fee-prop')).toEqual([]);
  });

  it('skips what is billed already and reports units without a reading', () => {
    const plan = planRun({ ...base, existing: new Map([[`u1|${periodKey('fee-prop', '2026-10')}`, 62921]]) });
    expect(plan).toMatchObject({ alreadyBilled: 1, alreadyBilledFen: 62921, lines: [], withoutReading: [{ unitId: 'u1', meterNumber: 'W1' }] });
  });

  it('a metered line counts the year so far for the tiers; a held reading waits', () => {
    const readings = [reading('r8', '2026-08', 60_000), reading('r9', '2026-09', 35_000), reading('r10', '2026-10', 12_000)];
    const plan = planRun({ ...base, items: [water], readings });
    // The item's first run: only October is billed; August and September count for the tiers.
    expect(plan.lines).toHaveLength(1);
    expect(plan.lines[0]).toMatchObject({ amountFen: 4650, billingKey: readingKey('fee-water', 'r10') });
    expect(plan.lines[0]!.tiers!.map((t) => [t.tier, t.quantityMilli, t.amountFen])).toEqual([[1, 5_000, 1500], [2, 7_000, 3150]]);
    const held = planRun({ ...base, items: [water], readings: [...readings.slice(0, 2), reading('r10', '2026-10', 90_000, 'held')] });
    expect(held).toMatchObject({ lines: [], held: [{ readingId: 'r10', consumptionMilli: 90_000 }] });
  });

  it('after the first run, a reading left unbilled (approved late) is picked up by the next run', () => {
    const readings = [reading('r9', '2026-09', 10_000), reading('r10', '2026-10', 12_000)];
    const plan = planRun({ ...base, items: [water], readings, firstBilled: new Map([['fee-water', '2026-08']]), existing: new Map([[`u1|${readingKey('fee-water', 'r10')}`, 3600]]) });
    expect(plan.lines.map((l) => l.billingKey)).toEqual([readingKey('fee-water', 'r9')]);
  });

  it("prepaid balances pay the new lines: the item's own first, then the unit's general one", () => {
    const plan = planRun({
      ...base, items: [property],
      prepaid: [{ id: 'general', unitId: 'u1', accountKey: '*', balanceFen: 100_000, version: 1 }, { id: 'own', unitId: 'u1', accountKey: 'fee-prop', balanceFen: 20_000, version: 1 }],
    });
    expect(plan.prepaid).toEqual([{ accountId: 'own', lineIndex: 0, amountFen: 20_000 }, { accountId: 'general', lineIndex: 0, amountFen: 42_921 }]);
    expect(plan.lines[0]).toMatchObject({ paidFen: 62921, status: 'paid' });
    expect(plan.prepaidAppliedFen).toBe(62921);
  });
});
