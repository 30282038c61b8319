import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/harness.js';
import { readSheet } from '../../lib/xlsx.js';
import { UNIT_COLUMNS } from './units.policy.js';
import { grantRole, insertResidentLink, insertTeam, UNIT_HEADER, uploadForm, xlsxOf } from './units.testing.js';

let t: TestApp;
let admin: Session;
/** receptionA also runs the units register of project A (reception supervisor there, nowhere else). */
let recA: Session;
let cashierA: Session;
let unitA: { id: string };
let unitB: { id: string };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const unitCount = async () => Number((await t.database.db.selectFrom('units').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await createTestApp();
  await grantRole(t.database, t.fx.users.receptionA!, t.fx.roleIds.get('reception_supervisor')!, t.fx.projectA.id);
  admin = await t.login('admin');
  recA = await t.login('receptionA');
  cashierA = await t.login('cashierA');
  const a = await t.as(admin, { method: 'POST', url: '/api/units', payload: { buildingId: t.fx.buildingA.id, number: '101', floor: 1, grossArea: 8925, kind: 'residence' } });
  const b = await t.as(admin, { method: 'POST', url: '/api/units', payload: { buildingId: t.fx.buildingB.id, number: 'L1-01', floor: 1, grossArea: 12000, kind: 'shop', state: 'occupied' } });
  expect(a.statusCode).toBe(201);
  expect(b.statusCode).toBe(201);
  unitA = a.json();
  unitB = b.json();
});
afterAll(() => t.close());

describe('units: sign-in and scope', () => {
  it('answers 401 without a session', async () => {
    for (const [method, url] of [
      ['GET', '/api/units'], ['GET', `/api/units/${unitA.id}`], ['PATCH', `/api/units/${unitA.id}`], ['POST', '/api/units'],
      ['POST', '/api/units/import'], ['GET', '/api/units/export'], ['GET', '/api/units/import/template'], ['GET', '/api/buildings'],
    ] as const) {
      const res = await t.app.inject({ method, url, ...(method === 'GET' ? {} : { payload: {} }) });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('derives the project from the building and refuses a client-sent projectId', async () => {
    const a = await t.as(admin, { url: `/api/units/${unitA.id}` });
    expect(a.json()).toMatchObject({ projectId: t.fx.projectA.id, buildingId: t.fx.buildingA.id, buildingName: 'A1栋', number: '101', grossArea: 8925, state: 'vacant' });
    const forged = await t.as(admin, { method: 'POST', url: '/api/units', payload: { buildingId: t.fx.buildingA.id, projectId: t.fx.projectB.id, number: '999', floor: 9, grossArea: 100, kind: 'residence' } });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().details[0]).toMatchObject({ keys: ['projectId'] });
  });

  it('hides project B units from receptionA: 404 on read and on patch, nothing changed', async () => {
    const get = await t.as(recA, { url: `/api/units/${unitB.id}` });
    expect(get.statusCode).toBe(404);
    expect(get.json().error).toBe('not_found');
    const missing = await t.as(recA, { url: '/api/units/0000000000doesnotexist' });
    expect(missing.json()).toEqual(get.json());
    const patch = await t.as(recA, { method: 'PATCH', url: `/api/units/${unitB.id}`, payload: { note: '越权修改' } });
    expect(patch.statusCode).toBe(404);
    const after = await t.as(admin, { url: `/api/units/${unitB.id}` });
    expect(after.json().note).toBeNull();
    // Her own project's unit she may read and change.
    expect((await t.as(recA, { url: `/api/units/${unitA.id}` })).statusCode).toBe(200);
  });

  it('refuses a unit in a project B building to receptionA with 404, writing nothing', async () => {
    const before = await unitCount();
    const res = await t.as(recA, { method: 'POST', url: '/api/units', payload: { buildingId: t.fx.buildingB.id, number: 'X1', floor: 1, grossArea: 100, kind: 'shop' } });
    expect(res.statusCode).toBe(404);
    expect(await unitCount()).toBe(before);
  });

  it('never lists project B units to receptionA, even when she asks for project B', async () => {
    const own = await t.as(recA, { url: '/api/units' });
    expect(own.statusCode).toBe(200);
    expect(own.json().items.map((u: { id: string }) => u.id)).toContain(unitA.id);
    expect(own.json().items.every((u: { projectId: string }) => u.projectId === t.fx.projectA.id)).toBe(true);
    const askB = await t.as(recA, { url: `/api/units?projectId=${t.fx.projectB.id}` });
    expect(askB.json()).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
    const byBuilding = await t.as(recA, { url: `/api/units?buildingId=${t.fx.buildingB.id}` });
    expect(byBuilding.json().total).toBe(0);
    const search = await t.as(recA, { url: '/api/units?q=L1' });
    expect(search.json().total).toBe(0);
  });

  it('lists both projects to the admin, with filters, search and paging', async () => {
    const all = await t.as(admin, { url: '/api/units' });
    expect(all.json().items.map((u: { id: string }) => u.id).sort()).toEqual([unitA.id, unitB.id].sort());
    expect((await t.as(admin, { url: `/api/units?projectId=${t.fx.projectB.id}` })).json().items.map((u: { id: string }) => u.id)).toEqual([unitB.id]);
    expect((await t.as(admin, { url: '/api/units?kind=shop' })).json().items.map((u: { id: string }) => u.id)).toEqual([unitB.id]);
    expect((await t.as(admin, { url: '/api/units?state=vacant' })).json().items.map((u: { id: string }) => u.id)).toEqual([unitA.id]);
    expect((await t.as(admin, { url: '/api/units?q=l1-0' })).json().items.map((u: { id: string }) => u.id)).toEqual([unitB.id]);
    // q also finds the building name
    expect((await t.as(admin, { url: '/api/units?q=B主楼' })).json().items.map((u: { id: string }) => u.id)).toEqual([unitB.id]);
    const paged = await t.as(admin, { url: '/api/units?pageSize=1&page=2&sort=-grossArea' });
    expect(paged.json()).toMatchObject({ total: 2, page: 2, pageSize: 1, items: [{ id: unitA.id }] });
    expect((await t.as(admin, { url: '/api/units?pageSize=201' })).statusCode).toBe(400);
  });

  it('needs units.manage to change a unit (cashier: 403 whatever the unit)', async () => {
    const res = await t.as(cashierA, { method: 'PATCH', url: `/api/units/${unitA.id}`, payload: { note: 'x' } });
    expect(res.statusCode).toBe(403);
  });
});

describe('units: validation, duplicates and audit', () => {
  const base = () => ({ buildingId: t.fx.buildingA.id, number: '201', floor: 2, grossArea: 9000, kind: 'residence' });

  it.each([
    ['missing number', (b: Record<string, unknown>) => { delete b.number; }, 'body.number'],
    ['missing building', (b: Record<string, unknown>) => { delete b.buildingId; }, 'body.buildingId'],
    ['floor as text', (b: Record<string, unknown>) => { b.floor = 'two'; }, 'body.floor'],
    ['area as text', (b: Record<string, unknown>) => { b.grossArea = '89.25'; }, 'body.grossArea'],
    ['fractional area', (b: Record<string, unknown>) => { b.grossArea = 89.25; }, 'body.grossArea'],
    ['negative area', (b: Record<string, unknown>) => { b.grossArea = -100; }, 'body.grossArea'],
    ['over-long number', (b: Record<string, unknown>) => { b.number = '1'.repeat(33); }, 'body.number'],
    ['over-long note', (b: Record<string, unknown>) => { b.note = '注'.repeat(501); }, 'body.note'],
    ['unknown kind', (b: Record<string, unknown>) => { b.kind = 'villa'; }, 'body.kind'],
    ['unknown field', (b: Record<string, unknown>) => { b.owner = '张三'; }, 'body'],
  ])('refuses %s with 400 and details, writing nothing', async (_name, mutate, path) => {
    const before = await unitCount();
    const body: Record<string, unknown> = base();
    mutate(body);
    const res = await t.as(admin, { method: 'POST', url: '/api/units', payload: body });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('validation_failed');
    expect(res.json().details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await unitCount()).toBe(before);
  });

  it('refuses a bad patch with 400 and leaves the unit as it was', async () => {
    for (const payload of [{ grossArea: -1 }, { floor: 1.5 }, { number: '' }, { buildingId: t.fx.buildingB.id }, { state: 'sold' }]) {
      const res = await t.as(admin, { method: 'PATCH', url: `/api/units/${unitA.id}`, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await t.as(admin, { url: `/api/units/${unitA.id}` })).json()).toMatchObject({ number: '101', floor: 1, grossArea: 8925, state: 'vacant' });
  });

  it('answers 409 unit_number_taken for a number already used in the building, on create and on rename', async () => {
    const before = await unitCount();
    const dup = await t.as(admin, { method: 'POST', url: '/api/units', payload: { ...base(), number: '101' } });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toBe('unit_number_taken');
    expect(dup.json().message).toContain('101');
    expect(await unitCount()).toBe(before);
    // The same number in another building is fine.
    const other = await t.as(admin, { method: 'POST', url: '/api/units', payload: { ...base(), buildingId: t.fx.buildingB.id, number: '101' } });
    expect(other.statusCode).toBe(201);
    const second = await t.as(admin, { method: 'POST', url: '/api/units', payload: { ...base(), number: '102' } });
    const rename = await t.as(admin, { method: 'PATCH', url: `/api/units/${second.json().id}`, payload: { number: '101' } });
    expect(rename.statusCode).toBe(409);
    expect(rename.json().error).toBe('unit_number_taken');
  });

  it('audits create and update with before and after', async () => {
    const created = await t.as(recA, { method: 'POST', url: '/api/units', payload: { ...base(), number: '301', note: '样板间' } });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const patched = await t.as(recA, { method: 'PATCH', url: `/api/units/${id}`, payload: { state: 'renovating', note: null } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ state: 'renovating', note: null });
    const audit = await t.as(admin, { url: `/api/audit?entity=unit&entityId=${id}&sort=at` });
    const entries = audit.json().items as { action: string; actorId: string; projectId: string; changes: Record<string, { before: unknown; after: unknown }> }[];
    const create = entries.find((e) => e.action === 'unit.create')!;
    const update = entries.find((e) => e.action === 'unit.update')!;
    expect(create).toMatchObject({ actorId: t.fx.users.receptionA, projectId: t.fx.projectA.id });
    expect(create.changes.number).toEqual({ before: null, after: '301' });
    expect(update.changes).toEqual({ state: { before: 'vacant', after: 'renovating' }, note: { before: '样板间', after: null } });
  });
});

describe('unit detail', () => {
  it('shows the zone and the residents, current and past, with phones but never ID numbers', async () => {
    const unit = (await t.as(admin, { method: 'POST', url: '/api/units', payload: { buildingId: t.fx.buildingA.id, number: '501', floor: 5, grossArea: 10000, kind: 'residence', state: 'occupied' } })).json();
    const now = await insertResidentLink(t.database, { projectId: t.fx.projectA.id, unitId: unit.id, name: '王芳', phone: '13800001111', idNumber: '110101199001011234', relation: 'owner', startDate: '2024-03-01' });
    const past = await insertResidentLink(t.database, { projectId: t.fx.projectA.id, unitId: unit.id, name: '李雷', phone: '13900002222', idNumber: '110101198505054321', relation: 'tenant', startDate: '2021-01-01', endDate: '2023-12-31' });
    const team = await insertTeam(t.database, t.fx.projectA.id, 'A区维修班');
    const zone = await t.as(admin, { method: 'POST', url: '/api/zones', payload: { projectId: t.fx.projectA.id, name: 'A一区', teamId: team, buildingIds: [t.fx.buildingA.id] } });
    expect(zone.statusCode).toBe(201);

    const res = await t.as(recA, { url: `/api/units/${unit.id}` });
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d).toMatchObject({ id: unit.id, zoneId: zone.json().id, zoneName: 'A一区' });
    expect(d.occupants).toEqual([
      { linkId: now.linkId, residentId: now.residentId, name: '王芳', phone: '13800001111', relation: 'owner', startDate: '2024-03-01', endDate: null },
      { linkId: past.linkId, residentId: past.residentId, name: '李雷', phone: '13900002222', relation: 'tenant', startDate: '2021-01-01', endDate: '2023-12-31' },
    ]);
    expect(res.body).not.toContain('110101199001011234');
    expect(res.body).not.toContain('1234"');
    expect(res.body).not.toMatch(/idNumber/i);
  });
});

describe('unit detail without residents.read', () => {
  it("shows a guard (units.read only) the unit but not who lives there: no names, no phones", async () => {
    const unit = (await t.as(admin, { method: 'POST', url: '/api/units', payload: { buildingId: t.fx.buildingA.id, number: '602', floor: 6, grossArea: 10000, kind: 'residence', state: 'occupied' } })).json();
    await insertResidentLink(t.database, { projectId: t.fx.projectA.id, unitId: unit.id, name: '赵敏', phone: '13700003333', idNumber: 'E12345678', relation: 'owner', startDate: '2024-03-01' });
    const guard = await t.login('guardA');
    const res = await t.as(guard, { url: `/api/units/${unit.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: unit.id, number: '602', occupants: [] });
    expect(res.body).not.toContain('13700003333');
    expect(res.body).not.toContain('赵敏');
    // Someone who may read residents still sees them.
    expect((await t.as(cashierA, { url: `/api/units/${unit.id}` })).json().occupants).toHaveLength(1);
  });
});

describe('multipart uploads and CSRF', () => {
  it('refuses a cookie-session import without the CSRF header, and writes nothing', async () => {
    const before = await unitCount();
    const file = await xlsxOf([UNIT_HEADER, ['C9栋', '901', 9, '90', '住宅', '', '']]);
    const res = await t.app.inject({
      method: 'POST', url: `/api/units/import?projectId=${t.fx.projectA.id}`,
      headers: { cookie: `pd_session=${recA.cookie}` }, payload: uploadForm(file),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toBe('csrf_failed');
    expect(await unitCount()).toBe(before);
  });
});

describe('units import', () => {
  const importAs = (s: Session, body: FormData, projectId: string | null = t.fx.projectA.id) =>
    t.as(s, { method: 'POST', url: `/api/units/import${projectId ? `?projectId=${projectId}` : ''}`, payload: body });

  it('creates units (and the missing building) from a good file, then updates them on re-import', async () => {
    const file = await xlsxOf([
      UNIT_HEADER,
      ['A1栋', '1201', 12, 89.25, '住宅', '已入住', '南向'],
      ['A1栋', '1202', 12, '120.5', 'residence', '', ''],
      ['A2栋', 'S-01', 1, 45, '商铺', '空置', ''],
    ]);
    const res = await importAs(recA, uploadForm(file));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ created: 3, updated: 0, buildingsCreated: ['A2栋'] });
    const list = (await t.as(recA, { url: '/api/units?q=120&sort=number' })).json().items;
    expect(list.map((u: { number: string; grossArea: number; state: string; note: string | null }) => [u.number, u.grossArea, u.state, u.note])).toEqual([
      ['1201', 8925, 'occupied', '南向'],
      ['1202', 12050, 'vacant', null],
    ]);
    const buildings = (await t.as(recA, { url: `/api/buildings?projectId=${t.fx.projectA.id}` })).json().items;
    expect(buildings.find((b: { name: string }) => b.name === 'A2栋')).toMatchObject({ projectId: t.fx.projectA.id, unitCount: 1 });

    // Re-import: same building + number updates; a blank state keeps the unit's state.
    const again = await xlsxOf([UNIT_HEADER, ['A1栋', '1201', 12, '90', '住宅', '', ''], ['A1栋', '1203', 12, '66.6', '住宅', '', '']]);
    const res2 = await importAs(recA, uploadForm(again));
    expect(res2.json()).toEqual({ created: 1, updated: 1, buildingsCreated: [] });
    const u1201 = (await t.as(recA, { url: '/api/units?q=1201' })).json().items[0];
    expect(u1201).toMatchObject({ grossArea: 9000, state: 'occupied', note: '南向' });

    const audit = (await t.as(admin, { url: '/api/audit?action=unit.import' })).json().items;
    expect(audit).toHaveLength(2);
    expect(audit.map((e: { changes: { created: { after: number } } }) => e.changes.created.after).sort()).toEqual([1, 3]);
  });

  it('takes the project from the multipart field too', async () => {
    const file = await xlsxOf([UNIT_HEADER, ['A1栋', '1301', 13, '70', '住宅', '', '']]);
    const res = await importAs(recA, uploadForm(file, 'units.xlsx', { projectId: t.fx.projectA.id }), null);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().created).toBe(1);
  });

  it('writes nothing when one row is bad and names the row', async () => {
    const before = await unitCount();
    const buildingsBefore = (await t.as(admin, { url: '/api/buildings' })).json().total;
    const file = await xlsxOf([
      UNIT_HEADER,
      ['A3栋', '101', 1, '80', '住宅', '', ''],
      ['A3栋', '102', 1, 'eighty', '住宅', '', ''],
      ['A3栋', '103', 1, '80.255', '别墅', '', ''],
    ]);
    const res = await importAs(recA, uploadForm(file));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('import_failed');
    const texts = res.json().details.map((d: { text: string }) => d.text);
    expect(texts).toContain('row 3: grossArea is not a number: "eighty"');
    expect(texts).toContain('row 4: grossArea has more than 2 decimals: "80.255"');
    expect(texts.some((s: string) => s.startsWith('row 4: kind "别墅"'))).toBe(true);
    expect(texts.some((s: string) => s.startsWith('row 2'))).toBe(false);
    expect(await unitCount()).toBe(before);
    expect((await t.as(admin, { url: '/api/buildings' })).json().total).toBe(buildingsBefore);
  });

  it('answers invalid_xlsx for a file that is not an .xlsx', async () => {
    for (const [bytes, name] of [[randomBytes(2000), 'units.xlsx'], [Buffer.from('楼栋,房号\nA1栋,101\n'), 'units.txt'], [Buffer.alloc(0), 'empty.xlsx']] as const) {
      const res = await importAs(recA, uploadForm(bytes, name));
      expect(res.statusCode, name).toBe(400);
      expect(res.json().error).toBe('invalid_xlsx');
    }
  });

  it('answers 400 without a file or without a project, and 404 for a project out of scope', async () => {
    const noFile = new FormData();
    noFile.append('projectId', t.fx.projectA.id);
    expect((await importAs(recA, noFile)).json().error).toBe('file_required');
    const json = await t.as(recA, { method: 'POST', url: `/api/units/import?projectId=${t.fx.projectA.id}`, payload: { file: 'x' } });
    expect(json.statusCode).toBe(400);
    const file = await xlsxOf([UNIT_HEADER, ['B主楼', 'Z9', 1, '10', '商铺', '', '']]);
    const noProject = await importAs(recA, uploadForm(file), null);
    expect(noProject.statusCode).toBe(400);
    expect(noProject.json().details[0].path).toBe('projectId');
    const before = await unitCount();
    const outOfScope = await importAs(recA, uploadForm(file), t.fx.projectB.id);
    expect(outOfScope.statusCode).toBe(404);
    expect((await importAs(cashierA, uploadForm(file))).statusCode).toBe(403);
    expect(await unitCount()).toBe(before);
  });

  it('serves a template that reads back with the import columns', async () => {
    const res = await t.as(recA, { url: '/api/units/import/template' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="units-template.xlsx"/);
    const rows = await readSheet(res.rawPayload, UNIT_COLUMNS);
    expect(rows).toEqual([{ row: 2, values: { building: '1栋', number: '101', floor: '1', grossArea: '89.25', kind: '住宅', state: '空置', note: '' } }]);
  });

  it('exports the filtered list in scope, re-importable', async () => {
    const res = await t.as(recA, { url: '/api/units/export?q=1201' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    const rows = await readSheet(res.rawPayload, UNIT_COLUMNS);
    expect(rows.map((r) => r.values)).toEqual([{ building: 'A1栋', number: '1201', floor: '12', grossArea: '90', kind: '住宅', state: '已入住', note: '南向' }]);
    const all = await readSheet((await t.as(recA, { url: '/api/units/export' })).rawPayload, UNIT_COLUMNS);
    expect(all.length).toBeGreaterThan(3);
    expect(all.every((r) => r.values.building?.startsWith('A'))).toBe(true);
    // A reader exports too, in her own language.
    expect((await t.as(cashierA, { method: 'PATCH', url: '/api/auth/me', payload: { locale: 'en' } })).statusCode).toBe(200);
    const en = await t.as(cashierA, { url: '/api/units/export?q=1202' });
    expect((await readSheet(en.rawPayload, UNIT_COLUMNS))[0]!.values).toMatchObject({ grossArea: '120.5', kind: 'Residence', state: 'Vacant' });
  });
});

describe('buildings', () => {
  it('lists the buildings in scope with unit counts and zone names', async () => {
    const res = await t.as(recA, { url: '/api/buildings' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; projectId: string; unitCount: number; zoneName: string | null }[];
    expect(items.every((b) => b.projectId === t.fx.projectA.id)).toBe(true);
    const a1 = items.find((b) => b.id === t.fx.buildingA.id)!;
    const real = Number((await t.database.db.selectFrom('units').select((eb) => eb.fn.countAll<number>().as('n')).where('building_id', '=', t.fx.buildingA.id).executeTakeFirstOrThrow()).n);
    expect(a1).toMatchObject({ unitCount: real, zoneName: 'A一区', projectName: 'A花园' });
    expect(real).toBeGreaterThan(3);
    expect((await t.as(recA, { url: `/api/buildings?projectId=${t.fx.projectB.id}` })).json().total).toBe(0);
    const adminB = (await t.as(admin, { url: `/api/buildings?projectId=${t.fx.projectB.id}` })).json();
    expect(adminB.items.map((b: { id: string }) => b.id)).toEqual([t.fx.buildingB.id]);
  });
});
