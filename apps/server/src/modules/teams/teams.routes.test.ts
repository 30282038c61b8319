import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/harness.js';

let t: TestApp;
let admin: Session;
let supervisor: Session;
beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  admin = await t.login('admin');
  supervisor = await t.login('supervisor');
});
afterAll(() => t.close());

const teamCount = async () => Number((await t.database.db.selectFrom('teams').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('teams', () => {
  it('answers 401 without a session', async () => {
    expect((await t.app.inject({ url: '/api/teams' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/teams', payload: {} })).statusCode).toBe(401);
  });

  it('creates a team with members and a leader, who joins if not listed', async () => {
    const res = await t.as(supervisor, {
      method: 'POST', url: '/api/teams',
      payload: { projectId: t.fx.projectA.id, name: '维修一班', kind: 'maintenance', memberIds: [t.fx.users.techA, t.fx.users.guardA], leaderId: t.fx.users.cashierA },
    });
    expect(res.statusCode, res.body).toBe(201);
    const team = res.json();
    expect(team).toMatchObject({ projectId: t.fx.projectA.id, name: '维修一班', kind: 'maintenance', leaderId: t.fx.users.cashierA, leaderName: 'cashierA' });
    expect(team.members.map((m: { userId: string }) => m.userId).sort()).toEqual([t.fx.users.techA, t.fx.users.guardA, t.fx.users.cashierA].sort());
    const got = await t.as(supervisor, { url: `/api/teams/${team.id}` });
    expect(got.json()).toEqual(team);
    const audit = await t.as(admin, { url: `/api/audit?entity=team&entityId=${team.id}` });
    expect(audit.json().items[0]).toMatchObject({ action: 'team.create', projectId: t.fx.projectA.id });
  });

  it('refuses a second team of the same name in the project (409), but not in another project', async () => {
    const payload = { projectId: t.fx.projectA.id, name: '保洁组', kind: 'cleaning' };
    expect((await t.as(supervisor, { method: 'POST', url: '/api/teams', payload })).statusCode).toBe(201);
    const clash = await t.as(supervisor, { method: 'POST', url: '/api/teams', payload });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error).toBe('team_name_taken');
    expect((await t.as(supervisor, { method: 'POST', url: '/api/teams', payload: { ...payload, projectId: t.fx.projectB.id } })).statusCode).toBe(201);
  });

  it('shows receptionist A only project A teams: project B teams are 404', async () => {
    const b = await t.as(supervisor, { method: 'POST', url: '/api/teams', payload: { projectId: t.fx.projectB.id, name: 'B秩序维护队', kind: 'security' } });
    expect(b.statusCode).toBe(201);
    const rec = await t.login('receptionA');
    const list = await t.as(rec, { url: '/api/teams?pageSize=200' });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.length).toBeGreaterThan(0);
    expect(list.json().items.every((x: { projectId: string }) => x.projectId === t.fx.projectA.id)).toBe(true);
    expect((await t.as(rec, { url: `/api/teams/${b.json().id}` })).statusCode).toBe(404);
    expect((await t.as(rec, { url: `/api/teams?projectId=${t.fx.projectB.id}` })).json()).toMatchObject({ items: [], total: 0 });
    // Reading is not managing.
    expect((await t.as(rec, { method: 'POST', url: '/api/teams', payload: { projectId: t.fx.projectA.id, name: '接待组', kind: 'reception' } })).statusCode).toBe(403);
  });

  it('filters by project, kind and name', async () => {
    const res = await t.as(supervisor, { url: `/api/teams?projectId=${t.fx.projectB.id}&kind=security&q=秩序` });
    expect(res.json().items.map((x: { name: string }) => x.name)).toEqual(['B秩序维护队']);
  });

  it('refuses members that do not exist or the actor cannot see (400), writing nothing', async () => {
    const before = await teamCount();
    const ghost = await t.as(supervisor, { method: 'POST', url: '/api/teams', payload: { projectId: t.fx.projectA.id, name: '幽灵班', memberIds: [t.fx.users.techA, '0000000000ghost'] } });
    expect(ghost.statusCode).toBe(400);
    expect(ghost.json()).toMatchObject({ error: 'invalid_members', details: [{ path: 'body.memberIds', userId: '0000000000ghost' }] });
    // The group admin is outside the supervisor's sight: same answer as a missing user.
    const hidden = await t.as(supervisor, { method: 'POST', url: '/api/teams', payload: { projectId: t.fx.projectA.id, name: '幽灵班', leaderId: t.fx.users.admin } });
    expect(hidden.statusCode).toBe(400);
    expect(hidden.json().details[0]).toMatchObject({ path: 'body.leaderId', userId: t.fx.users.admin });
    const badKind = await t.as(supervisor, { method: 'POST', url: '/api/teams', payload: { projectId: t.fx.projectA.id, name: '幽灵班', kind: 'choir' } });
    expect(badKind.statusCode).toBe(400);
    const unknownField = await t.as(supervisor, { method: 'POST', url: '/api/teams', payload: { projectId: t.fx.projectA.id, name: '幽灵班', color: 'red' } });
    expect(unknownField.statusCode).toBe(400);
    expect(await teamCount()).toBe(before);
  });

  it('refuses a project outside the actor scope with 404', async () => {
    const center2 = await t.as(admin, { method: 'POST', url: '/api/org-units', payload: { kind: 'center', name: '第二客服中心', parentId: t.fx.company.id } });
    const projectC = await t.as(admin, { method: 'POST', url: '/api/org-units', payload: { kind: 'project', name: 'C苑', parentId: center2.json().id } });
    const res = await t.as(supervisor, { method: 'POST', url: '/api/teams', payload: { projectId: projectC.json().id, name: '外部班组' } });
    expect(res.statusCode).toBe(404);
    expect((await t.as(admin, { method: 'POST', url: '/api/teams', payload: { projectId: projectC.json().id, name: '外部班组' } })).statusCode).toBe(201);
  });

  it('edits a team: rename, new leader, members replaced; a removed leader stops leading', async () => {
    const created = (await t.as(supervisor, { method: 'POST', url: '/api/teams', payload: { projectId: t.fx.projectA.id, name: '维修二班', memberIds: [t.fx.users.techA], leaderId: t.fx.users.techA } })).json();
    const renamed = await t.as(supervisor, { method: 'PATCH', url: `/api/teams/${created.id}`, payload: { name: '维修二组', leaderId: t.fx.users.guardA } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: '维修二组', leaderId: t.fx.users.guardA, leaderName: 'guardA' });
    expect(renamed.json().members.map((m: { userId: string }) => m.userId).sort()).toEqual([t.fx.users.techA, t.fx.users.guardA].sort());
    const dropped = await t.as(supervisor, { method: 'PATCH', url: `/api/teams/${created.id}`, payload: { memberIds: [t.fx.users.techA] } });
    expect(dropped.json()).toMatchObject({ leaderId: null, leaderName: null, members: [{ userId: t.fx.users.techA, displayName: 'techA' }] });
    const clash = await t.as(supervisor, { method: 'PATCH', url: `/api/teams/${created.id}`, payload: { name: '维修一班' } });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error).toBe('team_name_taken');
    const rec = await t.login('receptionA');
    expect((await t.as(rec, { method: 'PATCH', url: `/api/teams/${created.id}`, payload: { name: '不应改' } })).statusCode).toBe(403);
    expect((await t.as(rec, { url: `/api/teams/${created.id}` })).json().name).toBe('维修二组');
  });
});
