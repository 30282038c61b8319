/** Residents against the real database (SQLite, and PostgreSQL when TEST_DATABASE_URL is set). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import type { Ctx } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import { createTestDatabase, ctxFor, seedFixture, testDialect, type Fixture } from '../../../test/harness.js';
import { residentsService } from './residents.service.js';
import { ID_A, ID_B, insertUnit, residentCounts, xlsx } from './residents.test-fixtures.js';

let database: Database;
let fx: Fixture;
let admin: Ctx;
let receptionA: Ctx;
let supervisor: Ctx;
const unit: Record<string, string> = {};

const list = (ctx: Ctx, q: Record<string, unknown> = {}) => residentsService.list(ctx, { page: 1, pageSize: 200, ...q });
const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a failure');
};

beforeAll(async () => {
  database = await createTestDatabase();
  fx = await seedFixture(database);
  admin = await ctxFor(database, fx.users.admin!);
  receptionA = await ctxFor(database, fx.users.receptionA!);
  supervisor = await ctxFor(database, fx.users.supervisor!);
  unit.a1 = await insertUnit(database, fx.buildingA, '1201');
  unit.a2 = await insertUnit(database, fx.buildingA, '1202');
  unit.b1 = await insertUnit(database, fx.buildingB, 'L1-001');
});
afterAll(() => database.close());

describe(`residents on ${testDialect()}`, () => {
  it('creates, reads and updates a resident with unit links; the ID number is stored in full and shown masked', async () => {
    const created = await residentsService.create(receptionA, {
      projectId: fx.projectA.id, name: '王建国', phone: '13812345678', idNumber: ID_A, note: '业主代表',
      units: [{ unitId: unit.a1!, relation: 'owner', startDate: '2020-03-01' }],
    });
    expect(created).toMatchObject({ name: '王建国', idNumber: '110***********4477', idNumberMasked: true });
    const stored = await database.db.selectFrom('residents').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ id_number: ID_A, phone_rev: '87654321831', project_id: fx.projectA.id });

    const read = await residentsService.get(receptionA, created.id);
    expect(read.units).toEqual([expect.objectContaining({ unitNumber: '1201', buildingName: 'A1栋', relation: 'owner', startDate: '2020-03-01', endDate: null })]);

    const updated = await residentsService.update(receptionA, created.id, { phone: '13812349999', note: null, units: [{ unitId: unit.a2!, relation: 'tenant' }] });
    expect(updated).toMatchObject({ phone: '13812349999', note: null });
    // The left-out unit's link ended (kept in the history), the new one is current.
    expect(updated.units.map((u) => [u.unitNumber, u.endDate === null])).toEqual([['1202', true], ['1201', false]]);
    expect((await list(receptionA, { phoneTail: '9999' })).items.map((r) => r.id)).toEqual([created.id]);
    expect((await list(receptionA, { phoneTail: '5678' })).items.map((r) => r.id)).not.toContain(created.id);
    expect((await residentsService.revealId(supervisor, created.id)).idNumber).toBe(ID_A);
  });

  it('scopes every list and lookup to the actor\'s projects', async () => {
    const b = await residentsService.create(admin, { projectId: fx.projectB.id, name: '王海燕', phone: '13987659999', idNumber: ID_B, units: [{ unitId: unit.b1!, relation: 'tenant' }] });
    const a = (await list(receptionA)).items;
    expect(a.length).toBeGreaterThan(0);
    expect(a.every((r) => r.projectId === fx.projectA.id)).toBe(true);
    for (const q of [{ projectId: fx.projectB.id }, { phoneTail: '9999' }, { q: '王' }, { q: '139876' }, { unitId: unit.b1 }, { relation: 'tenant' }]) {
      expect((await list(receptionA, q)).items.map((r) => r.id), JSON.stringify(q)).not.toContain(b.id);
    }
    expect((await list(admin, { phoneTail: '9999' })).total).toBe(2);
    expect((await list(admin, { q: '139876' })).items.map((r) => r.id)).toEqual([b.id]);
    expect((await failure(residentsService.get(receptionA, b.id))).status).toBe(404);
    expect((await failure(residentsService.update(receptionA, b.id, { note: 'x' }))).status).toBe(404);
    expect((await failure(residentsService.addUnit(receptionA, b.id, { unitId: unit.a1!, relation: 'family' }))).status).toBe(404);
    // A unit of project B cannot be linked to a project A resident, even by someone who sees both.
    const a1 = a[0]!;
    const wrongProject = await failure(residentsService.addUnit(admin, a1.id, { unitId: unit.b1!, relation: 'family' }));
    expect([wrongProject.status, wrongProject.code]).toEqual([400, 'validation_failed']);
  });

  it('imports all or nothing: a failing import leaves both tables unchanged', async () => {
    const before = await residentCounts(database);
    const bad = await xlsx([
      ['周杰', '13511112222', '', 'A1栋', '1201', '业主', ''],
      ['周杰', '13511112222', '', 'A1栋', '1202', '业主', ''],
      ['吴芳', '13511113333', '', 'A1栋', '9901', '家属', ''],
    ]);
    const err = await failure(residentsService.importXlsx(supervisor, fx.projectA.id, bad));
    expect(err.code).toBe('import_failed');
    expect(err.details).toEqual([expect.objectContaining({ row: 4, text: 'row 4: unit A1栋-9901 does not exist' })]);
    expect(await residentCounts(database)).toEqual(before);

    const good = await xlsx([
      ['周杰', '13511112222', '', 'A1栋', '1201', '业主', '2024-05-01'],
      ['周杰', '13511112222', '', 'A1栋', '1202', '业主', ''],
      ['王建国', '13812349999', ID_A, 'A1栋', '1201', 'owner', ''],
    ]);
    expect(await residentsService.importXlsx(supervisor, fx.projectA.id, good)).toEqual({ created: 1, updated: 1, linked: 3 });
    expect(await residentCounts(database)).toEqual({ residents: before.residents + 1, links: before.links + 3 });
    // Importing the same file again changes nothing: the people and their links are already there.
    expect(await residentsService.importXlsx(supervisor, fx.projectA.id, good)).toEqual({ created: 0, updated: 0, linked: 0 });
    expect(await residentCounts(database)).toEqual({ residents: before.residents + 1, links: before.links + 3 });
    // Outside the import scope the project does not exist.
    const receptionB = await ctxFor(database, fx.users.receptionB!);
    expect((await failure(residentsService.importXlsx(receptionB, fx.projectA.id, good))).status).toBe(404);
  });
});
