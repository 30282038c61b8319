import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { createTestDatabase, ctxFor, seedFixture, type Fixture } from '../../../test/harness.js';
import { rolesService } from '../roles/roles.service.js';
import { teamsService } from './teams.service.js';

let database: Database;
let fx: Fixture;
beforeAll(async () => {
  database = await createTestDatabase();
  fx = await seedFixture(database);
});
afterAll(() => database.close());

describe(`teams and roles on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'}`, () => {
  it('creates, lists with members in one page and edits teams, scoped by project', async () => {
    const sup = await ctxFor(database, fx.users.supervisor!);
    const a = await teamsService.create(sup, { projectId: fx.projectA.id, name: '维修班', kind: 'maintenance', memberIds: [fx.users.techA!], leaderId: fx.users.guardA! });
    const b = await teamsService.create(sup, { projectId: fx.projectB.id, name: '维修班', kind: 'maintenance', memberIds: [fx.users.receptionB!] });
    await expect(teamsService.create(sup, { projectId: fx.projectA.id, name: '维修班', kind: 'other', memberIds: [] })).rejects.toMatchObject({ status: 409, code: 'team_name_taken' });
    const all = await teamsService.list(sup, { page: 1, pageSize: 50, sort: 'createdAt' });
    expect(all.items.map((x) => [x.id, x.members.length])).toEqual([[a.id, 2], [b.id, 1]]);
    expect(all.items[0]).toMatchObject({ leaderName: 'guardA' });
    const recA = await ctxFor(database, fx.users.receptionA!);
    expect((await teamsService.list(recA, { page: 1, pageSize: 50, q: '维修' })).items.map((x) => x.id)).toEqual([a.id]);
    await expect(teamsService.get(recA, b.id)).rejects.toMatchObject({ status: 404 });
    const edited = await teamsService.update(sup, a.id, { memberIds: [fx.users.techA!, fx.users.cashierA!], leaderId: fx.users.cashierA! });
    expect(edited.members.map((m) => m.userId).sort()).toEqual([fx.users.techA!, fx.users.cashierA!].sort());
    expect(edited.leaderId).toBe(fx.users.cashierA);
  });

  it('creates and edits roles; codes are unique', async () => {
    const admin = await ctxFor(database, fx.users.admin!);
    const role = await rolesService.create(admin, { code: 'night_guard', name: '夜班保安', nameEn: 'Night guard', permissions: ['units.read', 'org.read'] });
    expect(role.permissions).toEqual(['org.read', 'units.read']);
    await expect(rolesService.create(admin, { code: 'night_guard', name: 'x', nameEn: 'x', permissions: ['org.read'] })).rejects.toMatchObject({ status: 409, code: 'role_code_taken' });
    expect((await rolesService.update(admin, role.id, { name: '夜班秩序员' })).name).toBe('夜班秩序员');
    const list = await rolesService.list(admin, { page: 1, pageSize: 200 });
    expect(list.items.at(-1)).toMatchObject({ code: 'night_guard', builtin: false });
    expect(list.items[0]!.builtin).toBe(true);
  });
});
