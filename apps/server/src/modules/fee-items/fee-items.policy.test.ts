import { describe, expect, it } from 'vitest';
import { feeItemTermsProblem } from './fee-items.policy.js';

describe('fee item terms', () => {
  const water = { kind: 'metered' as const, tierBasis: 'calendar_year' as const, tiers: [{ upToMilli: null, priceCentiFen: 30000 }] };
  it('a metered item needs a meter kind and a monthly cycle', () => {
    expect(feeItemTermsProblem({ pricing: water, meterKind: null, cycle: 'monthly' })?.path).toBe('body.meterKind');
    expect(feeItemTermsProblem({ pricing: water, meterKind: 'water', cycle: 'quarterly' })?.path).toBe('body.cycle');
    expect(feeItemTermsProblem({ pricing: water, meterKind: 'water', cycle: 'monthly' })).toBeNull();
  });
  it('an area item has no meter kind', () => {
    expect(feeItemTermsProblem({ pricing: { kind: 'area', rateCentiFen: 23500 }, meterKind: 'water', cycle: 'monthly' })?.path).toBe('body.meterKind');
    expect(feeItemTermsProblem({ pricing: { kind: 'area', rateCentiFen: 23500 }, meterKind: null, cycle: 'quarterly' })).toBeNull();
  });
});
