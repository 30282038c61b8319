/** Test helpers: tickets written straight into the table (due times where the test wants them), a second center. */
import type { Database, Tx } from '../../db/database.js';
import type { OrgUnitsTable, TicketsTable } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { insertOrgUnit } from '../org/org.service.js';
import type { Fixture } from '../../../test/harness.js';

export const minutesFrom = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

let seq = 0;

/**
 * An urgent repair by default: the built-in policy runs it on the 24×7 clock with targets of
 * 15 (response), 60 (arrival) and 240 (resolution) minutes, due from `createdAt`.
 */
export async function insertTicket(db: Tx, t: { project: OrgUnitsTable; createdAt: string } & Partial<TicketsTable>): Promise<TicketsTable> {
  const { project, createdAt, ...rest } = t;
  seq++;
  const row: TicketsTable = {
    id: newId(), project_id: project.id, center_id: project.parent_id!, number: `BX-20260316-${String(seq).padStart(4, '0')}`,
    kind: 'repair', channel: 'phone', status: 'new', priority: 'urgent', major: 0, category_id: null, unit_id: null, building_id: null,
    location: '3号楼大堂', zone_id: null, requester_resident_id: null, requester_name: '王先生', requester_phone: '13800000000',
    requester_phone_rev: '00000000831', title: `水管爆裂 ${seq}`, description: '大堂水管爆裂', answer: null, appointment_from: null,
    appointment_to: null, paid: null, team_id: null, technician_id: null, assignee_id: null, created_by: null,
    created_at: createdAt, updated_at: createdAt, version: 1, sla_clock: 'calendar',
    response_due_at: minutesFrom(createdAt, 15), arrival_due_at: minutesFrom(createdAt, 60), resolution_due_at: minutesFrom(createdAt, 240),
    responded_at: null, arrived_at: null, resolved_at: null, closed_at: null, sla_remaining: null, hold_reason: null, hold_until: null,
    status_before_hold: null, cancel_reason: null, escalation_level: 0, visit_due_at: null, visit_attempts: 0, satisfaction: null,
    reopen_count: 0, valid_complaint: 0, complaint_against_user_id: null, complaint_against_team_id: null, complaint_category: null,
    ...rest,
  };
  await db.insertInto('tickets').values(row).execute();
  return row;
}

/** A user holding `roleCode` at `at`. */
export async function insertStaff(db: Tx, fx: Fixture, username: string, roleCode: string, at: OrgUnitsTable, extra: { locale?: string; active?: number } = {}): Promise<string> {
  const id = newId();
  const now = nowIso();
  const hash = (await db.selectFrom('users').select('password_hash').where('id', '=', fx.users.admin!).executeTakeFirstOrThrow()).password_hash;
  await db.insertInto('users').values({
    id, username, display_name: username, phone: null, position: null, org_unit_id: at.id, password_hash: hash,
    must_change_password: 0, locale: extra.locale ?? 'zh-CN', active: extra.active ?? 1, failed_logins: 0, locked_until: null, education: null,
    birth_date: null, health_cert_expiry: null, experience_years: null, skills: '[]', trainings: '[]', created_at: now, updated_at: now,
  }).execute();
  await db.insertInto('role_grants').values({ id: newId(), user_id: id, role_id: fx.roleIds.get(roleCode)!, org_unit_id: at.id, created_at: now }).execute();
  return id;
}

/** A second service center under the same company, with project C, its own supervisor and director. */
export async function addSecondCenter(database: Database, fx: Fixture) {
  return database.db.transaction().execute(async (tx) => {
    const center2 = await insertOrgUnit(tx, { kind: 'center', name: '第二客服中心', parentId: fx.company.id }, fx.company);
    const projectC = await insertOrgUnit(tx, { kind: 'project', name: 'C苑', parentId: center2.id, projectType: 'residential' }, center2);
    const supervisor2 = await insertStaff(tx, fx, 'supervisor2', 'reception_supervisor', center2);
    const director2 = await insertStaff(tx, fx, 'director2', 'center_director', center2);
    return { center2, projectC, supervisor2, director2 };
  });
}
