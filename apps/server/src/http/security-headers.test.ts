import Fastify from 'fastify';
import helmet from '@fastify/helmet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { SECURITY_HEADERS } from './app.js';

let t: TestApp;
let expected: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  // What the plugin itself sends with the app's options, on a route of its own.
  const reference = Fastify();
  await reference.register(helmet, SECURITY_HEADERS);
  reference.get('/', async () => ({}));
  const res = await reference.inject('/');
  await reference.close();
  expected = Object.fromEntries(Object.entries(res.headers).filter(([k]) => !['content-type', 'content-length', 'date', 'connection'].includes(k))) as Record<string, string>;
});
afterAll(() => t.close());

describe('security headers (computed once)', () => {
  it('are exactly what @fastify/helmet sends, on answers, errors and unknown addresses', async () => {
    expect(expected['content-security-policy']).toContain("default-src 'self'");
    const admin = await t.login('admin');
    for (const res of [
      await t.app.inject({ url: '/api/health' }),
      await t.as(admin, { url: '/api/auth/me' }),
      await t.app.inject({ url: '/api/auth/me' }), // 401
      await t.app.inject({ url: '/api/no-such-thing' }), // 404
      await t.as(admin, { method: 'POST', url: '/api/auth/tokens', payload: { nope: 1 } }), // 400
    ]) {
      for (const [name, value] of Object.entries(expected)) expect(res.headers[name], `${res.statusCode} ${name}`).toBe(value);
    }
  });
});
