import type { FastifyRequest } from 'fastify';
import type { Locale } from '@propdesk/contracts';

/** The caller's language: the signed-in user's choice, else Accept-Language, else zh-CN. */
export function requestLocale(req: FastifyRequest): Locale {
  const userLocale = req.actor?.user.locale;
  if (userLocale === 'en' || userLocale === 'zh-CN') return userLocale;
  const header = String(req.headers['x-propdesk-locale'] ?? req.headers['accept-language'] ?? '');
  return /^en\b/i.test(header.trim()) ? 'en' : 'zh-CN';
}
