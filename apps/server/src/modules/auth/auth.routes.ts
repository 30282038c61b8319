import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ApiToken, ChangePasswordBody, CreatedToken, CreateTokenBody, IdParams, LoginBody, LoginResponse, MeResponse, Ok, UpdateMeBody,
} from '@propdesk/contracts';
import { CSRF_COOKIE, ctxOf, SESSION_COOKIE } from '../../http/authenticate.js';
import { authService } from './auth.service.js';

export async function authRoutes(appBase: FastifyInstance) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];
  const cookieOpts = () => ({
    path: '/',
    sameSite: 'lax' as const,
    secure: app.config.secureCookies,
    maxAge: app.config.sessionMaxHours * 3600,
  });

  app.get('/api/health', { config: { access: { public: true } }, schema: { tags: ['system'], response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']) }) } } }, async () => {
    return { status: 'ok' as const, database: app.database.dialect };
  });

  app.post('/api/auth/login', {
    config: { access: { public: true }, rateLimit: { max: app.config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
    schema: { tags, body: LoginBody, response: { 200: LoginResponse } },
  }, async (req, reply) => {
    const r = await authService.login(app.database, app.config, req.body, { ip: req.ip, userAgent: req.headers['user-agent'] ?? null });
    reply.setCookie(SESSION_COOKIE, r.cookie, { ...cookieOpts(), httpOnly: true });
    reply.setCookie(CSRF_COOKIE, r.csrfToken, { ...cookieOpts(), httpOnly: false });
    return { user: r.user, csrfToken: r.csrfToken };
  });

  app.post('/api/auth/logout', { config: { access: { permission: null } }, schema: { tags, response: { 200: Ok } } }, async (req, reply) => {
    await authService.logout(ctxOf(req));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.clearCookie(CSRF_COOKIE, { path: '/' });
    return { ok: true as const };
  });

  app.get('/api/auth/me', { config: { access: { permission: null } }, schema: { tags, response: { 200: MeResponse } } }, async (req) => {
    const a = ctxOf(req).actor;
    return {
      user: a.user,
      permissions: [...a.permissions].sort(),
      scopes: [...new Set(a.grants.map((g) => g.orgUnitId))],
      csrfToken: a.csrfToken,
    };
  });

  app.patch('/api/auth/me', { config: { access: { permission: null } }, schema: { tags, body: UpdateMeBody, response: { 200: Ok } } }, async (req) => {
    await authService.updateMe(ctxOf(req), req.body);
    return { ok: true as const };
  });

  app.post('/api/auth/password', { config: { access: { permission: null } }, schema: { tags, body: ChangePasswordBody, response: { 200: Ok } } }, async (req) => {
    await authService.changePassword(ctxOf(req), req.body);
    return { ok: true as const };
  });

  app.post('/api/auth/tokens', { config: { access: { permission: null } }, schema: { tags, body: CreateTokenBody, response: { 201: CreatedToken } } }, async (req, reply) => {
    reply.status(201);
    return authService.createToken(ctxOf(req), req.body.name);
  });

  app.get('/api/auth/tokens', { config: { access: { permission: null } }, schema: { tags, response: { 200: z.object({ items: z.array(ApiToken) }) } } }, async (req) => {
    return { items: await authService.listTokens(ctxOf(req)) };
  });

  app.delete('/api/auth/tokens/:id', { config: { access: { permission: null } }, schema: { tags, params: IdParams, response: { 200: Ok } } }, async (req) => {
    await authService.revokeToken(ctxOf(req), req.params.id);
    return { ok: true as const };
  });
}
