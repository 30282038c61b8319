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
}
