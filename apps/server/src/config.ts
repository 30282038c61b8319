import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  adminPassword: string | undefined;
  demo: boolean;
  /** Session idle expiry and absolute expiry, minutes. */
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /** Failed logins before a temporary lockout, and its length. */
  lockoutThreshold: number;
  lockoutMinutes: number;
  /** Send the session cookie with Secure (behind HTTPS). */
  secureCookies: boolean;
  /** How many login attempts one address may make per minute. */
  loginRateLimitPerMinute: number;
  /**
   * Whom to believe about the client's address (X-Forwarded-For): nobody by default, else the
   * reverse proxy (PROPDESK_TRUST_PROXY=1, a hop count, or its addresses/CIDRs). Believing
   * everybody would let any caller pick its own address past the login limit and into the audit log.
   */
  trustProxy: boolean | number | string;
  webDist: string;
  logLevel: string;
  /** Run the background jobs (escalation scan, outbox delivery) in this process; PROPDESK_JOBS=0 turns them off. */
  jobs: boolean;
  /** smtp://user:pass@host:587?from=address (or smtps://): e-mail the outbox; unset, messages stay in the outbox. */
  smtpUrl: string | undefined;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL ?? `sqlite:${path.join(repoRoot, 'data', 'propdesk.db')}`,
    adminPassword: env.PROPDESK_ADMIN_PASSWORD || undefined,
    demo: env.PROPDESK_DEMO !== '0',
    sessionIdleMinutes: Number(env.PROPDESK_SESSION_IDLE_MINUTES ?? 120),
    sessionMaxHours: Number(env.PROPDESK_SESSION_MAX_HOURS ?? 12),
    lockoutThreshold: Number(env.PROPDESK_LOCKOUT_THRESHOLD ?? 5),
    lockoutMinutes: Number(env.PROPDESK_LOCKOUT_MINUTES ?? 15),
    secureCookies: env.PROPDESK_SECURE_COOKIES === '1',
    loginRateLimitPerMinute: Number(env.PROPDESK_LOGIN_RATE_LIMIT ?? 30),
    trustProxy: parseTrustProxy(env.PROPDESK_TRUST_PROXY),
    webDist: env.PROPDESK_WEB_DIST ?? path.join(repoRoot, 'apps', 'web', 'dist'),
    logLevel: env.LOG_LEVEL ?? 'info',
    jobs: env.PROPDESK_JOBS !== '0',
    smtpUrl: env.PROPDESK_SMTP_URL || undefined,
  };
}

/** PROPDESK_TRUST_PROXY: unset/0/false = trust no proxy; 1/true = the nearest one; 2 = two hops; else addresses/CIDRs. */
function parseTrustProxy(v: string | undefined): boolean | number | string {
  const s = (v ?? '').trim();
  if (s === '' || s === '0' || s.toLowerCase() === 'false') return false;
  if (s === '1' || s.toLowerCase() === 'true') return 1;
  if (/^\d+$/.test(s)) return Number(s);
  return s;
}
