import { randomBytes } from 'node:crypto';
import type { Database } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { newId } from '../lib/ids.js';
import { nowIso } from '../lib/time.js';
import { hashPassword } from '../modules/auth/auth.service.js';
import { insertOrgUnit } from '../modules/org/org.service.js';
import { ensureBuiltinRoles } from './roles.js';
import { ensureDefaultCategories } from '../modules/categories/categories.service.js';
import { seedDemo, type DemoLogin } from './demo.js';
import { seedServiceDeskDemo } from './demo-service-desk.js';
import { loadConfig, type Config } from '../config.js';

export interface BootstrapResult {
  migrations: string[];
  /** Set when this run created the admin: the password to print (generated unless given). */
  admin: { username: string; password: string; generated: boolean } | null;
  demoLogins: DemoLogin[];
}

/**
 * Brings a database to a usable state: migrations, built-in roles, and on an empty database the
 * root group and the `admin` user (and the demo data unless PROPDESK_DEMO=0). Safe to run at
 * every start; several processes starting at once on PostgreSQL are serialized by the migrator's lock.
 */
export async function bootstrap(database: Database, opts: { adminPassword?: string; demo: boolean; groupName?: string; config?: Config }): Promise<BootstrapResult> {
  const migrations = await migrateToLatest(database);
  const result = await database.db.transaction().execute(async (tx): Promise<BootstrapResult> => {
    const roleIds = await ensureBuiltinRoles(tx);
    // Group-wide ticket categories (水电、门窗、电梯 …) exist on every installation, demo or not.
    await ensureDefaultCategories(tx);
    const anyUser = await tx.selectFrom('users').select('id').limit(1).executeTakeFirst();
    if (anyUser) return { migrations, admin: null, demoLogins: [] };

    const group = await insertOrgUnit(tx, { kind: 'group', name: opts.groupName ?? (opts.demo ? '丽景物业集团' : '物业集团'), parentId: null }, null);
    const generated = !opts.adminPassword;
    const password = opts.adminPassword ?? randomBytes(9).toString('base64url');
    const now = nowIso();
    const adminId = newId();
    await tx.insertInto('users').values({
      id: adminId, username: 'admin', display_name: '系统管理员', phone: null, position: '系统管理员', org_unit_id: group.id,
      password_hash: await hashPassword(password), must_change_password: 0, locale: 'zh-CN', active: 1, failed_logins: 0,
      locked_until: null, education: null, birth_date: null, health_cert_expiry: null, experience_years: null,
      skills: '[]', trainings: '[]', created_at: now, updated_at: now,
    }).execute();
    await tx.insertInto('role_grants').values({ id: newId(), user_id: adminId, role_id: roleIds.get('admin')!, org_unit_id: group.id, created_at: now }).execute();
    const demoLogins = opts.demo ? await seedDemo(tx, group, roleIds) : [];
    return { migrations, admin: { username: 'admin', password, generated }, demoLogins };
  });
  // The service desk's history goes through the services, each step its own transaction: after the rest is committed.
  if (result.demoLogins.length > 0) await seedServiceDeskDemo(database, opts.config ?? loadConfig());
  return result;
}
