/**
 * Row types of every table, as Kysely sees them. Timestamps are ISO UTC text, calendar dates
 * YYYY-MM-DD text, booleans 0/1 integers, JSON as text: one representation on SQLite and PostgreSQL.
 */
import type { Generated } from 'kysely';

export interface OrgUnitsTable {
  id: string;
  parent_id: string | null;
  kind: string;
  name: string;
  code: string | null;
  project_type: string | null;
  address: string | null;
  phone: string | null;
  timezone: string;
  /** Materialized path "/root/…/self/": a subtree is every row whose path starts with it. */
  path: string;
  project_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface UnitsTable {
  id: string;
  project_id: string;
  building_id: string;
  number: string;
  floor: number;
  gross_area: number;
  kind: string;
  state: string;
  note: string | null;
  created_at: string;
  updated_at: string;
}

export interface ZonesTable {
  id: string;
  project_id: string;
  name: string;
  team_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface ZoneBuildingsTable {
  zone_id: string;
  building_id: string;
  project_id: string;
}

export interface ResidentsTable {
  id: string;
  project_id: string;
  name: string;
  phone: string;
  /** Reversed phone, so "phone ends with 1234" is an indexed prefix search. */
  phone_rev: string;
  id_number: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

export interface ResidentUnitsTable {
  id: string;
  project_id: string;
  resident_id: string;
  unit_id: string;
  relation: string;
  start_date: string | null;
  end_date: string | null;
  created_at: string;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  phone: string | null;
  position: string | null;
  org_unit_id: string | null;
  password_hash: string;
  must_change_password: number;
  locale: string;
  active: number;
  failed_logins: number;
  locked_until: string | null;
  education: string | null;
  birth_date: string | null;
  health_cert_expiry: string | null;
  experience_years: number | null;
  skills: string;
  trainings: string;
  created_at: string;
  updated_at: string;
}

export interface RolesTable {
  id: string;
  code: string;
  name: string;
  name_en: string;
  permissions: string;
  builtin: number;
  created_at: string;
}

export interface RoleGrantsTable {
  id: string;
  user_id: string;
  role_id: string;
  org_unit_id: string;
  created_at: string;
}

export interface TeamsTable {
  id: string;
  project_id: string;
  name: string;
  kind: string;
  leader_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface TeamMembersTable {
  team_id: string;
  user_id: string;
}

export interface SessionsTable {
  /** sha256 of the cookie value: a leaked database does not hand out live sessions. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  project_id: string | null;
  changes: string | null;
  ip: string | null;
}

export interface CountersTable {
  key: string;
  value: number;
}

export interface JobLeasesTable {
  name: string;
  holder: string;
  lease_until: string;
}

export interface TicketCategoriesTable {
  id: string;
  project_id: string | null;
  kind: string;
  parent_id: string | null;
  name: string;
  name_en: string;
  sort: number;
  active: number;
  created_at: string;
}

export interface TicketsTable {
  id: string;
  project_id: string;
  center_id: string;
  number: string;
  kind: string;
  channel: string;
  status: string;
  priority: string;
  major: number;
  category_id: string | null;
  unit_id: string | null;
  building_id: string | null;
  location: string | null;
  zone_id: string | null;
  requester_resident_id: string | null;
  requester_name: string | null;
  requester_phone: string | null;
  requester_phone_rev: string | null;
  title: string;
  description: string;
  answer: string | null;
  appointment_from: string | null;
  appointment_to: string | null;
  paid: number | null;
  team_id: string | null;
  technician_id: string | null;
  assignee_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  sla_clock: string | null;
  response_due_at: string | null;
  arrival_due_at: string | null;
  resolution_due_at: string | null;
  responded_at: string | null;
  arrived_at: string | null;
  resolved_at: string | null;
  closed_at: string | null;
  sla_remaining: string | null;
  hold_reason: string | null;
  hold_until: string | null;
  status_before_hold: string | null;
  cancel_reason: string | null;
  escalation_level: number;
  visit_due_at: string | null;
  visit_attempts: number;
  satisfaction: string | null;
  reopen_count: number;
  valid_complaint: number;
  complaint_against_user_id: string | null;
  complaint_against_team_id: string | null;
  complaint_category: string | null;
}

export interface TicketEventsTable {
  id: string;
  ticket_id: string;
  project_id: string;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  type: string;
  from_status: string | null;
  to_status: string | null;
  body: string | null;
  data: string | null;
  internal: number;
}

export interface FilesTable {
  id: string;
  project_id: string;
  owner_type: string;
  owner_id: string;
  purpose: string | null;
  name: string;
  mime: string;
  size: number;
  content: Buffer;
  created_by: string | null;
  created_at: string;
}

export interface WorkOrdersTable {
  id: string;
  project_id: string;
  ticket_id: string;
  number: string;
  team_id: string;
  technician_id: string | null;
  status: string;
  note: string | null;
  issued_by: string | null;
  issued_at: string;
  accepted_at: string | null;
  arrived_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  return_reason: string | null;
  work_done: string | null;
  materials: string;
  labour_minutes: number | null;
  charge_fen: number | null;
  qr_code: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface SlaPoliciesTable {
  id: string;
  project_id: string;
  kind: string;
  priority: string;
  response_minutes: number;
  arrival_minutes: number | null;
  resolution_minutes: number;
  clock: string;
  warn_percent: number;
  updated_at: string;
}

export interface CalendarsTable {
  project_id: string;
  working_hours: string;
  visit_due_minutes: number;
  visit_max_attempts: number;
  updated_at: string;
}

export interface CalendarDaysTable {
  project_id: string;
  date: string;
  type: string;
  name: string | null;
}

export interface EscalationsTable {
  id: string;
  ticket_id: string;
  project_id: string;
  /** The ticket's reopen_count when recorded: escalations are once per (ticket, cycle, target, reason, level). */
  cycle: number;
  level: number;
  target: string;
  reason: string;
  due_at: string | null;
  at: string;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
}

export interface ReturnVisitsTable {
  id: string;
  ticket_id: string;
  project_id: string;
  attempt: number;
  outcome: string;
  service_rating: number | null;
  technician_rating: number | null;
  comment: string | null;
  visited_by: string | null;
  at: string;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  project_id: string | null;
  type: string;
  title: string;
  body: string | null;
  link: string | null;
  created_at: string;
  read_at: string | null;
}

export interface OutboxTable {
  id: string;
  project_id: string | null;
  channel: string;
  recipient: string;
  subject: string | null;
  body: string;
  status: string;
  attempts: number;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  /** When a sender took the message (status 'sending'). */
  claimed_at: string | null;
}

// ---------------------------------------------------------------- billing (0007_billing)

export interface FeeItemsTable {
  id: string;
  project_id: string;
  name: string;
  kind: string;
  /** JSON array of unit kinds. */
  unit_kinds: string;
  cycle: string;
  billing_mode: string;
  due_day: number;
  rounding: string;
  /** JSON FeePricing (contracts/billing.ts). */
  pricing: string;
  meter_kind: string | null;
  late_fee_daily_bp: number | null;
  late_fee_grace_days: number | null;
  prepay_discount_bp: number | null;
  prepay_min_months: number | null;
  active: number;
  sort: number;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface MetersTable {
  id: string;
  project_id: string;
  unit_id: string | null;
  building_id: string | null;
  kind: string;
  number: string;
  location: string | null;
  digits: number;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface MeterReadingsTable {
  id: string;
  meter_id: string;
  project_id: string;
  period: string;
  reading_milli: number;
  previous_milli: number | null;
  consumption_milli: number;
  kind: string;
  reason: string | null;
  status: string;
  reviewed_by: string | null;
  reviewed_at: string | null;
  read_on: string;
  entered_by: string | null;
  created_at: string;
}

export interface BillingRunsTable {
  id: string;
  project_id: string;
  period: string;
  billed_count: number;
  billed_total_fen: number;
  skipped_count: number;
  prepaid_applied_fen: number;
  summary: string;
  created_by: string | null;
  created_at: string;
}

export interface BillsTable {
  id: string;
  project_id: string;
  building_id: string | null;
  unit_id: string;
  period: string;
  status: string;
  total_fen: number;
  paid_fen: number;
  due_date: string;
  run_id: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface BillLinesTable {
  id: string;
  bill_id: string;
  project_id: string;
  unit_id: string;
  fee_item_id: string | null;
  kind: string;
  description: string;
  cover_from: string | null;
  cover_to: string | null;
  quantity_milli: number | null;
  rate_centi_fen: number | null;
  detail: string | null;
  amount_fen: number;
  paid_fen: number;
  credited_fen: number;
  status: string;
  due_date: string;
  billing_key: string | null;
  source: string;
  source_id: string | null;
  related_line_id: string | null;
  void_reason: string | null;
  voided_by: string | null;
  voided_at: string | null;
  approved_by: string | null;
  approved_at: string | null;
  reason: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface PaymentsTable {
  id: string;
  project_id: string;
  unit_id: string | null;
  kind: string;
  method: string;
  amount_fen: number;
  change_fen: number;
  receipt_number: string;
  receipt_year: number;
  payer_name: string | null;
  note: string | null;
  reason: string | null;
  reverses_payment_id: string | null;
  reversed_by_payment_id: string | null;
  direct_debit_item_id: string | null;
  print_count: number;
  daily_close_id: string | null;
  business_date: string;
  cashier_id: string;
  created_at: string;
  version: number;
}

export interface PaymentAllocationsTable {
  id: string;
  payment_id: string;
  bill_line_id: string;
  amount_fen: number;
  created_at: string;
}

export interface PrepaidAccountsTable {
  id: string;
  project_id: string;
  unit_id: string;
  fee_item_id: string | null;
  /** fee_item_id, or '*' for the any-item balance. */
  account_key: string;
  balance_fen: number;
  updated_at: string;
  version: number;
}

export interface PrepaidEntriesTable {
  id: string;
  account_id: string;
  kind: string;
  amount_fen: number;
  balance_after_fen: number;
  payment_id: string | null;
  bill_line_id: string | null;
  run_id: string | null;
  created_by: string | null;
  created_at: string;
}

export interface DepositsTable {
  id: string;
  project_id: string;
  unit_id: string | null;
  kind: string;
  description: string;
  payer_name: string;
  amount_fen: number;
  status: string;
  payment_id: string;
  refund_payment_id: string | null;
  deduction_fen: number;
  deduction_reason: string | null;
  source: string | null;
  source_id: string | null;
  created_at: string;
  refunded_at: string | null;
  version: number;
}

export interface DirectDebitMandatesTable {
  id: string;
  project_id: string;
  unit_id: string;
  bank: string;
  account_number: string;
  account_holder: string;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface DirectDebitBatchesTable {
  id: string;
  project_id: string;
  period: string;
  status: string;
  item_count: number;
  total_fen: number;
  succeeded_count: number;
  failed_count: number;
  created_by: string | null;
  created_at: string;
  imported_at: string | null;
}

export interface DirectDebitItemsTable {
  id: string;
  batch_id: string;
  mandate_id: string;
  unit_id: string;
  amount_fen: number;
  /** JSON array of bill line ids. */
  bill_line_ids: string;
  status: string;
  failure_reason: string | null;
  payment_id: string | null;
}

export interface DunningNoticesTable {
  id: string;
  project_id: string;
  unit_id: string;
  channel: string;
  amount_fen: number;
  late_fee_fen: number;
  oldest_due_date: string | null;
  outbox_id: string | null;
  created_by: string | null;
  created_at: string;
  /** 0013: the letter as issued (JSON DunningLetter). */
  detail: string | null;
  /** 0013: messages queued by an SMS notice. */
  recipient_count: Generated<number>;
}

export interface CollectionTargetsTable {
  id: string;
  project_id: string;
  year: number;
  month: number;
  rate_bp: number;
  set_by: string | null;
  updated_at: string;
}

export interface DailyClosesTable {
  id: string;
  project_id: string;
  cashier_id: string;
  business_date: string;
  summary: string;
  total_fen: number;
  receipt_from: string | null;
  receipt_to: string | null;
  handed_to: string | null;
  created_at: string;
}

// ---------------------------------------------------------------- resident services (0009)

export interface MoveInsTable {
  id: string;
  project_id: string;
  unit_id: string;
  number: string;
  status: string;
  people: string;
  checklist: string;
  meter_readings: string | null;
  keys: string | null;
  utilities: string;
  direct_debit_mandate_id: string | null;
  move_in_date: string | null;
  completed_at: string | null;
  completed_by: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface MoveOutsTable {
  id: string;
  project_id: string;
  unit_id: string;
  number: string;
  status: string;
  people: string;
  checklist: string;
  meter_readings: string | null;
  keys_returned: string | null;
  outstanding_fen: number | null;
  outstanding: string | null;
  override_reason: string | null;
  override_by: string | null;
  move_out_date: string | null;
  note: string | null;
  completed_at: string | null;
  completed_by: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface ItemReleasesTable {
  id: string;
  project_id: string;
  unit_id: string;
  number: string;
  status: string;
  applicant_name: string;
  applicant_phone: string;
  applicant_relation: string;
  owner_confirmation: string | null;
  items: string;
  planned_date: string;
  plate: string | null;
  move_out_id: string | null;
  decided_by: string | null;
  decided_at: string | null;
  reject_reason: string | null;
  released_at: string | null;
  released_by: string | null;
  released_gate: string | null;
  qr_code: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface RenovationsTable {
  id: string;
  project_id: string;
  unit_id: string;
  number: string;
  status: string;
  open_unit_id: string | null;
  owner_name: string;
  owner_phone: string;
  contractor_company: string;
  contractor_license: string | null;
  person_in_charge: string;
  person_in_charge_phone: string;
  workers: string;
  scope: string;
  planned_start: string;
  planned_end: string;
  approved_end: string;
  conditions: string | null;
  reject_reason: string | null;
  cancel_reason: string | null;
  deposit_fen: number | null;
  fees: string;
  paid_at: string | null;
  payment_note: string | null;
  permit_number: string | null;
  permit_issued_at: string | null;
  deductions: string;
  refund_fen: number | null;
  refunded_at: string | null;
  /** The unit's state when the permit was issued (0014), given back when the works end. */
  unit_state_before: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface RenovationInspectionsTable {
  id: string;
  renovation_id: string;
  project_id: string;
  kind: string;
  result: string;
  findings: string;
  violations: string;
  inspector_id: string | null;
  at: string;
}

export interface RenovationExtensionsTable {
  id: string;
  renovation_id: string;
  project_id: string;
  new_end_date: string;
  reason: string;
  status: string;
  requested_by: string | null;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
}

export interface PassesTable {
  id: string;
  project_id: string;
  kind: string;
  number: string;
  holder_name: string;
  id_number: string | null;
  phone: string | null;
  company: string | null;
  unit_id: string | null;
  plate: string | null;
  valid_from: string;
  valid_to: string;
  status: string;
  revoke_reason: string | null;
  revoked_by: string | null;
  revoked_at: string | null;
  renovation_id: string | null;
  qr_code: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface GateChecksTable {
  id: string;
  project_id: string | null;
  subject: string;
  subject_id: string | null;
  number: string | null;
  result: string;
  action: string;
  gate: string | null;
  checked_by: string | null;
  checked_at: string;
}

export interface VisitsTable {
  id: string;
  project_id: string;
  visitor_name: string;
  phone: string | null;
  id_number: string | null;
  party_size: number;
  plate: string | null;
  host_unit_id: string | null;
  host_name: string | null;
  purpose: string;
  gate: string | null;
  checked_in_at: string;
  checked_in_by: string | null;
  checked_out_at: string | null;
  checked_out_by: string | null;
}

// ---------------------------------------------------------------- front desk (0008)

export interface DesksTable {
  id: string;
  project_id: string;
  name: string;
  location: string | null;
  phone: string | null;
  /** JSON DeskHours: local periods per day type. */
  hours: string;
  holiday_rule: string;
  max_consecutive_days: number;
  created_at: string;
  updated_at: string;
}

export interface ShiftsTable {
  id: string;
  project_id: string;
  desk_id: string;
  user_id: string;
  /** The business date the shift starts on (project time zone). */
  date: string;
  start_at: string;
  end_at: string;
  note: string | null;
  created_by: string;
  created_at: string;
}

export interface CoversTable {
  id: string;
  project_id: string;
  shift_id: string;
  cover_user_id: string;
  from_at: string;
  to_at: string;
  reason: string;
  returned_at: string | null;
  created_by: string;
  created_at: string;
}

export interface HandoversTable {
  id: string;
  project_id: string;
  desk_id: string;
  from_user_id: string;
  to_user_id: string;
  notes: string;
  /** JSON snapshot of the open items at handover time. */
  items: string;
  created_at: string;
  acknowledged_at: string | null;
  ack_note: string | null;
}

export interface ChecklistTemplatesTable {
  id: string;
  project_id: string;
  desk_id: string;
  name: string;
  kind: string;
  /** JSON ChecklistItemDef[] (with ids). */
  items: string;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface ChecklistRunsTable {
  id: string;
  project_id: string;
  desk_id: string;
  template_id: string;
  name: string;
  kind: string;
  date: string;
  created_at: string;
}

export interface ChecklistRunItemsTable {
  run_id: string;
  item_id: string;
  position: number;
  text: string;
  due_at: string;
  checked_at: string | null;
  checked_by: string | null;
}

export interface DeskKeysTable {
  id: string;
  project_id: string;
  label: string;
  opens: string;
  unit_id: string | null;
  location: string;
  copies: number;
  out_count: number;
  created_at: string;
  updated_at: string;
}

export interface KeyLoansTable {
  id: string;
  project_id: string;
  key_id: string;
  borrower: string;
  borrower_phone: string | null;
  purpose: string;
  lent_at: string;
  due_at: string;
  returned_at: string | null;
  lent_by: string;
  returned_by: string | null;
}

export interface CallsTable {
  id: string;
  project_id: string;
  direction: string;
  number: string;
  caller_name: string | null;
  resident_id: string | null;
  at: string;
  within_three_rings: number | null;
  ring_seconds: number | null;
  key_points: string;
  callback_needed: number;
  callback_due_at: string | null;
  callback_done_at: string | null;
  callback_note: string | null;
  ticket_id: string | null;
  taken_by: string;
  created_at: string;
}

export interface DirectoryEntriesTable {
  id: string;
  project_id: string;
  category: string;
  internal: number;
  name: string;
  organization: string | null;
  title: string | null;
  phone: string;
  alt_phone: string | null;
  confidential: number;
  note: string | null;
  confirmed_at: string;
  created_at: string;
  updated_at: string;
}

export interface IncidentsTable {
  id: string;
  project_id: string;
  title: string;
  description: string;
  location: string;
  severity: string;
  status: string;
  reported_by: string;
  occurred_at: string;
  outcome: string | null;
  closed_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface IncidentEscalationsTable {
  incident_id: string;
  target: string;
  notified_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
}

export interface IncidentActionsTable {
  id: string;
  incident_id: string;
  at: string;
  by_user_id: string | null;
  text: string;
}

export interface NoticesTable {
  id: string;
  project_id: string;
  direction: string;
  kind: string;
  title: string;
  body: string;
  audience_roles: string;
  require_ack: number;
  pinned: number;
  attachment_ids: string;
  author_id: string;
  created_at: string;
}

export interface NoticeReceiptsTable {
  notice_id: string;
  user_id: string;
  read_at: string | null;
  acknowledged_at: string | null;
}

export interface MigrationsMeta {
  seq: Generated<number>;
}

export interface DB {
  org_units: OrgUnitsTable;
  units: UnitsTable;
  zones: ZonesTable;
  zone_buildings: ZoneBuildingsTable;
  residents: ResidentsTable;
  resident_units: ResidentUnitsTable;
  users: UsersTable;
  roles: RolesTable;
  role_grants: RoleGrantsTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  counters: CountersTable;
  job_leases: JobLeasesTable;
  ticket_categories: TicketCategoriesTable;
  tickets: TicketsTable;
  ticket_events: TicketEventsTable;
  files: FilesTable;
  work_orders: WorkOrdersTable;
  sla_policies: SlaPoliciesTable;
  calendars: CalendarsTable;
  calendar_days: CalendarDaysTable;
  escalations: EscalationsTable;
  return_visits: ReturnVisitsTable;
  notifications: NotificationsTable;
  outbox: OutboxTable;
  fee_items: FeeItemsTable;
  meters: MetersTable;
  meter_readings: MeterReadingsTable;
  billing_runs: BillingRunsTable;
  bills: BillsTable;
  bill_lines: BillLinesTable;
  payments: PaymentsTable;
  payment_allocations: PaymentAllocationsTable;
  prepaid_accounts: PrepaidAccountsTable;
  prepaid_entries: PrepaidEntriesTable;
  deposits: DepositsTable;
  direct_debit_mandates: DirectDebitMandatesTable;
  direct_debit_batches: DirectDebitBatchesTable;
  direct_debit_items: DirectDebitItemsTable;
  dunning_notices: DunningNoticesTable;
  collection_targets: CollectionTargetsTable;
  daily_closes: DailyClosesTable;
  move_ins: MoveInsTable;
  move_outs: MoveOutsTable;
  item_releases: ItemReleasesTable;
  renovations: RenovationsTable;
  renovation_inspections: RenovationInspectionsTable;
  renovation_extensions: RenovationExtensionsTable;
  passes: PassesTable;
  gate_checks: GateChecksTable;
  visits: VisitsTable;
  desks: DesksTable;
  shifts: ShiftsTable;
  covers: CoversTable;
  handovers: HandoversTable;
  checklist_templates: ChecklistTemplatesTable;
  checklist_runs: ChecklistRunsTable;
  checklist_run_items: ChecklistRunItemsTable;
  desk_keys: DeskKeysTable;
  key_loans: KeyLoansTable;
  calls: CallsTable;
  directory_entries: DirectoryEntriesTable;
  incidents: IncidentsTable;
  incident_escalations: IncidentEscalationsTable;
  incident_actions: IncidentActionsTable;
  notices: NoticesTable;
  notice_receipts: NoticeReceiptsTable;
}
