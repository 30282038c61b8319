/** Units and zones against the real database: SQLite by default, PostgreSQL with TEST_DATABASE_URL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ctxFor, seedFixture, type Fixture } from '../../../test/harness.js';
import type { Database } from '../../db/database.js';
import { isUniqueViolation } from '../../db/query.js';
import type { Ctx } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import { routeForBuilding, zonesService } from '../zones/zones.service.js';
import { unitsService } from './units.service.js';
import { grantRole, insertTeam, UNIT_HEADER, xlsxOf } from './units.testing.js';

let database: Database;
let fx: Fixture;
let admin: Ctx;
/** Reception supervisor at project A only. */
let recA: Ctx;

const allUnits = () => database.db.selectFrom('units').selectAll().orderBy('id').execute();
const rejection = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a rejection');
};

beforeAll(async () => {
  database = await createTestDatabase();
  fx = await seedFixture(database);
  await grantRole(database, fx.users.receptionA!, fx.roleIds.get('reception_supervisor')!, fx.projectA.id);
  admin = await ctxFor(database, fx.users.admin!);
  recA = await ctxFor(database, fx.users.receptionA!);
});
afterAll(() => database.close());

describe(`units on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'}`, () => {
  it('creates, reads and updates a unit (project taken from the building)', async () => {
    const created = await unitsService.create(recA, { buildingId: fx.buildingA.id, number: '0101', floor: -1, grossArea: 100_000_000, kind: 'storage', state: 'vacant', note: '地下储藏室' });
    expect(created).toMatchObject({ projectId: fx.projectA.id, buildingName: 'A1栋', number: '0101', floor: -1, grossArea: 100_000_000, kind: 'storage' });
    const read = await unitsService.get(recA, created.id);
    expect(read).toEqual({ ...created, zoneId: null, zoneName: null, occupants: [] });
    const updated = await unitsService.update(recA, created.id, { number: '0102', grossArea: 1, state: 'renovating', note: null });
    expect(updated).toMatchObject({ number: '0102', grossArea: 1, state: 'renovating', note: null, createdAt: created.createdAt });
    expect(await unitsService.get(admin, created.id)).toMatchObject({ number: '0102', grossArea: 1, state: 'renovating', note: null });
    const audit = await database.db.selectFrom('audit_log').select(['action', 'project_id']).where('entity_id', '=', created.id).orderBy('at').execute();
    expect(audit.map((a) => a.action)).toEqual(['unit.create', 'unit.update']);
  });

  it('scopes every read and write to the actor\'s projects', async () => {
    const b = await unitsService.create(admin, { buildingId: fx.buildingB.id, number: 'B-1', floor: 1, grossArea: 5000, kind: 'shop', state: 'vacant' });
    const list = await unitsService.list(recA, { page: 1, pageSize: 200 });
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((u) => u.projectId === fx.projectA.id)).toBe(true);
    expect((await unitsService.list(recA, { page: 1, pageSize: 200, projectId: fx.projectB.id })).total).toBe(0);
    expect((await unitsService.list(admin, { page: 1, pageSize: 200, projectId: fx.projectB.id })).items.map((u) => u.id)).toEqual([b.id]);
    // One at a time: started together, a later one could reject before anyone awaits it (an unhandled rejection).
    for (const attempt of [
      () => unitsService.get(recA, b.id),
      () => unitsService.update(recA, b.id, { note: '越权' }),
      () => unitsService.create(recA, { buildingId: fx.buildingB.id, number: 'B-2', floor: 1, grossArea: 5000, kind: 'shop', state: 'vacant' }),
    ]) {
      const err = await rejection(attempt());
      expect(err).toBeInstanceOf(AppError);
      expect(err.status).toBe(404);
    }
    expect((await unitsService.get(admin, b.id)).note).toBeNull();
    const buildings = await unitsService.listBuildings(recA, { page: 1, pageSize: 200 });
    expect(buildings.items.map((x) => x.id)).toEqual([fx.buildingA.id]);
  });

  it('lets exactly one of two simultaneous creates of the same number win (409 for the other)', async () => {
    const body = { buildingId: fx.buildingA.id, number: '2001', floor: 20, grossArea: 9000, kind: 'residence' as const, state: 'vacant' as const };
    const results = await Promise.allSettled([unitsService.create(admin, body), unitsService.create(recA, body)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({ status: 409, code: 'unit_number_taken' });
    expect((await unitsService.list(admin, { page: 1, pageSize: 20, q: '2001' })).total).toBe(1);
  });

  it('imports all or nothing: a bad row leaves the table exactly as it was', async () => {
    const before = await allUnits();
    const buildingsBefore = await database.db.selectFrom('org_units').select('id').where('kind', '=', 'building').execute();
    const bad = await xlsxOf([UNIT_HEADER, ['A1栋', '0102', 1, '50', '住宅', '空置', ''], ['新楼', '1', 1, '50', '住宅', '', ''], ['新楼', '2', 'one', '50', '住宅', '', '']]);
    const err = await rejection(unitsService.importXlsx(recA, fx.projectA.id, bad));
    expect(err).toMatchObject({ status: 400, code: 'import_failed' });
    expect(err.details).toEqual([expect.objectContaining({ row: 4, field: 'floor' })]);
    expect(await allUnits()).toEqual(before);
    expect(await database.db.selectFrom('org_units').select('id').where('kind', '=', 'building').execute()).toHaveLength(buildingsBefore.length);

    const good = await xlsxOf([UNIT_HEADER, ['A1栋', '0102', 1, '50.5', '住宅', '', ''], ['新楼', '1', 1, '50', '车位', '', ''], ['新楼', '2', 2, '0.29', 'storage', '', '']]);
    expect(await unitsService.importXlsx(recA, fx.projectA.id, good)).toEqual({ created: 2, updated: 1, buildingsCreated: ['新楼'] });
    const rows = await database.db.selectFrom('units').innerJoin('org_units as b', 'b.id', 'units.building_id')
      .select(['b.name', 'b.project_id as building_project', 'units.project_id', 'units.number', 'units.gross_area', 'units.state', 'units.kind'])
      .where('units.project_id', '=', fx.projectA.id).where('units.number', 'in', ['0102', '1', '2']).orderBy('units.number').execute();
    expect(rows).toEqual([
      { name: 'A1栋', building_project: fx.projectA.id, project_id: fx.projectA.id, number: '0102', gross_area: 5050, state: 'renovating', kind: 'residence' },
      { name: '新楼', building_project: fx.projectA.id, project_id: fx.projectA.id, number: '1', gross_area: 5000, state: 'vacant', kind: 'parking' },
      { name: '新楼', building_project: fx.projectA.id, project_id: fx.projectA.id, number: '2', gross_area: 29, state: 'vacant', kind: 'storage' },
    ]);
    const audits = await database.db.selectFrom('audit_log').selectAll().where('action', '=', 'unit.import').execute();
    expect(audits).toHaveLength(1);
    expect(JSON.parse(audits[0]!.changes!).created).toEqual({ before: null, after: 2 });
  });

  it('refuses an import into a project outside the actor\'s scope', async () => {
    const file = await xlsxOf([UNIT_HEADER, ['B主楼', 'X', 1, '50', '商铺', '', '']]);
    const err = await rejection(unitsService.importXlsx(recA, fx.projectB.id, file));
    expect(err.status).toBe(404);
  });
});

describe('zones on the database', () => {
  it('keeps a building in one zone: the service answers 409 and the table refuses a second row', async () => {
    const team = await insertTeam(database, fx.projectA.id, '一班');
    const east = await zonesService.create(recA, { projectId: fx.projectA.id, name: '东区', teamId: team, buildingIds: [fx.buildingA.id] });
    const err = await rejection(zonesService.create(recA, { projectId: fx.projectA.id, name: '西区', buildingIds: [fx.buildingA.id] }));
    expect(err).toMatchObject({ status: 409, code: 'building_in_other_zone' });
    expect(await zonesService.list(admin, { page: 1, pageSize: 20, q: '西区' })).toMatchObject({ total: 0 });
    const west = await zonesService.create(recA, { projectId: fx.projectA.id, name: '西区', buildingIds: [] });
    let dbError: unknown;
    try {
      await database.db.insertInto('zone_buildings').values({ zone_id: west.id, building_id: fx.buildingA.id, project_id: fx.projectA.id }).execute();
    } catch (e) {
      dbError = e;
    }
    expect(isUniqueViolation(dbError)).toBe(true);
    expect(await routeForBuilding(database.db, fx.projectA.id, fx.buildingA.id)).toEqual({ zoneId: east.id, zoneName: '东区', teamId: team, teamName: '一班' });
    expect((await unitsService.listBuildings(recA, { page: 1, pageSize: 200 })).items.find((b) => b.id === fx.buildingA.id)?.zoneName).toBe('东区');
  });

  it('lets exactly one of two zones claiming the same building at once win', async () => {
    const b = await database.db.transaction().execute(async (tx) => {
      const { insertOrgUnit } = await import('../org/org.service.js');
      return insertOrgUnit(tx, { kind: 'building', name: '争抢楼', parentId: fx.projectA.id }, fx.projectA);
    });
    const results = await Promise.allSettled([
      zonesService.create(admin, { projectId: fx.projectA.id, name: '甲区', buildingIds: [b.id] }),
      zonesService.create(recA, { projectId: fx.projectA.id, name: '乙区', buildingIds: [b.id] }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ status: 409, code: 'building_in_other_zone' });
    expect(await database.db.selectFrom('zone_buildings').selectAll().where('building_id', '=', b.id).execute()).toHaveLength(1);
    expect(await routeForBuilding(database.db, fx.projectA.id, b.id)).toMatchObject({ teamId: null });
  });

  it('answers null routing for a building in no zone', async () => {
    expect(await routeForBuilding(database.db, fx.projectB.id, fx.buildingB.id)).toBeNull();
  });
});
