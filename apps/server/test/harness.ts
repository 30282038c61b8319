/**
 * Test harness: a fresh, migrated database per test file — SQLite in memory by default, or a
 * fresh schema on the real PostgreSQL server when TEST_DATABASE_URL=postgres://… (npm test
 * starts one) — and a small fixture world with two projects and a user per role.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { openDatabase, type Database, type Tx } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { loadConfig, type Config } from '../src/config.js';
import { buildApp } from '../src/http/app.js';
import { ensureBuiltinRoles } from '../src/bootstrap/roles.js';
import { insertOrgUnit } from '../src/modules/org/org.service.js';
import { hashPassword } from '../src/modules/auth/auth.service.js';
import { newId } from '../src/lib/ids.js';
import { nowIso } from '../src/lib/time.js';
import type { OrgUnitsTable } from '../src/db/schema.js';
import type { Ctx } from '../src/http/context.js';
import { authService } from '../src/modules/auth/auth.service.js';

export const TEST_PASSWORD = 'test-password-1';

export function testDialect(): 'sqlite' | 'postgres' {
  return process.env.TEST_DATABASE_URL?.startsWith('postgres') ? 'postgres' : 'sqlite';
}

/** A fresh migrated database. On PostgreSQL each call gets its own schema, dropped on close. */
export async function createTestDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  let database: Database;
  if (url?.startsWith('postgres')) {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const pg = await import('pg');
    const admin = new pg.default.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const inner = await openDatabase(url, { schema });
    database = {
      ...inner,
      close: async () => {
        await inner.close();
        const c = new pg.default.Client({ connectionString: url });
        await c.connect();
        await c.query(`drop schema ${schema} cascade`);
        await c.end();
      },
    };
  } else {
    database = await openDatabase('sqlite::memory:');
  }
  await migrateToLatest(database);
  return database;
}

export interface Fixture {
  group: OrgUnitsTable;
  company: OrgUnitsTable;
  center: OrgUnitsTable;
  projectA: OrgUnitsTable;
  projectB: OrgUnitsTable;
  buildingA: OrgUnitsTable;
  buildingB: OrgUnitsTable;
  roleIds: Map<string, string>;
  /** username → user id: admin (group), director (center), supervisor (center), receptionA, receptionB, cashierA, techA, guardA */
  users: Record<string, string>;
}

/** Two projects under one center; one user per role, granted where the tests need them. */
export async function seedFixture(database: Database): Promise<Fixture> {
  return database.db.transaction().execute(async (tx: Tx) => {
    const roleIds = await ensureBuiltinRoles(tx);
    const group = await insertOrgUnit(tx, { kind: 'group', name: '测试集团', parentId: null }, null);
    const company = await insertOrgUnit(tx, { kind: 'company', name: '测试物业公司', parentId: group.id }, group);
    const center = await insertOrgUnit(tx, { kind: 'center', name: '测试客服中心', parentId: company.id }, company);
    const projectA = await insertOrgUnit(tx, { kind: 'project', name: 'A花园', parentId: center.id, projectType: 'residential' }, center);
    const projectB = await insertOrgUnit(tx, { kind: 'project', name: 'B广场', parentId: center.id, projectType: 'mall' }, center);
    const buildingA = await insertOrgUnit(tx, { kind: 'building', name: 'A1栋', parentId: projectA.id }, projectA);
    const buildingB = await insertOrgUnit(tx, { kind: 'building', name: 'B主楼', parentId: projectB.id }, projectB);
    const hash = await hashPassword(TEST_PASSWORD);
    const now = nowIso();
    const specs: [string, string, OrgUnitsTable][] = [
      ['admin', 'admin', group],
      ['director', 'center_director', center],
      ['supervisor', 'reception_supervisor', center],
      ['receptionA', 'receptionist', projectA],
      ['receptionB', 'receptionist', projectB],
      ['cashierA', 'cashier', projectA],
      ['techA', 'technician', projectA],
      ['guardA', 'guard', projectA],
    ];
    const users: Record<string, string> = {};
    for (const [username, role, at] of specs) {
      const id = newId();
      users[username] = id;
      await tx.insertInto('users').values({
        id, username, display_name: username, phone: null, position: null, org_unit_id: at.id, password_hash: hash,
        must_change_password: 0, locale: 'zh-CN', active: 1, failed_logins: 0, locked_until: null, education: null,
        birth_date: null, health_cert_expiry: null, experience_years: null, skills: '[]', trainings: '[]', created_at: now, updated_at: now,
      }).execute();
      await tx.insertInto('role_grants').values({ id: newId(), user_id: id, role_id: roleIds.get(role)!, org_unit_id: at.id, created_at: now }).execute();
    }
    return { group, company, center, projectA, projectB, buildingA, buildingB, roleIds, users };
  });
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}), webDist: '/nonexistent', ...overrides };
}

/** A service context acting as a fixture user (for service-level database tests). */
export async function ctxFor(database: Database, userId: string, config = testConfig()): Promise<Ctx> {
  const user = await database.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  // Resolve grants the same way a request does, through a throwaway API token.
  const { newSecret } = await import('../src/lib/ids.js');
  const { sha256 } = await import('../src/modules/auth/auth.service.js');
  const token = newSecret();
  await database.db.insertInto('api_tokens').values({ id: newId(), user_id: user.id, name: 'test', token_hash: sha256(token), prefix: 'test', created_at: nowIso() }).execute();
  const actor = await authService.resolveActor(database, config, { bearer: token });
  return { database, config, actor: actor!, ip: '127.0.0.1', locale: 'zh-CN' };
}

export interface Session {
  cookie: string;
  csrf: string;
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  fx: Fixture;
  login(username: string, password?: string): Promise<Session>;
  /** inject as a signed-in user (cookie session with its CSRF header). */
  as(session: Session | null, opts: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function createTestApp(configOverrides: Partial<Config> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const fx = await seedFixture(database);
  const app = await buildApp({ database, config: testConfig(configOverrides) });
  await app.ready();
  const login = async (username: string, password = TEST_PASSWORD): Promise<Session> => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'pd_session')!.value;
    return { cookie, csrf: res.json().csrfToken };
  };
  const as = (session: Session | null, opts: InjectOptions) =>
    app.inject({
      ...opts,
      headers: { ...(session ? { cookie: `pd_session=${session.cookie}`, 'x-csrf-token': session.csrf } : {}), ...(opts.headers ?? {}) },
    });
  return {
    app, database, fx, login, as,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
