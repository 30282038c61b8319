/**
 * Arrears (欠费), dunning (催缴), collection targets (收缴目标) and the collection report (收缴率).
 * Every amount is integer fen (…Fen); rates are basis points (…Bp, 9500 = 95.00%).
 */
import { z } from 'zod';
import { CalendarDate, Id, Instant, ListQuery } from './common.js';
import { BasisPoints, Period } from './billing.js';

const FenSum = z.number().int();

/** Aging buckets (账龄) by days past a line's due date, as of today in the project's time zone. */
export const AgingBucket = z.enum(['d0_30', 'd31_90', 'd91_180', 'd181_365', 'over_365']);
export type AgingBucket = z.infer<typeof AgingBucket>;
export const AGING_BUCKETS = AgingBucket.options;
export const AGING_BUCKET_LABELS: Record<AgingBucket, { zh: string; en: string }> = {
  d0_30: { zh: '30天以内', en: '≤ 30 days' },
  d31_90: { zh: '31–90天', en: '31–90 days' },
  d91_180: { zh: '91–180天', en: '91–180 days' },
  d181_365: { zh: '181–365天', en: '181–365 days' },
  over_365: { zh: '365天以上', en: '> 365 days' },
};

/** Outstanding principal per aging bucket. */
export const AgingAmounts = z.object({
  d0_30: FenSum,
  d31_90: FenSum,
  d91_180: FenSum,
  d181_365: FenSum,
  over_365: FenSum,
});
export type AgingAmounts = z.infer<typeof AgingAmounts>;

export const ArrearsGroup = z.enum(['unit', 'building']);
export type ArrearsGroup = z.infer<typeof ArrearsGroup>;

export const ArrearsQuery = ListQuery.extend({
  projectId: Id.optional(),
  buildingId: Id.optional(),
  unitId: Id.optional(),
  /** Rows owing at least this much principal (fen). */
  minFen: z.coerce.number().int().min(0).max(100_000_000_00).optional(),
  /** Only lines of this age count. */
  aging: AgingBucket.optional(),
  /** unit rows (default) or one row per building. */
  group: ArrearsGroup.default('unit'),
});
export type ArrearsQuery = z.infer<typeof ArrearsQuery>;
export const ArrearsExportQuery = ArrearsQuery.omit({ page: true, pageSize: true });
export type ArrearsExportQuery = z.infer<typeof ArrearsExportQuery>;

export const ArrearsOwner = z.object({ name: z.string(), phoneMasked: z.string() });
export type ArrearsOwner = z.infer<typeof ArrearsOwner>;

/** One unit (or one building) in arrears. */
export const ArrearsRow = z.object({
  /** The unit id, or the building id for building rows. */
  id: Id,
  projectId: Id,
  projectName: z.string(),
  buildingId: Id,
  buildingName: z.string(),
  unitId: Id.nullable(),
  unitNumber: z.string().nullable(),
  /** Current owners (unit rows only). */
  owners: z.array(ArrearsOwner),
  unitCount: z.number().int(),
  lineCount: z.number().int(),
  oldestDueDate: CalendarDate,
  maxDaysPastDue: z.number().int(),
  /** What the lines still owe (principal, after payments and approved reductions). */
  outstandingFen: FenSum,
  /** Late fees (滞纳金) to date, not yet billed. */
  lateFeeFen: FenSum,
  totalFen: FenSum,
  aging: AgingAmounts,
  /** Reminders sent so far (unit rows), and the last one. */
  dunningCount: z.number().int(),
  lastDunningAt: Instant.nullable(),
});
export type ArrearsRow = z.infer<typeof ArrearsRow>;

export const ArrearsTotals = z.object({
  unitCount: z.number().int(),
  lineCount: z.number().int(),
  outstandingFen: FenSum,
  lateFeeFen: FenSum,
  totalFen: FenSum,
  aging: AgingAmounts,
});
export type ArrearsTotals = z.infer<typeof ArrearsTotals>;

export const ArrearsPage = z.object({
  items: z.array(ArrearsRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Over every row that matches the filters, not just this page. */
  totals: ArrearsTotals,
});
export type ArrearsPage = z.infer<typeof ArrearsPage>;

/** One overdue bill line of a unit. */
export const ArrearsLine = z.object({
  billLineId: Id,
  billId: Id,
  period: Period,
  description: z.string(),
  feeItemName: z.string().nullable(),
  kind: z.enum(['charge', 'late_fee']),
  dueDate: CalendarDate,
  daysPastDue: z.number().int(),
  aging: AgingBucket,
  amountFen: FenSum,
  paidFen: FenSum,
  outstandingFen: FenSum,
  lateFeeFen: FenSum,
});
export type ArrearsLine = z.infer<typeof ArrearsLine>;

export const UnitArrears = z.object({
  unitId: Id,
  projectId: Id,
  projectName: z.string(),
  buildingName: z.string(),
  unitNumber: z.string(),
  owners: z.array(ArrearsOwner),
  asOf: CalendarDate,
  lines: z.array(ArrearsLine),
  outstandingFen: FenSum,
  lateFeeFen: FenSum,
  totalFen: FenSum,
  aging: AgingAmounts,
});
export type UnitArrears = z.infer<typeof UnitArrears>;

// ------------------------------------------------------------------ dunning (催缴)

/** letter: a printable reminder (催缴通知书); sms: queued to the outbox for the unit's owners. */
export const DunningChannel = z.enum(['letter', 'sms']);
export type DunningChannel = z.infer<typeof DunningChannel>;
export const DUNNING_CHANNEL_LABELS: Record<DunningChannel, { zh: string; en: string }> = {
  letter: { zh: '催缴通知书', en: 'Reminder letter' },
  sms: { zh: '短信', en: 'SMS' },
};

export const CreateDunningBody = z.strictObject({
  unitIds: z.array(Id).min(1).max(200),
  channels: z.array(DunningChannel).min(1).max(2),
});
export type CreateDunningBody = z.infer<typeof CreateDunningBody>;

export const DunningNotice = z.object({
  id: Id,
  projectId: Id,
  unitId: Id,
  buildingName: z.string(),
  unitNumber: z.string(),
  channel: DunningChannel,
  amountFen: FenSum,
  lateFeeFen: FenSum,
  oldestDueDate: CalendarDate.nullable(),
  /** sms: how many messages were queued (one per owner phone). */
  recipientCount: z.number().int(),
  /** sms: the outbox state of the first message (pending, sending, sent, failed). */
  outboxStatus: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: Instant,
});
export type DunningNotice = z.infer<typeof DunningNotice>;

export const DunningSkip = z.object({
  unitId: Id,
  channel: DunningChannel.nullable(),
  /** no_arrears: nothing overdue; no_owner_phone: no current owner with a phone to text. */
  reason: z.enum(['no_arrears', 'no_owner_phone']),
});
export type DunningSkip = z.infer<typeof DunningSkip>;

export const DunningResult = z.object({
  notices: z.array(DunningNotice),
  skipped: z.array(DunningSkip),
});
export type DunningResult = z.infer<typeof DunningResult>;

export const DunningListQuery = ListQuery.extend({
  projectId: Id.optional(),
  unitId: Id.optional(),
  channel: DunningChannel.optional(),
});
export type DunningListQuery = z.infer<typeof DunningListQuery>;

/** The reminder letter as it was issued (kept with the notice, so a reprint says the same). */
export const DunningLetter = z.object({
  noticeId: Id,
  projectName: z.string(),
  projectAddress: z.string().nullable(),
  projectPhone: z.string().nullable(),
  buildingName: z.string(),
  unitNumber: z.string(),
  ownerNames: z.array(z.string()),
  asOf: CalendarDate,
  lines: z.array(ArrearsLine),
  outstandingFen: FenSum,
  lateFeeFen: FenSum,
  totalFen: FenSum,
  /** The total in Chinese capital numerals (大写). */
  totalCapital: z.string(),
  createdAt: Instant,
});
export type DunningLetter = z.infer<typeof DunningLetter>;

// ------------------------------------------------------------------ targets and the report

export const CollectionYear = z.coerce.number().int().min(2000).max(2100);

export const CollectionTargetsQuery = z.object({ projectId: Id, year: CollectionYear });
export type CollectionTargetsQuery = z.infer<typeof CollectionTargetsQuery>;

export const CollectionTargetMonth = z.strictObject({
  /** 1–12, or 0 for the whole year. */
  month: z.number().int().min(0).max(12),
  /** null clears it. */
  rateBp: BasisPoints.nullable(),
});

export const CollectionTargets = z.object({
  projectId: Id,
  year: z.number().int(),
  /** Index 0 is the whole year's target, 1–12 the months. */
  months: z.array(z.object({ month: z.number().int(), rateBp: z.number().int().nullable() })),
});
export type CollectionTargets = z.infer<typeof CollectionTargets>;

export const PutCollectionTargetsBody = z.strictObject({
  projectId: Id,
  year: z.number().int().min(2000).max(2100),
  months: z.array(CollectionTargetMonth).min(1).max(13),
});
export type PutCollectionTargetsBody = z.infer<typeof PutCollectionTargetsBody>;

export const CollectionReportQuery = z.object({ projectId: Id, year: CollectionYear });
export type CollectionReportQuery = z.infer<typeof CollectionReportQuery>;

export const CollectionReportRow = z.object({
  /** 1–12 (0 in the totals). */
  month: z.number().int(),
  /** What the period's bills ask for: charge lines, net of voids and approved reductions. */
  billedFen: FenSum,
  /** Paid so far on the period's charge lines. */
  collectedFen: FenSum,
  /** Collected during the month for earlier periods (欠费回收). */
  recoveredFen: FenSum,
  /** 收缴率 = collected ÷ billed in basis points; null when nothing was billed. */
  rateBp: z.number().int().nullable(),
  targetBp: z.number().int().nullable(),
  /** null when there is no target or no rate. */
  met: z.boolean().nullable(),
});
export type CollectionReportRow = z.infer<typeof CollectionReportRow>;

export const CollectionReport = z.object({
  projectId: Id,
  projectName: z.string(),
  year: z.number().int(),
  asOf: CalendarDate,
  months: z.array(CollectionReportRow),
  totals: CollectionReportRow,
});
export type CollectionReport = z.infer<typeof CollectionReport>;
