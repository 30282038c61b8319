import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { bootstrap } from '../../bootstrap/bootstrap.js';
import { createTestDatabase, ctxFor, seedFixture, testDialect, type Fixture } from '../../../test/harness.js';
import { orgService } from './org.service.js';

let database: Database;
let fx: Fixture;
beforeAll(async () => {
  database = await createTestDatabase();
  fx = await seedFixture(database);
});
afterAll(() => database.close());

describe(`org tree on ${testDialect()}`, () => {
  it('migrates from empty, and a second run changes nothing', async () => {
    expect(await migrateToLatest(database)).toEqual([]);
    const fresh = await createTestDatabase();
    try {
      for (const table of ['org_units', 'units', 'residents', 'resident_units', 'users', 'roles', 'role_grants', 'sessions', 'api_tokens', 'audit_log', 'zones', 'teams']) {
        const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(fresh.db);
        expect(Number(r.rows[0]!.n), table).toBe(0);
      }
    } finally {
      await fresh.close();
    }
  });

  it('creates, reads and updates nodes with their subtree path and project', async () => {
    const admin = await ctxFor(database, fx.users.admin!);
    const project = await orgService.create(admin, { kind: 'project', name: 'C苑', parentId: fx.center.id, projectType: 'residential' });
    expect(project.projectId).toBe(project.id);
    const building = await orgService.create(admin, { kind: 'building', name: '9栋', parentId: project.id });
    expect(building.projectId).toBe(project.id);
    const row = await database.db.selectFrom('org_units').selectAll().where('id', '=', building.id).executeTakeFirstOrThrow();
    expect(row.path).toBe(`${fx.center.path}${project.id}/${building.id}/`);
    const renamed = await orgService.update(admin, building.id, { name: '9栋（东）' });
    expect((await orgService.get(admin, building.id)).name).toBe('9栋（东）');
    expect(renamed.name).toBe('9栋（东）');
    const audit = await database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', building.id).orderBy('at').execute();
    expect(audit.map((a) => a.action)).toEqual(['org_unit.create', 'org_unit.update']);
    expect(JSON.parse(audit[1]!.changes!)).toEqual({ name: { before: '9栋', after: '9栋（东）' } });
  });

  it('refuses a node under the wrong kind of parent and writes nothing', async () => {
    const admin = await ctxFor(database, fx.users.admin!);
    const before = await database.db.selectFrom('org_units').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await expect(orgService.create(admin, { kind: 'building', name: 'x', parentId: fx.center.id })).rejects.toMatchObject({ code: 'invalid_parent' });
    const after = await database.db.selectFrom('org_units').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('scopes the tree: a receptionist of project A sees A, its buildings and ancestors, never B', async () => {
    const receptionA = await ctxFor(database, fx.users.receptionA!);
    const list = await orgService.list(receptionA, { page: 1, pageSize: 200 });
    const ids = list.items.map((n) => n.id);
    expect(ids).toEqual(expect.arrayContaining([fx.group.id, fx.company.id, fx.center.id, fx.projectA.id, fx.buildingA.id]));
    expect(ids).not.toContain(fx.projectB.id);
    expect(ids).not.toContain(fx.buildingB.id);
    await expect(orgService.get(receptionA, fx.projectB.id)).rejects.toMatchObject({ status: 404 });
  });

  it('searches names case-insensitively, and takes % and _ as plain characters, on either database', async () => {
    const admin = await ctxFor(database, fx.users.admin!);
    const p = await orgService.create(admin, { kind: 'project', name: 'Riverside Court', parentId: fx.center.id, projectType: 'residential' });
    const found = await orgService.list(admin, { q: 'riverside', page: 1, pageSize: 200 });
    expect(found.items.map((n) => n.id)).toEqual([p.id]);
    expect((await orgService.list(admin, { q: '%', page: 1, pageSize: 200 })).total).toBe(0);
    expect((await orgService.list(admin, { q: 'R_verside', page: 1, pageSize: 200 })).total).toBe(0);
  });

  it('bootstraps an empty database once: admin, root group and demo data; a second start adds nothing', async () => {
    const fresh = await createTestDatabase();
    try {
      const first = await bootstrap(fresh, { adminPassword: 'first-admin-pw', demo: true });
      expect(first.admin).toMatchObject({ username: 'admin', password: 'first-admin-pw', generated: false });
      const units = await fresh.db.selectFrom('units').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(units.n)).toBeGreaterThanOrEqual(680);
      // Two weeks of the service desk, through the real services: every state the desk works with.
      const tickets = await fresh.db.selectFrom('tickets').select(['id', 'status', 'created_at']).execute();
      expect(new Set(tickets.map((t) => t.status))).toEqual(new Set(['new', 'dispatched', 'in_progress', 'on_hold', 'resolved', 'reopened', 'closed']));
      const days = new Set(tickets.map((t) => t.created_at.slice(0, 10)));
      expect(days.size).toBeGreaterThanOrEqual(10);
      expect(tickets.every((t) => Date.parse(t.created_at) <= Date.now())).toBe(true);
      const created = await fresh.db.selectFrom('ticket_events').select('ticket_id').where('type', '=', 'created').execute();
      expect(new Set(created.map((e) => e.ticket_id)).size).toBe(tickets.length);
      const visits = await fresh.db.selectFrom('return_visits').select(['outcome']).execute();
      expect(visits.map((v) => v.outcome)).toContain('unsatisfied');
      // The browser test's unit (丽景花园 1栋 101) owes exactly October and November, whatever the random ids.
      const owed = await fresh.db
        .selectFrom('bill_lines as l')
        .innerJoin('bills as b', 'b.id', 'l.bill_id')
        .innerJoin('units as u', 'u.id', 'l.unit_id')
        .innerJoin('org_units as bd', 'bd.id', 'u.building_id')
        .innerJoin('org_units as p', 'p.id', 'u.project_id')
        .select('b.period')
        .distinct()
        .where('p.name', '=', '丽景花园')
        .where('bd.name', '=', '1栋')
        .where('u.number', '=', '101')
        .where('l.status', 'in', ['unpaid', 'partially_paid'])
        .execute();
      expect(owed.map((o) => o.period).sort()).toEqual(['2026-10', '2026-11']);
      const second = await bootstrap(fresh, { demo: true });
      expect(second.admin).toBeNull();
      const again = await fresh.db.selectFrom('units').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(again.n)).toBe(Number(units.n));
      expect(await fresh.db.selectFrom('tickets').select('id').execute()).toHaveLength(tickets.length);
    } finally {
      await fresh.close();
    }
  });
});
