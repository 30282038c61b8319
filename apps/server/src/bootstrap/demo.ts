import type { Tx } from '../db/database.js';
import type { OrgUnitsTable } from '../db/schema.js';
import { newId } from '../lib/ids.js';
import { nowIso } from '../lib/time.js';
import { hashPassword } from '../modules/auth/auth.service.js';
import { insertOrgUnit } from '../modules/org/org.service.js';
import { ensureServiceDeskDefaults } from '../modules/sla/sla.service.js';
import { seedDemoBilling } from './demo-billing.js';
import { idNumber, mobile, personName, prng } from './demo-data.js';
import { seedResidentServicesDemo } from './demo-resident-services.js';
import { seedFrontDeskDemo } from './demo-frontdesk.js';
import { seedPaymentsDemo } from './demo-payments.js';
import { seedDemoCollection } from './demo-collection.js';

export interface DemoLogin {
  username: string;
  password: string;
  role: string;
  where: string;
}

export const DEMO_PASSWORD = 'demo2026';

async function insertBatched<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 200) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/**
 * The demo world: one company and service center with a residential community 丽景花园
 * (6 buildings, 600 homes, 3 zones) and the mall 丽悦新天购物中心 (80 shops), its residents,
 * its maintenance teams and one user per built-in role.
 */
export async function seedDemo(tx: Tx, group: OrgUnitsTable, roleIds: Map<string, string>): Promise<DemoLogin[]> {
  const rnd = prng(20261129);
  const now = nowIso();
  const company = await insertOrgUnit(tx, { kind: 'company', name: '丽景物业服务有限公司', parentId: group.id, code: 'LJWY' }, group);
  const center = await insertOrgUnit(tx, { kind: 'center', name: '丽景客户服务中心', parentId: company.id, phone: '0755-86001234' }, company);
  const garden = await insertOrgUnit(tx, { kind: 'project', name: '丽景花园', parentId: center.id, projectType: 'residential', code: 'LJHY', address: '深圳市南山区丽景路88号' }, center);
  const mall = await insertOrgUnit(tx, { kind: 'project', name: '丽悦新天购物中心', parentId: center.id, projectType: 'mall', code: 'LYXT', address: '深圳市南山区丽悦大道1号' }, center);

  type UnitRow = Parameters<typeof insertUnits>[0][number];
  async function insertUnits(rows: { id: string; project_id: string; building_id: string; number: string; floor: number; gross_area: number; kind: string; state: string; note: string | null; created_at: string; updated_at: string }[]) {
    await insertBatched(rows, (c) => tx.insertInto('units').values(c).execute());
  }

  const units: UnitRow[] = [];
  const gardenBuildings: OrgUnitsTable[] = [];
  for (let b = 1; b <= 6; b++) {
    const building = await insertOrgUnit(tx, { kind: 'building', name: `${b}栋`, parentId: garden.id }, garden);
    gardenBuildings.push(building);
    for (let floor = 1; floor <= 25; floor++) {
      for (let n = 1; n <= 4; n++) {
        const occupied = rnd() < 0.8;
        units.push({
          id: newId(), project_id: garden.id, building_id: building.id, number: `${floor}${String(n).padStart(2, '0')}`, floor,
          gross_area: [8925, 10260, 12840, 14350][n - 1]!, kind: 'residence', state: occupied ? 'occupied' : rnd() < 0.2 ? 'renovating' : 'vacant',
          note: null, created_at: now, updated_at: now,
        });
      }
    }
  }
  // The clubhouse (会所) and storefronts (门面) the center also runs.
  units.push({ id: newId(), project_id: garden.id, building_id: gardenBuildings[0]!.id, number: '会所', floor: 1, gross_area: 86000, kind: 'clubhouse', state: 'occupied', note: '丽景会所', created_at: now, updated_at: now });
  for (let s = 1; s <= 6; s++) {
    units.push({ id: newId(), project_id: garden.id, building_id: gardenBuildings[5]!.id, number: `S${String(s).padStart(2, '0')}`, floor: 1, gross_area: 6500 + s * 300, kind: 'shop', state: 'occupied', note: '沿街门面', created_at: now, updated_at: now });
  }
  const mallBuilding = await insertOrgUnit(tx, { kind: 'building', name: '主楼', parentId: mall.id }, mall);
  for (let floor = 1; floor <= 4; floor++) {
    for (let n = 1; n <= 20; n++) {
      units.push({
        id: newId(), project_id: mall.id, building_id: mallBuilding.id, number: `L${floor}-${String(n).padStart(3, '0')}`, floor,
        gross_area: 4000 + Math.floor(rnd() * 40) * 500, kind: 'shop', state: rnd() < 0.9 ? 'occupied' : 'vacant', note: null, created_at: now, updated_at: now,
      });
    }
  }
  units.push({ id: newId(), project_id: mall.id, building_id: mallBuilding.id, number: 'B1-P', floor: -1, gross_area: 1200000, kind: 'parking', state: 'occupied', note: '地下停车场', created_at: now, updated_at: now });
  await insertUnits(units);

  // Residents: an owner for every occupied unit, some with family or a tenant.
  const residents: { id: string; project_id: string; name: string; phone: string; phone_rev: string; id_number: string | null; note: string | null; created_at: string; updated_at: string }[] = [];
  const links: { id: string; project_id: string; resident_id: string; unit_id: string; relation: string; start_date: string | null; end_date: string | null; created_at: string }[] = [];
  const person = (projectId: string) => {
    const phone = mobile(rnd);
    const r = { id: newId(), project_id: projectId, name: personName(rnd), phone, phone_rev: [...phone].reverse().join(''), id_number: idNumber(rnd), note: null, created_at: now, updated_at: now };
    residents.push(r);
    return r;
  };
  for (const u of units) {
    if (u.state === 'vacant') continue;
    const year = 2015 + Math.floor(rnd() * 10);
    const start = `${year}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
    const owner = person(u.project_id);
    links.push({ id: newId(), project_id: u.project_id, resident_id: owner.id, unit_id: u.id, relation: 'owner', start_date: start, end_date: null, created_at: now });
    const r = rnd();
    if (u.kind === 'residence' && r < 0.35) {
      const fam = person(u.project_id);
      links.push({ id: newId(), project_id: u.project_id, resident_id: fam.id, unit_id: u.id, relation: 'family', start_date: start, end_date: null, created_at: now });
    } else if (r > 0.8 || u.kind === 'shop') {
      const tenant = person(u.project_id);
      links.push({ id: newId(), project_id: u.project_id, resident_id: tenant.id, unit_id: u.id, relation: 'tenant', start_date: `${Math.max(year, 2024)}-03-01`, end_date: null, created_at: now });
    }
  }
  await insertBatched(residents, (c) => tx.insertInto('residents').values(c).execute());
  await insertBatched(links, (c) => tx.insertInto('resident_units').values(c).execute());

  // Staff: one user per built-in role, granted where that person works.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const staff: { username: string; name: string; role: string; at: OrgUnitsTable; position: string; phone: string }[] = [
    { username: 'director', name: '周建国', role: 'center_director', at: center, position: '客服中心主任', phone: '13900001001' },
    { username: 'supervisor', name: '陈丽华', role: 'reception_supervisor', at: center, position: '接待主管', phone: '13900001002' },
    { username: 'reception', name: '李晓雪', role: 'receptionist', at: garden, position: '接待员', phone: '13900001003' },
    { username: 'mallfront', name: '赵欣怡', role: 'receptionist', at: mall, position: '前台客服助理', phone: '13900001004' },
    { username: 'cashier', name: '王淑珍', role: 'cashier', at: center, position: '收费员', phone: '13900001005' },
    { username: 'tech', name: '张海涛', role: 'technician', at: garden, position: '维修工', phone: '13900001006' },
    { username: 'tech2', name: '刘志强', role: 'technician', at: garden, position: '维修工', phone: '13900001007' },
    { username: 'tech3', name: '孙立新', role: 'technician', at: garden, position: '维修工', phone: '13900001008' },
    { username: 'guard', name: '马国强', role: 'guard', at: garden, position: '门岗保安', phone: '13900001009' },
  ];
  const userIds = new Map<string, string>();
  for (const s of staff) {
    const id = newId();
    userIds.set(s.username, id);
    await tx.insertInto('users').values({
      id, username: s.username, display_name: s.name, phone: s.phone, position: s.position, org_unit_id: s.at.id, password_hash: passwordHash,
      must_change_password: 0, locale: 'zh-CN', active: 1, failed_logins: 0, locked_until: null, education: 'college', birth_date: '1998-05-12',
      health_cert_expiry: '2027-06-30', experience_years: 2, skills: JSON.stringify(['Office', 'Excel']), trainings: '[]', created_at: now, updated_at: now,
    }).execute();
    await tx.insertInto('role_grants').values({ id: newId(), user_id: id, role_id: roleIds.get(s.role)!, org_unit_id: s.at.id, created_at: now }).execute();
  }

  // Maintenance teams (维修班) and the responsibility zones (责任区) they serve.
  const zoneDefs = [
    { name: '东区', team: '维修一班', leader: 'tech', buildings: [0, 1] },
    { name: '中区', team: '维修二班', leader: 'tech2', buildings: [2, 3] },
    { name: '西区', team: '维修三班', leader: 'tech3', buildings: [4, 5] },
  ];
  for (const z of zoneDefs) {
    const teamId = newId();
    await tx.insertInto('teams').values({ id: teamId, project_id: garden.id, name: z.team, kind: 'maintenance', leader_id: userIds.get(z.leader)!, created_at: now, updated_at: now }).execute();
    await tx.insertInto('team_members').values({ team_id: teamId, user_id: userIds.get(z.leader)! }).execute();
    const zoneId = newId();
    await tx.insertInto('zones').values({ id: zoneId, project_id: garden.id, name: z.name, team_id: teamId, created_at: now, updated_at: now }).execute();
    await tx.insertInto('zone_buildings').values(z.buildings.map((i) => ({ zone_id: zoneId, building_id: gardenBuildings[i]!.id, project_id: garden.id }))).execute();
  }
  const mallTeam = newId();
  await tx.insertInto('teams').values({ id: mallTeam, project_id: mall.id, name: '商场工程部', kind: 'maintenance', leader_id: null, created_at: now, updated_at: now }).execute();
  const mallZone = newId();
  await tx.insertInto('zones').values({ id: mallZone, project_id: mall.id, name: '商场', team_id: mallTeam, created_at: now, updated_at: now }).execute();
  await tx.insertInto('zone_buildings').values({ zone_id: mallZone, building_id: mallBuilding.id, project_id: mall.id }).execute();
  await tx.insertInto('teams').values({ id: newId(), project_id: garden.id, name: '丽景前台', kind: 'reception', leader_id: userIds.get('supervisor')!, created_at: now, updated_at: now }).execute();

  // The service desk's starting point: working calendar with the PRC holidays, default categories.
  for (const project of [garden, mall]) await ensureServiceDeskDefaults(tx, project.id);
  await seedResidentServicesDemo(tx, { garden, mall, userIds });

  await seedDemoBilling(tx, { garden, mall, runById: userIds.get('director') ?? null });
  // Payments after the billing runs' demo bills (nothing happens without them).
  await seedPaymentsDemo(tx);
  // Collection targets and a few reminders: last, after the demo bills and payments.
  await seedDemoCollection(tx, { garden, mall, directorId: userIds.get('director')!, cashierId: userIds.get('cashier')!, cashierName: '王淑珍' });

  const frontDesk = await seedFrontDeskDemo(tx, { garden, mall, users: userIds, roleIds, password: DEMO_PASSWORD });
  return [...staff.map((s) => ({ username: s.username, password: DEMO_PASSWORD, role: s.role, where: s.at.name })), ...frontDesk];
}
