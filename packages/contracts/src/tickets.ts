/**
 * The service desk (服务台): tickets from every channel, work orders (派工单), SLA policies on the
 * project's working calendar, escalations, return visits (回访), notifications.
 */
import { z } from 'zod';
import { CalendarDate, Id, Instant, ListQuery, Name, Phone, QueryBool } from './common.js';

/** repair 报修, complaint 投诉, consultation 咨询, suggestion 建议, help 求助, praise 表扬 */
export const TicketKind = z.enum(['repair', 'complaint', 'consultation', 'suggestion', 'help', 'praise']);
export type TicketKind = z.infer<typeof TicketKind>;
/** The readable number's prefix per kind: BX-20261129-0007. */
export const TICKET_PREFIX: Record<TicketKind, string> = { repair: 'BX', complaint: 'TS', consultation: 'ZX', suggestion: 'JY', help: 'QZ', praise: 'BY' };

/** phone 电话, walk_in 来访, letter 来函, online, other */
export const Channel = z.enum(['phone', 'walk_in', 'letter', 'online', 'other']);
export type Channel = z.infer<typeof Channel>;

/** new 待处理 → dispatched 已派工 → in_progress 处理中 → resolved 已完成 → visited 已回访 → closed 已关闭; on_hold 挂起; cancelled 已取消; reopened 重新打开 */
export const TicketStatus = z.enum(['new', 'dispatched', 'in_progress', 'on_hold', 'resolved', 'visited', 'closed', 'cancelled', 'reopened']);
export type TicketStatus = z.infer<typeof TicketStatus>;

export const Priority = z.enum(['urgent', 'high', 'normal', 'low']);
export type Priority = z.infer<typeof Priority>;

/** issued → accepted → working → done; returned 退单; transferred 转单 (replaced by a new order) */
export const WorkOrderStatus = z.enum(['issued', 'accepted', 'working', 'done', 'returned', 'transferred']);
export type WorkOrderStatus = z.infer<typeof WorkOrderStatus>;

/** satisfied 满意, basically_satisfied 基本满意, unsatisfied 不满意, unreachable 无法联系 */
export const VisitOutcome = z.enum(['satisfied', 'basically_satisfied', 'unsatisfied', 'unreachable']);
export type VisitOutcome = z.infer<typeof VisitOutcome>;

export const SlaClock = z.enum(['working', 'calendar']);
export const SlaTarget = z.enum(['response', 'arrival', 'resolution']);
export type SlaTarget = z.infer<typeof SlaTarget>;

export const DueAt = z.object({
  response: Instant.nullable(),
  arrival: Instant.nullable().optional(),
  resolution: Instant.nullable(),
});

export const Rating = z.number().int().min(1).max(5);
export const Fen = z.number().int('amounts are whole fen').min(0).max(100_000_000_00);

// ---------------------------------------------------------------- tickets
export const CreateTicketBody = z
  .strictObject({
    projectId: Id,
    kind: TicketKind,
    channel: Channel,
    /** A unit, or a public-area location (公共区域) as text. */
    unitId: Id.optional(),
    location: z.string().trim().min(1).max(200).optional(),
    /** A zone chosen for a public-area request (routes the work order). */
    zoneId: Id.optional(),
    /** A known resident, or a name and phone. */
    requesterResidentId: Id.optional(),
    requesterName: Name.optional(),
    requesterPhone: Phone.optional(),
    categoryId: Id.optional(),
    priority: Priority.default('normal'),
    /** 重大: complaints only; escalates at intake. */
    major: z.boolean().default(false),
    title: z.string().trim().min(1).max(200).optional(),
    description: z.string().trim().min(1).max(4000),
    appointmentFrom: Instant.optional(),
    appointmentTo: Instant.optional(),
    /** Repairs inside a unit: paid (有偿) or free (无偿). */
    paid: z.boolean().optional(),
    /** A consultation answered on the spot: resolved at intake with this answer. */
    answer: z.string().trim().min(1).max(4000).optional(),
  });
export type CreateTicketBody = z.infer<typeof CreateTicketBody>;

export const CreateTicketResponse = z.object({ id: Id, number: z.string(), status: TicketStatus, dueAt: DueAt });

export const TicketEvent = z.object({
  id: Id,
  at: Instant,
  actorId: Id.nullable(),
  actorName: z.string().nullable(),
  type: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  body: z.string().nullable(),
  data: z.unknown().nullable(),
  internal: z.boolean(),
});
export type TicketEvent = z.infer<typeof TicketEvent>;

export const Material = z.strictObject({
  name: z.string().trim().min(1).max(100),
  quantity: z.number().positive().max(100000),
  unitPriceFen: Fen,
});

export const WorkOrder = z.object({
  id: Id,
  projectId: Id,
  ticketId: Id,
  ticketNumber: z.string(),
  number: z.string(),
  teamId: Id,
  teamName: z.string().nullable(),
  technicianId: Id.nullable(),
  technicianName: z.string().nullable(),
  status: WorkOrderStatus,
  note: z.string().nullable(),
  issuedAt: Instant,
  acceptedAt: Instant.nullable(),
  arrivedAt: Instant.nullable(),
  startedAt: Instant.nullable(),
  finishedAt: Instant.nullable(),
  returnReason: z.string().nullable(),
  workDone: z.string().nullable(),
  materials: z.array(Material),
  labourMinutes: z.number().int().nullable(),
  chargeFen: z.number().int().nullable(),
  /** Unguessable code printed as the QR on the work order. */
  qrCode: z.string(),
  version: z.number().int(),
  /** Location and contact shown to the technician. */
  unitLabel: z.string().nullable(),
  location: z.string().nullable(),
  requesterName: z.string().nullable(),
  requesterPhone: z.string().nullable(),
  description: z.string(),
  appointmentFrom: Instant.nullable(),
  appointmentTo: Instant.nullable(),
  paid: z.boolean().nullable(),
  /** The ticket's kind, priority and category, printed on the order. */
  kind: TicketKind,
  priority: Priority,
  categoryName: z.string().nullable(),
  categoryNameEn: z.string().nullable(),
});
export type WorkOrder = z.infer<typeof WorkOrder>;

export const TicketSummary = z.object({
  id: Id,
  projectId: Id,
  projectName: z.string(),
  number: z.string(),
  kind: TicketKind,
  channel: Channel,
  status: TicketStatus,
  priority: Priority,
  major: z.boolean(),
  title: z.string(),
  categoryId: Id.nullable(),
  categoryName: z.string().nullable(),
  unitId: Id.nullable(),
  unitLabel: z.string().nullable(),
  location: z.string().nullable(),
  requesterName: z.string().nullable(),
  requesterPhone: z.string().nullable(),
  teamId: Id.nullable(),
  teamName: z.string().nullable(),
  technicianId: Id.nullable(),
  technicianName: z.string().nullable(),
  assigneeId: Id.nullable(),
  createdAt: Instant,
  updatedAt: Instant,
  dueAt: DueAt,
  overdue: z.boolean(),
  escalationLevel: z.number().int(),
  satisfaction: VisitOutcome.nullable(),
  visitDueAt: Instant.nullable(),
  version: z.number().int(),
});
export type TicketSummary = z.infer<typeof TicketSummary>;

export const Ticket = TicketSummary.extend({
  centerId: Id,
  zoneId: Id.nullable(),
  requesterResidentId: Id.nullable(),
  description: z.string(),
  answer: z.string().nullable(),
  appointmentFrom: Instant.nullable(),
  appointmentTo: Instant.nullable(),
  paid: z.boolean().nullable(),
  slaClock: SlaClock.nullable(),
  respondedAt: Instant.nullable(),
  arrivedAt: Instant.nullable(),
  resolvedAt: Instant.nullable(),
  closedAt: Instant.nullable(),
  holdReason: z.string().nullable(),
  holdUntil: Instant.nullable(),
  cancelReason: z.string().nullable(),
  visitAttempts: z.number().int(),
  reopenCount: z.number().int(),
  validComplaint: z.boolean(),
  complaintAgainstUserId: Id.nullable(),
  complaintAgainstTeamId: Id.nullable(),
  complaintCategory: z.string().nullable(),
  timeline: z.array(TicketEvent),
  workOrders: z.array(WorkOrder),
  /** The actions this user may take now (drives the buttons). */
  actions: z.array(z.string()),
});
export type Ticket = z.infer<typeof Ticket>;

/** Work queues with their counts in the menu. */
export const TicketQueue = z.enum(['mine', 'unassigned', 'overdue', 'due_today', 'awaiting_visit', 'escalated']);
export type TicketQueue = z.infer<typeof TicketQueue>;

export const TicketListQuery = ListQuery.extend({
  status: z.union([TicketStatus, z.string().regex(/^[a-z_]+(,[a-z_]+)*$/)]).optional(),
  kind: TicketKind.optional(),
  channel: Channel.optional(),
  priority: Priority.optional(),
  projectId: Id.optional(),
  unitId: Id.optional(),
  teamId: Id.optional(),
  /** a user id, or "me" */
  assigneeId: z.union([Id, z.literal('me')]).optional(),
  technicianId: z.union([Id, z.literal('me')]).optional(),
  categoryId: Id.optional(),
  overdue: QueryBool.optional(),
  queue: TicketQueue.optional(),
  phoneTail: z.string().regex(/^\d{1,11}$/, 'digits only').optional(),
  satisfaction: VisitOutcome.optional(),
  createdFrom: Instant.optional(),
  createdTo: Instant.optional(),
});
export type TicketListQuery = z.infer<typeof TicketListQuery>;

export const QueueCounts = z.record(TicketQueue, z.number().int());

export const HoldBody = z.strictObject({ reason: z.string().trim().min(1).max(500), until: Instant.optional() });
export const ReasonBody = z.strictObject({ reason: z.string().trim().min(1).max(500) });
export const ResolveBody = z.strictObject({ note: z.string().trim().max(4000).optional(), answer: z.string().trim().max(4000).optional() });
export const EmptyBody = z.strictObject({});
export const CommentBody = z.strictObject({
  body: z.string().trim().min(1).max(4000),
  /** false: a reply the resident sees; true: an internal note. */
  internal: z.boolean().default(true),
});
export const TransferTicketBody = z.strictObject({ centerId: Id, note: z.string().trim().min(1).max(1000) });
export const ExpectedVersion = z.object({ version: z.number().int().optional() });

// ---------------------------------------------------------------- work orders
export const DispatchBody = z.strictObject({ teamId: Id.optional(), technicianId: Id.optional(), note: z.string().trim().max(1000).optional() });
export const DispatchResponse = z.object({ workOrder: z.object({ id: Id, number: z.string(), teamId: Id, status: WorkOrderStatus }) });
export const StartWorkBody = z.strictObject({ arrivedAt: Instant.optional() });
export const ReturnWorkBody = z.strictObject({ reason: z.string().trim().min(1).max(500) });
export const TransferWorkBody = z.strictObject({ teamId: Id.optional(), technicianId: Id.optional(), note: z.string().trim().max(1000).optional() });
export const FinishWorkBody = z.strictObject({
  workDone: z.string().trim().min(1).max(4000),
  materials: z.array(Material).max(100).default([]),
  labourMinutes: z.number().int().min(0).max(100_000),
  /** The charge to the resident for a paid repair, integer fen. */
  chargeFen: Fen.optional(),
});
export const WorkOrderListQuery = ListQuery.extend({
  technicianId: z.union([Id, z.literal('me')]).optional(),
  teamId: Id.optional(),
  status: z.union([WorkOrderStatus, z.string().regex(/^[a-z_]+(,[a-z_]+)*$/)]).optional(),
  projectId: Id.optional(),
});

// ---------------------------------------------------------------- return visits
export const ReturnVisitBody = z.strictObject({
  outcome: VisitOutcome,
  serviceRating: Rating.optional(),
  technicianRating: Rating.optional(),
  comment: z.string().trim().max(2000).optional(),
  /** 有效投诉: a valid complaint against a staff member or a team, with its category. */
  validComplaint: z
    .strictObject({ againstUserId: Id.optional(), againstTeamId: Id.optional(), category: z.string().trim().min(1).max(60) })
    .optional(),
});
export const ReturnVisit = z.object({
  id: Id,
  ticketId: Id,
  attempt: z.number().int(),
  outcome: VisitOutcome,
  serviceRating: z.number().int().nullable(),
  technicianRating: z.number().int().nullable(),
  comment: z.string().nullable(),
  visitedBy: Id.nullable(),
  at: Instant,
});

// ---------------------------------------------------------------- SLA and calendars
export const SlaPolicy = z.object({
  projectId: Id,
  kind: TicketKind,
  priority: Priority,
  responseMinutes: z.number().int().min(1).max(525_600),
  arrivalMinutes: z.number().int().min(1).max(525_600).nullable(),
  resolutionMinutes: z.number().int().min(1).max(525_600),
  clock: SlaClock,
  warnPercent: z.number().int().min(1).max(99),
});
export type SlaPolicy = z.infer<typeof SlaPolicy>;
export const SlaPolicyQuery = z.object({ projectId: Id });
export const PutSlaPoliciesBody = z.strictObject({
  projectId: Id,
  policies: z.array(SlaPolicy.omit({ projectId: true }).strict()).min(1).max(24),
});

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM');
export const WorkingHours = z.record(z.enum(['0', '1', '2', '3', '4', '5', '6']), z.array(z.tuple([HHMM, HHMM])).max(4));
export type WorkingHours = z.infer<typeof WorkingHours>;
export const CalendarDay = z.object({ date: CalendarDate, type: z.enum(['holiday', 'workday']), name: z.string().max(60).nullable().optional() });
export const Calendar = z.object({
  projectId: Id,
  timezone: z.string(),
  /** Working hours per weekday, "0" = Sunday. */
  workingHours: WorkingHours,
  /** PRC public holidays and make-up workdays (调休), and the project's own. */
  days: z.array(CalendarDay),
  visitDueMinutes: z.number().int().min(1).max(525_600),
  visitMaxAttempts: z.number().int().min(1).max(10),
});
export type Calendar = z.infer<typeof Calendar>;
export const PutCalendarBody = Calendar.omit({ projectId: true, timezone: true }).strict();
/** GET|PUT /api/calendars/:projectId */
export const CalendarParams = z.object({ projectId: Id });
/** A project's policy in force for kind × priority; `configured: false` where the built-in default applies. */
export const SlaPolicyEntry = SlaPolicy.extend({ configured: z.boolean() });
export type SlaPolicyEntry = z.infer<typeof SlaPolicyEntry>;
/** GET|PUT /api/sla-policies: all 24 kind × priority policies of the project. */
export const SlaPolicies = z.object({ projectId: Id, policies: z.array(SlaPolicyEntry) });
export type SlaPolicies = z.infer<typeof SlaPolicies>;

// ---------------------------------------------------------------- categories, escalations, notifications
export const TicketCategory = z.object({
  id: Id,
  projectId: Id.nullable(),
  kind: TicketKind,
  parentId: Id.nullable(),
  name: z.string(),
  nameEn: z.string(),
  sort: z.number().int(),
  active: z.boolean(),
});
export type TicketCategory = z.infer<typeof TicketCategory>;
export const CreateCategoryBody = z.strictObject({
  projectId: Id.nullable().optional(),
  kind: TicketKind,
  parentId: Id.nullable().optional(),
  name: z.string().trim().min(1).max(60),
  nameEn: z.string().trim().min(1).max(60),
  sort: z.number().int().min(0).max(10000).default(0),
});
export const CategoryListQuery = z.object({
  kind: TicketKind.optional(),
  projectId: Id.optional(),
  /** true: only active categories (the intake form); false: only the retired ones. */
  active: QueryBool.optional(),
});
/** PATCH /api/ticket-categories/:id: rename, re-sort, retire or revive. */
export const UpdateCategoryBody = z.strictObject({
  name: z.string().trim().min(1).max(60).optional(),
  nameEn: z.string().trim().min(1).max(60).optional(),
  sort: z.number().int().min(0).max(10000).optional(),
  active: z.boolean().optional(),
});
export type UpdateCategoryBody = z.infer<typeof UpdateCategoryBody>;
/** The tree as a flat list (children point at parentId), ordered by sort then name. */
export const CategoryList = z.object({ items: z.array(TicketCategory) });

export const Escalation = z.object({
  id: Id,
  ticketId: Id,
  ticketNumber: z.string(),
  ticketTitle: z.string(),
  projectId: Id,
  level: z.number().int(),
  target: z.string(),
  reason: z.string(),
  dueAt: Instant.nullable(),
  at: Instant,
  acknowledgedBy: Id.nullable(),
  acknowledgedAt: Instant.nullable(),
});
export type Escalation = z.infer<typeof Escalation>;
export const EscalationListQuery = ListQuery.extend({ projectId: Id.optional(), level: z.coerce.number().int().min(1).max(2).optional(), acknowledged: QueryBool.optional() });

export const Notification = z.object({
  id: Id,
  type: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  createdAt: Instant,
  readAt: Instant.nullable(),
});
export type Notification = z.infer<typeof Notification>;
export const NotificationListQuery = ListQuery.extend({ unread: QueryBool.optional() });
/** The bell's badge. */
export const UnreadCount = z.object({ count: z.number().int() });
/** How many notifications "mark all read" changed. */
export const ReadAllResponse = z.object({ updated: z.number().int() });

// ---------------------------------------------------------------- added with the tickets module
/** GET /api/tickets/counts: the menu badges, optionally for one project. */
export const TicketCountsQuery = z.object({ projectId: Id.optional() });
/** GET /api/tickets/export: the list's filters, without paging. */
export const TicketExportQuery = TicketListQuery.omit({ page: true, pageSize: true });
export type TicketExportQuery = z.infer<typeof TicketExportQuery>;
/** The team leader (or a dispatcher) names the technician of an order nobody has accepted yet. */
export const AssignWorkBody = z.strictObject({ technicianId: Id });
/** GET /api/work-orders/by-code/:code — the QR printed on the work order. */
export const WorkOrderCodeParams = z.object({ code: z.string().min(16).max(64).regex(/^[A-Za-z0-9_-]+$/, 'invalid code') });

/** GET /api/return-visits/queue: tickets awaiting their return visit, the most urgent first. */
export const VisitQueueQuery = ListQuery.extend({ projectId: Id.optional() });
/** One call to make, with what the call script needs. */
export const VisitQueueItem = TicketSummary.extend({
  kindLabel: z.string(),
  resolvedAt: Instant.nullable(),
  visitAttempts: z.number().int(),
  visitMaxAttempts: z.number().int(),
  /** The finishing work order's technician and what was done (repairs). */
  workDone: z.string().nullable(),
  finishedAt: Instant.nullable(),
  lastVisit: ReturnVisit.nullable(),
});
export type VisitQueueItem = z.infer<typeof VisitQueueItem>;
export const ReturnVisitResponse = z.object({ visit: ReturnVisit, status: TicketStatus, satisfaction: VisitOutcome.nullable() });

// ---------------------------------------------------------------- added with the files module
/** What a file belongs to: a ticket (the resident's photos, documents) or a work order (completion photos). */
/** ticket · work_order · renovation (装修: drawings, documents, inspection photos) */
export const AttachmentOwner = z.enum(['ticket', 'work_order', 'renovation']);
export type AttachmentOwner = z.infer<typeof AttachmentOwner>;
/** photo / document on a ticket; completion (完工照片, the default), photo or document on a work order. */
export const AttachmentPurpose = z.enum(['photo', 'document', 'completion']);
export type AttachmentPurpose = z.infer<typeof AttachmentPurpose>;
/** Accepted file types, by their content (the server checks the bytes, not the name). */
export const ATTACHMENT_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf'] as const;
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENTS_PER_OWNER_MAX = 20;
/** A stored file's description (its bytes come from GET /api/files/:id). */
export const Attachment = z.object({
  id: Id,
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  purpose: AttachmentPurpose.nullable(),
  ownerType: AttachmentOwner,
  ownerId: Id,
  createdBy: Id.nullable(),
  createdByName: z.string().nullable(),
  createdAt: Instant,
});
export type Attachment = z.infer<typeof Attachment>;
/** A ticket's files with those of its work orders, or a work order's with those of its ticket; oldest first (at most 20 per owner). */
export const AttachmentList = z.object({ items: z.array(Attachment) });
export type AttachmentList = z.infer<typeof AttachmentList>;
