import { createHash } from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import type { Locale, UserSummary } from '@propdesk/contracts';
import type { Database } from '../../db/database.js';
import type { UsersTable } from '../../db/schema.js';
import type { Config } from '../../config.js';
import type { Actor, Ctx } from '../../http/context.js';
import { AppError, notFound } from '../../http/errors.js';
import { newId, newSecret } from '../../lib/ids.js';
import { addMinutes, nowIso } from '../../lib/time.js';
import { recordAudit } from '../audit/audit.service.js';
import { allPermissions, LOCKOUT, sessionAlive, type Grant } from './auth.policy.js';
import { authRepository } from './auth.repository.js';
import { loadProjects } from './auth.scope.js';
import { signInCache, type SignIn } from './auth.cache.js';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function hashPassword(password: string): Promise<string> {
  return argonHash(password, { algorithm: 2 /* argon2id */ });
}

export function verifyPassword(hash: string, password: string): Promise<boolean> {
  return argonVerify(hash, password).catch(() => false);
}

// A fixed hash to verify against when the username is unknown, so timing does not reveal which users exist.
let dummyHash: Promise<string> | null = null;

export function toUserSummary(u: UsersTable): UserSummary {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    locale: (u.locale === 'en' ? 'en' : 'zh-CN') as Locale,
    orgUnitId: u.org_unit_id,
    mustChangePassword: u.must_change_password === 1,
  };
}

const invalidCredentials = () =>
  new AppError(401, 'invalid_credentials', { zh: '用户名或密码错误', en: 'Wrong username or password' });

export const authService = {
  async login(database: Database, config: Config, input: { username: string; password: string }, meta: { ip: string; userAgent: string | null }) {
    const { db } = database;
    const now = nowIso();
    const user = await authRepository.findUserByUsername(db, input.username);
    if (!user || user.active !== 1) {
      dummyHash ??= hashPassword('propdesk-timing-equalizer');
      await verifyPassword(await dummyHash, input.password);
      throw invalidCredentials();
    }
    if (LOCKOUT.isLocked(user.locked_until, now)) {
      throw new AppError(
        423,
        'account_locked',
        {
          zh: `登录失败次数过多，账号已临时锁定，请于 ${config.lockoutMinutes} 分钟后再试或联系管理员`,
          en: `Too many failed sign-ins: the account is locked for ${config.lockoutMinutes} minutes. Try later or ask an administrator.`,
        },
        { lockedUntil: user.locked_until },
      );
    }
    if (!(await verifyPassword(user.password_hash, input.password))) {
      const lock = LOCKOUT.shouldLock(user.failed_logins + 1, config.lockoutThreshold) ? addMinutes(now, config.lockoutMinutes) : null;
      await db.transaction().execute(async (tx) => {
        await authRepository.recordFailedLogin(tx, user.id, lock);
        await recordAudit(tx, { actor: null, ip: meta.ip }, {
          action: lock ? 'auth.locked' : 'auth.login_failed',
          entity: 'user',
          entityId: user.id,
        });
      });
      throw invalidCredentials();
    }
    const cookie = newSecret();
    const csrfToken = newSecret(24);
    await db.transaction().execute(async (tx) => {
      await authRepository.resetFailedLogins(tx, user.id);
      await authRepository.deleteExpiredSessions(tx, now);
      await authRepository.insertSession(tx, {
        id: sha256(cookie),
        user_id: user.id,
        csrf_token: csrfToken,
        created_at: now,
        expires_at: addMinutes(now, config.sessionMaxHours * 60),
        ip: meta.ip,
        user_agent: meta.userAgent?.slice(0, 300) ?? null,
      });
      await recordAudit(tx, { actor: null, ip: meta.ip }, { action: 'auth.login', entity: 'user', entityId: user.id });
    });
    return { user: toUserSummary(user), cookie, csrfToken };
  },

  /**
   * Resolves the caller from a session cookie value or a bearer token; null when neither is valid.
   * What the credential, its user and her grants read is cached (auth.cache.ts: dropped by any
   * write to those tables); expiry, idle limit and the last-use stamps are handled on every request.
   */
  async resolveActor(database: Database, config: Config, creds: { cookie?: string; bearer?: string }): Promise<Actor | null> {
    const { db } = database;
    const now = nowIso();
    const hash = creds.bearer ? sha256(creds.bearer) : creds.cookie ? sha256(creds.cookie) : null;
    if (!hash) return null;
    const key = `${creds.bearer ? 'token' : 'session'}:${hash}`;
    let signIn = signInCache.get(database, key);
    if (!signIn) {
      const generation = signInCache.start(database);
      const read = await readSignIn(database, creds);
      if (!read) return null;
      signIn = read;
      signInCache.remember(database, key, generation, signIn);
    }
    if (signIn.token) {
      // Writing on every call would turn reads into writes; a minute's precision is enough.
      const last = signIn.token.lastUsedAt;
      if (!last || Date.parse(now) - Date.parse(last) > 60_000) await authRepository.touchToken(db, signIn.token.id, now);
    } else if (signIn.session) {
      const { expiresAt, lastSeenAt } = signIn.session;
      if (!sessionAlive({ expiresAt, lastSeenAt }, now, config.sessionIdleMinutes)) {
        await authRepository.deleteSession(db, hash);
        return null;
      }
      if (Date.parse(now) - Date.parse(lastSeenAt) > 60_000) await authRepository.touchSession(db, hash, now);
    }
    if (!signIn.actor) return null;
    return { ...signIn.actor, projects: await loadProjects(database) };
  },

  async logout(ctx: Ctx) {
    if (!ctx.actor.sessionId) return;
    const sessionId = ctx.actor.sessionId;
    await ctx.database.db.transaction().execute(async (tx) => {
      await authRepository.deleteSession(tx, sessionId);
      await recordAudit(tx, ctx, { action: 'auth.logout', entity: 'user', entityId: ctx.actor.user.id });
    });
  },

  async changePassword(ctx: Ctx, input: { currentPassword: string; newPassword: string }) {
    const { db } = ctx.database;
    const user = await authRepository.findUserById(db, ctx.actor.user.id);
    if (!user) throw notFound();
    if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
      throw new AppError(400, 'wrong_password', { zh: '当前密码不正确', en: 'The current password is wrong' }, [
        { path: 'currentPassword', message: 'wrong password' },
      ]);
    }
    if (input.currentPassword === input.newPassword) {
      throw new AppError(400, 'password_unchanged', { zh: '新密码不能与当前密码相同', en: 'The new password must differ from the current one' }, [
        { path: 'newPassword', message: 'same as current' },
      ]);
    }
    const hash = await hashPassword(input.newPassword);
    await db.transaction().execute(async (tx) => {
      await authRepository.updatePassword(tx, user.id, hash, nowIso());
      // Other sessions of this user end: a changed password must lock out whoever had the old one.
      await authRepository.deleteSessionsOfUser(tx, user.id, ctx.actor.sessionId ?? undefined);
      await recordAudit(tx, ctx, { action: 'auth.password_changed', entity: 'user', entityId: user.id });
    });
  },

  async updateMe(ctx: Ctx, input: { locale?: Locale; displayName?: string }) {
    const before = { locale: ctx.actor.user.locale, displayName: ctx.actor.user.displayName };
    const patch: { locale?: string; display_name?: string } = {};
    if (input.locale) patch.locale = input.locale;
    if (input.displayName) patch.display_name = input.displayName;
    await ctx.database.db.transaction().execute(async (tx) => {
      await authRepository.updateMe(tx, ctx.actor.user.id, patch, nowIso());
      await recordAudit(tx, ctx, { action: 'user.update_self', entity: 'user', entityId: ctx.actor.user.id, before, after: { ...before, ...input } });
    });
  },

  async createToken(ctx: Ctx, name: string) {
    const token = `pdk_${newSecret()}`;
    const id = newId();
    await ctx.database.db.transaction().execute(async (tx) => {
      await authRepository.insertToken(tx, {
        id,
        user_id: ctx.actor.user.id,
        name,
        token_hash: sha256(token),
        prefix: token.slice(0, 8),
        created_at: nowIso(),
      });
      await recordAudit(tx, ctx, { action: 'token.create', entity: 'api_token', entityId: id, after: { name } });
    });
    return { id, token };
  },

  async listTokens(ctx: Ctx) {
    const rows = await authRepository.listTokens(ctx.database.db, ctx.actor.user.id);
    return rows.map((r) => ({ id: r.id, name: r.name, prefix: r.prefix, createdAt: r.created_at, lastUsedAt: r.last_used_at }));
  },

  async revokeToken(ctx: Ctx, id: string) {
    await ctx.database.db.transaction().execute(async (tx) => {
      if (!(await authRepository.revokeToken(tx, ctx.actor.user.id, id, nowIso()))) throw notFound({ zh: '令牌', en: 'token' });
      await recordAudit(tx, ctx, { action: 'token.revoke', entity: 'api_token', entityId: id });
    });
  },
};

/** The rows behind a credential: null when it is unknown (or revoked); `actor` null when its user is gone or inactive. */
async function readSignIn(database: Database, creds: { cookie?: string; bearer?: string }): Promise<SignIn | null> {
  const { db } = database;
  let userId: string;
  let token: SignIn['token'] = null;
  let session: SignIn['session'] = null;
  let sessionId: string | null = null;
  let csrfToken: string | null = null;
  if (creds.bearer) {
    const row = await authRepository.findActiveToken(db, sha256(creds.bearer));
    if (!row) return null;
    userId = row.user_id;
    token = { id: row.id, lastUsedAt: row.last_used_at };
  } else {
    const row = await authRepository.findSession(db, sha256(creds.cookie!));
    if (!row) return null;
    userId = row.user_id;
    session = { expiresAt: row.expires_at, lastSeenAt: row.last_seen_at };
    sessionId = row.id;
    csrfToken = row.csrf_token;
  }
  const actor = await actorRows(database, userId, token ? 'token' : 'session', sessionId, csrfToken);
  return { actor, token, session };
}

/** A user's actor (without the project list): null when the user is gone or inactive. */
async function actorRows(database: Database, userId: string, via: Actor['via'], sessionId: string | null, csrfToken: string | null): Promise<Omit<Actor, 'projects'> | null> {
  const user = await authRepository.findUserById(database.db, userId);
  if (!user || user.active !== 1) return null;
  const grants: Grant[] = (await authRepository.listGrants(database.db, userId)).map((g) => ({
    orgUnitId: g.org_unit_id,
    path: g.path,
    permissions: new Set(JSON.parse(g.permissions) as string[]),
  }));
  return { user: toUserSummary(user), via, sessionId, csrfToken, grants, permissions: allPermissions(grants) };
}

/**
 * Acting as a user without a credential, for work the server itself does in their name at start-up
 * (the demo seed's history); the same grants and scopes a request of theirs would have.
 */
export async function actorForUser(database: Database, userId: string): Promise<Actor | null> {
  const actor = await actorRows(database, userId, 'token', null, null);
  return actor && { ...actor, projects: await loadProjects(database) };
}
