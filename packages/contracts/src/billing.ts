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
import { CalendarDate, Id, Instant, ListQuery, QueryBool } from './common.js';
import { Fen } from './tickets.js';
import { UnitKind } from './units.js';

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

// ================================================================ fee items, meters, readings, runs, bills (API)


/** What a metered item bills from: 水表, 电表, 燃气表. */
export const MeterKind = z.enum(['water', 'electricity', 'gas']);
export type MeterKind = z.infer<typeof MeterKind>;
export const METER_KIND_LABELS: Record<MeterKind, { zh: string; en: string }> = {
  water: { zh: '水表', en: 'Water meter' },
  electricity: { zh: '电表', en: 'Electricity meter' },
  gas: { zh: '燃气表', en: 'Gas meter' },
};

/** A money amount that may be negative (reduction lines are credits). */
export const SignedFen = z.number().int();

export const FeeItem = z.object({
  id: Id,
  projectId: Id,
  name: z.string(),
  kind: FeeKind,
  unitKinds: z.array(UnitKind),
  cycle: Cycle,
  billingMode: BillingMode,
  dueDay: z.number().int(),
  rounding: Rounding,
  pricing: FeePricing,
  meterKind: MeterKind.nullable(),
  lateFee: LateFeeTerms.nullable(),
  prepayDiscount: PrepayDiscountTerms.nullable(),
  active: z.boolean(),
  sort: z.number().int(),
  createdAt: Instant,
  updatedAt: Instant,
  version: z.number().int(),
});
export type FeeItem = z.infer<typeof FeeItem>;

const feeItemTerms = {
  name: z.string().trim().min(1).max(60),
  unitKinds: z.array(UnitKind).min(1).max(6),
  cycle: Cycle,
  billingMode: BillingMode,
  dueDay: DueDay,
  rounding: Rounding,
  pricing: FeePricing,
  /** Required for metered items: which meters they bill. */
  meterKind: MeterKind.nullable().optional(),
  lateFee: LateFeeTerms.nullable().optional(),
  prepayDiscount: PrepayDiscountTerms.nullable().optional(),
  sort: z.number().int().min(0).max(9999).optional(),
};

/** The kind follows the pricing's kind. */
export const CreateFeeItemBody = z.strictObject({ projectId: Id, ...feeItemTerms });
export type CreateFeeItemBody = z.infer<typeof CreateFeeItemBody>;

/** Edit the terms of an item (future runs use them; issued lines keep theirs), or deactivate it. */
export const UpdateFeeItemBody = z.strictObject({
  ...Object.fromEntries(Object.entries(feeItemTerms).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof typeof feeItemTerms]: z.ZodOptional<(typeof feeItemTerms)[K]>;
  },
  active: z.boolean().optional(),
  /** The version read: a change made meanwhile by someone else is a 409. */
  version: z.number().int().min(1),
});
export type UpdateFeeItemBody = z.infer<typeof UpdateFeeItemBody>;

export const FeeItemListQuery = ListQuery.extend({
  projectId: Id.optional(),
  kind: FeeKind.optional(),
  active: QueryBool.optional(),
});
export type FeeItemListQuery = z.infer<typeof FeeItemListQuery>;

// ---------------------------------------------------------------- meters

export const Meter = z.object({
  id: Id,
  projectId: Id,
  unitId: Id.nullable(),
  unitNumber: z.string().nullable(),
  buildingId: Id.nullable(),
  buildingName: z.string().nullable(),
  kind: MeterKind,
  number: z.string(),
  location: z.string().nullable(),
  digits: z.number().int(),
  active: z.boolean(),
  /** The latest reading (any status but rejected), for the entry grid. */
  lastReading: z.object({ period: Period, readingMilli: z.number().int(), status: z.string() }).nullable(),
  /** The reading of the period asked for in the list query (`period`), if entered. */
  periodReading: z.object({ id: Id, readingMilli: z.number().int(), consumptionMilli: z.number().int(), status: z.string() }).nullable(),
  createdAt: Instant,
});
export type Meter = z.infer<typeof Meter>;

/** A unit's meter (unitId) or a shared meter of a public area (no unitId: buildingId and location). */
export const CreateMeterBody = z.strictObject({
  projectId: Id,
  unitId: Id.nullable().optional(),
  buildingId: Id.nullable().optional(),
  kind: MeterKind,
  number: z.string().trim().min(1).max(40),
  location: z.string().trim().max(200).nullable().optional(),
  digits: MeterDigits.default(5),
});
export type CreateMeterBody = z.infer<typeof CreateMeterBody>;

export const MeterListQuery = ListQuery.extend({
  projectId: Id.optional(),
  buildingId: Id.optional(),
  unitId: Id.optional(),
  kind: MeterKind.optional(),
  /** Also answer each meter's reading of this period (for the entry grid). */
  period: Period.optional(),
});
export type MeterListQuery = z.infer<typeof MeterListQuery>;

// ---------------------------------------------------------------- meter readings

export const MeterReadingStatus = z.enum(['accepted', 'held', 'rejected']);
export type MeterReadingStatus = z.infer<typeof MeterReadingStatus>;
export const METER_READING_STATUS_LABELS: Record<MeterReadingStatus, { zh: string; en: string }> = {
  accepted: { zh: '已确认', en: 'Accepted' },
  held: { zh: '待复核', en: 'Held for review' },
  rejected: { zh: '已驳回', en: 'Rejected' },
};

/** One reading as entered (hand, grid, API or a sheet row). */
export const MeterReadingInput = z.strictObject({
  meterId: Id,
  period: Period,
  readingMilli: QuantityMilli,
  readOn: CalendarDate.optional(),
  kind: MeterReadingKind.default('normal'),
  reason: z.string().trim().max(200).nullable().optional(),
  /** For a meter replacement (换表): the old meter's final reading and the new one's start. */
  replacement: z.strictObject({ oldFinalMilli: QuantityMilli, newStartMilli: QuantityMilli }).nullable().optional(),
});
export type MeterReadingInput = z.infer<typeof MeterReadingInput>;

/** POST /api/meter-readings: an array, all or nothing. */
export const CreateMeterReadingsBody = z.array(MeterReadingInput).min(1).max(5000);
export type CreateMeterReadingsBody = z.infer<typeof CreateMeterReadingsBody>;

export const MeterReading = z.object({
  id: Id,
  meterId: Id,
  meterNumber: z.string(),
  meterKind: MeterKind,
  projectId: Id,
  unitId: Id.nullable(),
  unitNumber: z.string().nullable(),
  buildingName: z.string().nullable(),
  period: Period,
  readingMilli: z.number().int(),
  previousMilli: z.number().int().nullable(),
  consumptionMilli: z.number().int(),
  kind: MeterReadingKind,
  reason: z.string().nullable(),
  status: MeterReadingStatus,
  readOn: CalendarDate,
  enteredBy: Id.nullable(),
  reviewedBy: Id.nullable(),
  reviewedAt: Instant.nullable(),
  createdAt: Instant,
});
export type MeterReading = z.infer<typeof MeterReading>;

export const MeterReadingsResult = z.object({
  created: z.number().int(),
  /** Re-reads written over a rejected reading of the same meter and month. */
  updated: z.number().int(),
  /** How many are held for review (far above the unit's usual). */
  held: z.number().int(),
  items: z.array(MeterReading),
});
export type MeterReadingsResult = z.infer<typeof MeterReadingsResult>;

export const MeterReadingListQuery = ListQuery.extend({
  projectId: Id.optional(),
  buildingId: Id.optional(),
  meterId: Id.optional(),
  period: Period.optional(),
  status: MeterReadingStatus.optional(),
});
export type MeterReadingListQuery = z.infer<typeof MeterReadingListQuery>;

export const MeterReadingImportQuery = z.object({ projectId: Id.optional() });
export const MeterReadingTemplateQuery = z.object({ projectId: Id, buildingId: Id.optional(), period: Period.optional() });

export const ReviewReadingBody = z.strictObject({ note: z.string().trim().max(200).optional() });

// ---------------------------------------------------------------- billing runs

export const BillingRunBody = z.strictObject({
  projectId: Id,
  period: Period,
  dryRun: z.boolean().optional(),
});
export type BillingRunBody = z.infer<typeof BillingRunBody>;

export const BillingRunItemSummary = z.object({
  feeItemId: Id,
  name: z.string(),
  kind: FeeKind,
  /** Lines this run bills (or would bill) and their total. */
  count: z.number().int(),
  totalFen: z.number().int(),
  /** Lines billed by an earlier run of the period. */
  alreadyBilled: z.number().int(),
  /** Units the item applies to that have no billable reading (metered items). */
  withoutReading: z.number().int(),
});
export type BillingRunItemSummary = z.infer<typeof BillingRunItemSummary>;

export const BillingRunResult = z.object({
  /** The recorded run (null for a preview). */
  runId: Id.nullable(),
  projectId: Id,
  period: Period,
  dryRun: z.boolean(),
  billed: z.object({ count: z.number().int(), totalFen: z.number().int(), bills: z.number().int() }),
  skipped: z.object({
    count: z.number().int(),
    alreadyBilled: z.number().int(),
    alreadyBilledFen: z.number().int(),
    heldReadings: z.number().int(),
    withoutReading: z.number().int(),
  }),
  prepaidAppliedFen: z.number().int(),
  byFeeItem: z.array(BillingRunItemSummary),
  /** Readings held for review in the period: not billed until approved. */
  heldReadings: z.array(z.object({ readingId: Id, meterNumber: z.string(), unitNumber: z.string().nullable(), period: Period, consumptionMilli: z.number().int() })),
  /** Units whose metered item has no reading for the period (first 200). */
  unitsWithoutReading: z.array(z.object({ unitId: Id, unitNumber: z.string(), buildingName: z.string(), feeItemName: z.string(), meterNumber: z.string().nullable() })),
});
export type BillingRunResult = z.infer<typeof BillingRunResult>;

export const BillingRun = z.object({
  id: Id,
  projectId: Id,
  period: Period,
  billedCount: z.number().int(),
  billedTotalFen: z.number().int(),
  skippedCount: z.number().int(),
  prepaidAppliedFen: z.number().int(),
  byFeeItem: z.array(BillingRunItemSummary),
  createdBy: Id.nullable(),
  createdByName: z.string().nullable(),
  createdAt: Instant,
});
export type BillingRun = z.infer<typeof BillingRun>;

export const BillingRunListQuery = ListQuery.extend({ projectId: Id.optional(), period: Period.optional() });

// ---------------------------------------------------------------- bills and lines

export const BillStatus = z.enum(['unpaid', 'partially_paid', 'paid', 'void']);
export type BillStatus = z.infer<typeof BillStatus>;
export const BILL_STATUS_LABELS: Record<BillStatus, { zh: string; en: string }> = {
  unpaid: { zh: '未缴', en: 'Unpaid' },
  partially_paid: { zh: '部分缴纳', en: 'Partially paid' },
  paid: { zh: '已缴清', en: 'Paid' },
  void: { zh: '已作废', en: 'Void' },
};
export const BillLineKind = z.enum(['charge', 'late_fee', 'reduction']);
export type BillLineKind = z.infer<typeof BillLineKind>;
export const BILL_LINE_KIND_LABELS: Record<BillLineKind, { zh: string; en: string }> = {
  charge: { zh: '费用', en: 'Charge' },
  late_fee: { zh: '滞纳金', en: 'Late fee' },
  reduction: { zh: '减免', en: 'Reduction' },
};
/** Charges: unpaid | partially_paid | paid | void; reductions: pending | approved | rejected. */
export const BillLineStatus = z.enum(['unpaid', 'partially_paid', 'paid', 'void', 'pending', 'approved', 'rejected']);
export type BillLineStatus = z.infer<typeof BillLineStatus>;
export const BILL_LINE_STATUS_LABELS: Record<BillLineStatus, { zh: string; en: string }> = {
  unpaid: { zh: '未缴', en: 'Unpaid' },
  partially_paid: { zh: '部分缴纳', en: 'Partially paid' },
  paid: { zh: '已缴清', en: 'Paid' },
  void: { zh: '已作废', en: 'Void' },
  pending: { zh: '待审批', en: 'Pending approval' },
  approved: { zh: '已批准', en: 'Approved' },
  rejected: { zh: '已驳回', en: 'Rejected' },
};

export const Bill = z.object({
  id: Id,
  projectId: Id,
  buildingId: Id.nullable(),
  buildingName: z.string().nullable(),
  unitId: Id,
  unitNumber: z.string(),
  period: Period,
  status: BillStatus,
  totalFen: z.number().int(),
  paidFen: z.number().int(),
  /** What is still owed: total − paid. */
  owedFen: z.number().int(),
  dueDate: CalendarDate,
  runId: Id.nullable(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Bill = z.infer<typeof Bill>;

export const BillTierLine = z.object({
  tier: z.number().int(),
  fromMilli: z.number().int(),
  toMilli: z.number().int(),
  quantityMilli: z.number().int(),
  priceCentiFen: z.number().int(),
  amountFen: z.number().int(),
});
export type BillTierLine = z.infer<typeof BillTierLine>;

export const BillLine = z.object({
  id: Id,
  billId: Id,
  unitId: Id,
  feeItemId: Id.nullable(),
  feeItemName: z.string().nullable(),
  kind: BillLineKind,
  description: z.string(),
  coverFrom: Period.nullable(),
  coverTo: Period.nullable(),
  quantityMilli: z.number().int().nullable(),
  rateCentiFen: z.number().int().nullable(),
  /** Metered lines: the price per tier (阶梯) the quantity fell in. */
  tiers: z.array(BillTierLine).nullable(),
  /** Negative for a reduction. */
  amountFen: SignedFen,
  paidFen: z.number().int(),
  creditedFen: z.number().int(),
  owedFen: z.number().int(),
  status: BillLineStatus,
  dueDate: CalendarDate,
  source: z.string(),
  sourceId: z.string().nullable(),
  relatedLineId: Id.nullable(),
  reason: z.string().nullable(),
  voidReason: z.string().nullable(),
  voidedBy: Id.nullable(),
  voidedAt: Instant.nullable(),
  approvedBy: Id.nullable(),
  approvedAt: Instant.nullable(),
  createdBy: Id.nullable(),
  createdAt: Instant,
  version: z.number().int(),
});
export type BillLine = z.infer<typeof BillLine>;

export const BillDetail = Bill.extend({ lines: z.array(BillLine) });
export type BillDetail = z.infer<typeof BillDetail>;

export const BillListQuery = ListQuery.extend({
  projectId: Id.optional(),
  buildingId: Id.optional(),
  unitId: Id.optional(),
  status: BillStatus.optional(),
  period: Period.optional(),
});
export type BillListQuery = z.infer<typeof BillListQuery>;

export const VoidLineBody = z.strictObject({ reason: z.string().trim().min(2).max(200) });

/** 减免: a credit against one charge line, approved by someone else before it counts. */
export const ReductionBody = z.strictObject({
  amountFen: Fen.min(1),
  reason: z.string().trim().min(2).max(200),
});
export type ReductionBody = z.infer<typeof ReductionBody>;

export const ReviewReductionBody = z.strictObject({ note: z.string().trim().max(200).optional() });

export const Reduction = BillLine.extend({
  unitNumber: z.string(),
  buildingName: z.string().nullable(),
  period: Period,
  relatedDescription: z.string().nullable(),
  createdByName: z.string().nullable(),
});
export type Reduction = z.infer<typeof Reduction>;

export const ReductionListQuery = ListQuery.extend({
  projectId: Id.optional(),
  status: z.enum(['pending', 'approved', 'rejected']).optional(),
});

/** A one-off charge (装修垃圾清运费, 有偿维修费 …) on a unit's bill of the month; or a work order's charge. */
export const OneOffChargeBody = z.strictObject({
  unitId: Id.optional(),
  feeItemId: Id.nullable().optional(),
  description: z.string().trim().min(1).max(200).optional(),
  amountFen: Fen.min(1).optional(),
  /** Bill the charge of this finished work order (unit, amount and description come from it). */
  workOrderId: Id.optional(),
});
export type OneOffChargeBody = z.infer<typeof OneOffChargeBody>;
