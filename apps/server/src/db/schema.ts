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
