import { describe, expect, it } from 'vitest';
import { TierTable, type Tier } from '@propdesk/contracts';
import { capitalAmount } from './billing.capital.js';
import { priorConsumption, tieredCharge, tierTableProblem } from './billing.tiers.js';

// The water tariff: 0–100 m³ at 3.00, 100–200 at 4.50, above 200 at 6.00 元/m³.
const water: Tier[] = [
  { upToMilli: 100_000, priceCentiFen: 30_000 },
  { upToMilli: 200_000, priceCentiFen: 45_000 },
  { upToMilli: null, priceCentiFen: 60_000 },
];
const m3 = (n: number) => n * 1000;

describe('tiered charge', () => {
  it('the issue example: 95 m³ used this year, 12 m³ more → 5 × 3.00 + 7 × 4.50 = 46.50', () => {
    const c = tieredCharge({ tiers: water, priorMilli: m3(95), quantityMilli: m3(12), rounding: 'fen' });
    expect(c.amountFen).toBe(4650);
    expect(c.quantityMilli).toBe(12_000);
    expect(c.lines).toEqual([
      { tier: 1, fromMilli: 95_000, toMilli: 100_000, quantityMilli: 5_000, priceCentiFen: 30_000, amountFen: 1500 },
      { tier: 2, fromMilli: 100_000, toMilli: 107_000, quantityMilli: 7_000, priceCentiFen: 45_000, amountFen: 3150 },
    ]);
    expect(capitalAmount(c.amountFen)).toBe('肆拾陆元伍角整');
  });

  it('crosses two tier bounds in one bill', () => {
    const c = tieredCharge({ tiers: water, priorMilli: m3(95), quantityMilli: m3(110), rounding: 'fen' });
    expect(c.lines.map((l) => [l.tier, l.quantityMilli, l.amountFen])).toEqual([
      [1, 5_000, 1500],
      [2, 100_000, 45_000],
      [3, 5_000, 3000],
    ]);
    expect(c.amountFen).toBe(49_500);
  });

  it('stays in one tier, and treats a bound as the end of the lower tier', () => {
    expect(tieredCharge({ tiers: water, priorMilli: 0, quantityMilli: m3(100), rounding: 'fen' }).lines).toEqual([
      { tier: 1, fromMilli: 0, toMilli: 100_000, quantityMilli: 100_000, priceCentiFen: 30_000, amountFen: 30_000 },
    ]);
    const next = tieredCharge({ tiers: water, priorMilli: m3(100), quantityMilli: m3(1), rounding: 'fen' });
    expect(next.lines.map((l) => l.tier)).toEqual([2]);
    expect(next.amountFen).toBe(450);
    const top = tieredCharge({ tiers: water, priorMilli: m3(500), quantityMilli: m3(10), rounding: 'fen' });
    expect(top.lines.map((l) => [l.tier, l.amountFen])).toEqual([[3, 6000]]);
  });

  it('prices fractional quantities (0.001 m³) and rounds each tier line', () => {
    // 5.000 × 3.00 = 15.00; 7.345 × 4.50 = 33.0525 → 33.05
    const fen = tieredCharge({ tiers: water, priorMilli: m3(95), quantityMilli: 12_345, rounding: 'fen' });
    expect(fen.lines.map((l) => l.amountFen)).toEqual([1500, 3305]);
    expect(fen.amountFen).toBe(4805);
    const jiao = tieredCharge({ tiers: water, priorMilli: m3(95), quantityMilli: 12_345, rounding: 'jiao' });
    expect(jiao.lines.map((l) => l.amountFen)).toEqual([1500, 3310]);
    const yuan = tieredCharge({ tiers: water, priorMilli: m3(95), quantityMilli: m3(12), rounding: 'yuan' });
    expect(yuan.lines.map((l) => l.amountFen)).toEqual([1500, 3200]); // 31.50 → 32
    expect(yuan.amountFen).toBe(4700);
  });

  it('adds the rounded tier lines, so the bill line is the sum of what is printed', () => {
    // 0.001 m³ in each of tiers 1 and 2: 0.3 分 and 0.45 分 round to 0 each (0.75 unrounded)
    const c = tieredCharge({ tiers: water, priorMilli: 99_999, quantityMilli: 2, rounding: 'fen' });
    expect(c.lines.map((l) => [l.quantityMilli, l.amountFen])).toEqual([[1, 0], [1, 0]]);
    expect(c.amountFen).toBe(0);
    // 0.001 m³ at 5.00 元 is exactly 0.5 分, which rounds up
    expect(tieredCharge({ tiers: [{ upToMilli: null, priceCentiFen: 50_000 }], priorMilli: 0, quantityMilli: 1, rounding: 'fen' }).amountFen).toBe(1);
  });

  it('charges nothing for no consumption', () => {
    expect(tieredCharge({ tiers: water, priorMilli: m3(95), quantityMilli: 0, rounding: 'fen' })).toEqual({ quantityMilli: 0, amountFen: 0, lines: [] });
  });

  it('works with any number of tiers, and one tier is a flat price', () => {
    const five: Tier[] = [
      { upToMilli: 10_000, priceCentiFen: 10_000 },
      { upToMilli: 20_000, priceCentiFen: 20_000 },
      { upToMilli: 30_000, priceCentiFen: 30_000 },
      { upToMilli: 40_000, priceCentiFen: 40_000 },
      { upToMilli: null, priceCentiFen: 50_000 },
    ];
    const c = tieredCharge({ tiers: five, priorMilli: 5_000, quantityMilli: 40_000, rounding: 'fen' });
    expect(c.lines.map((l) => [l.tier, l.quantityMilli])).toEqual([[1, 5_000], [2, 10_000], [3, 10_000], [4, 10_000], [5, 5_000]]);
    expect(c.amountFen).toBe(500 + 2000 + 3000 + 4000 + 2500);
    // electricity at 0.4883 元/kWh, 123.4 kWh → 60.25622 元
    const flat = tieredCharge({ tiers: [{ upToMilli: null, priceCentiFen: 4883 }], priorMilli: 999_000, quantityMilli: 123_400, rounding: 'fen' });
    expect(flat.amountFen).toBe(6026);
    expect(flat.lines).toHaveLength(1);
  });

  it('refuses a broken tier table, as the contract does', () => {
    const broken: Tier[][] = [
      [],
      [{ upToMilli: 100_000, priceCentiFen: 30_000 }],
      [{ upToMilli: null, priceCentiFen: 30_000 }, { upToMilli: null, priceCentiFen: 45_000 }],
      [{ upToMilli: 100_000, priceCentiFen: 30_000 }, { upToMilli: 100_000, priceCentiFen: 45_000 }, { upToMilli: null, priceCentiFen: 1 }],
      [{ upToMilli: 200_000, priceCentiFen: 30_000 }, { upToMilli: 100_000, priceCentiFen: 45_000 }, { upToMilli: null, priceCentiFen: 1 }],
    ];
    for (const tiers of broken) {
      expect(tierTableProblem(tiers)).not.toBeNull();
      expect(TierTable.safeParse(tiers).success).toBe(false);
      expect(() => tieredCharge({ tiers, priorMilli: 0, quantityMilli: 1, rounding: 'fen' })).toThrow(RangeError);
    }
    expect(tierTableProblem(water)).toBeNull();
    expect(TierTable.safeParse(water).success).toBe(true);
    expect(TierTable.safeParse([{ upToMilli: 1.5, priceCentiFen: 1 }, { upToMilli: null, priceCentiFen: 1 }]).success).toBe(false);
  });
});

describe('consumption counted before this bill', () => {
  const history = [
    { period: '2026-01', quantityMilli: m3(30) },
    { period: '2026-06', quantityMilli: m3(40) },
    { period: '2026-11', quantityMilli: m3(25) },
    { period: '2026-12', quantityMilli: m3(15) },
    { period: '2027-01', quantityMilli: m3(12) },
  ];

  it('sums the earlier periods of the same calendar year', () => {
    expect(priorConsumption(history, '2026-12', 'calendar_year')).toBe(m3(95));
    expect(priorConsumption(history, '2026-06', 'calendar_year')).toBe(m3(30));
    expect(priorConsumption(history, '2027-02', 'calendar_year')).toBe(m3(12));
  });

  it('starts again from zero in January', () => {
    expect(priorConsumption(history, '2027-01', 'calendar_year')).toBe(0);
    // 12 m³ in January 2027 after 110 m³ in 2026 is priced in tier 1 again
    const jan = tieredCharge({ tiers: water, priorMilli: priorConsumption(history, '2027-01', 'calendar_year'), quantityMilli: m3(12), rounding: 'fen' });
    expect(jan.lines.map((l) => l.tier)).toEqual([1]);
    expect(jan.amountFen).toBe(3600);
    // while the same 12 m³ in December 2026 (95 before it) crosses into tier 2
    const dec = tieredCharge({ tiers: water, priorMilli: priorConsumption(history, '2026-12', 'calendar_year'), quantityMilli: m3(12), rounding: 'fen' });
    expect(dec.amountFen).toBe(4650);
  });

  it('counts nothing before a per-bill tier', () => {
    expect(priorConsumption(history, '2026-12', 'per_bill')).toBe(0);
  });
});
