import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type Session, type TestApp } from '../../../test/harness.js';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp({ lockoutThreshold: 3, lockoutMinutes: 15, loginRateLimitPerMinute: 1000 });
  admin = await t.login('admin');
});
afterAll(() => t.close());

const count = async (table: 'users' | 'audit_log' | 'role_grants') =>
  Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

let seq = 0;
/** A fresh user created by the admin (placed at project A unless told). */
async function createUser(extra: Record<string, unknown> = {}) {
  seq += 1;
  const res = await t.as(admin, {
    method: 'POST', url: '/api/users',
    payload: { username: `staff${seq}`, displayName: `员工${seq}`, password: 'initial-pass-1', orgUnitId: t.fx.projectA.id, ...extra },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** A custom role granted to the center supervisor at the center: manages staff with only users.* permissions. */
async function supervisorWhoManagesStaff(): Promise<Session> {
  const role = await t.as(admin, {
    method: 'POST', url: '/api/roles',
    payload: { code: `staff_keeper_${++seq}`, name: '人事专员', nameEn: 'Staff keeper', permissions: ['users.read', 'users.manage'] },
  });
  expect(role.statusCode, role.body).toBe(201);
  const g = await t.as(admin, { method: 'POST', url: `/api/users/${t.fx.users.supervisor}/roles`, payload: { roleId: role.json().id, orgUnitId: t.fx.center.id } });
  expect(g.statusCode, g.body).toBe(201);
  return t.login('supervisor');
}

describe('access to staff', () => {
  it('answers 401 without a session', async () => {
    for (const [method, url] of [['GET', '/api/users'], ['POST', '/api/users'], ['GET', `/api/users/${t.fx.users.receptionA}`], ['POST', `/api/users/${t.fx.users.receptionA}/unlock`]] as const) {
      const res = await t.app.inject({ method, url, payload: method === 'POST' ? {} : undefined });
      expect(res.statusCode, url).toBe(401);
    }
  });

  it('refuses a receptionist (no users.read) with 403', async () => {
    const s = await t.login('receptionA');
    const list = await t.as(s, { url: '/api/users' });
    expect(list.statusCode).toBe(403);
    expect(list.json().error).toBe('forbidden');
    expect((await t.as(s, { url: `/api/users/${t.fx.users.receptionA}` })).statusCode).toBe(403);
  });

  it('shows the center supervisor the staff of the center subtree, with their grants, and hides the group admin (404)', async () => {
    const s = await t.login('supervisor');
    const res = await t.as(s, { url: '/api/users?pageSize=200' });
    expect(res.statusCode).toBe(200);
    const names = res.json().items.map((u: { username: string }) => u.username);
    expect(names).toEqual(expect.arrayContaining(['director', 'supervisor', 'receptionA', 'receptionB', 'cashierA', 'techA', 'guardA']));
    expect(names).not.toContain('admin');
    expect(res.json().total).toBe(names.length);
    const receptionA = res.json().items.find((u: { username: string }) => u.username === 'receptionA');
    expect(receptionA.grants).toEqual([expect.objectContaining({ roleCode: 'receptionist', orgUnitId: t.fx.projectA.id, orgUnitName: 'A花园' })]);
    expect(receptionA.orgUnitName).toBe('A花园');
    expect(JSON.stringify(res.json())).not.toMatch(/"password|passwordHash|password_hash|\$argon/);
    const hidden = await t.as(s, { url: `/api/users/${t.fx.users.admin}` });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error).toBe('not_found');
    expect((await t.as(s, { url: `/api/users/${t.fx.users.techA}` })).statusCode).toBe(200);
  });

  it('filters, searches, sorts and pages the list', async () => {
    const byRole = await t.as(admin, { url: `/api/users?roleId=${t.fx.roleIds.get('receptionist')}&sort=username` });
    expect(byRole.json().items.map((u: { username: string }) => u.username)).toEqual(['receptionA', 'receptionB']);
    const underA = await t.as(admin, { url: `/api/users?orgUnitId=${t.fx.projectA.id}&sort=-username&pageSize=200` });
    const underANames = underA.json().items.map((u: { username: string }) => u.username);
    expect(underANames).toEqual([...underANames].sort().reverse());
    expect(underANames).toEqual(expect.arrayContaining(['receptionA', 'cashierA', 'techA', 'guardA']));
    expect(underANames).not.toContain('receptionB');
    const q = await t.as(admin, { url: '/api/users?q=RECEPTION' });
    expect(q.json().items.map((u: { username: string }) => u.username).sort()).toEqual(['receptionA', 'receptionB']);
    const paged = await t.as(admin, { url: '/api/users?pageSize=2&page=2&sort=username' });
    expect(paged.json()).toMatchObject({ page: 2, pageSize: 2 });
    expect(paged.json().items).toHaveLength(2);
    expect(paged.json().total).toBeGreaterThanOrEqual(8);
    expect((await t.as(admin, { url: '/api/users?pageSize=201' })).statusCode).toBe(400);
  });
});

describe('creating staff and granting roles', () => {
  it('creates a user who, once granted receptionist at project A, signs in with that scope', async () => {
    const created = await t.as(admin, {
      method: 'POST', url: '/api/users',
      payload: {
        username: 'wang.fang', displayName: '王芳', password: 'first-pass-1', phone: '13812345678', position: '前台客服',
        orgUnitId: t.fx.projectA.id, education: 'college', birthDate: '1995-06-01', healthCertExpiry: '2027-01-31', experienceYears: 3, skills: ['接待', '收费'],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const user = created.json();
    expect(user).toMatchObject({
      username: 'wang.fang', displayName: '王芳', orgUnitId: t.fx.projectA.id, orgUnitName: 'A花园', active: true, mustChangePassword: true,
      education: 'college', birthDate: '1995-06-01', healthCertExpiry: '2027-01-31', experienceYears: 3, skills: ['接待', '收费'], trainings: [], grants: [],
    });
    expect(created.body).not.toMatch(/"password|passwordHash|password_hash|\$argon/);
    const audit = await t.database.db.selectFrom('audit_log').select('changes').where('entity_id', '=', user.id).where('action', '=', 'user.create').executeTakeFirstOrThrow();
    expect(audit.changes).not.toMatch(/argon|first-pass/);

    const granted = await t.as(admin, { method: 'POST', url: `/api/users/${user.id}/roles`, payload: { roleId: t.fx.roleIds.get('receptionist'), orgUnitId: t.fx.projectA.id } });
    expect(granted.statusCode, granted.body).toBe(201);
    expect(granted.json().grants).toEqual([expect.objectContaining({ roleCode: 'receptionist', orgUnitId: t.fx.projectA.id })]);

    const s = await t.login('wang.fang', 'first-pass-1');
    const me = await t.as(s, { url: '/api/auth/me' });
    expect(me.json().scopes).toEqual([t.fx.projectA.id]);
    expect(me.json().user.mustChangePassword).toBe(true);
    expect(me.json().permissions).toContain('residents.manage');
  });

  it('refuses a second identical grant with 409 grant_exists', async () => {
    const u = await createUser();
    const payload = { roleId: t.fx.roleIds.get('cashier'), orgUnitId: t.fx.projectB.id };
    expect((await t.as(admin, { method: 'POST', url: `/api/users/${u.id}/roles`, payload })).statusCode).toBe(201);
    const again = await t.as(admin, { method: 'POST', url: `/api/users/${u.id}/roles`, payload });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('grant_exists');
  });

  it('refuses to grant at a building (400) and names unknown roles and nodes (400)', async () => {
    const u = await createUser();
    const building = await t.as(admin, { method: 'POST', url: `/api/users/${u.id}/roles`, payload: { roleId: t.fx.roleIds.get('technician'), orgUnitId: t.fx.buildingA.id } });
    expect(building.statusCode).toBe(400);
    expect(building.json().error).toBe('not_grantable_here');
    const noRole = await t.as(admin, { method: 'POST', url: `/api/users/${u.id}/roles`, payload: { roleId: '0000000000norole', orgUnitId: t.fx.projectA.id } });
    expect(noRole.statusCode).toBe(400);
    expect(noRole.json().details[0].path).toBe('body.roleId');
    expect((await t.as(admin, { url: `/api/users/${u.id}` })).json().grants).toEqual([]);
  });

  it('lets a staff-managing supervisor grant within his center only, and never more than he holds', async () => {
    const s = await supervisorWhoManagesStaff();
    const u = await createUser();
    // Project B is under his center: allowed.
    const ok = await t.as(s, { method: 'POST', url: `/api/users/${u.id}/roles`, payload: { roleId: t.fx.roleIds.get('receptionist'), orgUnitId: t.fx.projectB.id } });
    expect(ok.statusCode, ok.body).toBe(201);
    // The admin role carries permissions he does not hold: no escalation.
    const escalate = await t.as(s, { method: 'POST', url: `/api/users/${u.id}/roles`, payload: { roleId: t.fx.roleIds.get('admin'), orgUnitId: t.fx.projectA.id } });
    expect(escalate.statusCode).toBe(403);
    expect(escalate.json().error).toBe('forbidden');
    expect(escalate.json().details.missing).toContain('roles.manage');
    // A project under another center is outside his subtree.
    const center2 = await t.as(admin, { method: 'POST', url: '/api/org-units', payload: { kind: 'center', name: '第二客服中心', parentId: t.fx.company.id } });
    const projectC = await t.as(admin, { method: 'POST', url: '/api/org-units', payload: { kind: 'project', name: 'C苑', parentId: center2.json().id } });
    expect(projectC.statusCode).toBe(201);
    const outside = await t.as(s, { method: 'POST', url: `/api/users/${u.id}/roles`, payload: { roleId: t.fx.roleIds.get('receptionist'), orgUnitId: projectC.json().id } });
    expect(outside.statusCode).toBe(403);
    const after = (await t.as(admin, { url: `/api/users/${u.id}` })).json();
    expect(after.grants.map((g: { orgUnitId: string }) => g.orgUnitId)).toEqual([t.fx.projectB.id]);
    // The group admin is not even visible to him.
    const admins = await t.as(s, { method: 'POST', url: `/api/users/${t.fx.users.admin}/roles`, payload: { roleId: t.fx.roleIds.get('receptionist'), orgUnitId: t.fx.projectA.id } });
    expect(admins.statusCode).toBe(404);
    // He may revoke what he could grant, but not the director's grant (it carries audit.read).
    const revoked = await t.as(s, { method: 'DELETE', url: `/api/users/${u.id}/roles/${after.grants[0].id}` });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json().grants).toEqual([]);
    const director = (await t.as(admin, { url: `/api/users/${t.fx.users.director}` })).json();
    const notHis = await t.as(s, { method: 'DELETE', url: `/api/users/${t.fx.users.director}/roles/${director.grants[0].id}` });
    expect(notHis.statusCode).toBe(403);
    expect((await t.as(admin, { url: `/api/users/${t.fx.users.director}` })).json().grants).toHaveLength(1);
  });

  it('revokes a grant: the user loses the scope at once; an unknown grant is 404', async () => {
    const u = await createUser({ username: 'li.lei', password: 'li-lei-pass-1' });
    const g = await t.as(admin, { method: 'POST', url: `/api/users/${u.id}/roles`, payload: { roleId: t.fx.roleIds.get('guard'), orgUnitId: t.fx.projectA.id } });
    const s = await t.login('li.lei', 'li-lei-pass-1');
    expect((await t.as(s, { url: '/api/auth/me' })).json().scopes).toEqual([t.fx.projectA.id]);
    const gone = await t.as(admin, { method: 'DELETE', url: `/api/users/${u.id}/roles/${g.json().grants[0].id}` });
    expect(gone.statusCode).toBe(200);
    expect((await t.as(s, { url: '/api/auth/me' })).json().scopes).toEqual([]);
    expect((await t.as(admin, { method: 'DELETE', url: `/api/users/${u.id}/roles/${g.json().grants[0].id}` })).statusCode).toBe(404);
  });

  it('refuses a taken username with 409, whatever its case', async () => {
    for (const username of ['receptionA', 'RECEPTIONA']) {
      const res = await t.as(admin, { method: 'POST', url: '/api/users', payload: { username, displayName: '重复', password: 'long-enough-1' } });
      expect(res.statusCode, username).toBe(409);
      expect(res.json().error).toBe('username_taken');
    }
  });

  it('refuses bad input with 400 and details, writing nothing', async () => {
    const users = await count('users');
    const audits = await count('audit_log');
    const valid = { username: 'new.one', displayName: '新人', password: 'long-enough-1', orgUnitId: t.fx.projectA.id };
    const cases: [string, Record<string, unknown>, string][] = [
      ['missing username', { ...valid, username: undefined }, 'body.username'],
      ['wrong type', { ...valid, displayName: 123 }, 'body.displayName'],
      ['over-long username', { ...valid, username: 'x'.repeat(65) }, 'body.username'],
      ['over-long name', { ...valid, displayName: '名'.repeat(101) }, 'body.displayName'],
      ['unknown field', { ...valid, isAdmin: true }, 'body'],
      ['short password', { ...valid, password: 'short7!' }, 'body.password'],
      ['not a real date', { ...valid, birthDate: '1990-02-30' }, 'body.birthDate'],
      ['birth date in the future', { ...valid, birthDate: '2999-01-01' }, 'body.birthDate'],
      ['bad education', { ...valid, education: 'phd' }, 'body.education'],
      ['negative experience', { ...valid, experienceYears: -1 }, 'body.experienceYears'],
      ['unknown org unit', { ...valid, orgUnitId: '0000000000nowhere' }, 'body.orgUnitId'],
    ];
    for (const [label, payload, path] of cases) {
      const res = await t.as(admin, { method: 'POST', url: '/api/users', payload });
      expect(res.statusCode, label).toBe(400);
      expect(res.json().error, label).toBe('validation_failed');
      expect(res.json().details.map((d: { path: string }) => d.path), label).toContain(path);
    }
    expect(await count('users')).toBe(users);
    expect(await count('audit_log')).toBe(audits);
    const patch = await t.as(admin, { method: 'PATCH', url: `/api/users/${t.fx.users.techA}`, payload: { password: 'short' } });
    expect(patch.statusCode).toBe(400);
    const unknown = await t.as(admin, { method: 'PATCH', url: `/api/users/${t.fx.users.techA}`, payload: { username: 'renamed' } });
    expect(unknown.statusCode).toBe(400);
    expect(await count('audit_log')).toBe(audits);
  });
});

describe('changing staff', () => {
  it('refuses to revoke the last administrator grant, and allows it once another admin exists', async () => {
    const me = (await t.as(admin, { url: `/api/users/${t.fx.users.admin}` })).json();
    const adminGrant = me.grants.find((g: { roleCode: string }) => g.roleCode === 'admin');
    const refused = await t.as(admin, { method: 'DELETE', url: `/api/users/${t.fx.users.admin}/roles/${adminGrant.id}` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toBe('last_admin');
    expect((await t.as(admin, { url: `/api/users/${t.fx.users.admin}` })).json().grants).toHaveLength(me.grants.length);
    const other = await createUser({ orgUnitId: t.fx.group.id });
    const g = await t.as(admin, { method: 'POST', url: `/api/users/${other.id}/roles`, payload: { roleId: t.fx.roleIds.get('admin'), orgUnitId: t.fx.group.id } });
    expect(g.statusCode, g.body).toBe(201);
    const deactivate = await t.as(admin, { method: 'PATCH', url: `/api/users/${other.id}`, payload: { active: false } });
    expect(deactivate.statusCode).toBe(200);
    // With the other admin deactivated, the last active one still cannot give up the role.
    expect((await t.as(admin, { method: 'DELETE', url: `/api/users/${t.fx.users.admin}/roles/${adminGrant.id}` })).statusCode).toBe(409);
    await t.as(admin, { method: 'PATCH', url: `/api/users/${other.id}`, payload: { active: true } });
    // Revoke the other admin's grant again so later tests see the fixture's single admin.
    const otherGrant = (await t.as(admin, { url: `/api/users/${other.id}` })).json().grants.find((x: { roleCode: string }) => x.roleCode === 'admin');
    expect((await t.as(admin, { method: 'DELETE', url: `/api/users/${other.id}/roles/${otherGrant.id}` })).statusCode).toBe(200);
  });

  it('updates the profile and records the change in the audit log', async () => {
    const u = await createUser();
    const res = await t.as(admin, { method: 'PATCH', url: `/api/users/${u.id}`, payload: { displayName: '新名字', position: '维修工', experienceYears: 5, skills: ['水电'], orgUnitId: t.fx.projectB.id } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ displayName: '新名字', position: '维修工', experienceYears: 5, skills: ['水电'], orgUnitId: t.fx.projectB.id, orgUnitName: 'B广场' });
    const audit = await t.as(admin, { url: `/api/audit?entity=user&entityId=${u.id}&action=user.update` });
    expect(audit.json().items[0].changes.displayName).toEqual({ before: u.displayName, after: '新名字' });
  });

  it('deactivating a user ends their sessions: the old cookie gets 401, even after reactivation', async () => {
    const s = await t.login('cashierA');
    expect((await t.as(s, { url: '/api/auth/me' })).statusCode).toBe(200);
    const off = await t.as(admin, { method: 'PATCH', url: `/api/users/${t.fx.users.cashierA}`, payload: { active: false } });
    expect(off.statusCode).toBe(200);
    expect(off.json().active).toBe(false);
    const sessions = await t.database.db.selectFrom('sessions').select('id').where('user_id', '=', t.fx.users.cashierA!).execute();
    expect(sessions).toEqual([]);
    expect((await t.as(s, { url: '/api/auth/me' })).statusCode).toBe(401);
    await t.as(admin, { method: 'PATCH', url: `/api/users/${t.fx.users.cashierA}`, payload: { active: true } });
    expect((await t.as(s, { url: '/api/auth/me' })).statusCode).toBe(401);
    await t.login('cashierA');
  });

  it('will not let an administrator deactivate their own account', async () => {
    const res = await t.as(admin, { method: 'PATCH', url: `/api/users/${t.fx.users.admin}`, payload: { active: false } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toBe('cannot_deactivate_self');
    expect((await t.as(admin, { url: '/api/auth/me' })).statusCode).toBe(200);
  });

  it('a password reset by an admin signs the user out and makes them choose a new one', async () => {
    const s = await t.login('receptionB');
    const res = await t.as(admin, { method: 'PATCH', url: `/api/users/${t.fx.users.receptionB}`, payload: { password: 'reset-by-admin-1' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().mustChangePassword).toBe(true);
    expect((await t.as(s, { url: '/api/auth/me' })).statusCode).toBe(401);
    const old = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'receptionB', password: TEST_PASSWORD } });
    expect(old.statusCode).toBe(401);
    await t.login('receptionB', 'reset-by-admin-1');
    const audit = await t.database.db.selectFrom('audit_log').select('changes').where('entity_id', '=', t.fx.users.receptionB!).where('action', '=', 'user.update').execute();
    expect(audit.map((a) => a.changes).join()).not.toMatch(/argon|reset-by-admin/);
  });

  it('unlock clears a lockout so the right password works again', async () => {
    for (let i = 0; i < 3; i++) {
      await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'techA', password: 'wrong-password' } });
    }
    const locked = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'techA', password: TEST_PASSWORD } });
    expect(locked.statusCode).toBe(423);
    expect((await t.as(admin, { url: `/api/users/${t.fx.users.techA}` })).json().lockedUntil).not.toBeNull();
    const res = await t.as(admin, { method: 'POST', url: `/api/users/${t.fx.users.techA}/unlock` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().lockedUntil).toBeNull();
    const row = await t.database.db.selectFrom('users').select(['failed_logins', 'locked_until']).where('id', '=', t.fx.users.techA!).executeTakeFirstOrThrow();
    expect(row).toEqual({ failed_logins: 0, locked_until: null });
    await t.login('techA');
  });

  it('appends trainings to the record, refusing impossible dates', async () => {
    const u = await createUser();
    const first = await t.as(admin, { method: 'POST', url: `/api/users/${u.id}/trainings`, payload: { name: '消防设施操作', date: '2026-03-15', hours: 8 } });
    expect(first.statusCode, first.body).toBe(201);
    const second = await t.as(admin, { method: 'POST', url: `/api/users/${u.id}/trainings`, payload: { name: '礼仪培训' } });
    expect(second.json().trainings).toEqual([{ name: '消防设施操作', date: '2026-03-15', hours: 8 }, { name: '礼仪培训' }]);
    const bad = await t.as(admin, { method: 'POST', url: `/api/users/${u.id}/trainings`, payload: { name: '礼仪培训', date: '2026-13-01' } });
    expect(bad.statusCode).toBe(400);
    const empty = await t.as(admin, { method: 'POST', url: `/api/users/${u.id}/trainings`, payload: { name: '' } });
    expect(empty.statusCode).toBe(400);
    expect((await t.as(admin, { url: `/api/users/${u.id}` })).json().trainings).toHaveLength(2);
  });

  it('a read-only viewer may look but not change (403 on a visible user)', async () => {
    const role = await t.as(admin, { method: 'POST', url: '/api/roles', payload: { code: 'staff_viewer', name: '员工查看', nameEn: 'Staff viewer', permissions: ['users.read'] } });
    expect(role.statusCode, role.body).toBe(201);
    const g = await t.as(admin, { method: 'POST', url: `/api/users/${t.fx.users.cashierA}/roles`, payload: { roleId: role.json().id, orgUnitId: t.fx.center.id } });
    expect(g.statusCode, g.body).toBe(201);
    const s = await t.login('cashierA');
    expect((await t.as(s, { url: `/api/users/${t.fx.users.guardA}` })).statusCode).toBe(200);
    const res = await t.as(s, { method: 'PATCH', url: `/api/users/${t.fx.users.guardA}`, payload: { displayName: '不应改' } });
    expect(res.statusCode).toBe(403);
    expect((await t.as(admin, { url: `/api/users/${t.fx.users.guardA}` })).json().displayName).toBe('guardA');
  });
});

describe('account takeover by a lesser manager', () => {
  it("a supervisor may not reset the password of, or deactivate, a director who holds permissions he lacks (403, nothing changed)", async () => {
    const supervisor = await t.login('supervisor');
    // The director (center_director at the center) holds audit.read, which the reception supervisor does not.
    const reset = await t.as(supervisor, { method: 'PATCH', url: `/api/users/${t.fx.users.director}`, payload: { password: 'taken-over-1' } });
    expect(reset.statusCode, reset.body).toBe(403);
    const off = await t.as(supervisor, { method: 'PATCH', url: `/api/users/${t.fx.users.director}`, payload: { active: false } });
    expect(off.statusCode, off.body).toBe(403);
    const row = await t.database.db.selectFrom('users').select(['active', 'must_change_password']).where('id', '=', t.fx.users.director!).executeTakeFirstOrThrow();
    expect(row).toEqual({ active: 1, must_change_password: 0 });
    const stolen = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'director', password: 'taken-over-1' } });
    expect(stolen.statusCode).toBe(401);
    await t.login('director');
    // A receptionist's password (a role the supervisor could have granted) he may still reset.
    const own = await t.as(supervisor, { method: 'PATCH', url: `/api/users/${t.fx.users.guardA}`, payload: { password: 'reset-by-supervisor-1' } });
    expect(own.statusCode, own.body).toBe(200);
  });
});
