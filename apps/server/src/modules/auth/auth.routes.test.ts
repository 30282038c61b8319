import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ lockoutThreshold: 3, lockoutMinutes: 15 });
});
afterAll(() => t.close());

describe('sign-in', () => {
  it('reports health with the database kind', async () => {
    const res = await t.app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: t.database.dialect });
  });

  it('answers 401 without a session', async () => {
    for (const url of ['/api/auth/me', '/api/org-units', '/api/audit']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(401);
      expect(res.json().error).toBe('unauthorized');
    }
  });

  it('refuses wrong credentials with invalid_credentials in the caller language', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'director', password: 'nope' }, headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: 'invalid_credentials', message: 'Wrong username or password' });
    const zh = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ghost', password: 'nope' } });
    expect(zh.json()).toMatchObject({ error: 'invalid_credentials', message: '用户名或密码错误' });
  });

  it('signs in with an HttpOnly session cookie and answers me with permissions and scopes', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'receptionA', password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'pd_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const me = await t.as({ cookie: cookie.value, csrf: res.json().csrfToken }, { url: '/api/auth/me' });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.username).toBe('receptionA');
    expect(me.json().permissions).toContain('residents.read');
    expect(me.json().permissions).not.toContain('users.manage');
    expect(me.json().scopes).toEqual([t.fx.projectA.id]);
  });

  it('locks the account after repeated failures, even for the right password, until the lockout ends', async () => {
    for (let i = 0; i < 3; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'guardA', password: 'wrong' } });
      expect(r.statusCode).toBe(401);
    }
    const locked = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'guardA', password: TEST_PASSWORD } });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error).toBe('account_locked');
    // An admin-visible audit trail of the lock.
    const admin = await t.login('admin');
    const audit = await t.as(admin, { url: `/api/audit?entity=user&entityId=${t.fx.users.guardA}` });
    expect(audit.json().items.map((e: { action: string }) => e.action)).toContain('auth.locked');
    // Lift the lock as if the time had passed: the right password works again.
    await t.database.db.updateTable('users').set({ locked_until: '2000-01-01T00:00:00.000Z', failed_logins: 0 }).where('id', '=', t.fx.users.guardA!).execute();
    const ok = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'guardA', password: TEST_PASSWORD } });
    expect(ok.statusCode).toBe(200);
  });

  it('after a lockout has run out, the person gets the full number of tries again (one typo does not re-lock)', async () => {
    for (let i = 0; i < 3; i++) await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'cashierA', password: 'wrong' } });
    const locked = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'cashierA', password: TEST_PASSWORD } });
    expect(locked.statusCode).toBe(423);
    // Time passes: only the lock's end moves into the past.
    await t.database.db.updateTable('users').set({ locked_until: '2000-01-01T00:00:00.000Z' }).where('id', '=', t.fx.users.cashierA!).execute();
    const typo = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'cashierA', password: 'typo' } });
    expect(typo.statusCode).toBe(401);
    const ok = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'cashierA', password: TEST_PASSWORD } });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('limits sign-in attempts per address; a forged X-Forwarded-For does not reset the count', async () => {
    const limited = await createTestApp({ loginRateLimitPerMinute: 3 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await limited.app.inject({
          method: 'POST', url: '/api/auth/login', headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
          payload: { username: `nobody${i}`, password: 'wrong' },
        });
        codes.push(r.statusCode);
      }
      expect(codes).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });

  it('behind one trusted proxy, the address is the one the proxy saw, not what the client wrote in front of it', async () => {
    const proxied = await createTestApp({ trustProxy: 1 });
    try {
      await proxied.app.inject({
        method: 'POST', url: '/api/auth/login', headers: { 'x-forwarded-for': '10.9.9.9, 198.51.100.7' },
        payload: { username: 'guardA', password: 'wrong' },
      });
      const row = await proxied.database.db.selectFrom('audit_log').select('ip').where('action', '=', 'auth.login_failed').executeTakeFirstOrThrow();
      expect(row.ip).toBe('198.51.100.7');
    } finally {
      await proxied.close();
    }
  });

  it('refuses a cookie-session mutation without the CSRF header, and writes nothing', async () => {
    const s = await t.login('admin');
    const res = await t.app.inject({
      method: 'POST', url: '/api/org-units', headers: { cookie: `pd_session=${s.cookie}` },
      payload: { name: '不应创建', kind: 'project', parentId: t.fx.center.id },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toBe('csrf_failed');
    const wrong = await t.as({ ...s, csrf: 'forged' }, { method: 'POST', url: '/api/org-units', payload: { name: '不应创建', kind: 'project', parentId: t.fx.center.id } });
    expect(wrong.statusCode).toBe(403);
    const list = await t.as(s, { url: '/api/org-units?q=不应创建' });
    expect(list.json().total).toBe(0);
  });

  it('issues API tokens shown once, usable as Bearer without CSRF, listable and revocable', async () => {
    const s = await t.login('admin');
    const created = await t.as(s, { method: 'POST', url: '/api/auth/tokens', payload: { name: '集成测试' } });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    const list = await t.as(s, { url: '/api/auth/tokens' });
    expect(list.json().items).toEqual([expect.objectContaining({ id, name: '集成测试' })]);
    expect(JSON.stringify(list.json())).not.toContain(token);
    const bearer = { authorization: `Bearer ${token}` };
    const me = await t.app.inject({ url: '/api/auth/me', headers: bearer });
    expect(me.json().user.username).toBe('admin');
    const create = await t.app.inject({ method: 'POST', url: '/api/org-units', headers: bearer, payload: { name: 'C项目', kind: 'project', parentId: t.fx.center.id } });
    expect(create.statusCode).toBe(201);
    expect((await t.as(s, { method: 'DELETE', url: `/api/auth/tokens/${id}` })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/auth/me', headers: bearer })).statusCode).toBe(401);
  });

  it('changes the password: the old one stops working', async () => {
    const s = await t.login('cashierA');
    const bad = await t.as(s, { method: 'POST', url: '/api/auth/password', payload: { currentPassword: 'wrong-one', newPassword: 'new-password-2' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toBe('wrong_password');
    const ok = await t.as(s, { method: 'POST', url: '/api/auth/password', payload: { currentPassword: TEST_PASSWORD, newPassword: 'new-password-2' } });
    expect(ok.statusCode).toBe(200);
    const old = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'cashierA', password: TEST_PASSWORD } });
    expect(old.statusCode).toBe(401);
    await t.login('cashierA', 'new-password-2');
  });

  it('remembers the language per user and answers errors in it', async () => {
    const s = await t.login('director');
    expect((await t.as(s, { method: 'PATCH', url: '/api/auth/me', payload: { locale: 'en' } })).statusCode).toBe(200);
    const res = await t.as(s, { url: '/api/org-units/0000000000doesnotexist' });
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toBe('The org unit does not exist');
    const bad = await t.as(s, { method: 'PATCH', url: '/api/auth/me', payload: { locale: 'fr' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].path).toBe('body.locale');
  });

  it('logs out: the cookie no longer works', async () => {
    const s = await t.login('techA');
    expect((await t.as(s, { method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(200);
    expect((await t.as(s, { url: '/api/auth/me' })).statusCode).toBe(401);
  });
});
