/**
 * Billing vocabulary: the enums and integer units the money rules work in.
 *
 * Units (every one an integer; floats never carry money):
 * - money: fen (分), named `…Fen`;
 * - gross area: 0.01 m² (`AreaCentiM2` in units.ts: 8925 = 89.25 m²);
 * - meter quantities: 0.001 of the meter's unit (m³ or kWh), named `…Milli` (12345 = 12.345 m³);
 * - rates and prices: centi-fen (0.01 分 = 0.0001 元) per whole unit, named `…CentiFen`:
 *   物业管理费 2.35 元/m²/月 = 23500, water 3.00 元/m³ = 30000, electricity 0.4883 元/kWh = 4883.
 *   (A rate in fen per 0.01 m² would not hold 2.35 元/m²; centi-fen holds the four decimals
 *   price bureaus publish.)
 * - percentages: basis points / ‱ (per ten thousand), named `…Bp`: 5% = 500; 万分之五 per day = 5.
 */
import { z } from 'zod';
import { Id } from './common.js';
import { Fen } from './tickets.js';

// ---------------------------------------------------------------- enums

/** How a fee item's amount is found: rate × gross area, a fixed sum per unit, a meter, or once. */
export const FeeKind = z.enum(['area', 'fixed', 'metered', 'one_off']);
export type FeeKind = z.infer<typeof FeeKind>;

/** Months a bill line covers; cycles are anchored on January (see billing.period.ts). */
export const Cycle = z.enum(['monthly', 'quarterly', 'half_yearly', 'yearly']);
export type Cycle = z.infer<typeof Cycle>;

/** 预收 (the cycle starting with the billing month) or 后收 (the cycle just ended). */
export const BillingMode = z.enum(['in_advance', 'in_arrears']);
export type BillingMode = z.infer<typeof BillingMode>;

/** The unit a line's amount is rounded to, half up: 分, 角 or 元. */
export const Rounding = z.enum(['fen', 'jiao', 'yuan']);
export type Rounding = z.infer<typeof Rounding>;

export const PaymentMethod = z.enum(['cash', 'bank_card', 'bank_transfer', 'wechat', 'alipay', 'direct_debit']);
export type PaymentMethod = z.infer<typeof PaymentMethod>;

/** Tiers count consumption since 1 January (residential water tariffs) or within the one bill. */
export const TierBasis = z.enum(['calendar_year', 'per_bill']);
export type TierBasis = z.infer<typeof TierBasis>;

/** A reading is normal, or marks a meter replacement (换表) or a register rollover (翻转/归零). */
export const MeterReadingKind = z.enum(['normal', 'replacement', 'rollover']);
export type MeterReadingKind = z.infer<typeof MeterReadingKind>;

export const FEE_KIND_LABELS: Record<FeeKind, { zh: string; en: string }> = {
  area: { zh: '按面积', en: 'By area' },
  fixed: { zh: '固定金额', en: 'Fixed per unit' },
  metered: { zh: '按用量', en: 'Metered' },
  one_off: { zh: '一次性', en: 'One-off' },
};
export const CYCLE_LABELS: Record<Cycle, { zh: string; en: string }> = {
  monthly: { zh: '按月', en: 'Monthly' },
  quarterly: { zh: '按季', en: 'Quarterly' },
  half_yearly: { zh: '按半年', en: 'Half-yearly' },
  yearly: { zh: '按年', en: 'Yearly' },
};
export const BILLING_MODE_LABELS: Record<BillingMode, { zh: string; en: string }> = {
  in_advance: { zh: '预收', en: 'In advance' },
  in_arrears: { zh: '后收', en: 'In arrears' },
};
export const ROUNDING_LABELS: Record<Rounding, { zh: string; en: string }> = {
  fen: { zh: '保留到分', en: 'To the fen' },
  jiao: { zh: '保留到角', en: 'To the jiao' },
  yuan: { zh: '保留到元', en: 'To the yuan' },
};
export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, { zh: string; en: string }> = {
  cash: { zh: '现金', en: 'Cash' },
  bank_card: { zh: '银行卡', en: 'Bank card' },
  bank_transfer: { zh: '银行转账', en: 'Bank transfer' },
  wechat: { zh: '微信支付', en: 'WeChat Pay' },
  alipay: { zh: '支付宝', en: 'Alipay' },
  direct_debit: { zh: '托收', en: 'Direct debit' },
};
export const TIER_BASIS_LABELS: Record<TierBasis, { zh: string; en: string }> = {
  calendar_year: { zh: '按年累计', en: 'Cumulative in the calendar year' },
  per_bill: { zh: '按单次账单', en: 'Within the bill' },
};
export const METER_READING_KIND_LABELS: Record<MeterReadingKind, { zh: string; en: string }> = {
  normal: { zh: '正常', en: 'Normal' },
  replacement: { zh: '换表', en: 'Meter replaced' },
  rollover: { zh: '表码翻转', en: 'Register rollover' },
};

// ---------------------------------------------------------------- integer units

/** Billing month, YYYY-MM. */
export const Period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month YYYY-MM');
export type Period = z.infer<typeof Period>;

/** A rate or price in centi-fen (0.0001 元) per whole unit; at most 100 000 元. */
export const RateCentiFen = z.number().int('rates are whole centi-fen (0.0001 元)').min(0).max(1_000_000_000);

/** A meter quantity or reading in 0.001 m³ / 0.001 kWh; at most 10⁹ units. */
export const QuantityMilli = z.number().int('quantities are whole 0.001 units').min(0).max(1_000_000_000_000);

/** Basis points / ‱: 500 = 5%. */
export const BasisPoints = z.number().int('basis points are whole').min(0).max(10_000);

/** Day of the billing month the line falls due; 29–31 mean the month's last day where shorter. */
export const DueDay = z.number().int().min(1).max(31);

/** Whole digits of a meter's register (a 5-digit water meter wraps after 99999 m³). */
export const MeterDigits = z.number().int().min(3).max(10);

// ---------------------------------------------------------------- tiers

/**
 * One step of a tiered (阶梯) price: consumption up to `upToMilli` (cumulative, from the previous
 * tier's bound) costs `priceCentiFen` per unit; the last tier has no bound (`null`).
 */
export const Tier = z.strictObject({
  upToMilli: QuantityMilli.min(1).nullable(),
  priceCentiFen: RateCentiFen,
});
export type Tier = z.infer<typeof Tier>;

/** Any number of tiers, bounds strictly increasing, only the last open-ended. One tier = a flat price. */
export const TierTable = z
  .array(Tier)
  .min(1)
  .max(20)
  .superRefine((tiers, ctx) => {
    tiers.forEach((t, i) => {
      const last = i === tiers.length - 1;
      if (last && t.upToMilli !== null) {
        ctx.addIssue({ code: 'custom', path: [i, 'upToMilli'], message: 'the last tier must be open-ended (upToMilli: null)' });
      }
      if (!last && t.upToMilli === null) {
        ctx.addIssue({ code: 'custom', path: [i, 'upToMilli'], message: 'only the last tier may be open-ended' });
      }
      const prev = i > 0 ? tiers[i - 1]!.upToMilli : 0;
      if (t.upToMilli !== null && prev !== null && t.upToMilli <= prev) {
        ctx.addIssue({ code: 'custom', path: [i, 'upToMilli'], message: 'tier bounds must increase' });
      }
    });
  });
export type TierTable = z.infer<typeof TierTable>;

// ---------------------------------------------------------------- fee item terms

/** What a fee item charges, by kind. Area and fixed amounts are per month; the cycle multiplies. */
export const FeePricing = z.discriminatedUnion('kind', [
  /** Per m² of gross area per month, e.g. 2.35 元/m²/月 = 23500. */
  z.strictObject({ kind: z.literal('area'), rateCentiFen: RateCentiFen }),
  /** Per unit per month, e.g. 垃圾处理费 15 元/户/月 = 1500. */
  z.strictObject({ kind: z.literal('fixed'), amountFen: Fen }),
  /** Per metered unit, tiered (a single open tier is a flat price). */
  z.strictObject({ kind: z.literal('metered'), tiers: TierTable, tierBasis: TierBasis }),
  /** Charged once (装修垃圾清运费, 有偿维修费); the default amount, if any, may be changed per charge. */
  z.strictObject({ kind: z.literal('one_off'), amountFen: Fen.nullable() }),
]);
export type FeePricing = z.infer<typeof FeePricing>;

/** 滞纳金: `dailyRateBp` ‱ of the outstanding amount per day after `graceDays`, capped at the principal. */
export const LateFeeTerms = z.strictObject({
  dailyRateBp: z.number().int().min(1).max(100),
  graceDays: z.number().int().min(0).max(366),
});
export type LateFeeTerms = z.infer<typeof LateFeeTerms>;

/** 预缴优惠: `discountBp` off when paying at least `minMonthsAhead` months ahead (500 = 5% off a year). */
export const PrepayDiscountTerms = z.strictObject({
  discountBp: BasisPoints.min(1),
  minMonthsAhead: z.number().int().min(1).max(60),
});
export type PrepayDiscountTerms = z.infer<typeof PrepayDiscountTerms>;

// ---------------------------------------------------------------- payments and receipts

/** How much of a payment went to a bill line. */
export const PaymentAllocation = z.object({ billLineId: Id, amountFen: Fen });
export type PaymentAllocation = z.infer<typeof PaymentAllocation>;

/** 收据 number: SJ-YYYY-NNNNNN, gap-free per project and year (more digits past 999999). */
export const ReceiptNumber = z.string().regex(/^SJ-\d{4}-\d{6,}$/, 'expected SJ-YYYY-NNNNNN');
