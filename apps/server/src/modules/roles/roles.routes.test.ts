import { PERMISSION_CODES, PERMISSIONS } from '@propdesk/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/harness.js';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  admin = await t.login('admin');
});
afterAll(() => t.close());

const roleCount = async () => Number((await t.database.db.selectFrom('roles').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('roles and the permission list', () => {
  it('answers 401 without a session', async () => {
    for (const url of ['/api/roles', '/api/permissions']) expect((await t.app.inject({ url })).statusCode, url).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/roles', payload: {} })).statusCode).toBe(401);
  });

  it('needs users.read to read roles: a receptionist gets 403, a supervisor the list but may not create', async () => {
    const rec = await t.login('receptionA');
    expect((await t.as(rec, { url: '/api/roles' })).statusCode).toBe(403);
    expect((await t.as(rec, { url: '/api/permissions' })).statusCode).toBe(403);
    const sup = await t.login('supervisor');
    const roles = await t.as(sup, { url: '/api/roles?pageSize=200' });
    expect(roles.statusCode).toBe(200);
    expect(roles.json().items.map((r: { code: string }) => r.code)).toEqual(expect.arrayContaining(['admin', 'receptionist', 'technician']));
    expect(roles.json().items.find((r: { code: string }) => r.code === 'receptionist')).toMatchObject({ name: '接待员', nameEn: 'Receptionist', builtin: true });
    const create = await t.as(sup, { method: 'POST', url: '/api/roles', payload: { code: 'sneaky', name: '偷偷', nameEn: 'Sneaky', permissions: ['org.read'] } });
    expect(create.statusCode).toBe(403);
  });

  it('lists every permission with Chinese and English labels', async () => {
    const res = await t.as(admin, { url: '/api/permissions' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(PERMISSION_CODES.map((code) => ({ code, zh: PERMISSIONS[code].zh, en: PERMISSIONS[code].en })));
  });

  it('creates a role from the permission list; a user granted it gets exactly those permissions', async () => {
    const res = await t.as(admin, {
      method: 'POST', url: '/api/roles',
      payload: { code: 'quality_inspector', name: '品质巡查员', nameEn: 'Quality inspector', permissions: ['units.read', 'org.read', 'units.read'] },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ code: 'quality_inspector', name: '品质巡查员', nameEn: 'Quality inspector', permissions: ['org.read', 'units.read'], builtin: false });
    const list = await t.as(admin, { url: '/api/roles?q=inspector' });
    expect(list.json().items.map((r: { id: string }) => r.id)).toEqual([res.json().id]);
    const audit = await t.as(admin, { url: `/api/audit?entity=role&entityId=${res.json().id}` });
    expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual(['role.create']);

    // Edit it: the grantee's permissions follow at once.
    const grant = await t.as(admin, { method: 'POST', url: `/api/users/${t.fx.users.guardA}/roles`, payload: { roleId: res.json().id, orgUnitId: t.fx.projectA.id } });
    expect(grant.statusCode, grant.body).toBe(201);
    const guard = await t.login('guardA');
    expect((await t.as(guard, { url: '/api/auth/me' })).json().permissions).not.toContain('residents.read');
    const patch = await t.as(admin, { method: 'PATCH', url: `/api/roles/${res.json().id}`, payload: { permissions: ['org.read', 'units.read', 'residents.read'], nameEn: 'Quality patrol' } });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(patch.json()).toMatchObject({ code: 'quality_inspector', nameEn: 'Quality patrol', name: '品质巡查员', permissions: ['org.read', 'units.read', 'residents.read'] });
    expect((await t.as(guard, { url: '/api/auth/me' })).json().permissions).toContain('residents.read');
  });

  it('refuses an unknown permission with 400, writing nothing', async () => {
    const before = await roleCount();
    const res = await t.as(admin, { method: 'POST', url: '/api/roles', payload: { code: 'bad_role', name: '坏角色', nameEn: 'Bad', permissions: ['org.read', 'org.destroy'] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].path).toMatch(/^body\.permissions/);
    for (const payload of [
      { code: 'Bad Code', name: '坏', nameEn: 'Bad', permissions: ['org.read'] },
      { code: 'no_perms', name: '空', nameEn: 'Empty', permissions: [] },
      { code: 'extra', name: '多', nameEn: 'Extra', permissions: ['org.read'], builtin: true },
    ]) {
      expect((await t.as(admin, { method: 'POST', url: '/api/roles', payload })).statusCode, payload.code).toBe(400);
    }
    expect(await roleCount()).toBe(before);
  });

  it('refuses a taken code with 409 role_code_taken', async () => {
    const res = await t.as(admin, { method: 'POST', url: '/api/roles', payload: { code: 'receptionist', name: '接待员2', nameEn: 'Receptionist 2', permissions: ['org.read'] } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toBe('role_code_taken');
  });

  it('refuses to change a built-in role with 409 builtin_role', async () => {
    const id = t.fx.roleIds.get('receptionist')!;
    const res = await t.as(admin, { method: 'PATCH', url: `/api/roles/${id}`, payload: { permissions: ['org.read', 'users.manage'] } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toBe('builtin_role');
    const row = await t.database.db.selectFrom('roles').select('permissions').where('id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.parse(row.permissions)).not.toContain('users.manage');
    expect((await t.as(admin, { method: 'PATCH', url: '/api/roles/0000000000norole', payload: { name: '无' } })).statusCode).toBe(404);
  });
});

describe('removing roles', () => {
  const createRole = async (code: string) => {
    const res = await t.as(admin, { method: 'POST', url: '/api/roles', payload: { code, name: `角色${code}`, nameEn: `Role ${code}`, permissions: ['org.read'] } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; code: string };
  };
  const codes = async () => (await t.as(admin, { url: '/api/roles?pageSize=200' })).json().items.map((r: { code: string }) => r.code);
  const remove = (s: Session, id: string) => t.as(s, { method: 'DELETE', url: `/api/roles/${id}` });

  it('answers 401 without a session', async () => {
    expect((await t.app.inject({ method: 'DELETE', url: `/api/roles/${t.fx.roleIds.get('receptionist')}` })).statusCode).toBe(401);
  });

  it('removes a role nobody holds: gone from the list, audited with the removed role', async () => {
    const role = await createRole('temp_helper');
    const res = await remove(admin, role.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(await codes()).not.toContain('temp_helper');
    expect((await remove(admin, role.id)).statusCode).toBe(404);
    const audit = (await t.as(admin, { url: `/api/audit?entity=role&entityId=${role.id}&action=role.delete` })).json().items;
    expect(audit).toHaveLength(1);
    expect(audit[0].changes.code).toEqual({ before: 'temp_helper', after: null });
  });

  it('never removes a built-in role (409 role_builtin)', async () => {
    const res = await remove(admin, t.fx.roleIds.get('technician')!);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toBe('role_builtin');
    expect(res.json().message).toContain('内置');
    expect(await codes()).toContain('technician');
  });

  it('refuses a role still granted (409 role_in_use, to how many users); removable once revoked', async () => {
    const role = await createRole('night_patrol');
    const grants: { userId: string; grantId: string }[] = [];
    for (const [userId, at] of [[t.fx.users.guardA!, t.fx.projectA.id], [t.fx.users.guardA!, t.fx.projectB.id], [t.fx.users.cashierA!, t.fx.projectA.id]] as const) {
      const res = await t.as(admin, { method: 'POST', url: `/api/users/${userId}/roles`, payload: { roleId: role.id, orgUnitId: at } });
      expect(res.statusCode, res.body).toBe(201);
      const grant = res.json().grants.find((g: { roleId: string; orgUnitId: string }) => g.roleId === role.id && g.orgUnitId === at);
      grants.push({ userId, grantId: grant.id });
    }
    const res = await remove(admin, role.id);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'role_in_use', details: [{ reason: 'granted', count: 2 }] });
    expect(res.json().message).toContain('2 名员工');
    expect(await codes()).toContain('night_patrol');

    for (const g of grants) expect((await t.as(admin, { method: 'DELETE', url: `/api/users/${g.userId}/roles/${g.grantId}` })).statusCode).toBe(200);
    expect((await remove(admin, role.id)).statusCode).toBe(200);
    expect(await codes()).not.toContain('night_patrol');
  });

  it('refuses the supervisor (no roles.manage) with 403, and answers 404 for an unknown role', async () => {
    const role = await createRole('kept_role');
    const sup = await t.login('supervisor');
    expect((await remove(sup, role.id)).statusCode).toBe(403);
    expect(await codes()).toContain('kept_role');
    expect((await remove(admin, '0000000000norole')).statusCode).toBe(404);
  });
});
