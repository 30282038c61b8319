import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type Session, type TestApp } from '../../../test/harness.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { hashPassword } from '../auth/auth.service.js';
import { ID_A, ID_B, ID_BAD, insertUnit, multipart, residentCounts, sheetText, xlsx } from './residents.test-fixtures.js';

let t: TestApp;
let admin: Session;
let receptionA: Session;
let supervisor: Session;
/** A reception supervisor of project A only: may reveal and import, but only there. */
let supervisorA: Session;
const unit: Record<string, string> = {};
let residentA: { id: string };
let residentB: { id: string };

beforeAll(async () => {
  t = await createTestApp();
  unit.a1201 = await insertUnit(t.database, t.fx.buildingA, '1201');
  unit.a1202 = await insertUnit(t.database, t.fx.buildingA, '1202');
  unit.a1301 = await insertUnit(t.database, t.fx.buildingA, '1301');
  unit.b101 = await insertUnit(t.database, t.fx.buildingB, 'L1-001');
  const now = nowIso();
  const userId = newId();
  await t.database.db.insertInto('users').values({
    id: userId, username: 'supervisorA', display_name: 'supervisorA', phone: null, position: null, org_unit_id: t.fx.projectA.id,
    password_hash: await hashPassword(TEST_PASSWORD), must_change_password: 0, locale: 'zh-CN', active: 1, failed_logins: 0, locked_until: null,
    education: null, birth_date: null, health_cert_expiry: null, experience_years: null, skills: '[]', trainings: '[]', created_at: now, updated_at: now,
  }).execute();
  await t.database.db.insertInto('role_grants').values({ id: newId(), user_id: userId, role_id: t.fx.roleIds.get('reception_supervisor')!, org_unit_id: t.fx.projectA.id, created_at: now }).execute();

  [admin, receptionA, supervisor, supervisorA] = await Promise.all([t.login('admin'), t.login('receptionA'), t.login('supervisor'), t.login('supervisorA')]);
  // Both end in 5678, so a phone-tail search would find both if it ignored the scope.
  const a = await t.as(admin, { method: 'POST', url: '/api/residents', payload: { projectId: t.fx.projectA.id, name: '王建国', phone: '13812345678', idNumber: ID_A, units: [{ unitId: unit.a1201, relation: 'owner', startDate: '2020-03-01' }] } });
  expect(a.statusCode, a.body).toBe(201);
  residentA = a.json();
  const b = await t.as(admin, { method: 'POST', url: '/api/residents', payload: { projectId: t.fx.projectB.id, name: '王海燕', phone: '13987655678', idNumber: ID_B, units: [{ unitId: unit.b101, relation: 'tenant' }] } });
  expect(b.statusCode, b.body).toBe(201);
  residentB = b.json();
});
afterAll(() => t.close());

const ids = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((r) => r.id);

describe('residents: sign-in and scope', () => {
  it('answers 401 without a session', async () => {
    for (const [method, url] of [
      ['GET', '/api/residents'], ['POST', '/api/residents'], ['GET', `/api/residents/${residentA.id}`], ['PATCH', `/api/residents/${residentA.id}`],
      ['POST', `/api/residents/${residentA.id}/reveal-id`], ['GET', '/api/residents/export'], ['GET', '/api/residents/import/template'], ['POST', '/api/residents/import'],
      ['POST', `/api/residents/${residentA.id}/units`],
    ] as const) {
      const res = await t.app.inject({ method, url });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.json().error).toBe('unauthorized');
    }
  });

  it('never shows receptionA a project B resident, whatever the filter', async () => {
    const all = await t.as(receptionA, { url: '/api/residents' });
    expect(all.statusCode).toBe(200);
    expect(ids(all)).toContain(residentA.id);
    expect(ids(all)).not.toContain(residentB.id);
    for (const query of [`projectId=${t.fx.projectB.id}`, 'phoneTail=5678', 'phoneTail=55678', 'q=王', 'q=5678', 'q=139876', `unitId=${unit.b101}`, 'relation=tenant', 'sort=name&pageSize=200']) {
      const res = await t.as(receptionA, { url: `/api/residents?${query}` });
      expect(res.statusCode, query).toBe(200);
      expect(ids(res), query).not.toContain(residentB.id);
      expect(res.body, query).not.toContain('王海燕');
    }
    expect((await t.as(receptionA, { url: `/api/residents?projectId=${t.fx.projectB.id}` })).json().total).toBe(0);
    const exported = await t.as(receptionA, { url: '/api/residents/export' });
    expect(exported.statusCode).toBe(200);
    const text = JSON.stringify(await sheetText(exported.rawPayload));
    expect(text).toContain('王建国');
    expect(text).not.toContain('王海燕');
  });

  it('answers 404 for a project B resident: GET, PATCH, reveal, link', async () => {
    const get = await t.as(receptionA, { url: `/api/residents/${residentB.id}` });
    expect(get.statusCode).toBe(404);
    expect(get.json().error).toBe('not_found');
    const patch = await t.as(receptionA, { method: 'PATCH', url: `/api/residents/${residentB.id}`, payload: { note: '不应写入' } });
    expect(patch.statusCode).toBe(404);
    const reveal = await t.as(supervisorA, { method: 'POST', url: `/api/residents/${residentB.id}/reveal-id` });
    expect(reveal.statusCode).toBe(404);
    expect(reveal.body).not.toContain(ID_B);
    const link = await t.as(receptionA, { method: 'POST', url: `/api/residents/${residentB.id}/units`, payload: { unitId: unit.a1202, relation: 'family' } });
    expect(link.statusCode).toBe(404);
    const b = await t.as(admin, { url: `/api/residents/${residentB.id}` });
    expect(b.json().note).toBeNull();
    expect(b.json().units).toHaveLength(1);
  });

  it('shows admin both projects', async () => {
    const all = await t.as(admin, { url: '/api/residents?pageSize=200' });
    expect(ids(all)).toEqual(expect.arrayContaining([residentA.id, residentB.id]));
    const b = await t.as(admin, { url: `/api/residents/${residentB.id}` });
    expect(b.statusCode).toBe(200);
    expect(b.json()).toMatchObject({ name: '王海燕', projectId: t.fx.projectB.id });
  });
});

describe('residents: finding people', () => {
  it('finds a caller by the last 4 digits of the phone', async () => {
    const both = await t.as(admin, { url: '/api/residents?phoneTail=5678' });
    expect(ids(both).sort()).toEqual([residentA.id, residentB.id].sort());
    const one = await t.as(admin, { url: '/api/residents?phoneTail=45678' });
    expect(ids(one)).toEqual([residentA.id]);
    expect((await t.as(admin, { url: '/api/residents?phoneTail=1234' })).json().total).toBe(0);
    const mine = await t.as(receptionA, { url: '/api/residents?phoneTail=5678' });
    expect(ids(mine)).toEqual([residentA.id]);
  });

  it('answers each resident with current unit links (unit number and building name)', async () => {
    const res = await t.as(admin, { url: `/api/residents?unitId=${unit.a1201}` });
    expect(res.json().total).toBe(1);
    expect(res.json().items[0].units).toEqual([
      expect.objectContaining({ unitId: unit.a1201, unitNumber: '1201', buildingName: 'A1栋', relation: 'owner', startDate: '2020-03-01', endDate: null }),
    ]);
    expect(ids(await t.as(admin, { url: '/api/residents?relation=tenant' }))).toEqual([residentB.id]);
    expect(ids(await t.as(admin, { url: '/api/residents?q=建国' }))).toEqual([residentA.id]);
    expect(ids(await t.as(admin, { url: '/api/residents?q=1381234' }))).toEqual([residentA.id]);
  });

  it('pages and sorts, and refuses a page size over 200', async () => {
    const p = await t.as(admin, { url: '/api/residents?pageSize=1&page=2&sort=name' });
    expect(p.json()).toMatchObject({ page: 2, pageSize: 1 });
    expect(p.json().total).toBeGreaterThanOrEqual(2);
    expect(p.json().items).toHaveLength(1);
    expect((await t.as(admin, { url: '/api/residents?pageSize=201' })).statusCode).toBe(400);
  });
});

describe('residents: ID numbers', () => {
  it('never answers the full ID number in lists, details, changes or exports', async () => {
    const bodies = [
      (await t.as(admin, { url: '/api/residents?pageSize=200' })).body,
      (await t.as(admin, { url: `/api/residents?phoneTail=5678` })).body,
      (await t.as(admin, { url: `/api/residents/${residentA.id}` })).body,
      (await t.as(supervisor, { url: `/api/residents/${residentA.id}` })).body,
      (await t.as(admin, { method: 'PATCH', url: `/api/residents/${residentA.id}`, payload: { note: '业委会委员' } })).body,
    ];
    for (const body of bodies) {
      expect(body).not.toContain(ID_A);
      expect(body).not.toContain(ID_B);
    }
    const detail = JSON.parse(bodies[2]!);
    expect(detail).toMatchObject({ idNumber: '110***********4477', idNumberMasked: true });
    const exported = await t.as(supervisor, { url: '/api/residents/export' });
    expect(exported.headers['content-type']).toContain('spreadsheetml');
    const text = JSON.stringify(await sheetText(exported.rawPayload));
    expect(text).toContain('110***********4477');
    expect(text).not.toContain(ID_A);
    expect(text).not.toContain(ID_B);
  });

  it('reveals the full number only with residents.reveal_id, and audits each reveal', async () => {
    const denied = await t.as(receptionA, { method: 'POST', url: `/api/residents/${residentA.id}/reveal-id` });
    expect(denied.statusCode).toBe(403);
    expect(denied.body).not.toContain(ID_A);
    const before = await t.as(admin, { url: `/api/audit?action=resident.reveal_id&entityId=${residentA.id}` });
    const shown = await t.as(supervisor, { method: 'POST', url: `/api/residents/${residentA.id}/reveal-id` });
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toEqual({ idNumber: ID_A });
    const after = await t.as(admin, { url: `/api/audit?action=resident.reveal_id&entityId=${residentA.id}` });
    expect(after.json().total).toBe(before.json().total + 1);
    expect(after.json().items[0]).toMatchObject({ action: 'resident.reveal_id', entity: 'resident', entityId: residentA.id, projectId: t.fx.projectA.id, actorName: 'supervisor' });
    expect((await t.as(supervisorA, { method: 'POST', url: `/api/residents/${residentA.id}/reveal-id` })).json()).toEqual({ idNumber: ID_A });
  });

  it('keeps the audit log of a change free of the full number', async () => {
    const patched = await t.as(admin, { method: 'PATCH', url: `/api/residents/${residentB.id}`, payload: { idNumber: 'E12345678' } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().idNumber).toBe('E12**5678');
    const audit = await t.as(admin, { url: `/api/audit?action=resident.update&entityId=${residentB.id}` });
    expect(audit.json().items[0].changes.idNumber).toEqual({ before: '110***********002X', after: 'E12**5678' });
    expect(audit.body).not.toContain(ID_B);
    expect(audit.body).not.toContain('E12345678');
  });
});

describe('residents: bad input', () => {
  const good = () => ({ projectId: t.fx.projectA.id, name: '李四', phone: '13600001111' });
  const cases: [string, (b: Record<string, unknown>) => Record<string, unknown>, string][] = [
    ['missing name', ({ name: _n, ...b }) => b, 'body.name'],
    ['missing phone', ({ phone: _p, ...b }) => b, 'body.phone'],
    ['phone of the wrong type', (b) => ({ ...b, phone: 13600001111 }), 'body.phone'],
    ['over-long name', (b) => ({ ...b, name: '李'.repeat(101) }), 'body.name'],
    ['over-long note', (b) => ({ ...b, note: 'x'.repeat(501) }), 'body.note'],
    ['unknown field', (b) => ({ ...b, isVip: true }), 'body'],
    ['bad phone', (b) => ({ ...b, phone: '1360000111' }), 'body.phone'],
    ['bad ID check digit', (b) => ({ ...b, idNumber: ID_BAD }), 'body.idNumber'],
    ['bad relation', (b) => ({ ...b, units: [{ unitId: unit.a1202, relation: 'landlord' }] }), 'body.units.0.relation'],
    ['impossible start date', (b) => ({ ...b, units: [{ unitId: unit.a1202, relation: 'owner', startDate: '2024-02-30' }] }), 'body.units.0.startDate'],
    ['end before start', (b) => ({ ...b, units: [{ unitId: unit.a1202, relation: 'owner', startDate: '2024-05-01', endDate: '2024-04-01' }] }), 'body.units.0.endDate'],
    ['unit of another project', (b) => ({ ...b, units: [{ unitId: unit.b101, relation: 'owner' }] }), 'body.units.0.unitId'],
    ['same unit twice', (b) => ({ ...b, units: [{ unitId: unit.a1202, relation: 'owner' }, { unitId: unit.a1202, relation: 'family' }] }), 'body.units.1.unitId'],
  ];
  for (const [what, change, path] of cases) {
    it(`refuses ${what} with 400 and details, writing nothing`, async () => {
      const before = await residentCounts(t.database);
      const res = await t.as(admin, { method: 'POST', url: '/api/residents', payload: change(good()) });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error).toBe('validation_failed');
      expect(res.json().details.map((d: { path: string }) => d.path)).toContain(path);
      expect(await residentCounts(t.database)).toEqual(before);
    });
  }

  it('refuses a bad ID number on PATCH and keeps the record', async () => {
    const res = await t.as(admin, { method: 'PATCH', url: `/api/residents/${residentA.id}`, payload: { idNumber: ID_BAD, name: '改名' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].path).toBe('body.idNumber');
    expect((await t.as(supervisor, { method: 'POST', url: `/api/residents/${residentA.id}/reveal-id` })).json().idNumber).toBe(ID_A);
    expect((await t.as(admin, { url: `/api/residents/${residentA.id}` })).json().name).toBe('王建国');
  });

  it('answers 404 for a unit the receptionist cannot see, and 409 for the same person twice', async () => {
    const hidden = await t.as(receptionA, { method: 'POST', url: '/api/residents', payload: { ...good(), units: [{ unitId: unit.b101, relation: 'owner' }] } });
    expect(hidden.statusCode).toBe(404);
    const twice = await t.as(receptionA, { method: 'POST', url: '/api/residents', payload: { projectId: t.fx.projectA.id, name: '王建国', phone: '13812345678' } });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ error: 'resident_exists', details: { residentId: residentA.id } });
    const elsewhere = await t.as(receptionA, { method: 'POST', url: '/api/residents', payload: { ...good(), projectId: t.fx.projectB.id } });
    expect(elsewhere.statusCode).toBe(404);
  });
});

describe('residents: moving in and out', () => {
  it('links another unit, refuses the same unit twice, ends the link and keeps it in the history', async () => {
    const created = await t.as(receptionA, { method: 'POST', url: '/api/residents', payload: { projectId: t.fx.projectA.id, name: '赵敏', phone: '0755-86001234', units: [{ unitId: unit.a1202, relation: 'tenant', startDate: '2023-01-01' }] } });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const linked = await t.as(receptionA, { method: 'POST', url: `/api/residents/${id}/units`, payload: { unitId: unit.a1301, relation: 'owner', startDate: '2024-06-01' } });
    expect(linked.statusCode, linked.body).toBe(201);
    expect(linked.json().units.map((u: { unitNumber: string }) => u.unitNumber).sort()).toEqual(['1202', '1301']);
    const again = await t.as(receptionA, { method: 'POST', url: `/api/residents/${id}/units`, payload: { unitId: unit.a1301, relation: 'family' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('unit_already_linked');

    const link = created.json().units[0].linkId;
    const early = await t.as(receptionA, { method: 'POST', url: `/api/residents/${id}/units/${link}/end`, payload: { endDate: '2022-12-31' } });
    expect(early.statusCode).toBe(400);
    const ended = await t.as(receptionA, { method: 'POST', url: `/api/residents/${id}/units/${link}/end`, payload: { endDate: '2024-05-31' } });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json().units).toEqual([
      expect.objectContaining({ unitNumber: '1301', endDate: null }),
      expect.objectContaining({ linkId: link, unitNumber: '1202', endDate: '2024-05-31' }),
    ]);
    const twice = await t.as(receptionA, { method: 'POST', url: `/api/residents/${id}/units/${link}/end`, payload: { endDate: '2024-06-30' } });
    expect(twice.statusCode).toBe(409);
    // No longer among the people of 1202; still in the table with its end date.
    expect(ids(await t.as(receptionA, { url: `/api/residents?unitId=${unit.a1202}` }))).not.toContain(id);
    const rows = await t.database.db.selectFrom('resident_units').selectAll().where('resident_id', '=', id).execute();
    expect(rows).toHaveLength(2);
    // The landline's tail finds the person.
    expect(ids(await t.as(receptionA, { url: '/api/residents?phoneTail=1234' }))).toEqual([id]);
    const audit = await t.as(admin, { url: `/api/audit?entity=resident&entityId=${id}` });
    expect(audit.json().items.map((e: { action: string }) => e.action).sort()).toEqual(['resident.create', 'resident.end_unit', 'resident.link_unit']);
  });

  it('updates the phone so the new tail finds the person', async () => {
    const created = await t.as(receptionA, { method: 'POST', url: '/api/residents', payload: { projectId: t.fx.projectA.id, name: '孙丽', phone: '13700000001' } });
    const id = created.json().id;
    const patched = await t.as(receptionA, { method: 'PATCH', url: `/api/residents/${id}`, payload: { phone: '13700009999', units: [{ unitId: unit.a1201, relation: 'family' }] } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().units).toEqual([expect.objectContaining({ unitNumber: '1201', relation: 'family' })]);
    expect(ids(await t.as(receptionA, { url: '/api/residents?phoneTail=9999' }))).toEqual([id]);
    expect(ids(await t.as(receptionA, { url: '/api/residents?phoneTail=0001' }))).not.toContain(id);
  });

  it('refuses a link to a missing link id', async () => {
    const res = await t.as(admin, { method: 'POST', url: `/api/residents/${residentA.id}/units/0000000000doesnotexist/end`, payload: { endDate: '2024-01-01' } });
    expect(res.statusCode).toBe(404);
  });
});

describe('residents: import', () => {
  const importAs = (s: Session, file: Buffer | null, opts: { query?: string; fields?: Record<string, string>; field?: string } = {}) => {
    const m = multipart(file ? { data: file, field: opts.field } : null, opts.fields);
    return t.as(s, { method: 'POST', url: `/api/residents/import${opts.query ? `?${opts.query}` : ''}`, payload: m.payload, headers: m.headers });
  };

  it('serves a template whose header the import reads', async () => {
    const res = await t.as(supervisor, { url: '/api/residents/import/template' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('.xlsx');
    const cells = await sheetText(res.rawPayload);
    expect(cells[0]).toEqual(['姓名 name', '手机号 phone', '证件号 idNumber', '楼栋 building', '房号 unit', '关系 relation', '入住日期 startDate']);
    expect((await t.as(receptionA, { url: '/api/residents/import/template' })).statusCode).toBe(403);
  });

  it('imports a good file: one person on several rows, existing people reused', async () => {
    const before = await residentCounts(t.database);
    const file = await xlsx([
      ['周杰', '13511112222', ID_B, 'A1栋', '1202', '业主', '2024-05-01'],
      ['周杰', '13511112222', '', 'A1栋', '1301', 'owner', ''],
      ['吴芳', '13511113333', '', 'A1栋', '1202', '家属', '2024-05-01'],
      ['王建国', '13812345678', '', 'A1栋', '1201', '业主', ''], // already lives there: nothing to add
      ['王建国', '13812345678', '', 'A1栋', '1301', 'tenant', ''],
    ]);
    const res = await importAs(supervisor, file, { query: `projectId=${t.fx.projectA.id}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ created: 2, updated: 1, linked: 4 });
    expect(await residentCounts(t.database)).toEqual({ residents: before.residents + 2, links: before.links + 4 });
    const zhou = (await t.as(supervisor, { url: '/api/residents?q=周杰' })).json().items;
    expect(zhou).toHaveLength(1);
    expect(zhou[0].units.map((u: { unitNumber: string; relation: string }) => `${u.unitNumber}:${u.relation}`).sort()).toEqual(['1202:owner', '1301:owner']);
    expect(zhou[0].idNumber).toBe('110***********002X');
    const wang = (await t.as(supervisor, { url: `/api/residents/${residentA.id}` })).json();
    expect(wang.units.filter((u: { endDate: string | null }) => u.endDate === null).map((u: { unitNumber: string }) => u.unitNumber).sort()).toEqual(['1201', '1301']);
    const audit = await t.as(admin, { url: '/api/audit?action=resident.import' });
    expect(audit.json().items[0]).toMatchObject({ projectId: t.fx.projectA.id, changes: { created: { after: 2 }, linked: { after: 4 } } });
  });

  it('takes the project from a multipart field too, and refuses a project outside the import scope', async () => {
    const file = await xlsx([['钱多多', '13522223333', '', 'A1栋', '1202', '租户', '']]);
    const ok = await importAs(supervisorA, file, { fields: { projectId: t.fx.projectA.id } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().created).toBe(1);
    const fileB = await xlsx([['钱少少', '13522224444', '', 'B主楼', 'L1-001', '租户', '']]);
    const hidden = await importAs(supervisorA, fileB, { query: `projectId=${t.fx.projectB.id}` });
    expect(hidden.statusCode).toBe(404);
    expect((await importAs(receptionA, file, { query: `projectId=${t.fx.projectA.id}` })).statusCode).toBe(403);
    const noProject = await importAs(supervisor, fileB);
    expect(noProject.statusCode).toBe(400);
    expect(noProject.json().details[0].path).toBe('query.projectId');
  });

  it('writes nothing when one row is wrong, naming the row', async () => {
    const before = await residentCounts(t.database);
    const file = await xlsx([
      ['郑一', '13533330001', '', 'A1栋', '1202', '业主', ''],
      ['郑二', '13533330002', '', 'A1栋', '9999', '业主', ''],
      ['郑三', '13533330003', '', 'A1栋', '1301', '业主', ''],
      ['郑四', '1353333000', '', 'A1栋', '1301', '业主', ''],
      ['郑五', '13533330005', ID_BAD, '3栋', '1201', '业主', ''],
    ]);
    const res = await importAs(supervisor, file, { query: `projectId=${t.fx.projectA.id}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('import_failed');
    const texts = res.json().details.map((d: { text: string }) => d.text);
    expect(texts).toContain('row 3: unit A1栋-9999 does not exist');
    expect(texts).toContain('row 5: phone is not a valid mobile number');
    expect(texts.some((s: string) => s.startsWith('row 6: unit 3栋-1201 does not exist'))).toBe(true);
    expect(texts.some((s: string) => s.startsWith('row 6:') && s.includes('check digit'))).toBe(true);
    expect(await residentCounts(t.database)).toEqual(before);
    expect((await t.as(admin, { url: '/api/residents?q=郑' })).json().total).toBe(0);
  });

  it('refuses a malformed file with invalid_xlsx, and a request without a file', async () => {
    const before = await residentCounts(t.database);
    const bad = await importAs(supervisor, Buffer.from('this is not a spreadsheet'), { query: `projectId=${t.fx.projectA.id}` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toBe('invalid_xlsx');
    const noFile = await importAs(supervisor, null, { query: `projectId=${t.fx.projectA.id}` });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().error).toBe('file_required');
    const json = await t.as(supervisor, { method: 'POST', url: `/api/residents/import?projectId=${t.fx.projectA.id}`, payload: { rows: [] } });
    expect(json.statusCode).toBe(400);
    expect(json.json().error).toBe('expected_file_upload');
    expect(await residentCounts(t.database)).toEqual(before);
  });
});
