/**
 * The sign-in cache (auth.cache.ts) must never let a change to sign-in wait: each test warms the
 * cache with two requests, changes something, and expects the very next request to see it.
 * On SQLite and PostgreSQL (the write watch wraps both drivers).
 */
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, TEST_PASSWORD, type Session, type TestApp } from '../../../test/harness.js';
import { authRepository } from './auth.repository.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());
afterEach(() => vi.restoreAllMocks());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Two requests: the first fills the cache, the second is served from it. */
async function warm(headers: Record<string, string>, session: Session | null = null, url = '/api/auth/me') {
  for (let i = 0; i < 2; i++) expect((await t.as(session, { url, headers })).statusCode).toBe(200);
}

async function newToken(session: Session): Promise<{ id: string; token: string }> {
  const res = await t.as(session, { method: 'POST', url: '/api/auth/tokens', payload: { name: `cache ${Math.random()}` } });
  expect(res.statusCode).toBe(201);
  return res.json();
}

describe('sign-in cache', () => {
  it('serves repeated requests without reading the credential, the user or the grants again', async () => {
    const admin = await t.login('admin');
    const { token } = await newToken(admin);
    await warm(bearer(token));
    const reads = [vi.spyOn(authRepository, 'findActiveToken'), vi.spyOn(authRepository, 'findUserById'), vi.spyOn(authRepository, 'listGrants')];
    const res = await t.app.inject({ url: '/api/auth/me', headers: bearer(token) });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.username).toBe('admin');
    for (const r of reads) expect(r).not.toHaveBeenCalled();
  });

  it('refuses a revoked token on the very next request', async () => {
    const admin = await t.login('admin');
    const { id, token } = await newToken(admin);
    await warm(bearer(token));
    expect((await t.as(admin, { method: 'DELETE', url: `/api/auth/tokens/${id}` })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/auth/me', headers: bearer(token) })).statusCode).toBe(401);
  });

  it('refuses a session after logout', async () => {
    const s = await t.login('receptionA');
    await warm({}, s);
    expect((await t.as(s, { method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(200);
    expect((await t.as(s, { url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('refuses a deactivated user at once', async () => {
    const admin = await t.login('admin');
    const s = await t.login('cashierA');
    await warm({}, s);
    const off = await t.as(admin, { method: 'PATCH', url: `/api/users/${t.fx.users.cashierA}`, payload: { active: false } });
    expect(off.statusCode).toBe(200);
    expect((await t.as(s, { url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('applies a removed grant and a granted role on the next request', async () => {
    const admin = await t.login('admin');
    const s = await t.login('guardA');
    const me = async () => (await t.as(s, { url: '/api/auth/me' })).json() as { permissions: string[] };
    await warm({}, s);
    const before = await me();
    expect(before.permissions).not.toContain('tickets.create');
    const granted = await t.as(admin, {
      method: 'POST', url: `/api/users/${t.fx.users.guardA}/roles`, payload: { roleId: t.fx.roleIds.get('receptionist'), orgUnitId: t.fx.projectA.id },
    });
    expect(granted.statusCode).toBe(201);
    expect((await me()).permissions).toContain('tickets.create');
    await warm({}, s);
    const grant = (granted.json() as { grants: { id: string; roleId: string }[] }).grants.find((g) => g.roleId === t.fx.roleIds.get('receptionist'))!;
    expect((await t.as(admin, { method: 'DELETE', url: `/api/users/${t.fx.users.guardA}/roles/${grant.id}` })).statusCode).toBe(200);
    expect((await me()).permissions).toEqual(before.permissions);
  });

  it('applies a change to a role\'s permissions on the next request', async () => {
    const admin = await t.login('admin');
    const created = await t.as(admin, { method: 'POST', url: '/api/roles', payload: { code: 'cache_test', name: '缓存测试', nameEn: 'Cache test', permissions: ['org.read', 'residents.read'] } });
    expect(created.statusCode).toBe(201);
    const roleId = created.json().id as string;
    const s = await t.login('techA');
    expect((await t.as(admin, { method: 'POST', url: `/api/users/${t.fx.users.techA}/roles`, payload: { roleId, orgUnitId: t.fx.projectB.id } })).statusCode).toBe(201);
    const permissions = async () => (await t.as(s, { url: '/api/auth/me' })).json().permissions as string[];
    await warm({}, s);
    expect(await permissions()).toContain('residents.read');
    expect((await t.as(admin, { method: 'PATCH', url: `/api/roles/${roleId}`, payload: { permissions: ['org.read'] } })).statusCode).toBe(200);
    expect(await permissions()).not.toContain('residents.read');
  });

  it('ends the other sessions of a user who changes her password', async () => {
    const other = await t.login('receptionB');
    const current = await t.login('receptionB');
    await warm({}, other);
    const changed = await t.as(current, { method: 'POST', url: '/api/auth/password', payload: { currentPassword: TEST_PASSWORD, newPassword: 'new-password-123' } });
    expect(changed.statusCode).toBe(200);
    expect((await t.as(other, { url: '/api/auth/me' })).statusCode).toBe(401);
    expect((await t.as(current, { url: '/api/auth/me' })).statusCode).toBe(200);
  });

  it('shows a changed display name on the next request', async () => {
    const s = await t.login('director');
    await warm({}, s);
    expect((await t.as(s, { method: 'PATCH', url: '/api/auth/me', payload: { displayName: '新名字' } })).statusCode).toBe(200);
    expect((await t.as(s, { url: '/api/auth/me' })).json().user.displayName).toBe('新名字');
  });

  it('sees a write made outside the services (plain SQL), in a transaction once it commits', async () => {
    const s = await t.login('supervisor');
    await warm({}, s);
    await t.database.db.transaction().execute(async (tx) => {
      await sql`update users set active = 0 where id = ${t.fx.users.supervisor!}`.execute(tx);
    });
    expect((await t.as(s, { url: '/api/auth/me' })).statusCode).toBe(401);
    await t.database.db.updateTable('users').set({ active: 1 }).where('id', '=', t.fx.users.supervisor!).execute();
    expect((await t.as(s, { url: '/api/auth/me' })).statusCode).toBe(200);
  });
});

describe('write watch', () => {
  it('moves after a committed or rolled-back write to a sign-in table, not for other tables or reads', async () => {
    const watch = t.database.signInWrites!;
    const g0 = watch.generation;
    await t.database.db.selectFrom('users').select('id').execute();
    await t.database.db.updateTable('tickets').set({ title: 'x' }).where('id', '=', 'none').execute();
    expect(watch.generation).toBe(g0);
    await t.database.db.transaction().execute(async (tx) => {
      await tx.updateTable('role_grants').set({ created_at: '2020-01-01T00:00:00.000Z' }).where('id', '=', 'none').execute();
      // Not before the commit: on PostgreSQL other connections still read the old rows until then.
      expect(watch.generation).toBe(g0);
    });
    expect(watch.generation).toBe(g0 + 1);
    await expect(
      t.database.db.transaction().execute(async (tx) => {
        await tx.deleteFrom('sessions').where('id', '=', 'none').execute();
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(watch.generation).toBe(g0 + 2);
  });

  it('tells writes to the watched tables from everything else', () => {
    const watch = t.database.signInWrites!;
    expect(watch.touches('select * from "users" where "id" = ?')).toBe(false);
    expect(watch.touches('  SELECT 1 from sessions')).toBe(false);
    expect(watch.touches('update "users" set "active" = ?')).toBe(true);
    expect(watch.touches('delete from sessions where id = ?')).toBe(true);
    expect(watch.touches('insert into "role_grants" ("id") values (?)')).toBe(true);
    expect(watch.touches('update "roles" set "permissions" = ?')).toBe(true);
    expect(watch.touches('update "org_units" set "path" = ?')).toBe(true);
    expect(watch.touches('update "api_tokens" set "revoked_at" = ?')).toBe(true);
    expect(watch.touches('insert into "tickets" ("id", "assignee_id") values (?, ?)')).toBe(false);
    expect(watch.touches('insert into "audit_log" ("id") values (?)')).toBe(false);
  });
});
