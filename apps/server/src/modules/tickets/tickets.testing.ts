/**
 * Test-only helpers of the tickets and work-order tests (not loaded by the server). The harness
 * fixture has no units, teams, zones or residents: these write the rows the service desk needs.
 */
import type { Database } from '../../db/database.js';
import type { OrgUnitsTable } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { insertOrgUnit } from '../org/org.service.js';
import type { Fixture } from '../../../test/harness.js';

export interface Desk {
  unitA: string;
  unitA2: string;
  unitB: string;
  /** 维修一班 of project A: leader `leaderA`, members techA and techA2; the zone of building A1 routes to it. */
  teamA: string;
  /** 维修二班 of project A, no zone (for transfers). */
  teamA2: string;
  teamB: string;
  zoneA: string;
  /** A zone of project A without buildings (public areas). */
  zonePublic: string;
  residentA: string;
  residentB: string;
  leaderA: string;
  techA2: string;
  /** A technician of team 2 only. */
  techA3: string;
  techB: string;
}

/** A staff user holding a built-in role at an org node. */
export async function insertStaff(database: Database, fx: Fixture, username: string, roleCode: string, at: OrgUnitsTable): Promise<string> {
  const id = newId();
  const now = nowIso();
  const hash = (await database.db.selectFrom('users').select('password_hash').where('id', '=', fx.users.admin!).executeTakeFirstOrThrow()).password_hash;
  await database.db.insertInto('users').values({
    id, username, display_name: username, phone: null, position: null, org_unit_id: at.id, password_hash: hash, must_change_password: 0,
    locale: 'zh-CN', active: 1, failed_logins: 0, locked_until: null, education: null, birth_date: null, health_cert_expiry: null,
    experience_years: null, skills: '[]', trainings: '[]', created_at: now, updated_at: now,
  }).execute();
  await database.db.insertInto('role_grants').values({ id: newId(), user_id: id, role_id: fx.roleIds.get(roleCode)!, org_unit_id: at.id, created_at: now }).execute();
  return id;
}

async function unit(database: Database, building: OrgUnitsTable, number: string): Promise<string> {
  const id = newId();
  const now = nowIso();
  await database.db.insertInto('units').values({
    id, project_id: building.project_id!, building_id: building.id, number, floor: 12, gross_area: 8925, kind: 'residence', state: 'occupied', note: null, created_at: now, updated_at: now,
  }).execute();
  return id;
}

async function team(database: Database, projectId: string, name: string, leaderId: string | null, memberIds: string[]): Promise<string> {
  const id = newId();
  const now = nowIso();
  await database.db.insertInto('teams').values({ id, project_id: projectId, name, kind: 'maintenance', leader_id: leaderId, created_at: now, updated_at: now }).execute();
  if (memberIds.length > 0) await database.db.insertInto('team_members').values(memberIds.map((user_id) => ({ team_id: id, user_id }))).execute();
  return id;
}

async function zone(database: Database, projectId: string, name: string, teamId: string | null, buildingIds: string[]): Promise<string> {
  const id = newId();
  const now = nowIso();
  await database.db.insertInto('zones').values({ id, project_id: projectId, name, team_id: teamId, created_at: now, updated_at: now }).execute();
  if (buildingIds.length > 0) await database.db.insertInto('zone_buildings').values(buildingIds.map((building_id) => ({ zone_id: id, building_id, project_id: projectId }))).execute();
  return id;
}

async function resident(database: Database, projectId: string, unitId: string, name: string, phone: string): Promise<string> {
  const id = newId();
  const now = nowIso();
  await database.db.insertInto('residents').values({ id, project_id: projectId, name, phone, phone_rev: [...phone].reverse().join(''), id_number: null, note: null, created_at: now, updated_at: now }).execute();
  await database.db.insertInto('resident_units').values({ id: newId(), project_id: projectId, resident_id: id, unit_id: unitId, relation: 'owner', start_date: null, end_date: null, created_at: now }).execute();
  return id;
}

/** Units, teams, zones and residents for both fixture projects. */
export async function seedDesk(database: Database, fx: Fixture): Promise<Desk> {
  const leaderA = await insertStaff(database, fx, 'leaderA', 'technician', fx.projectA);
  const techA2 = await insertStaff(database, fx, 'techA2', 'technician', fx.projectA);
  const techA3 = await insertStaff(database, fx, 'techA3', 'technician', fx.projectA);
  const techB = await insertStaff(database, fx, 'techB', 'technician', fx.projectB);
  const unitA = await unit(database, fx.buildingA, '1201');
  const unitA2 = await unit(database, fx.buildingA, '1202');
  const unitB = await unit(database, fx.buildingB, 'L1-05');
  const teamA = await team(database, fx.projectA.id, '维修一班', leaderA, [leaderA, fx.users.techA!, techA2]);
  const teamA2 = await team(database, fx.projectA.id, '维修二班', null, [techA3]);
  const teamB = await team(database, fx.projectB.id, 'B工程部', techB, [techB]);
  const zoneA = await zone(database, fx.projectA.id, 'A区', teamA, [fx.buildingA.id]);
  const zonePublic = await zone(database, fx.projectA.id, '公共区域', teamA2, []);
  await zone(database, fx.projectB.id, 'B区', teamB, [fx.buildingB.id]);
  const residentA = await resident(database, fx.projectA.id, unitA, '张三', '13800001234');
  const residentB = await resident(database, fx.projectB.id, unitB, '李四', '13900005678');
  return { unitA, unitA2, unitB, teamA, teamA2, teamB, zoneA, zonePublic, residentA, residentB, leaderA, techA2, techA3, techB };
}

/** A second service center of the group with its own supervisor (联动 transfers). */
export async function addCenter(database: Database, fx: Fixture): Promise<{ center2: OrgUnitsTable; supervisor2: string }> {
  const center2 = await database.db.transaction().execute((tx) => insertOrgUnit(tx, { kind: 'center', name: '第二客服中心', parentId: fx.company.id }, fx.company));
  const supervisor2 = await insertStaff(database, fx, 'supervisor2', 'reception_supervisor', center2);
  return { center2, supervisor2 };
}

/** A repair of unit A 1201 by the known resident, as the phone intake sends it. */
export const repairA = (fx: Fixture, d: Desk, extra: Record<string, unknown> = {}) => ({
  projectId: fx.projectA.id, kind: 'repair', channel: 'phone', unitId: d.unitA, requesterResidentId: d.residentA, priority: 'urgent',
  description: '卫生间水管漏水，楼下已渗水', ...extra,
});

export async function countRows(database: Database, table: 'tickets' | 'ticket_events' | 'work_orders' | 'audit_log' | 'counters' | 'return_visits' | 'escalations' | 'notifications'): Promise<number> {
  return Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}
