import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/harness.js';
import { grantRole, insertTeam } from '../units/units.testing.js';

let t: TestApp;
let admin: Session;
/** Reception supervisor at project A only: manages A's zones, must not see B's. */
let recA: Session;
let teamA: string;
let teamB: string;
let buildingA2: string;
let zoneB: { id: string };

const zoneRows = async () => t.database.db.selectFrom('zone_buildings').selectAll().orderBy('building_id').execute();

beforeAll(async () => {
  t = await createTestApp();
  await grantRole(t.database, t.fx.users.receptionA!, t.fx.roleIds.get('reception_supervisor')!, t.fx.projectA.id);
  admin = await t.login('admin');
  recA = await t.login('receptionA');
  teamA = await insertTeam(t.database, t.fx.projectA.id, 'A维修班');
  teamB = await insertTeam(t.database, t.fx.projectB.id, 'B维修班');
  const a2 = await t.as(admin, { method: 'POST', url: '/api/org-units', payload: { kind: 'building', name: 'A2栋', parentId: t.fx.projectA.id } });
  buildingA2 = a2.json().id;
  const zb = await t.as(admin, { method: 'POST', url: '/api/zones', payload: { projectId: t.fx.projectB.id, name: 'B区', teamId: teamB, buildingIds: [t.fx.buildingB.id] } });
  expect(zb.statusCode).toBe(201);
  zoneB = zb.json();
});
afterAll(() => t.close());

describe('zones', () => {
  it('answers 401 without a session', async () => {
    expect((await t.app.inject({ url: '/api/zones' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/zones', payload: {} })).statusCode).toBe(401);
    expect((await t.app.inject({ url: `/api/zones/${zoneB.id}` })).statusCode).toBe(401);
  });

  it('creates a zone of the project\'s buildings with its team, audited', async () => {
    const res = await t.as(recA, { method: 'POST', url: '/api/zones', payload: { projectId: t.fx.projectA.id, name: '东区', teamId: teamA, buildingIds: [t.fx.buildingA.id, t.fx.buildingA.id] } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ projectId: t.fx.projectA.id, name: '东区', teamId: teamA, teamName: 'A维修班', buildingIds: [t.fx.buildingA.id], buildings: [{ id: t.fx.buildingA.id, name: 'A1栋' }] });
    const audit = (await t.as(admin, { url: `/api/audit?entity=zone&entityId=${res.json().id}` })).json().items;
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['zone.create']);
  });

  it('refuses a building already in another zone with 409 naming the building and the zone', async () => {
    const before = await zoneRows();
    const res = await t.as(recA, { method: 'POST', url: '/api/zones', payload: { projectId: t.fx.projectA.id, name: '西区', buildingIds: [buildingA2, t.fx.buildingA.id] } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toBe('building_in_other_zone');
    expect(res.json().message).toContain('A1栋');
    expect(res.json().message).toContain('东区');
    expect(res.json().details).toEqual([expect.objectContaining({ buildingId: t.fx.buildingA.id, buildingName: 'A1栋', zoneName: '东区' })]);
    expect(await zoneRows()).toEqual(before);
    expect((await t.as(recA, { url: '/api/zones?q=西区' })).json().total).toBe(0);
  });

  it('refuses another project\'s building or team with 400, writing nothing', async () => {
    const before = await zoneRows();
    const building = await t.as(admin, { method: 'POST', url: '/api/zones', payload: { projectId: t.fx.projectA.id, name: '混合区', buildingIds: [t.fx.buildingB.id] } });
    expect(building.statusCode).toBe(400);
    expect(building.json().error).toBe('building_not_in_project');
    const notABuilding = await t.as(admin, { method: 'POST', url: '/api/zones', payload: { projectId: t.fx.projectA.id, name: '混合区', buildingIds: [t.fx.projectA.id] } });
    expect(notABuilding.json().error).toBe('building_not_in_project');
    const team = await t.as(admin, { method: 'POST', url: '/api/zones', payload: { projectId: t.fx.projectA.id, name: '混合区', teamId: teamB, buildingIds: [buildingA2] } });
    expect(team.statusCode).toBe(400);
    expect(team.json().error).toBe('team_not_in_project');
    expect(await zoneRows()).toEqual(before);
    expect((await t.as(admin, { url: '/api/zones?q=混合' })).json().total).toBe(0);
  });

  it('validates the body (unknown fields, missing name, over-long name)', async () => {
    for (const payload of [
      { projectId: t.fx.projectA.id, name: '北区', colour: 'red' },
      { projectId: t.fx.projectA.id },
      { projectId: t.fx.projectA.id, name: '区'.repeat(101) },
      { projectId: t.fx.projectA.id, name: '北区', buildingIds: 'all' },
    ]) {
      const res = await t.as(recA, { method: 'POST', url: '/api/zones', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error).toBe('validation_failed');
    }
  });

  it('answers 409 zone_name_taken for a second zone of the same name in the project', async () => {
    const res = await t.as(recA, { method: 'POST', url: '/api/zones', payload: { projectId: t.fx.projectA.id, name: '东区' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toBe('zone_name_taken');
  });

  it('keeps project B zones from receptionA: 404 on read, patch and create', async () => {
    expect((await t.as(recA, { url: `/api/zones/${zoneB.id}` })).statusCode).toBe(404);
    const patch = await t.as(recA, { method: 'PATCH', url: `/api/zones/${zoneB.id}`, payload: { name: '被改名' } });
    expect(patch.statusCode).toBe(404);
    expect((await t.as(admin, { url: `/api/zones/${zoneB.id}` })).json().name).toBe('B区');
    const create = await t.as(recA, { method: 'POST', url: '/api/zones', payload: { projectId: t.fx.projectB.id, name: 'B二区' } });
    expect(create.statusCode).toBe(404);
    const list = await t.as(recA, { url: `/api/zones?projectId=${t.fx.projectB.id}` });
    expect(list.json().total).toBe(0);
    const all = (await t.as(recA, { url: '/api/zones' })).json();
    expect(all.items.map((z: { name: string }) => z.name)).toEqual(['东区']);
    const adminAll = (await t.as(admin, { url: '/api/zones?sort=name' })).json();
    expect(adminAll.items.map((z: { name: string }) => z.name).sort()).toEqual(['B区', '东区'].sort());
  });

  it('moves buildings between zones by patching them out of one and into another', async () => {
    const east = (await t.as(recA, { url: `/api/zones?projectId=${t.fx.projectA.id}&q=东` })).json().items[0];
    const west = await t.as(recA, { method: 'POST', url: '/api/zones', payload: { projectId: t.fx.projectA.id, name: '西区', buildingIds: [buildingA2] } });
    expect(west.statusCode).toBe(201);
    const blocked = await t.as(recA, { method: 'PATCH', url: `/api/zones/${west.json().id}`, payload: { buildingIds: [buildingA2, t.fx.buildingA.id] } });
    expect(blocked.statusCode).toBe(409);
    const emptied = await t.as(recA, { method: 'PATCH', url: `/api/zones/${east.id}`, payload: { buildingIds: [], teamId: null } });
    expect(emptied.json()).toMatchObject({ buildingIds: [], teamId: null, teamName: null });
    const moved = await t.as(recA, { method: 'PATCH', url: `/api/zones/${west.json().id}`, payload: { buildingIds: [buildingA2, t.fx.buildingA.id], teamId: teamA } });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().buildingIds.sort()).toEqual([buildingA2, t.fx.buildingA.id].sort());
    const building = (await t.as(recA, { url: '/api/buildings' })).json().items.find((b: { id: string }) => b.id === t.fx.buildingA.id);
    expect(building.zoneName).toBe('西区');
    const audit = (await t.as(admin, { url: `/api/audit?entity=zone&entityId=${east.id}&action=zone.update` })).json().items;
    expect(audit[0].changes.buildingIds).toEqual({ before: [t.fx.buildingA.id], after: [] });
  });
});
