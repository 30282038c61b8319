import { describe, expect, it } from 'vitest';
import { areaCharge, fixedCharge, prepayDiscount, prepayDiscountApplies } from './billing.fee.js';

// 89.25 m² at 物业管理费 2.35 元/m²/月
const flat = { areaCentiM2: 8925, rateCentiFen: 23500 };

describe('area-based charge: gross area × rate × months', () => {
  it('89.25 m² × 2.35 元 × 1 month = 209.7375 元, rounded per the item', () => {
    expect(areaCharge({ ...flat, months: 1, rounding: 'fen' })).toBe(20974);
    expect(areaCharge({ ...flat, months: 1, rounding: 'jiao' })).toBe(20970);
    expect(areaCharge({ ...flat, months: 1, rounding: 'yuan' })).toBe(21000);
  });

  it('rounds a multi-month line once, not month by month', () => {
    // 3 × 209.7375 = 629.2125 元 → 629.21, where three rounded months would make 629.22
    expect(areaCharge({ ...flat, months: 3, rounding: 'fen' })).toBe(62921);
    expect(areaCharge({ ...flat, months: 3, rounding: 'jiao' })).toBe(62920);
    expect(areaCharge({ ...flat, months: 12, rounding: 'fen' })).toBe(251685); // 2516.85 元 exactly
    expect(areaCharge({ ...flat, months: 6, rounding: 'yuan' })).toBe(125800); // 1258.425 元
  });

  it('takes exact halves up at every rounding unit', () => {
    // 1 m² × 2.355 元 = 235.5 分
    expect(areaCharge({ areaCentiM2: 100, rateCentiFen: 23550, months: 1, rounding: 'fen' })).toBe(236);
    // 1 m² × 2.35 元 = 23.5 角
    expect(areaCharge({ areaCentiM2: 100, rateCentiFen: 23500, months: 1, rounding: 'jiao' })).toBe(240);
    // 1 m² × 2.50 元 = 2.5 元; 2.49 元 stays 2
    expect(areaCharge({ areaCentiM2: 100, rateCentiFen: 25000, months: 1, rounding: 'yuan' })).toBe(300);
    expect(areaCharge({ areaCentiM2: 100, rateCentiFen: 24900, months: 1, rounding: 'yuan' })).toBe(200);
    // 0.01 m² × 0.5 元 = 0.5 分
    expect(areaCharge({ areaCentiM2: 1, rateCentiFen: 5000, months: 1, rounding: 'fen' })).toBe(1);
    expect(areaCharge({ areaCentiM2: 1, rateCentiFen: 4999, months: 1, rounding: 'fen' })).toBe(0);
  });

  it('stays exact where area × rate × months passes 2^53', () => {
    // 999 999.99 m² × 999.999 9 元 × 12 = 11 999 998 680.000 001 2 元
    expect(areaCharge({ areaCentiM2: 99_999_999, rateCentiFen: 9_999_999, months: 12, rounding: 'fen' })).toBe(1_199_999_868_000);
    // 999 999.99 m² × 999.875 元 × 12 = 11 998 498 800.150 15 元 … an exact half fen: ….5 → up
    expect(areaCharge({ areaCentiM2: 99_999_999, rateCentiFen: 9_998_750, months: 12, rounding: 'fen' })).toBe(1_199_849_988_002);
  });

  it('charges nothing for no months or no rate, and refuses floats', () => {
    expect(areaCharge({ ...flat, months: 0, rounding: 'fen' })).toBe(0);
    expect(areaCharge({ ...flat, rateCentiFen: 0, months: 1, rounding: 'yuan' })).toBe(0);
    expect(() => areaCharge({ areaCentiM2: 89.25, rateCentiFen: 23500, months: 1, rounding: 'fen' })).toThrow(RangeError);
    expect(() => areaCharge({ areaCentiM2: 8925, rateCentiFen: 2.35, months: 1, rounding: 'fen' })).toThrow(RangeError);
    expect(() => areaCharge({ ...flat, months: -1, rounding: 'fen' })).toThrow(RangeError);
  });
});

describe('fixed charge per unit × months', () => {
  it('multiplies the monthly amount by the months the line covers', () => {
    expect(fixedCharge({ amountFen: 1500, months: 1, rounding: 'fen' })).toBe(1500);
    expect(fixedCharge({ amountFen: 1500, months: 3, rounding: 'yuan' })).toBe(4500);
    expect(fixedCharge({ amountFen: 1500, months: 12, rounding: 'fen' })).toBe(18000);
  });

  it('rounds an amount finer than the item unit half up', () => {
    expect(fixedCharge({ amountFen: 1525, months: 1, rounding: 'jiao' })).toBe(1530);
    expect(fixedCharge({ amountFen: 1524, months: 1, rounding: 'jiao' })).toBe(1520);
    expect(fixedCharge({ amountFen: 1550, months: 1, rounding: 'yuan' })).toBe(1600);
    expect(fixedCharge({ amountFen: 1525, months: 2, rounding: 'yuan' })).toBe(3100); // 30.50 → 31
  });
});

describe('prepay discount', () => {
  it('takes the basis points off, the discount rounded half up to the item unit', () => {
    expect(prepayDiscount(251685, 500, 'fen')).toEqual({ discountFen: 12584, netFen: 239101 }); // 125.8425
    expect(prepayDiscount(251000, 500, 'yuan')).toEqual({ discountFen: 12600, netFen: 238400 }); // 125.50 → 126
    expect(prepayDiscount(251000, 500, 'jiao')).toEqual({ discountFen: 12550, netFen: 238450 });
    expect(prepayDiscount(10, 500, 'fen')).toEqual({ discountFen: 1, netFen: 9 }); // 0.5 分 → 1
  });

  it('never discounts more than the amount and nothing at 0 bp', () => {
    expect(prepayDiscount(60, 10_000, 'yuan')).toEqual({ discountFen: 60, netFen: 0 });
    expect(prepayDiscount(251685, 0, 'fen')).toEqual({ discountFen: 0, netFen: 251685 });
    expect(() => prepayDiscount(100, 10_001, 'fen')).toThrow(RangeError);
  });

  it('applies from the minimum months paid ahead', () => {
    expect(prepayDiscountApplies(12, 12)).toBe(true);
    expect(prepayDiscountApplies(24, 12)).toBe(true);
    expect(prepayDiscountApplies(11, 12)).toBe(false);
  });
});
