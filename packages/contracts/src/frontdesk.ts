/**
 * Front-desk operations (前台运营): desks and opening hours, the duty roster and its coverage
 * check (no empty post, 不允许有空岗), covers for short absences (代岗), shift handover (交接班),
 * opening/closing checklists, key custody, the call log, the phone directory, incidents (突发事件)
 * and notices/instructions (通知/指令, 上传下达).
 */
import { z } from 'zod';
import { CalendarDate, Id, Instant, ListQuery, Name, QueryBool } from './common.js';
import { TicketKind, Priority } from './tickets.js';

/** "HH:MM" on a 24-hour clock; "24:00" closes at midnight. */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected HH:MM');
/** A local period of a day; an end at or before the start runs past midnight into the next day. */
export const OpenPeriod = z.tuple([ClockTime, ClockTime]);
export const DayHours = z.array(OpenPeriod).max(4);
/** Opening hours per day type (工作日 / 周末 / 节假日). */
export const DeskHours = z.strictObject({ weekday: DayHours, weekend: DayHours, holiday: DayHours.default([]) });
export type DeskHours = z.infer<typeof DeskHours>;
/** Public holidays are open as on a weekend, as on a weekday, or with the desk's own holiday hours. */
export const HolidayRule = z.enum(['weekend', 'weekday', 'own']);
export type HolidayRule = z.infer<typeof HolidayRule>;
export const DayType = z.enum(['weekday', 'weekend', 'holiday']);
export type DayType = z.infer<typeof DayType>;

export const Desk = z.object({
  id: Id,
  projectId: Id,
  projectName: z.string().nullable(),
  /** The project's time zone: opening hours and shifts are read on its clock. */
  timezone: z.string(),
  name: z.string(),
  location: z.string().nullable(),
  phone: z.string().nullable(),
  hours: DeskHours,
  holidayRule: HolidayRule,
  /** Rest-day rule: nobody works more than this many days in a row. */
  maxConsecutiveDays: z.number().int(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Desk = z.infer<typeof Desk>;
export const CreateDeskBody = z.strictObject({
  projectId: Id,
  name: Name,
  location: z.string().trim().max(200).optional(),
  phone: z.string().trim().max(40).optional(),
  hours: DeskHours,
  holidayRule: HolidayRule.default('weekend'),
  maxConsecutiveDays: z.number().int().min(1).max(14).default(6),
});
export type CreateDeskBody = z.infer<typeof CreateDeskBody>;
export const UpdateDeskBody = CreateDeskBody.omit({ projectId: true }).partial();
export type UpdateDeskBody = z.infer<typeof UpdateDeskBody>;
export const DeskListQuery = ListQuery.extend({ projectId: Id.optional() });

/** from/to: business dates in the project's time zone, inclusive, at most 62 days. */
export const DateRangeQuery = z.object({ from: CalendarDate, to: CalendarDate });
export const CoverageGap = z.object({ start: Instant, end: Instant, minutes: z.number().int() });
export type CoverageGap = z.infer<typeof CoverageGap>;
export const Coverage = z.object({
  gaps: z.array(CoverageGap),
  coveredMinutes: z.number().int(),
  openMinutes: z.number().int(),
  /** Each date's day type and opening periods (for drawing the month grid). */
  days: z.array(z.object({ date: CalendarDate, dayType: DayType, open: z.array(z.object({ start: Instant, end: Instant })) })).optional(),
});
export type Coverage = z.infer<typeof Coverage>;

export const RestViolation = z.object({
  userId: Id,
  userName: z.string().nullable(),
  from: CalendarDate,
  to: CalendarDate,
  days: z.number().int(),
  /** The proposed rest day (the first day past the limit). */
  suggestedRestDate: CalendarDate,
});
export type RestViolation = z.infer<typeof RestViolation>;
export const RestCheck = z.object({ maxConsecutiveDays: z.number().int(), violations: z.array(RestViolation) });

export const Cover = z.object({
  id: Id,
  shiftId: Id,
  coverUserId: Id,
  coverUserName: z.string().nullable(),
  from: Instant,
  to: Instant,
  reason: z.string(),
  returnedAt: Instant.nullable(),
  /** Not back by `to`: the post is empty since. */
  overdue: z.boolean(),
  createdAt: Instant,
});
export type Cover = z.infer<typeof Cover>;

export const Shift = z.object({
  id: Id,
  projectId: Id,
  deskId: Id,
  userId: Id,
  userName: z.string().nullable(),
  /** The business date the shift starts on. */
  date: CalendarDate,
  startAt: Instant,
  endAt: Instant,
  note: z.string().nullable(),
  covers: z.array(Cover),
  createdAt: Instant,
});
export type Shift = z.infer<typeof Shift>;
export const CreateShiftBody = z.strictObject({
  deskId: Id,
  userId: Id,
  startAt: Instant,
  endAt: Instant,
  note: z.string().trim().max(200).optional(),
});
export type CreateShiftBody = z.infer<typeof CreateShiftBody>;
export const ShiftListQuery = ListQuery.extend({
  deskId: Id.optional(),
  projectId: Id.optional(),
  userId: Id.optional(),
  from: CalendarDate.optional(),
  to: CalendarDate.optional(),
  pageSize: z.coerce.number().int().min(1).max(200).default(200),
});

export const CreateCoverBody = z.strictObject({
  shiftId: Id,
  coverUserId: Id,
  from: Instant,
  to: Instant,
  reason: z.string().trim().min(1).max(200),
});
export type CreateCoverBody = z.infer<typeof CreateCoverBody>;

// ---------------------------------------------------------------- handover

export const HandoverItems = z.object({
  tickets: z.array(z.object({ id: Id, number: z.string(), title: z.string(), status: z.string() })),
  keysOut: z.array(z.object({ keyId: Id, label: z.string(), borrower: z.string(), dueAt: Instant })),
  visitorsOnSite: z.string().nullable(),
});
export const Handover = z.object({
  id: Id,
  projectId: Id,
  deskId: Id,
  fromUserId: Id,
  fromUserName: z.string().nullable(),
  toUserId: Id,
  toUserName: z.string().nullable(),
  notes: z.string(),
  items: HandoverItems,
  createdAt: Instant,
  acknowledgedAt: Instant.nullable(),
  ackNote: z.string().nullable(),
});
export type Handover = z.infer<typeof Handover>;
export const CreateHandoverBody = z.strictObject({
  deskId: Id,
  toUserId: Id,
  notes: z.string().trim().min(1).max(2000),
  ticketIds: z.array(Id).max(50).default([]),
  visitorsOnSite: z.string().trim().max(500).optional(),
});
export type CreateHandoverBody = z.infer<typeof CreateHandoverBody>;
export const AcknowledgeHandoverBody = z.strictObject({ note: z.string().trim().max(500).optional() });
export const HandoverListQuery = ListQuery.extend({ deskId: Id.optional(), projectId: Id.optional(), pending: QueryBool.optional() });

// ---------------------------------------------------------------- checklists

export const ChecklistKind = z.enum(['opening', 'closing', 'other']);
/** An item is due relative to the day's opening or closing time (e.g. music off 10 minutes before closing: close, -10). */
export const ChecklistItemDef = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,20}$/).optional(),
  text: z.string().trim().min(1).max(200),
  anchor: z.enum(['open', 'close']),
  offsetMinutes: z.number().int().min(-240).max(240),
});
export type ChecklistItemDef = z.infer<typeof ChecklistItemDef>;
export const ChecklistTemplate = z.object({
  id: Id,
  projectId: Id,
  deskId: Id,
  name: z.string(),
  kind: ChecklistKind,
  items: z.array(ChecklistItemDef.required({ id: true })),
  active: z.boolean(),
  updatedAt: Instant,
});
export type ChecklistTemplate = z.infer<typeof ChecklistTemplate>;
export const CreateChecklistTemplateBody = z.strictObject({
  deskId: Id,
  name: Name,
  kind: ChecklistKind,
  items: z.array(ChecklistItemDef).min(1).max(40),
});
export const UpdateChecklistTemplateBody = z.strictObject({
  name: Name.optional(),
  items: z.array(ChecklistItemDef).min(1).max(40).optional(),
  active: z.boolean().optional(),
});
export const ChecklistTemplateListQuery = ListQuery.extend({ deskId: Id.optional(), projectId: Id.optional() });

export const ChecklistRunItem = z.object({
  id: z.string(),
  text: z.string(),
  dueAt: Instant,
  checkedAt: Instant.nullable(),
  checkedBy: z.string().nullable(),
  late: z.boolean(),
});
export const ChecklistRun = z.object({
  id: Id,
  projectId: Id,
  deskId: Id,
  templateId: Id,
  name: z.string(),
  kind: ChecklistKind,
  date: CalendarDate,
  items: z.array(ChecklistRunItem),
  done: z.number().int(),
  lateCount: z.number().int(),
});
export type ChecklistRun = z.infer<typeof ChecklistRun>;
/** Opens the day's runs of every active template of the desk (idempotent). */
export const OpenChecklistRunsBody = z.strictObject({ deskId: Id, date: CalendarDate });
export const ChecklistRunListQuery = ListQuery.extend({ deskId: Id.optional(), projectId: Id.optional(), date: CalendarDate.optional(), late: QueryBool.optional() });
export const ChecklistItemParams = z.object({ id: Id, itemId: z.string().regex(/^[a-z0-9-]{1,20}$/) });

// ---------------------------------------------------------------- keys

export const KeyLoan = z.object({
  id: Id,
  keyId: Id,
  borrower: z.string(),
  borrowerPhone: z.string().nullable(),
  purpose: z.string(),
  lentAt: Instant,
  dueAt: Instant,
  returnedAt: Instant.nullable(),
  lentByName: z.string().nullable(),
  overdue: z.boolean(),
});
export type KeyLoan = z.infer<typeof KeyLoan>;
export const DeskKey = z.object({
  id: Id,
  projectId: Id,
  label: z.string(),
  opens: z.string(),
  unitId: Id.nullable(),
  unitNumber: z.string().nullable(),
  /** The unit's building (with unitNumber: "3栋 1201"). */
  buildingName: z.string().nullable(),
  location: z.string(),
  copies: z.number().int(),
  out: z.number().int(),
  loans: z.array(KeyLoan),
  createdAt: Instant,
});
export type DeskKey = z.infer<typeof DeskKey>;
export const CreateKeyBody = z.strictObject({
  projectId: Id,
  label: z.string().trim().min(1).max(60),
  opens: z.string().trim().min(1).max(200),
  unitId: Id.optional(),
  location: z.string().trim().min(1).max(100),
  copies: z.number().int().min(1).max(20).default(1),
});
/** Correcting a key's record: any of its fields; `unitId: null` when it opens no unit after all. */
export const UpdateKeyBody = z.strictObject({
  label: z.string().trim().min(1).max(60).optional(),
  opens: z.string().trim().min(1).max(200).optional(),
  unitId: Id.nullable().optional(),
  location: z.string().trim().min(1).max(100).optional(),
  copies: z.number().int().min(1).max(20).optional(),
});
export const KeyListQuery = ListQuery.extend({ projectId: Id.optional(), out: QueryBool.optional(), overdue: QueryBool.optional() });
export const LendKeyBody = z.strictObject({
  borrower: Name,
  borrowerPhone: z.string().trim().max(40).optional(),
  purpose: z.string().trim().min(1).max(200),
  dueAt: Instant,
});
export const ReturnKeyBody = z.strictObject({ loanId: Id.optional() });
export const KeyHistory = z.object({ items: z.array(KeyLoan) });

// ---------------------------------------------------------------- calls

export const CallDirection = z.enum(['in', 'out']);
export const Call = z.object({
  id: Id,
  projectId: Id,
  direction: CallDirection,
  number: z.string(),
  callerName: z.string().nullable(),
  residentId: Id.nullable(),
  at: Instant,
  withinThreeRings: z.boolean().nullable(),
  ringSeconds: z.number().int().nullable(),
  keyPoints: z.string(),
  callbackNeeded: z.boolean(),
  callbackDueAt: Instant.nullable(),
  callbackDoneAt: Instant.nullable(),
  callbackNote: z.string().nullable(),
  callbackOverdue: z.boolean(),
  ticketId: Id.nullable(),
  ticketNumber: z.string().nullable(),
  takenByName: z.string().nullable(),
});
export type Call = z.infer<typeof Call>;
export const CreateCallBody = z.strictObject({
  projectId: Id,
  direction: CallDirection.default('in'),
  number: z.string().trim().min(3).max(40).regex(/^[0-9+\-() ]+$/, 'digits only'),
  callerName: z.string().trim().max(100).optional(),
  at: Instant.optional(),
  withinThreeRings: z.boolean().optional(),
  ringSeconds: z.number().int().min(0).max(600).optional(),
  keyPoints: z.string().trim().min(1).max(2000),
  callbackNeeded: z.boolean().default(false),
  callbackDueAt: Instant.optional(),
});
export const CallListQuery = ListQuery.extend({ projectId: Id.optional(), callbackPending: QueryBool.optional(), overdue: QueryBool.optional() });
export const CallbackDoneBody = z.strictObject({ note: z.string().trim().min(1).max(1000) });
export const CallToTicketBody = z.strictObject({
  kind: TicketKind,
  priority: Priority.default('normal'),
  unitId: Id.optional(),
  location: z.string().trim().min(1).max(200).optional(),
  description: z.string().trim().min(1).max(4000).optional(),
});

// ---------------------------------------------------------------- directory

export const DirectoryCategory = z.enum(['department', 'staff', 'supplier', 'utility', 'emergency', 'other']);
export const DirectoryEntry = z.object({
  id: Id,
  projectId: Id,
  category: DirectoryCategory,
  internal: z.boolean(),
  name: z.string(),
  organization: z.string().nullable(),
  title: z.string().nullable(),
  /** Masked (138****5678) for confidential entries unless the caller may reveal them. */
  phone: z.string(),
  altPhone: z.string().nullable(),
  confidential: z.boolean(),
  masked: z.boolean(),
  note: z.string().nullable(),
  confirmedAt: Instant,
  /** Not confirmed for 90 days: check it. */
  stale: z.boolean(),
  updatedAt: Instant,
});
export type DirectoryEntry = z.infer<typeof DirectoryEntry>;
const DirPhone = z.string().trim().min(3).max(40).regex(/^[0-9+\-() ]+$/, 'digits only');
export const CreateDirectoryEntryBody = z.strictObject({
  projectId: Id,
  category: DirectoryCategory,
  internal: z.boolean().default(true),
  name: Name,
  organization: z.string().trim().max(100).optional(),
  title: z.string().trim().max(100).optional(),
  phone: DirPhone,
  altPhone: DirPhone.optional(),
  confidential: z.boolean().default(false),
  note: z.string().trim().max(500).optional(),
});
export const UpdateDirectoryEntryBody = CreateDirectoryEntryBody.omit({ projectId: true }).partial().extend({ altPhone: DirPhone.nullable().optional() });
export const DirectoryListQuery = ListQuery.extend({ projectId: Id.optional(), category: DirectoryCategory.optional(), stale: QueryBool.optional() });
export const DirectoryReveal = z.object({ id: Id, phone: z.string(), altPhone: z.string().nullable() });

// ---------------------------------------------------------------- incidents

export const Severity = z.enum(['low', 'medium', 'high', 'critical']);
export type Severity = z.infer<typeof Severity>;
export const EscalationTarget = z.enum(['supervisor', 'operations', 'director']);
export type EscalationTarget = z.infer<typeof EscalationTarget>;
export const IncidentStatus = z.enum(['open', 'closed']);
export const Incident = z.object({
  id: Id,
  projectId: Id,
  title: z.string(),
  description: z.string(),
  location: z.string(),
  severity: Severity,
  status: IncidentStatus,
  reportedBy: z.string(),
  occurredAt: Instant,
  escalations: z.array(z.object({ target: EscalationTarget, notifiedAt: Instant, acknowledgedAt: Instant.nullable(), acknowledgedByName: z.string().nullable() })),
  actions: z.array(z.object({ id: Id, at: Instant, byName: z.string().nullable(), text: z.string() })),
  outcome: z.string().nullable(),
  closedAt: Instant.nullable(),
  createdAt: Instant,
});
export type Incident = z.infer<typeof Incident>;
export const CreateIncidentBody = z.strictObject({
  projectId: Id,
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(4000),
  location: z.string().trim().min(1).max(200),
  severity: Severity,
  reportedBy: z.string().trim().min(1).max(100),
  occurredAt: Instant.optional(),
});
export const IncidentActionBody = z.strictObject({ text: z.string().trim().min(1).max(2000), severity: Severity.optional() });
export const IncidentAckBody = z.strictObject({ target: EscalationTarget });
export const IncidentCloseBody = z.strictObject({ outcome: z.string().trim().min(1).max(2000) });
export const IncidentListQuery = ListQuery.extend({ projectId: Id.optional(), status: IncidentStatus.optional(), severity: Severity.optional() });

// ---------------------------------------------------------------- notices

export const NoticeDirection = z.enum(['down', 'up']);
/**
 * A file for a notice, uploaded before publishing (POST /api/notices/files, multipart: field
 * "file", field "projectId"; images or PDF up to 10 MB) and named in attachmentIds; its bytes come
 * from GET /api/files/:id for whoever may read the notice.
 */
export const NoticeFile = z.object({ id: Id, name: z.string(), mime: z.string(), size: z.number().int() });
export type NoticeFile = z.infer<typeof NoticeFile>;
export const NoticeKind = z.enum(['notice', 'instruction', 'report']);
export const Notice = z.object({
  id: Id,
  projectId: Id,
  direction: NoticeDirection,
  kind: NoticeKind,
  title: z.string(),
  body: z.string(),
  audienceRoles: z.array(z.string()),
  requireAck: z.boolean(),
  pinned: z.boolean(),
  attachmentIds: z.array(Id),
  attachments: z.array(NoticeFile),
  authorName: z.string().nullable(),
  createdAt: Instant,
  recipients: z.number().int(),
  readCount: z.number().int(),
  ackCount: z.number().int(),
  /** The caller's own receipt, when the caller is a recipient. */
  mine: z.object({ readAt: Instant.nullable(), acknowledgedAt: Instant.nullable() }).nullable(),
});
export type Notice = z.infer<typeof Notice>;
export const NoticeReceipts = z.object({
  items: z.array(z.object({ userId: Id, userName: z.string().nullable(), readAt: Instant.nullable(), acknowledgedAt: Instant.nullable() })),
});
export const CreateNoticeBody = z.strictObject({
  projectId: Id,
  direction: NoticeDirection.default('down'),
  kind: NoticeKind.default('notice'),
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(8000),
  /** Downward: the built-in role codes it goes to (all staff of the project when empty). */
  audienceRoles: z.array(z.string().regex(/^[a-z_]{2,40}$/)).max(10).default([]),
  requireAck: z.boolean().default(false),
  pinned: z.boolean().default(false),
  attachmentIds: z.array(Id).max(10).default([]),
});
export const NoticeListQuery = ListQuery.extend({ projectId: Id.optional(), pinned: QueryBool.optional(), unread: QueryBool.optional(), direction: NoticeDirection.optional() });

// ---------------------------------------------------------------- today's desk view

export const DeskToday = z.object({
  desk: Desk,
  date: CalendarDate,
  dayType: DayType,
  open: z.array(z.object({ start: Instant, end: Instant })),
  onDuty: z.array(Shift),
  gaps: z.array(CoverageGap),
  checklists: z.array(ChecklistRun),
  keysOut: z.array(KeyLoan.extend({ keyLabel: z.string() })),
  callbacksDue: z.array(Call),
  pendingHandovers: z.array(Handover),
  visitorsOnSite: z.string().nullable(),
  pinnedNotices: z.array(Notice),
});
export type DeskToday = z.infer<typeof DeskToday>;
