import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('org units API', () => {
  it('lets an admin create a project and its building, and lists them', async () => {
    const s = await t.login('admin');
    const p = await t.as(s, { method: 'POST', url: '/api/org-units', payload: { name: '新项目', kind: 'project', parentId: t.fx.center.id, projectType: 'mall' } });
    expect(p.statusCode).toBe(201);
    expect(p.json()).toMatchObject({ kind: 'project', projectType: 'mall', timezone: 'Asia/Shanghai' });
    const b = await t.as(s, { method: 'POST', url: '/api/org-units', payload: { name: '1号楼', kind: 'building', parentId: p.json().id } });
    expect(b.statusCode).toBe(201);
    const list = await t.as(s, { url: `/api/org-units?parentId=${p.json().id}` });
    expect(list.json()).toMatchObject({ total: 1, page: 1, items: [{ name: '1号楼', projectId: p.json().id }] });
  });

  it('answers 404, not 403, for a node outside the scope', async () => {
    const s = await t.login('receptionA');
    const res = await t.as(s, { url: `/api/org-units/${t.fx.projectB.id}` });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toBe('not_found');
  });

  it('refuses org changes to users without org.manage', async () => {
    const s = await t.login('supervisor');
    const res = await t.as(s, { method: 'PATCH', url: `/api/org-units/${t.fx.projectA.id}`, payload: { name: '改名' } });
    expect(res.statusCode).toBe(403);
  });

  it('answers bad input with 400 and field details, writing nothing', async () => {
    const s = await t.login('admin');
    const cases = [
      { payload: { kind: 'project', parentId: t.fx.center.id }, path: 'body.name' },
      { payload: { name: 'x', kind: 'castle', parentId: t.fx.center.id }, path: 'body.kind' },
      { payload: { name: 'x'.repeat(101), kind: 'project', parentId: t.fx.center.id }, path: 'body.name' },
      { payload: { name: 'x', kind: 'project', parentId: t.fx.center.id, color: 'red' }, path: 'body' },
      { payload: { name: 'x', kind: 'project', parentId: 42 }, path: 'body.parentId' },
    ];
    for (const c of cases) {
      const res = await t.as(s, { method: 'POST', url: '/api/org-units', payload: c.payload });
      expect(res.statusCode, JSON.stringify(c.payload)).toBe(400);
      expect(res.json().error).toBe('validation_failed');
      expect(res.json().details.map((d: { path: string }) => d.path)).toContain(c.path);
    }
    const count = await t.database.db.selectFrom('org_units').select((eb) => eb.fn.countAll<number>().as('n')).where('name', 'in', ['x', 'x'.repeat(101)]).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('serves the OpenAPI document generated from the contracts', async () => {
    const res = await t.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/org-units', '/api/auth/login', '/api/health', '/api/audit']));
    expect((await t.app.inject({ url: '/api/docs' })).statusCode).toBeLessThan(400);
  });

  it('answers malformed JSON with a clear 400', async () => {
    const s = await t.login('admin');
    const res = await t.as(s, { method: 'POST', url: '/api/org-units', payload: '{"name":', headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('invalid_json');
  });
});

describe('org unit time zones', () => {
  it('refuses a time zone that does not exist (400 on timezone, nothing written), so the project keeps working', async () => {
    const s = await t.login('admin');
    const bad = await t.as(s, { method: 'POST', url: '/api/org-units', payload: { name: '火星项目', kind: 'project', parentId: t.fx.center.id, timezone: 'Mars/Olympus' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].path).toBe('body.timezone');
    expect((await t.as(s, { url: '/api/org-units?q=火星项目' })).json().total).toBe(0);
    const patch = await t.as(s, { method: 'PATCH', url: `/api/org-units/${t.fx.projectA.id}`, payload: { timezone: 'Not/AZone' } });
    expect(patch.statusCode).toBe(400);
    expect(patch.json().details[0].path).toBe('body.timezone');
    // Residents of the project still answer (their "today" is read in the project's zone).
    const residents = await t.as(s, { url: `/api/residents?projectId=${t.fx.projectA.id}` });
    expect(residents.statusCode).toBe(200);
    const ok = await t.as(s, { method: 'PATCH', url: `/api/org-units/${t.fx.projectB.id}`, payload: { timezone: 'Asia/Urumqi' } });
    expect(ok.statusCode, ok.body).toBe(200);
  });
});
