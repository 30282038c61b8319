import type { Tx } from '../../db/database.js';

/** Every SQL statement of sign-in: sessions, API tokens, the failed-login counter, grants. */
export const authRepository = {
  findUserByUsername(db: Tx, username: string) {
    return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  },

  findUserById(db: Tx, id: string) {
    return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** One more failure; a lock starts a fresh count, so once it runs out the person has the full number of tries again. */
  async recordFailedLogin(db: Tx, userId: string, lockedUntil: string | null) {
    await db
      .updateTable('users')
      .set((eb) => (lockedUntil ? { failed_logins: 0, locked_until: lockedUntil } : { failed_logins: eb('failed_logins', '+', 1) }))
      .where('id', '=', userId)
      .execute();
  },

  async resetFailedLogins(db: Tx, userId: string) {
    await db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', userId).execute();
  },

  async insertSession(db: Tx, row: { id: string; user_id: string; csrf_token: string; created_at: string; expires_at: string; ip: string | null; user_agent: string | null }) {
    await db.insertInto('sessions').values({ ...row, last_seen_at: row.created_at }).execute();
  },

  findSession(db: Tx, id: string) {
    return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async touchSession(db: Tx, id: string, at: string) {
    await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();
  },

  async deleteSession(db: Tx, id: string) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
  },

  async deleteSessionsOfUser(db: Tx, userId: string, exceptId?: string) {
    let q = db.deleteFrom('sessions').where('user_id', '=', userId);
    if (exceptId) q = q.where('id', '!=', exceptId);
    await q.execute();
  },

  async deleteExpiredSessions(db: Tx, nowIso: string) {
    await db.deleteFrom('sessions').where('expires_at', '<=', nowIso).execute();
  },

  findActiveToken(db: Tx, tokenHash: string) {
    return db
      .selectFrom('api_tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
  },

  async touchToken(db: Tx, id: string, at: string) {
    await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
  },

  async insertToken(db: Tx, row: { id: string; user_id: string; name: string; token_hash: string; prefix: string; created_at: string }) {
    await db.insertInto('api_tokens').values(row).execute();
  },

  listTokens(db: Tx, userId: string) {
    return db
      .selectFrom('api_tokens')
      .select(['id', 'name', 'prefix', 'created_at', 'last_used_at'])
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .orderBy('created_at', 'desc')
      .execute();
  },

  async revokeToken(db: Tx, userId: string, id: string, at: string): Promise<boolean> {
    const r = await db
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  /** The user's grants with the node path and the role's permissions. */
  listGrants(db: Tx, userId: string) {
    return db
      .selectFrom('role_grants as g')
      .innerJoin('roles as r', 'r.id', 'g.role_id')
      .innerJoin('org_units as o', 'o.id', 'g.org_unit_id')
      .select(['g.org_unit_id', 'o.path', 'r.permissions'])
      .where('g.user_id', '=', userId)
      .execute();
  },

  async updatePassword(db: Tx, userId: string, hash: string, at: string) {
    await db.updateTable('users').set({ password_hash: hash, must_change_password: 0, updated_at: at }).where('id', '=', userId).execute();
  },

  async updateMe(db: Tx, userId: string, patch: { locale?: string; display_name?: string }, at: string) {
    await db.updateTable('users').set({ ...patch, updated_at: at }).where('id', '=', userId).execute();
  },
};
