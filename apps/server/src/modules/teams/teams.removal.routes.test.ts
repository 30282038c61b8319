import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateTicketBody } from '@propdesk/contracts';
import { createTestApp, ctxFor, type Session, type TestApp } from '../../../test/harness.js';
import { createTicket } from '../tickets/ticket.intake.js';
import { repairA, seedDesk, type Desk } from '../tickets/tickets.testing.js';
import { grantRole } from '../units/units.testing.js';
import { workOrderService } from '../work-orders/work-order.service.js';

let t: TestApp;
let admin: Session;
let supervisor: Session;
let d: Desk;

const teamNames = async () => (await t.as(supervisor, { url: '/api/teams?pageSize=200' })).json().items.map((x: { name: string }) => x.name);
const createTeam = async (payload: Record<string, unknown>) => {
  const res = await t.as(supervisor, { method: 'POST', url: '/api/teams', payload: { projectId: t.fx.projectA.id, kind: 'maintenance', ...payload } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; name: string };
};
const remove = (s: Session, id: string) => t.as(s, { method: 'DELETE', url: `/api/teams/${id}` });

beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  d = await seedDesk(t.database, t.fx);
  admin = await t.login('admin');
  supervisor = await t.login('supervisor');
});
afterAll(() => t.close());

describe('removing teams', () => {
  it('answers 401 without a session', async () => {
    expect((await t.app.inject({ method: 'DELETE', url: `/api/teams/${d.teamA2}` })).statusCode).toBe(401);
  });

  it('removes a team nothing refers to: gone from the list, audited with the removed team', async () => {
    const team = await createTeam({ name: '临时班' });
    const res = await remove(supervisor, team.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(await teamNames()).not.toContain('临时班');
    expect((await t.as(supervisor, { url: `/api/teams/${team.id}` })).statusCode).toBe(404);
    expect((await remove(supervisor, team.id)).statusCode).toBe(404);
    const audit = (await t.as(admin, { url: `/api/audit?entity=team&entityId=${team.id}&action=team.delete` })).json().items;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ projectId: t.fx.projectA.id, changes: { name: { before: '临时班', after: null } } });
  });

  it('refuses a team with members (409 team_in_use, how many); removable once they are taken off', async () => {
    const team = await createTeam({ name: '保洁组', memberIds: [t.fx.users.techA, t.fx.users.guardA] });
    const res = await remove(supervisor, team.id);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'team_in_use', details: [{ reason: 'members', count: 2 }] });
    expect(res.json().message).toContain('2 名成员');
    expect(await teamNames()).toContain('保洁组');
    expect((await t.as(supervisor, { method: 'PATCH', url: `/api/teams/${team.id}`, payload: { memberIds: [] } })).statusCode).toBe(200);
    expect((await remove(supervisor, team.id)).statusCode).toBe(200);
    expect(await teamNames()).not.toContain('保洁组');
  });

  it('refuses a team that is still a zone\'s team, naming the zone', async () => {
    const team = await createTeam({ name: '绿化组' });
    const zone = await t.as(supervisor, { method: 'POST', url: '/api/zones', payload: { projectId: t.fx.projectA.id, name: '花园区', teamId: team.id } });
    expect(zone.statusCode, zone.body).toBe(201);
    const res = await remove(supervisor, team.id);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'team_in_use', details: [{ reason: 'zones', count: 1 }] });
    expect(res.json().message).toContain('“花园区”');
    expect(await teamNames()).toContain('绿化组');
  });

  it('refuses a team with an open work order, and keeps one whose work orders are history', async () => {
    const team = await createTeam({ name: '应急班' });
    const { id } = await createTicket(await ctxFor(t.database, t.fx.users.receptionA!), repairA(t.fx, d) as CreateTicketBody);
    await workOrderService.dispatch(await ctxFor(t.database, t.fx.users.supervisor!), id, { teamId: team.id });
    const open = await remove(supervisor, team.id);
    expect(open.statusCode).toBe(409);
    expect(open.json().error).toBe('team_in_use');
    expect(open.json().details).toContainEqual({ reason: 'open_work_orders', count: 1 });
    expect(open.json().message).toContain('1 张未完成的派工单');

    // The order ends (returned to dispatch): no longer open, but it and its ticket still name the team.
    await t.database.db.updateTable('work_orders').set({ status: 'returned' }).where('team_id', '=', team.id).execute();
    const history = await remove(supervisor, team.id);
    expect(history.statusCode).toBe(409);
    expect(history.json().details).toEqual([{ reason: 'history', count: 2 }]);
    expect(history.json().message).toContain('1 张派工单');
    expect(await teamNames()).toContain('应急班');
  });

  it('keeps project B teams from a project-A team manager: 404 as if they did not exist, the team stays', async () => {
    await grantRole(t.database, t.fx.users.receptionA!, t.fx.roleIds.get('reception_supervisor')!, t.fx.projectA.id);
    const recA = await t.login('receptionA');
    expect((await remove(recA, d.teamB)).statusCode).toBe(404);
    expect((await remove(recA, '0000000000noteam')).statusCode).toBe(404);
    expect((await t.as(admin, { url: `/api/teams/${d.teamB}` })).statusCode).toBe(200);
  });

  it('refuses the center director, who may read teams but not manage them, with 403', async () => {
    const team = await createTeam({ name: '巡检组' });
    const director = await t.login('director');
    expect((await remove(director, team.id)).statusCode).toBe(403);
    expect(await teamNames()).toContain('巡检组');
  });
});
