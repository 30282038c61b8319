import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { isUniqueViolation } from '../../db/query.js';
import { createTestDatabase, ctxFor, seedFixture, type Fixture } from '../../../test/harness.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { usersService } from './users.service.js';

let database: Database;
let fx: Fixture;
beforeAll(async () => {
  database = await createTestDatabase();
  fx = await seedFixture(database);
});
afterAll(() => database.close());

const asUser = (name: string) => ctxFor(database, fx.users[name]!);
const listQuery = { page: 1, pageSize: 200 };

describe(`staff accounts on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'}`, () => {
  it('creates, reads and updates a user with the staff profile', async () => {
    const admin = await asUser('admin');
    const created = await usersService.create(admin, {
      username: 'zhao.min', displayName: '赵敏', password: 'initial-pass-1', orgUnitId: fx.projectA.id, phone: '13900001111', position: '维修工',
      education: 'vocational', birthDate: '1988-12-31', healthCertExpiry: '2027-06-30', experienceYears: 12, skills: ['电工', '焊工'],
    });
    expect(created).toMatchObject({ username: 'zhao.min', mustChangePassword: true, orgUnitName: 'A花园', skills: ['电工', '焊工'], experienceYears: 12 });
    const stored = await database.db.selectFrom('users').select(['password_hash', 'must_change_password']).where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
    expect(stored.must_change_password).toBe(1);

    const updated = await usersService.update(admin, created.id, { education: 'college', healthCertExpiry: null, skills: [], experienceYears: 13 });
    expect(updated).toMatchObject({ education: 'college', healthCertExpiry: null, skills: [], experienceYears: 13, birthDate: '1988-12-31' });
    const training = await usersService.addTraining(admin, created.id, { name: '高压电工证复审', date: '2026-04-01', hours: 16 });
    expect(training.trainings).toEqual([{ name: '高压电工证复审', date: '2026-04-01', hours: 16 }]);
    expect(await usersService.get(admin, created.id)).toEqual(training);
  });

  it('refuses a taken username', async () => {
    const admin = await asUser('admin');
    await expect(usersService.create(admin, { username: 'techA', displayName: 'x', password: 'long-enough-1' })).rejects.toMatchObject({ status: 409, code: 'username_taken' });
  });

  it('two admins creating "Zhang" and "zhang" at the same moment: exactly one account (the database decides, case-insensitively)', async () => {
    const admin = await asUser('admin');
    // Both usually pass the app's check before either inserts only on PostgreSQL (several connections;
    // SQLite runs one transaction at a time): a few rounds make that interleaving likely.
    for (const suffix of ['', '2', '3', '4']) {
      const results = await Promise.allSettled(
        [`Zhang${suffix}`, `zhang${suffix}`].map((username) => usersService.create(admin, { username, displayName: '张三', password: 'initial-pass-1', orgUnitId: fx.projectA.id })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(refused).toHaveLength(1);
      expect(refused[0]!.reason).toMatchObject({ status: 409, code: 'username_taken' });
      const rows = await database.db.selectFrom('users').select('username').where(sql<string>`lower(username)`, '=', `zhang${suffix}`).execute();
      expect(rows).toHaveLength(1);
    }

    // However the two requests interleave, the database itself refuses a second "ZHANG".
    const hash = (await database.db.selectFrom('users').select('password_hash').where('id', '=', fx.users.admin!).executeTakeFirstOrThrow()).password_hash;
    const now = nowIso();
    await expect(database.db.insertInto('users').values({
      id: newId(), username: 'ZHANG', display_name: '张三', phone: null, position: null, org_unit_id: null, password_hash: hash,
      must_change_password: 1, locale: 'zh-CN', active: 1, failed_logins: 0, locked_until: null, education: null,
      birth_date: null, health_cert_expiry: null, experience_years: null, skills: '[]', trainings: '[]', created_at: now, updated_at: now,
    }).execute()).rejects.toSatisfy(isUniqueViolation);
  });

  it('grants and revokes roles, and lists users by role', async () => {
    const admin = await asUser('admin');
    const u = await usersService.create(admin, { username: 'qian.li', displayName: '钱丽', password: 'initial-pass-1', orgUnitId: fx.projectB.id });
    const cashier = fx.roleIds.get('cashier')!;
    const granted = await usersService.grantRole(admin, u.id, { roleId: cashier, orgUnitId: fx.projectB.id });
    expect(granted.grants).toEqual([{ id: expect.any(String), roleId: cashier, roleCode: 'cashier', roleName: '收费员', orgUnitId: fx.projectB.id, orgUnitName: 'B广场' }]);
    await expect(usersService.grantRole(admin, u.id, { roleId: cashier, orgUnitId: fx.projectB.id })).rejects.toMatchObject({ status: 409, code: 'grant_exists' });
    const cashiers = await usersService.list(admin, { ...listQuery, roleId: cashier, sort: 'username' });
    expect(cashiers.items.map((x) => x.username)).toEqual(['cashierA', 'qian.li']);
    const revoked = await usersService.revokeGrant(admin, u.id, granted.grants[0]!.id);
    expect(revoked.grants).toEqual([]);
    expect((await usersService.list(admin, { ...listQuery, roleId: cashier })).items.map((x) => x.username)).toEqual(['cashierA']);
  });

  it('scopes lists to where the actor holds users.read', async () => {
    const admin = await asUser('admin');
    // Placed nowhere: only root holders see such a user.
    const unplaced = await usersService.create(admin, { username: 'floating', displayName: '未分配', password: 'initial-pass-1', orgUnitId: null });
    const all = await usersService.list(admin, listQuery);
    expect(all.items.map((u) => u.username)).toEqual(expect.arrayContaining(['admin', 'supervisor', 'receptionA', 'floating']));
    expect(all.total).toBe(all.items.length);

    const supervisor = await asUser('supervisor');
    const seen = await usersService.list(supervisor, listQuery);
    const names = seen.items.map((u) => u.username);
    expect(names).toEqual(expect.arrayContaining(['director', 'supervisor', 'receptionA', 'receptionB', 'techA']));
    expect(names).not.toContain('admin');
    expect(names).not.toContain('floating');
    expect(seen.total).toBe(all.total - 2);
    await expect(usersService.get(supervisor, unplaced.id)).rejects.toMatchObject({ status: 404 });
    await expect(usersService.get(supervisor, fx.users.admin!)).rejects.toMatchObject({ status: 404 });

    // receptionist: no users.read anywhere → nothing.
    expect(await usersService.list(await asUser('receptionA'), listQuery)).toMatchObject({ items: [], total: 0 });
  });

  it('searches case-insensitively, filters by subtree and activity, sorts and pages', async () => {
    const admin = await asUser('admin');
    const q = await usersService.list(admin, { ...listQuery, q: 'ReCePtIoN' });
    expect(q.items.map((u) => u.username).sort()).toEqual(['receptionA', 'receptionB']);
    const underB = await usersService.list(admin, { ...listQuery, orgUnitId: fx.projectB.id, sort: 'username' });
    expect(underB.items.map((u) => u.username)).toEqual(['qian.li', 'receptionB']);
    const sorted = await usersService.list(admin, { ...listQuery, sort: '-username' });
    const names = sorted.items.map((u) => u.username);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? 1 : -1)));
    const page2 = await usersService.list(admin, { page: 2, pageSize: 3, sort: '-username' });
    expect(page2.items.map((u) => u.username)).toEqual(names.slice(3, 6));
    await usersService.update(admin, fx.users.guardA!, { active: false });
    const inactive = await usersService.list(admin, { ...listQuery, active: false });
    expect(inactive.items.map((u) => u.username)).toEqual(['guardA']);
  });

  it('sorts by position with the unset ones last, in both directions, the same on either database', async () => {
    const admin = await asUser('admin');
    await usersService.update(admin, fx.users.techA!, { position: '维修工' });
    await usersService.update(admin, fx.users.cashierA!, { position: '收费员' });
    for (const sort of ['position', '-position']) {
      const positions = (await usersService.list(admin, { ...listQuery, sort })).items.map((u) => u.position);
      const firstUnset = positions.indexOf(null);
      expect(firstUnset, sort).toBeGreaterThanOrEqual(2);
      expect(positions.slice(firstUnset).every((p) => p === null), sort).toBe(true);
    }
  });

  it('deactivating a user deletes their sessions in the same transaction', async () => {
    const admin = await asUser('admin');
    const now = nowIso();
    await database.db.insertInto('sessions').values({ id: newId(), user_id: fx.users.techA!, csrf_token: 'x', created_at: now, last_seen_at: now, expires_at: '2999-01-01T00:00:00.000Z', ip: null, user_agent: null }).execute();
    await usersService.update(admin, fx.users.techA!, { active: false });
    const left = await database.db.selectFrom('sessions').select('id').where('user_id', '=', fx.users.techA!).execute();
    expect(left).toEqual([]);
  });

  it('unlocks a locked account', async () => {
    const admin = await asUser('admin');
    await database.db.updateTable('users').set({ failed_logins: 5, locked_until: '2999-01-01T00:00:00.000Z' }).where('id', '=', fx.users.receptionB!).execute();
    const u = await usersService.unlock(admin, fx.users.receptionB!);
    expect(u.lockedUntil).toBeNull();
    const row = await database.db.selectFrom('users').select(['failed_logins', 'locked_until']).where('id', '=', fx.users.receptionB!).executeTakeFirstOrThrow();
    expect(row).toEqual({ failed_logins: 0, locked_until: null });
  });
});
