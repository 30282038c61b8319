import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Ctx } from './context.js';
import { AppError, forbidden, unauthorized } from './errors.js';
import { requestLocale } from './locale.js';
import { authService } from '../modules/auth/auth.service.js';

export const SESSION_COOKIE = 'pd_session';
export const CSRF_COOKIE = 'pd_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every /api route declares `config.access`: the app refuses to start otherwise. Sign-in, the
 * CSRF check for cookie sessions and the permission check run before the body is even parsed.
 */
export function installAuthentication(app: FastifyInstance): void {
  app.decorateRequest('actor', null);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const access = (route.config as { access?: unknown } | undefined)?.access;
    if (!access) throw new Error(`route ${route.method} ${route.url} does not declare config.access`);
  });

  app.addHook('onRequest', async (req) => {
    const access = req.routeOptions.config?.access;
    if (!access) return; // static files, docs
    const auth = req.headers.authorization;
    const bearer = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
    const cookie = bearer ? undefined : req.cookies[SESSION_COOKIE];
    if (bearer || cookie) req.actor = await authService.resolveActor(app.database, app.config, { bearer, cookie });
    if (access.public) return;
    if (!req.actor) throw unauthorized();
    if (req.actor.via === 'session' && !SAFE_METHODS.has(req.method)) {
      // Double submit: the token is in a readable cookie and must come back in a header.
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || sent !== req.actor.csrfToken) {
        throw new AppError(403, 'csrf_failed', {
          zh: '安全校验失败，请刷新页面后重试',
          en: 'Security check failed: reload the page and try again',
        });
      }
    }
    if (access.permission && !req.actor.permissions.has(access.permission)) throw forbidden();
  });
}

/** The service context of a signed-in request. */
export function ctxOf(req: FastifyRequest): Ctx {
  if (!req.actor) throw unauthorized();
  return { database: req.server.database, config: req.server.config, actor: req.actor, ip: req.ip, locale: requestLocale(req) };
}
