/**
 * Resident services at the counter (documents 1 and 3, duties 6–9): move-in (入伙) with its
 * checklist and utility accounts (开户), move-out (搬离), item-release slips (大件物品放行),
 * renovation (装修) from application to deposit refund, worker and vehicle passes (出入证),
 * gate checks and the visitor register (来访登记).
 *
 * Money is integer fen; dates of validity are calendar dates in the project's time zone and a
 * pass is good through the last minute of its last day there.
 */
import { z } from 'zod';
import { CalendarDate, Id, IdNumber, Instant, ListQuery, Name, Phone, QueryBool } from './common.js';
import { PaymentMethod } from './billing.js';
import { Deposit } from './payments.js';
import { Relation } from './residents.js';
import { UnitState } from './units.js';

const Fen = z.number().int('amounts are whole fen').min(0).max(100_000_000_00);
const Note = z.string().trim().max(500);
/** A plate as written on it: 粤B12345, 粤BD12345 (new-energy), letters and digits only. */
export const Plate = z.string().trim().toUpperCase().regex(/^[\u4e00-\u9fa5][A-Z][A-Z0-9]{4,6}$|^[A-Z0-9-]{4,12}$/, 'not a plate number');
/** A real calendar date (2026-02-30 is refused). */
const RealDate = CalendarDate.refine((s) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}, 'not a real calendar date');

const fromTo = <T extends z.ZodObject<{ validFrom: typeof RealDate; validTo: typeof RealDate }>>(s: T) =>
  s.refine((v) => v.validTo >= v.validFrom, { message: 'the end date is before the start date', path: ['validTo'] });

// ---------------------------------------------------------------- move-in 入伙

export const UtilityKind = z.enum(['water', 'electricity', 'gas', 'cable_tv']);
export type UtilityKind = z.infer<typeof UtilityKind>;
export const UTILITY_KINDS = UtilityKind.options;
/** requested 待申请 → submitted 已提交 → opened 已开户 (account number) | failed 未成功 (reason) */
export const UtilityStatus = z.enum(['requested', 'submitted', 'opened', 'failed']);
export type UtilityStatus = z.infer<typeof UtilityStatus>;

export const UtilityAccount = z.object({
  kind: UtilityKind,
  status: UtilityStatus,
  accountNumber: z.string().nullable(),
  failureReason: z.string().nullable(),
  updatedAt: Instant,
  updatedBy: z.string().nullable(),
});
export type UtilityAccount = z.infer<typeof UtilityAccount>;

/** identity 证件与产权核验 · convention 签署业主公约 · fees 费用结清或预交 · meters 交接表底数 · keys 钥匙移交 */
export const MoveInStep = z.enum(['identity', 'convention', 'fees', 'meters', 'keys']);
export type MoveInStep = z.infer<typeof MoveInStep>;
export const MOVE_IN_STEPS = MoveInStep.options;

/** Meter readings in 0.001 units (m³, kWh), as billing stores them. */
export const MeterReadings = z.strictObject({
  waterMilli: z.number().int().min(0),
  electricityMilli: z.number().int().min(0),
  gasMilli: z.number().int().min(0).nullable().default(null),
});
export type MeterReadings = z.infer<typeof MeterReadings>;

export const KeysInfo = z.strictObject({
  count: z.number().int().min(0).max(99),
  /** Which keys: 入户门 ×2, 信箱 ×1, 门禁卡 ×2 … */
  which: z.string().trim().min(1).max(200),
});
export type KeysInfo = z.infer<typeof KeysInfo>;

export const ChecklistEntry = z.object({
  done: z.boolean(),
  doneAt: Instant.nullable(),
  doneBy: z.string().nullable(),
  note: z.string().nullable(),
});

export const MoveInPerson = z.object({
  residentId: Id.nullable(),
  name: z.string(),
  phone: z.string(),
  idNumberMasked: z.string().nullable(),
  relation: Relation,
});

/** open 办理中 → completed 已入伙 | cancelled 已取消 */
export const MoveStatus = z.enum(['open', 'completed', 'cancelled']);
export type MoveStatus = z.infer<typeof MoveStatus>;

export const DirectDebitInfo = z.object({ mandateId: Id, bank: z.string(), accountMasked: z.string(), accountHolder: z.string() });

export const MoveIn = z.object({
  id: Id,
  projectId: Id,
  number: z.string(),
  unitId: Id,
  unitNumber: z.string(),
  buildingName: z.string(),
  status: MoveStatus,
  people: z.array(MoveInPerson),
  checklist: z.record(MoveInStep, ChecklistEntry),
  meterReadings: MeterReadings.nullable(),
  keys: KeysInfo.nullable(),
  utilities: z.array(UtilityAccount),
  directDebit: DirectDebitInfo.nullable(),
  /** Steps done out of all steps (the progress bar). */
  progress: z.object({ done: z.number().int(), total: z.number().int() }),
  moveInDate: CalendarDate.nullable(),
  completedAt: Instant.nullable(),
  completedBy: z.string().nullable(),
  createdAt: Instant,
  createdBy: z.string().nullable(),
});
export type MoveIn = z.infer<typeof MoveIn>;

export const MoveInPersonInput = z.union([
  z.strictObject({ residentId: Id, relation: Relation }),
  z.strictObject({ name: Name, phone: Phone, idNumber: IdNumber.optional(), relation: Relation }),
]);
export type MoveInPersonInput = z.infer<typeof MoveInPersonInput>;

export const CreateMoveInBody = z.strictObject({
  unitId: Id,
  people: z.array(MoveInPersonInput).min(1).max(10),
  /** The accounts to open; all four when left out. */
  utilities: z.array(UtilityKind).max(4).optional(),
});
export type CreateMoveInBody = z.infer<typeof CreateMoveInBody>;

/** POST /api/move-ins/:id/steps/:step — what the step needs (meters: readings; keys: keys). */
export const MoveInStepBody = z.strictObject({
  note: Note.optional(),
  readings: MeterReadings.optional(),
  keys: KeysInfo.optional(),
});
export type MoveInStepBody = z.infer<typeof MoveInStepBody>;
export const MoveInStepParams = z.object({ id: Id, step: MoveInStep });

export const UtilityParams = z.object({ id: Id, kind: UtilityKind });
export const UpdateUtilityBody = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('submitted'), note: Note.optional() }),
  z.strictObject({ status: z.literal('opened'), accountNumber: z.string().trim().min(1).max(40) }),
  z.strictObject({ status: z.literal('failed'), reason: z.string().trim().min(1).max(200) }),
]);
export type UpdateUtilityBody = z.infer<typeof UpdateUtilityBody>;

/** 托收: a bank direct-debit mandate for the unit's charges. */
export const DirectDebitBody = z.strictObject({
  bank: z.string().trim().min(2).max(60),
  accountNumber: z.string().trim().regex(/^\d{8,30}$/, 'digits only, 8–30'),
  accountHolder: Name,
});
export type DirectDebitBody = z.infer<typeof DirectDebitBody>;

export const CompleteMoveInBody = z.strictObject({ moveInDate: RealDate.optional() });

export const MoveListQuery = ListQuery.extend({
  projectId: Id.optional(),
  unitId: Id.optional(),
  status: MoveStatus.optional(),
});
export type MoveListQuery = z.infer<typeof MoveListQuery>;

// ---------------------------------------------------------------- move-out 搬离

export const MoveOutStep = z.enum(['meters', 'keys']);
export type MoveOutStep = z.infer<typeof MoveOutStep>;
export const MoveOutStepParams = z.object({ id: Id, step: MoveOutStep });

export const MoveOutOutstandingLine = z.object({
  billId: Id,
  period: z.string(),
  description: z.string(),
  dueDate: CalendarDate,
  outstandingFen: z.number().int(),
});

export const MoveOut = z.object({
  id: Id,
  projectId: Id,
  number: z.string(),
  unitId: Id,
  unitNumber: z.string(),
  buildingName: z.string(),
  status: MoveStatus,
  /** The people living there (current links) when the move-out was opened. */
  people: z.array(z.object({ residentId: Id, name: z.string(), relation: Relation })),
  checklist: z.record(MoveOutStep, ChecklistEntry),
  meterReadings: MeterReadings.nullable(),
  keysReturned: KeysInfo.nullable(),
  /** What the unit owes now (live from the bill ledger while open; at completion afterwards). */
  outstandingFen: z.number().int(),
  outstanding: z.array(MoveOutOutstandingLine),
  override: z.object({ reason: z.string(), by: z.string().nullable() }).nullable(),
  moveOutDate: CalendarDate.nullable(),
  completedAt: Instant.nullable(),
  itemReleaseIds: z.array(Id),
  createdAt: Instant,
});
export type MoveOut = z.infer<typeof MoveOut>;

export const CreateMoveOutBody = z.strictObject({ unitId: Id, note: Note.optional() });
export const MoveOutStepBody = z.strictObject({ note: Note.optional(), readings: MeterReadings.optional(), keys: KeysInfo.optional() });
export const CompleteMoveOutBody = z.strictObject({
  moveOutDate: RealDate.optional(),
  /** A supervisor lets the move-out complete while money is owed, saying why. */
  override: z.strictObject({ reason: z.string().trim().min(2).max(500) }).optional(),
});
export type CompleteMoveOutBody = z.infer<typeof CompleteMoveOutBody>;

// ---------------------------------------------------------------- gate checks (shared)

/** What a guard's check answers. */
export const VerifyStatus = z.enum(['valid', 'not_yet_valid', 'expired', 'revoked', 'used', 'not_approved', 'unknown']);
export type VerifyStatus = z.infer<typeof VerifyStatus>;
export const GateQuery = z.object({ gate: z.string().trim().min(1).max(40).optional() });
export const CodeParams = z.object({ code: z.string().min(1).max(100) });

// ---------------------------------------------------------------- item release 放行

/** awaiting_owner 待业主确认 → submitted 待审批 → approved 已批准 → released 已放行; rejected 已驳回; cancelled 已取消 */
export const ItemReleaseStatus = z.enum(['awaiting_owner', 'submitted', 'approved', 'released', 'rejected', 'cancelled']);
export type ItemReleaseStatus = z.infer<typeof ItemReleaseStatus>;
/** How the owner's confirmation was obtained: phone call 电话, in person 到场, written note 书面, app 线上 */
export const ConfirmationMethod = z.enum(['phone', 'in_person', 'written', 'online']);
export type ConfirmationMethod = z.infer<typeof ConfirmationMethod>;

export const ReleaseItem = z.strictObject({ name: z.string().trim().min(1).max(60), quantity: z.number().int().min(1).max(999) });
export const OwnerConfirmationBody = z.strictObject({
  ownerName: Name,
  method: ConfirmationMethod,
  note: Note.optional(),
});
export type OwnerConfirmationBody = z.infer<typeof OwnerConfirmationBody>;

export const ItemRelease = z.object({
  id: Id,
  projectId: Id,
  number: z.string(),
  unitId: Id,
  unitNumber: z.string(),
  buildingName: z.string(),
  status: ItemReleaseStatus,
  applicantName: z.string(),
  applicantPhone: z.string(),
  applicantRelation: Relation,
  ownerConfirmation: z.object({ ownerName: z.string(), method: ConfirmationMethod, note: z.string().nullable(), recordedAt: Instant, recordedBy: z.string().nullable() }).nullable(),
  items: z.array(z.object({ name: z.string(), quantity: z.number().int() })),
  plannedDate: CalendarDate,
  plate: z.string().nullable(),
  moveOutId: Id.nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: Instant.nullable(),
  rejectReason: z.string().nullable(),
  releasedAt: Instant.nullable(),
  releasedBy: z.string().nullable(),
  releasedGate: z.string().nullable(),
  /** The QR's secret: only for staff who print the slip, never in guard answers. */
  qrCode: z.string().nullable(),
  createdAt: Instant,
});
export type ItemRelease = z.infer<typeof ItemRelease>;

export const CreateItemReleaseBody = z.strictObject({
  unitId: Id,
  applicantName: Name,
  applicantPhone: Phone,
  applicantRelation: Relation,
  /** Required before approval when the applicant is a tenant (the tenant's things may be the owner's). */
  ownerConfirmation: OwnerConfirmationBody.optional(),
  items: z.array(ReleaseItem).min(1).max(50),
  plannedDate: RealDate,
  plate: Plate.optional(),
  moveOutId: Id.optional(),
});
export type CreateItemReleaseBody = z.infer<typeof CreateItemReleaseBody>;

export const RejectBody = z.strictObject({ reason: z.string().trim().min(2).max(500) });
export const ReleaseBody = z.strictObject({ gate: z.string().trim().min(1).max(40) });

export const ItemReleaseListQuery = ListQuery.extend({
  projectId: Id.optional(),
  unitId: Id.optional(),
  status: ItemReleaseStatus.optional(),
  plannedDate: CalendarDate.optional(),
});
export type ItemReleaseListQuery = z.infer<typeof ItemReleaseListQuery>;

/** What a guard sees: enough to match the slip to the things and the van, nothing more. */
export const ItemReleaseVerification = z.object({
  status: VerifyStatus,
  checkId: Id.nullable(),
  id: Id.optional(),
  number: z.string().optional(),
  unit: z.string().optional(),
  applicantName: z.string().optional(),
  items: z.array(z.object({ name: z.string(), quantity: z.number().int() })).optional(),
  plannedDate: CalendarDate.optional(),
  plate: z.string().nullable().optional(),
  releasedAt: Instant.nullable().optional(),
  releasedGate: z.string().nullable().optional(),
});
export type ItemReleaseVerification = z.infer<typeof ItemReleaseVerification>;

// ---------------------------------------------------------------- passes 出入证

export const PassKind = z.enum(['worker', 'vehicle']);
export type PassKind = z.infer<typeof PassKind>;
export const PassStatus = z.enum(['active', 'revoked']);

export const Pass = z.object({
  id: Id,
  projectId: Id,
  kind: PassKind,
  number: z.string(),
  holderName: z.string(),
  idNumberMasked: z.string().nullable(),
  phone: z.string().nullable(),
  company: z.string().nullable(),
  unitId: Id.nullable(),
  unitLabel: z.string().nullable(),
  plate: z.string().nullable(),
  validFrom: CalendarDate,
  validTo: CalendarDate,
  status: PassStatus,
  /** The answer a check would give now (valid / not_yet_valid / expired / revoked). */
  currentStatus: VerifyStatus,
  revokeReason: z.string().nullable(),
  renovationId: Id.nullable(),
  qrCode: z.string(),
  createdAt: Instant,
});
export type Pass = z.infer<typeof Pass>;

export const CreatePassBody = fromTo(z.strictObject({
  projectId: Id,
  kind: PassKind,
  holderName: Name,
  idNumber: IdNumber.optional(),
  phone: Phone.optional(),
  company: z.string().trim().min(1).max(100).optional(),
  unitId: Id.optional(),
  plate: Plate.optional(),
  validFrom: RealDate,
  validTo: RealDate,
})).refine((v) => v.kind !== 'vehicle' || !!v.plate, { message: 'a vehicle pass needs the plate', path: ['plate'] });
export type CreatePassBody = z.infer<typeof CreatePassBody>;

export const RevokeBody = z.strictObject({ reason: z.string().trim().min(2).max(500) });

export const PassListQuery = ListQuery.extend({
  projectId: Id.optional(),
  kind: PassKind.optional(),
  status: PassStatus.optional(),
  renovationId: Id.optional(),
  /** Only passes good today. */
  validToday: QueryBool.optional(),
});
export type PassListQuery = z.infer<typeof PassListQuery>;

export const PassVerification = z.object({
  status: VerifyStatus,
  checkId: Id.nullable(),
  id: Id.optional(),
  kind: PassKind.optional(),
  number: z.string().optional(),
  holderName: z.string().optional(),
  idNumberMasked: z.string().nullable().optional(),
  company: z.string().nullable().optional(),
  unitLabel: z.string().nullable().optional(),
  plate: z.string().nullable().optional(),
  validFrom: CalendarDate.optional(),
  validTo: CalendarDate.optional(),
  revokeReason: z.string().nullable().optional(),
});
export type PassVerification = z.infer<typeof PassVerification>;

/** One check at a gate: who, when, which gate, what was shown, what it answered. */
export const GateCheck = z.object({
  id: Id,
  projectId: Id.nullable(),
  subject: z.enum(['pass', 'item_release']),
  subjectId: Id.nullable(),
  number: z.string().nullable(),
  result: z.string(),
  action: z.enum(['check', 'release', 'entry']),
  gate: z.string().nullable(),
  checkedBy: z.string().nullable(),
  checkedAt: Instant,
});
export type GateCheck = z.infer<typeof GateCheck>;
export const GateCheckListQuery = ListQuery.extend({
  projectId: Id.optional(),
  subject: z.enum(['pass', 'item_release']).optional(),
  date: CalendarDate.optional(),
});

// ---------------------------------------------------------------- renovation 装修

/**
 * submitted 待审核 → approved 已批准 (conditions) → paid 已缴费 → in_progress 施工中 (permit and
 * worker passes issued) → accepted 验收合格 (or rework 整改中 → re-inspection) → closed 已退押金;
 * rejected 已驳回; cancelled 已取消.
 */
export const RenovationStatus = z.enum(['submitted', 'approved', 'paid', 'in_progress', 'rework', 'accepted', 'closed', 'rejected', 'cancelled']);
export type RenovationStatus = z.infer<typeof RenovationStatus>;

export const RenovationWorker = z.strictObject({ name: Name, idNumber: IdNumber, phone: Phone.optional(), trade: z.string().trim().max(40).optional() });
export const FeeLine = z.strictObject({ name: z.string().trim().min(1).max(60), amountFen: Fen });
export const Deduction = z.strictObject({ reason: z.string().trim().min(2).max(200), amountFen: Fen.min(1) });

export const Violation = z.strictObject({
  description: z.string().trim().min(2).max(500),
  /** Rectify by (project-local date). */
  deadline: RealDate,
  /** Photos uploaded to the renovation (its files). */
  photoFileIds: z.array(Id).max(10).default([]),
});

export const RenovationInspection = z.object({
  id: Id,
  kind: z.enum(['routine', 'acceptance']),
  result: z.enum(['ok', 'violations', 'passed', 'failed']),
  findings: z.string(),
  violations: z.array(z.object({ description: z.string(), deadline: CalendarDate, photoFileIds: z.array(Id) })),
  inspector: z.string().nullable(),
  at: Instant,
});
export type RenovationInspection = z.infer<typeof RenovationInspection>;

export const RenovationExtension = z.object({
  id: Id,
  newEndDate: CalendarDate,
  reason: z.string(),
  status: z.enum(['pending', 'approved', 'rejected']),
  requestedAt: Instant,
  decidedBy: z.string().nullable(),
  decidedAt: Instant.nullable(),
  decisionNote: z.string().nullable(),
});

export const Renovation = z.object({
  id: Id,
  projectId: Id,
  number: z.string(),
  unitId: Id,
  unitNumber: z.string(),
  buildingName: z.string(),
  /** The unit's state now: 装修中 from the permit until acceptance. */
  unitState: UnitState,
  status: RenovationStatus,
  ownerName: z.string(),
  ownerPhone: z.string(),
  contractorCompany: z.string(),
  contractorLicense: z.string().nullable(),
  personInCharge: z.string(),
  personInChargePhone: z.string(),
  workers: z.array(z.object({ name: z.string(), idNumberMasked: z.string(), phone: z.string().nullable(), trade: z.string().nullable() })),
  scope: z.string(),
  plannedStart: CalendarDate,
  plannedEnd: CalendarDate,
  /** The end after approved extensions. */
  approvedEnd: CalendarDate,
  /** Drawings, documents and photos (POST /api/renovations/:id/files). */
  fileIds: z.array(Id),
  conditions: z.string().nullable(),
  rejectReason: z.string().nullable(),
  depositFen: z.number().int().nullable(),
  fees: z.array(z.object({ name: z.string(), amountFen: z.number().int() })),
  paidAt: Instant.nullable(),
  paymentNote: z.string().nullable(),
  /** The billing deposit (装修押金) taken at payment, with its receipt (and the refund's once refunded); null when none was taken. */
  deposit: Deposit.nullable(),
  permitNumber: z.string().nullable(),
  permitIssuedAt: Instant.nullable(),
  deductions: z.array(z.object({ reason: z.string(), amountFen: z.number().int() })),
  refundFen: z.number().int().nullable(),
  refundedAt: Instant.nullable(),
  inspections: z.array(RenovationInspection),
  extensions: z.array(RenovationExtension),
  passIds: z.array(Id),
  createdAt: Instant,
  updatedAt: Instant,
  version: z.number().int(),
});
export type Renovation = z.infer<typeof Renovation>;

export const CreateRenovationBody = z.strictObject({
  unitId: Id,
  ownerName: Name,
  ownerPhone: Phone,
  contractorCompany: z.string().trim().min(2).max(100),
  contractorLicense: z.string().trim().max(60).optional(),
  personInCharge: Name,
  personInChargePhone: Phone,
  workers: z.array(RenovationWorker).min(1).max(50),
  scope: z.string().trim().min(2).max(2000),
  plannedStart: RealDate,
  plannedEnd: RealDate,
}).refine((v) => v.plannedEnd >= v.plannedStart, { message: 'the end date is before the start date', path: ['plannedEnd'] });
export type CreateRenovationBody = z.infer<typeof CreateRenovationBody>;

export const ApproveRenovationBody = z.strictObject({ conditions: z.string().trim().max(2000).optional() });
/** The desk's way of taking or paying back money (direct debit is the bank's, not the counter's). */
const CounterMethod = PaymentMethod.exclude(['direct_debit']);
export const PayRenovationBody = z.strictObject({
  /** 装修押金: taken as a billing deposit with its own receipt when above zero. */
  depositFen: Fen,
  /** How the deposit was paid. */
  method: CounterMethod,
  /** 垃圾清运费 and the like. */
  fees: z.array(FeeLine).max(10),
  note: z.string().trim().max(200).optional(),
});
export const InspectBody = z.strictObject({
  findings: z.string().trim().min(1).max(2000),
  violations: z.array(Violation).max(20).default([]),
});
export const AcceptanceBody = z.strictObject({
  passed: z.boolean(),
  findings: z.string().trim().min(1).max(2000),
  violations: z.array(Violation).max(20).default([]),
});
export const ExtendBody = z.strictObject({ newEndDate: RealDate, reason: z.string().trim().min(2).max(500) });
export const DecideExtensionBody = z.strictObject({ extensionId: Id, approve: z.boolean(), note: z.string().trim().max(500).optional() });
export const RefundBody = z.strictObject({
  deductions: z.array(Deduction).max(20).default([]),
  /** How the rest of the deposit is paid back. */
  method: CounterMethod,
});
export const CancelBody = z.strictObject({ reason: z.string().trim().min(2).max(500) });

export const RenovationListQuery = ListQuery.extend({
  projectId: Id.optional(),
  unitId: Id.optional(),
  status: RenovationStatus.optional(),
  /** Only applications still in progress (not closed, rejected or cancelled). */
  open: QueryBool.optional(),
});
export type RenovationListQuery = z.infer<typeof RenovationListQuery>;

// ---------------------------------------------------------------- visitors 来访登记

export const Visit = z.object({
  id: Id,
  projectId: Id,
  visitorName: z.string(),
  phone: z.string().nullable(),
  idNumberMasked: z.string().nullable(),
  partySize: z.number().int(),
  plate: z.string().nullable(),
  hostUnitId: Id.nullable(),
  hostUnitLabel: z.string().nullable(),
  /** A staff member or shop / office visited (the mall's management office). */
  hostName: z.string().nullable(),
  purpose: z.string(),
  gate: z.string().nullable(),
  checkedInAt: Instant,
  checkedInBy: z.string().nullable(),
  checkedOutAt: Instant.nullable(),
  checkedOutBy: z.string().nullable(),
});
export type Visit = z.infer<typeof Visit>;

export const CreateVisitBody = z.strictObject({
  projectId: Id,
  visitorName: Name,
  phone: Phone.optional(),
  idNumber: IdNumber.optional(),
  partySize: z.number().int().min(1).max(99).default(1),
  plate: Plate.optional(),
  hostUnitId: Id.optional(),
  hostName: z.string().trim().min(1).max(100).optional(),
  purpose: z.string().trim().min(1).max(200),
  gate: z.string().trim().min(1).max(40).optional(),
}).refine((v) => !!v.hostUnitId || !!v.hostName, { message: 'name the unit or the person visited', path: ['hostName'] });
export type CreateVisitBody = z.infer<typeof CreateVisitBody>;

export const VisitListQuery = ListQuery.extend({
  projectId: Id.optional(),
  onSite: QueryBool.optional(),
  /** The record of a day (project-local date). */
  date: CalendarDate.optional(),
});
export type VisitListQuery = z.infer<typeof VisitListQuery>;

export const CheckOutBody = z.strictObject({});

