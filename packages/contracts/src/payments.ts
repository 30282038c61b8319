/**
 * Payments (收费), receipts (收据), reversals (冲正), prepaid balances (预存款), deposits (押金),
 * the cashier's daily close (日结) and direct debit (托收). Every amount is integer fen (`…Fen`).
 */
import { z } from 'zod';
import { CalendarDate, Id, Instant, ListQuery, Name, ShortText } from './common.js';
import { Fen } from './tickets.js';
import { PaymentMethod, Period, ReceiptNumber } from './billing.js';

/** payment | reversal (冲正, negative) | prepay (预存) | deposit (押金) | deposit_refund (退押金, negative) */
export const PaymentKind = z.enum(['payment', 'reversal', 'prepay', 'deposit', 'deposit_refund']);
export type PaymentKind = z.infer<typeof PaymentKind>;

export const PAYMENT_KIND_LABELS: Record<PaymentKind, { zh: string; en: string }> = {
  payment: { zh: '收费', en: 'Payment' },
  reversal: { zh: '冲正', en: 'Reversal' },
  prepay: { zh: '预存', en: 'Prepayment' },
  deposit: { zh: '押金', en: 'Deposit' },
  deposit_refund: { zh: '退押金', en: 'Deposit refund' },
};

export const DepositKind = z.enum(['renovation', 'key', 'facility', 'other']);
export type DepositKind = z.infer<typeof DepositKind>;
export const DEPOSIT_KIND_LABELS: Record<DepositKind, { zh: string; en: string }> = {
  renovation: { zh: '装修押金', en: 'Renovation deposit' },
  key: { zh: '钥匙押金', en: 'Key deposit' },
  facility: { zh: '设施押金', en: 'Facility deposit' },
  other: { zh: '其他押金', en: 'Other deposit' },
};

/** A positive amount of fen (a payment of nothing is not a payment). */
export const PositiveFen = Fen.min(1, 'the amount must be above zero');

// ---------------------------------------------------------------- the cashier's screen

/** A unit found by the cashier's search (number, owner name or phone tail). */
export const CashierUnit = z.object({
  id: Id,
  projectId: Id,
  projectName: z.string(),
  buildingName: z.string(),
  number: z.string(),
  /** "丽景花园 1栋 101" */
  label: z.string(),
  owners: z.array(z.string()),
  outstandingFen: z.number().int(),
});
export type CashierUnit = z.infer<typeof CashierUnit>;

export const CashierUnitQuery = z.object({
  q: z.string().trim().min(1).max(50),
  projectId: Id.optional(),
});

/** One outstanding charge or late-fee line, with the late fee accrued to date on a charge. */
export const OutstandingLine = z.object({
  billLineId: Id,
  billId: Id,
  period: Period,
  kind: z.enum(['charge', 'late_fee']),
  description: z.string(),
  feeItemName: z.string().nullable(),
  dueDate: CalendarDate,
  amountFen: z.number().int(),
  paidFen: z.number().int(),
  creditedFen: z.number().int(),
  outstandingFen: z.number().int(),
  /** 滞纳金 to date not yet billed: it becomes a late_fee line when a payment reaches this line. */
  lateFeeFen: z.number().int(),
  overdueDays: z.number().int(),
});
export type OutstandingLine = z.infer<typeof OutstandingLine>;

export const PrepaidBalance = z.object({
  accountId: Id,
  feeItemId: Id.nullable(),
  /** null: usable for any fee item of the unit. */
  feeItemName: z.string().nullable(),
  balanceFen: z.number().int(),
});
export type PrepaidBalance = z.infer<typeof PrepaidBalance>;

export const Outstanding = z.object({
  unit: CashierUnit,
  /** The day late fees are worked out to (today in the project's time zone). */
  asOf: CalendarDate,
  lines: z.array(OutstandingLine),
  totals: z.object({ outstandingFen: z.number().int(), lateFeeFen: z.number().int(), dueFen: z.number().int() }),
  prepaid: z.array(PrepaidBalance),
});
export type Outstanding = z.infer<typeof Outstanding>;

export const OutstandingQuery = z.object({ unitId: Id });

// ---------------------------------------------------------------- taking a payment

export const CreatePaymentBody = z
  .strictObject({
    unitId: Id,
    method: PaymentMethod,
    /** What is paid (allocated oldest first, or to `billLineIds`). */
    amountFen: PositiveFen,
    /** Pay these lines only (in this order); their late fees to date come with them. */
    billLineIds: z.array(Id).min(1).max(500).optional(),
    /** Cash handed over (for the change); at least `amountFen`. */
    tenderedFen: PositiveFen.optional(),
    /** Cash beyond what is owed stays as prepaid (预存) instead of being handed back. */
    keepExcessAsPrepaid: z.boolean().optional(),
    payerName: Name.optional(),
    note: ShortText.optional(),
  })
  .refine((b) => b.tenderedFen === undefined || b.method === 'cash', { path: ['tenderedFen'], message: 'only cash is tendered' })
  .refine((b) => b.tenderedFen === undefined || b.tenderedFen >= b.amountFen, { path: ['tenderedFen'], message: 'the cash tendered must cover the amount' });
export type CreatePaymentBody = z.infer<typeof CreatePaymentBody>;

export const PaymentResult = z.object({
  id: Id,
  receiptNumber: ReceiptNumber,
  allocations: z.array(z.object({ billLineId: Id, amountFen: Fen })),
  changeFen: Fen,
  /** What the center kept: allocated + prepaid. */
  amountFen: Fen,
  /** Late fees to date billed by this payment (as late_fee lines). */
  lateFeeFen: Fen,
  /** Credited to the unit's prepaid balance (non-cash excess, or cash kept as prepaid). */
  prepaidFen: Fen,
});
export type PaymentResult = z.infer<typeof PaymentResult>;

export const ReverseBody = z.strictObject({ reason: z.string().trim().min(2).max(200) });

// ---------------------------------------------------------------- payments list and receipts

export const Payment = z.object({
  id: Id,
  projectId: Id,
  projectName: z.string(),
  unitId: Id.nullable(),
  unitLabel: z.string().nullable(),
  kind: PaymentKind,
  method: PaymentMethod,
  amountFen: z.number().int(),
  changeFen: z.number().int(),
  receiptNumber: ReceiptNumber,
  payerName: z.string().nullable(),
  note: z.string().nullable(),
  reason: z.string().nullable(),
  reversesPaymentId: Id.nullable(),
  reversedByPaymentId: Id.nullable(),
  printCount: z.number().int(),
  businessDate: CalendarDate,
  /** True when the cashier's day it belongs to has been closed (日结). */
  closed: z.boolean(),
  cashierId: Id,
  cashierName: z.string(),
  createdAt: Instant,
});
export type Payment = z.infer<typeof Payment>;

export const PaymentListQuery = ListQuery.extend({
  projectId: Id.optional(),
  unitId: Id.optional(),
  cashierId: Id.optional(),
  /** One business day, or a range. */
  date: CalendarDate.optional(),
  dateFrom: CalendarDate.optional(),
  dateTo: CalendarDate.optional(),
  method: PaymentMethod.optional(),
  kind: PaymentKind.optional(),
  receiptNumber: z.string().trim().max(32).optional(),
});
export type PaymentListQuery = z.infer<typeof PaymentListQuery>;

export const ReceiptLine = z.object({
  billLineId: Id,
  period: Period,
  description: z.string(),
  kind: z.string(),
  amountFen: z.number().int(),
});

/** Everything the A5 receipt prints. */
export const Receipt = Payment.extend({
  projectAddress: z.string().nullable(),
  lines: z.array(ReceiptLine),
  /** Amount in capital numerals (大写), e.g. 肆拾陆元伍角整. */
  amountCapital: z.string(),
  /** The receipt this one reverses or the one that reversed it (number). */
  relatedReceiptNumber: z.string().nullable(),
  /** For prepay and deposit receipts: what it was for. */
  purpose: z.string().nullable(),
});
export type Receipt = z.infer<typeof Receipt>;

export const PrintResult = z.object({
  printCount: z.number().int(),
  /** Printed before: the copy says 补打 (reprint). */
  reprint: z.boolean(),
});

// ---------------------------------------------------------------- prepaid

export const CreatePrepayBody = z.strictObject({
  unitId: Id,
  /** null/absent: a balance usable for any fee item of the unit. */
  feeItemId: Id.nullable().optional(),
  method: PaymentMethod.exclude(['direct_debit']),
  amountFen: PositiveFen,
  payerName: Name.optional(),
  note: ShortText.optional(),
});
export type CreatePrepayBody = z.infer<typeof CreatePrepayBody>;

export const PrepayResult = z.object({ id: Id, receiptNumber: ReceiptNumber, balanceFen: z.number().int() });

export const PrepaidEntry = z.object({
  id: Id,
  kind: z.enum(['top_up', 'applied', 'refund', 'reversal']),
  amountFen: z.number().int(),
  balanceAfterFen: z.number().int(),
  receiptNumber: z.string().nullable(),
  createdAt: Instant,
});

export const PrepaidAccounts = z.object({
  unitId: Id,
  accounts: z.array(PrepaidBalance.extend({ entries: z.array(PrepaidEntry) })),
});
export type PrepaidAccounts = z.infer<typeof PrepaidAccounts>;

// ---------------------------------------------------------------- deposits

export const DepositStatus = z.enum(['held', 'refunded']);
export type DepositStatus = z.infer<typeof DepositStatus>;

export const CreateDepositBody = z.strictObject({
  projectId: Id,
  unitId: Id.nullable().optional(),
  kind: DepositKind,
  description: z.string().trim().min(1).max(200),
  payerName: Name,
  method: PaymentMethod.exclude(['direct_debit']),
  amountFen: PositiveFen,
});
export type CreateDepositBody = z.infer<typeof CreateDepositBody>;

export const RefundDepositBody = z
  .strictObject({
    method: PaymentMethod.exclude(['direct_debit']),
    /** Kept back for damage, cleaning… (扣款), with the reason. */
    deductionFen: Fen.default(0),
    deductionReason: z.string().trim().min(2).max(200).optional(),
  })
  .refine((b) => b.deductionFen === 0 || b.deductionReason !== undefined, { path: ['deductionReason'], message: 'say why money is kept back' });
export type RefundDepositBody = z.infer<typeof RefundDepositBody>;

export const Deposit = z.object({
  id: Id,
  projectId: Id,
  unitId: Id.nullable(),
  unitLabel: z.string().nullable(),
  kind: DepositKind,
  description: z.string(),
  payerName: z.string(),
  amountFen: z.number().int(),
  status: DepositStatus,
  paymentId: Id,
  receiptNumber: z.string(),
  refundPaymentId: Id.nullable(),
  refundReceiptNumber: z.string().nullable(),
  deductionFen: z.number().int(),
  deductionReason: z.string().nullable(),
  /** What it secures ('renovation' and the application's id): such a deposit is refunded from there. */
  source: z.string().nullable(),
  sourceId: Id.nullable(),
  createdAt: Instant,
  refundedAt: Instant.nullable(),
});
export type Deposit = z.infer<typeof Deposit>;

export const DepositListQuery = ListQuery.extend({
  projectId: Id.optional(),
  unitId: Id.optional(),
  status: DepositStatus.optional(),
});

// ---------------------------------------------------------------- daily close

export const DailyCloseSummary = z.object({
  byMethod: z.array(z.object({ method: PaymentMethod, count: z.number().int(), totalFen: z.number().int() })),
  byKind: z.array(z.object({ kind: PaymentKind, count: z.number().int(), totalFen: z.number().int() })),
  reversals: z.array(z.object({ receiptNumber: z.string(), reversedReceiptNumber: z.string().nullable(), amountFen: z.number().int(), reason: z.string().nullable() })),
  count: z.number().int(),
  totalFen: z.number().int(),
  /** What should be in the cash drawer: cash taken minus cash handed back. */
  cashFen: z.number().int(),
  receiptFrom: z.string().nullable(),
  receiptTo: z.string().nullable(),
});
export type DailyCloseSummary = z.infer<typeof DailyCloseSummary>;

export const DailyClosePreviewQuery = z.object({ projectId: Id, date: CalendarDate.optional() });

export const DailyClosePreview = z.object({
  projectId: Id,
  cashierId: Id,
  businessDate: CalendarDate,
  closed: z.boolean(),
  summary: DailyCloseSummary,
});

/** Who may take a cashier's hand-over (交接人): a colleague who handles money on the project. */
export const HandOverRecipientsQuery = z.object({ projectId: Id });
export const HandOverRecipient = z.object({ id: Id, displayName: z.string() });
export type HandOverRecipient = z.infer<typeof HandOverRecipient>;

export const CreateDailyCloseBody = z.strictObject({
  projectId: Id,
  /** Defaults to today in the project's time zone; a past day may be closed late, a future one not. */
  businessDate: CalendarDate.optional(),
  /** Who received the cash and the receipts (交接): one of GET /api/daily-closes/recipients. */
  handedTo: Id.optional(),
});

export const DailyClose = z.object({
  id: Id,
  projectId: Id,
  cashierId: Id,
  cashierName: z.string(),
  businessDate: CalendarDate,
  summary: DailyCloseSummary,
  totalFen: z.number().int(),
  receiptFrom: z.string().nullable(),
  receiptTo: z.string().nullable(),
  handedTo: Id.nullable(),
  handedToName: z.string().nullable(),
  createdAt: Instant,
});
export type DailyClose = z.infer<typeof DailyClose>;

export const DailyCloseListQuery = ListQuery.extend({
  projectId: Id.optional(),
  cashierId: Id.optional(),
  dateFrom: CalendarDate.optional(),
  dateTo: CalendarDate.optional(),
});

// ---------------------------------------------------------------- direct debit (托收)

export const Mandate = z.object({
  id: Id,
  projectId: Id,
  unitId: Id,
  unitLabel: z.string(),
  bank: z.string(),
  /** Always masked: 6222 **** **** 1234. */
  accountNumberMasked: z.string(),
  accountHolder: z.string(),
  active: z.boolean(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Mandate = z.infer<typeof Mandate>;

export const BankAccountNumber = z.string().trim().regex(/^\d{8,30}$/, 'a bank account number is 8–30 digits');

export const CreateMandateBody = z.strictObject({
  unitId: Id,
  bank: z.string().trim().min(2).max(60),
  accountNumber: BankAccountNumber,
  accountHolder: Name,
});
export type CreateMandateBody = z.infer<typeof CreateMandateBody>;

export const UpdateMandateBody = z.strictObject({
  bank: z.string().trim().min(2).max(60).optional(),
  accountNumber: BankAccountNumber.optional(),
  accountHolder: Name.optional(),
  active: z.boolean().optional(),
});

export const MandateListQuery = ListQuery.extend({
  projectId: Id.optional(),
  unitId: Id.optional(),
  active: z.enum(['true', 'false']).optional(),
});

export const DirectDebitBatchStatus = z.enum(['generated', 'result_imported']);

export const DirectDebitItem = z.object({
  id: Id,
  unitId: Id,
  unitLabel: z.string(),
  bank: z.string(),
  accountNumberMasked: z.string(),
  accountHolder: z.string(),
  amountFen: z.number().int(),
  status: z.enum(['pending', 'succeeded', 'failed']),
  failureReason: z.string().nullable(),
  paymentId: Id.nullable(),
  receiptNumber: z.string().nullable(),
});
export type DirectDebitItem = z.infer<typeof DirectDebitItem>;

export const DirectDebitBatch = z.object({
  id: Id,
  projectId: Id,
  period: Period,
  status: DirectDebitBatchStatus,
  itemCount: z.number().int(),
  totalFen: z.number().int(),
  succeededCount: z.number().int(),
  failedCount: z.number().int(),
  createdAt: Instant,
  importedAt: Instant.nullable(),
});
export type DirectDebitBatch = z.infer<typeof DirectDebitBatch>;

export const DirectDebitBatchDetail = DirectDebitBatch.extend({ items: z.array(DirectDebitItem) });
export type DirectDebitBatchDetail = z.infer<typeof DirectDebitBatchDetail>;

export const CreateDirectDebitBatchBody = z.strictObject({ projectId: Id, period: Period });

export const DirectDebitBatchListQuery = ListQuery.extend({ projectId: Id.optional() });

export const DirectDebitImportResult = z.object({
  succeeded: z.number().int(),
  failed: z.number().int(),
  collectedFen: z.number().int(),
  failures: z.array(z.object({ itemId: Id, unitLabel: z.string(), amountFen: z.number().int(), reason: z.string() })),
});
export type DirectDebitImportResult = z.infer<typeof DirectDebitImportResult>;
