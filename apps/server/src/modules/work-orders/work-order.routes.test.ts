import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/harness.js';
import { localDate } from '../tickets/ticket.policy.js';
import { countRows, repairA, seedDesk, type Desk } from '../tickets/tickets.testing.js';

let t: TestApp;
let d: Desk;
let recA: Session;
let sup: Session;
let techA: Session;
let techA2: Session;
let leaderA: Session;
let techB: Session;
beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  d = await seedDesk(t.database, t.fx);
  [recA, sup, techA, techA2, leaderA, techB] = (await Promise.all(['receptionA', 'supervisor', 'techA', 'techA2', 'leaderA', 'techB'].map((u) => t.login(u)))) as [Session, Session, Session, Session, Session, Session];
});
afterAll(() => t.close());

const post = (s: Session, url: string, payload?: unknown) => t.as(s, { method: 'POST', url, ...(payload === undefined ? {} : { payload: payload as object }) });
const get = (s: Session, url: string) => t.as(s, { url });
const ids = (page: { items: { id: string }[] }) => page.items.map((x) => x.id).sort();

async function intake(extra: Record<string, unknown> = {}) {
  const res = await post(recA, '/api/tickets', repairA(t.fx, d, extra));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string };
}
async function dispatch(ticketId: string, body: Record<string, unknown> = {}) {
  const res = await post(recA, `/api/tickets/${ticketId}/dispatch`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().workOrder as { id: string; number: string; teamId: string; status: string };
}
const notificationsOf = (userId: string) => t.database.db.selectFrom('notifications').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();

describe('dispatch and the technician\'s day', () => {
  it('runs a repair from intake to dispatch, accept, start, finish, return visit "unsatisfied" → reopened', async () => {
    const ticket = await intake({ paid: true });
    const wo = await post(recA, `/api/tickets/${ticket.id}/dispatch`, { note: '请带管钳' });
    expect(wo.statusCode, wo.body).toBe(201);
    // The team defaults from the zone of the unit's building; nobody named: the leader is told.
    const order = wo.json().workOrder;
    expect(order).toMatchObject({ teamId: d.teamA, status: 'issued' });
    expect(order.number).toMatch(new RegExp(`^PG-${localDate(new Date().toISOString(), 'Asia/Shanghai').replaceAll('-', '')}-\\d{4}$`));
    expect((await notificationsOf(d.leaderA)).map((n) => [n.type, n.link])).toEqual([['work_order.issued', `/work-orders/${order.id}`]]);
    const dispatched = (await get(recA, `/api/tickets/${ticket.id}`)).json();
    expect(dispatched).toMatchObject({ status: 'dispatched', teamId: d.teamA, teamName: '维修一班', technicianId: null });
    expect(dispatched.respondedAt).not.toBeNull();
    expect(dispatched.workOrders).toHaveLength(1);
    expect(dispatched.workOrders[0]).toMatchObject({ number: order.number, note: '请带管钳', unitLabel: 'A1栋 1201', requesterPhone: '13800001234', paid: true });

    // The order is in the team's pool: techA (a member) accepts it and it becomes his.
    const accepted = await post(techA, `/api/work-orders/${order.id}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', technicianId: t.fx.users.techA, technicianName: 'techA' });
    expect((await get(techA2, `/api/work-orders/${order.id}`)).statusCode).toBe(404);

    const started = (await post(techA, `/api/work-orders/${order.id}/start`)).json();
    expect(started.status).toBe('working');
    expect(started.arrivedAt).not.toBeNull();
    expect((await get(recA, `/api/tickets/${ticket.id}`)).json()).toMatchObject({ status: 'in_progress', technicianId: t.fx.users.techA, arrivedAt: started.arrivedAt });

    // A paid repair needs its charge; a fractional fen is refused and nothing changes.
    const finishBody = { workDone: '更换三通及密封圈', materials: [{ name: '三通', quantity: 1, unitPriceFen: 1200 }, { name: '生料带', quantity: 0.5, unitPriceFen: 300 }], labourMinutes: 45 };
    expect((await post(techA, `/api/work-orders/${order.id}/finish`, finishBody)).json().error).toBe('charge_required');
    expect((await post(techA, `/api/work-orders/${order.id}/finish`, { ...finishBody, chargeFen: 1550.5 })).statusCode).toBe(400);
    expect((await post(techA, `/api/work-orders/${order.id}/finish`, { ...finishBody, chargeFen: 5000, tip: 1 })).statusCode).toBe(400);
    expect((await get(techA, `/api/work-orders/${order.id}`)).json()).toMatchObject({ status: 'working', version: 3 });
    const done = (await post(techA, `/api/work-orders/${order.id}/finish`, { ...finishBody, chargeFen: 5000 })).json();
    expect(done).toMatchObject({ status: 'done', workDone: '更换三通及密封圈', labourMinutes: 45, chargeFen: 5000, materials: finishBody.materials });

    const resolved = (await get(recA, `/api/tickets/${ticket.id}`)).json();
    expect(resolved.status).toBe('resolved');
    expect(resolved.visitDueAt).not.toBeNull();
    expect(resolved.actions).toContain('visit');
    const queue = (await get(recA, '/api/return-visits/queue')).json();
    const item = queue.items.find((x: { id: string }) => x.id === ticket.id);
    expect(item).toMatchObject({ requesterPhone: '13800001234', requesterName: '张三', kindLabel: '报修', workDone: '更换三通及密封圈', technicianName: 'techA', visitAttempts: 0, visitMaxAttempts: 3, lastVisit: null });

    const visit = await post(recA, `/api/tickets/${ticket.id}/return-visits`, { outcome: 'unsatisfied', serviceRating: 2, technicianRating: 2, comment: '还在滴水' });
    expect(visit.statusCode, visit.body).toBe(201);
    expect(visit.json()).toMatchObject({ status: 'reopened', satisfaction: 'unsatisfied' });
    const reopened = (await get(recA, `/api/tickets/${ticket.id}`)).json();
    expect(reopened).toMatchObject({ status: 'reopened', reopenCount: 1, visitAttempts: 0, visitDueAt: null, resolvedAt: null, satisfaction: 'unsatisfied' });
    expect(reopened.timeline.map((e: { type: string }) => e.type)).toEqual(['created', 'dispatch', 'accept', 'start', 'work_done', 'visit']);
    expect(reopened.timeline.at(-1)).toMatchObject({ fromStatus: 'resolved', toStatus: 'reopened', body: '还在滴水' });
    expect((await notificationsOf(t.fx.users.techA!)).map((n) => n.type)).toContain('ticket.reopened');
    expect((await get(recA, '/api/return-visits/queue')).json().items.map((x: { id: string }) => x.id)).not.toContain(ticket.id);

    // From reopened it is dispatched again: a new order, the old one stays done.
    const again = await dispatch(ticket.id, { technicianId: t.fx.users.techA });
    expect(again.number).not.toBe(order.number);
    const twice = (await get(recA, `/api/tickets/${ticket.id}`)).json();
    expect(twice.workOrders.map((w: { status: string }) => w.status)).toEqual(['done', 'issued']);
  });

  it('shows a technician only his own work orders, whatever filters he sends', async () => {
    const t1 = await intake();
    const t2 = await intake();
    const mine = await dispatch(t1.id, { technicianId: t.fx.users.techA });
    const theirs = await dispatch(t2.id, { technicianId: d.techA2 });
    const listA = (await get(techA, '/api/work-orders?technicianId=me&pageSize=200')).json();
    expect(ids(listA)).toContain(mine.id);
    expect(ids(listA)).not.toContain(theirs.id);
    expect(listA.items.every((w: { technicianId: string }) => w.technicianId === t.fx.users.techA)).toBe(true);
    // Asking for the colleague's orders, or the whole team's, still answers only his own.
    expect((await get(techA, `/api/work-orders?technicianId=${d.techA2}`)).json()).toMatchObject({ items: [], total: 0 });
    expect(ids((await get(techA, `/api/work-orders?teamId=${d.teamA}&pageSize=200`)).json())).not.toContain(theirs.id);
    expect((await get(techA, `/api/work-orders/${theirs.id}`)).statusCode).toBe(404);
    expect((await post(techA, `/api/work-orders/${theirs.id}/accept`)).statusCode).toBe(404);
    // The colleague sees his, the leader sees his whole team's, the desk sees the project's.
    expect(ids((await get(techA2, '/api/work-orders?pageSize=200')).json())).toContain(theirs.id);
    expect(ids((await get(techA2, '/api/work-orders?pageSize=200')).json())).not.toContain(mine.id);
    expect(ids((await get(leaderA, '/api/work-orders?pageSize=200')).json())).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    expect(ids((await get(recA, '/api/work-orders?pageSize=200')).json())).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    // A technician of project B sees none of project A's.
    expect((await get(techB, '/api/work-orders')).json().items.every((w: { projectId: string }) => w.projectId === t.fx.projectB.id)).toBe(true);
    expect((await get(techB, `/api/work-orders/${mine.id}`)).statusCode).toBe(404);
    // Technicians read no tickets.
    expect((await get(techA, `/api/tickets/${t1.id}`)).statusCode).toBe(403);
  });

  it('opens a work order by its QR code (for whoever may see it); an unknown code is 404', async () => {
    const tk = await intake();
    const wo = await dispatch(tk.id, { technicianId: t.fx.users.techA });
    const code = (await get(techA, `/api/work-orders/${wo.id}`)).json().qrCode as string;
    expect(code.length).toBeGreaterThanOrEqual(40);
    expect((await get(techA, `/api/work-orders/by-code/${code}`)).json()).toMatchObject({ id: wo.id, ticketNumber: tk.number });
    expect((await get(techA2, `/api/work-orders/by-code/${code}`)).statusCode).toBe(404);
    expect((await get(techA, `/api/work-orders/by-code/${'x'.repeat(43)}`)).statusCode).toBe(404);
  });

  it('refuses a technician outside the team and a team of another project (400), writing nothing', async () => {
    const tk = await intake();
    const before = await countRows(t.database, 'work_orders');
    expect((await post(recA, `/api/tickets/${tk.id}/dispatch`, { technicianId: d.techA3 })).json().error).toBe('technician_not_in_team');
    expect((await post(recA, `/api/tickets/${tk.id}/dispatch`, { teamId: d.teamB })).json().error).toBe('team_not_in_project');
    expect((await post(recA, `/api/tickets/${tk.id}/dispatch`, { teamId: d.teamA, crew: 3 })).statusCode).toBe(400);
    expect(await countRows(t.database, 'work_orders')).toBe(before);
    expect((await get(recA, `/api/tickets/${tk.id}`)).json()).toMatchObject({ status: 'new', version: 1 });
    // A complaint is not dispatched.
    const c = await post(recA, '/api/tickets', { projectId: t.fx.projectA.id, kind: 'complaint', channel: 'phone', requesterResidentId: d.residentA, description: '噪音' });
    expect((await post(recA, `/api/tickets/${c.json().id}/dispatch`, { teamId: d.teamA })).json()).toMatchObject({ error: 'invalid_transition', details: { from: 'new', action: 'dispatch' } });
    // A public-area request without a zone team needs a team named.
    const pub = await post(recA, '/api/tickets', { ...repairA(t.fx, d), unitId: undefined, location: '小区大门' });
    expect((await post(recA, `/api/tickets/${pub.json().id}/dispatch`, {})).json().error).toBe('team_required');
  });

  it('returns an order (退单): the ticket waits for dispatch again and its creator is told', async () => {
    const tk = await intake();
    const wo = await dispatch(tk.id, { technicianId: t.fx.users.techA });
    await post(techA, `/api/work-orders/${wo.id}/accept`);
    expect((await post(techA, `/api/work-orders/${wo.id}/return`, {})).statusCode).toBe(400);
    const returned = (await post(techA, `/api/work-orders/${wo.id}/return`, { reason: '需要专业电梯公司处理' })).json();
    expect(returned).toMatchObject({ status: 'returned', returnReason: '需要专业电梯公司处理' });
    expect((await get(recA, `/api/tickets/${tk.id}`)).json()).toMatchObject({ status: 'new', teamId: null, technicianId: null, actions: expect.arrayContaining(['dispatch']) });
    const bell = (await notificationsOf(t.fx.users.receptionA!)).filter((n) => n.link === `/tickets/${tk.id}`);
    expect(bell.map((n) => n.type)).toEqual(['work_order.returned']);
    expect((await post(techA, `/api/work-orders/${wo.id}/start`)).json()).toMatchObject({ error: 'invalid_transition', details: { from: 'returned', action: 'start' } });
  });

  it('transfers (转单) to another team: the old order ends transferred, a new one is issued for the same ticket', async () => {
    const tk = await intake();
    const wo = await dispatch(tk.id, { technicianId: t.fx.users.techA });
    // Only the leader or someone who assigns work may transfer; the technician may not.
    expect((await post(techA, `/api/work-orders/${wo.id}/transfer`, { teamId: d.teamA2 })).statusCode).toBe(403);
    expect((await post(leaderA, `/api/work-orders/${wo.id}/transfer`, { teamId: d.teamA2, technicianId: t.fx.users.techA })).json().error).toBe('technician_not_in_team');
    const res = await post(leaderA, `/api/work-orders/${wo.id}/transfer`, { teamId: d.teamA2, technicianId: d.techA3, note: '水电班处理' });
    expect(res.statusCode, res.body).toBe(201);
    const next = res.json();
    expect(next).toMatchObject({ ticketId: tk.id, teamId: d.teamA2, technicianId: d.techA3, status: 'issued', note: '水电班处理' });
    expect(next.id).not.toBe(wo.id);
    const ticket = (await get(recA, `/api/tickets/${tk.id}`)).json();
    expect(ticket).toMatchObject({ status: 'dispatched', teamId: d.teamA2, technicianId: d.techA3 });
    expect(ticket.workOrders.map((w: { id: string; status: string }) => [w.id, w.status])).toEqual([[wo.id, 'transferred'], [next.id, 'issued']]);
    expect((await get(techA, `/api/work-orders/${wo.id}`)).statusCode).toBe(200);
    expect((await post(techA, `/api/work-orders/${wo.id}/accept`)).json()).toMatchObject({ error: 'invalid_transition', details: { from: 'transferred', action: 'accept' } });
    expect((await notificationsOf(d.techA3)).map((n) => n.link)).toContain(`/work-orders/${next.id}`);
    // The supervisor (work_orders.assign) may transfer too; a working order can no longer be transferred.
    const techA3 = await t.login('techA3');
    await post(techA3, `/api/work-orders/${next.id}/accept`);
    await post(techA3, `/api/work-orders/${next.id}/start`);
    expect((await post(sup, `/api/work-orders/${next.id}/transfer`, { teamId: d.teamA })).json()).toMatchObject({ error: 'invalid_transition', details: { from: 'working', action: 'transfer' } });
  });

  it('lets the team leader name the technician of an order in the pool', async () => {
    const tk = await intake();
    const wo = await dispatch(tk.id);
    expect((await post(techA, `/api/work-orders/${wo.id}/assign`, { technicianId: d.techA2 })).statusCode).toBe(403);
    expect((await post(leaderA, `/api/work-orders/${wo.id}/assign`, { technicianId: d.techA3 })).json().error).toBe('technician_not_in_team');
    expect((await post(leaderA, `/api/work-orders/${wo.id}/assign`, { technicianId: d.techA2 })).json()).toMatchObject({ status: 'issued', technicianId: d.techA2 });
    expect((await get(recA, `/api/tickets/${tk.id}`)).json().technicianId).toBe(d.techA2);
    // Now it is techA2's: techA no longer sees it in the pool, and cannot accept it.
    expect((await get(techA, `/api/work-orders/${wo.id}`)).statusCode).toBe(404);
    expect((await post(techA2, `/api/work-orders/${wo.id}/accept`)).json()).toMatchObject({ status: 'accepted', technicianId: d.techA2 });
  });

  it('starts only an accepted order of a ticket that is not on hold', async () => {
    const tk = await intake();
    const wo = await dispatch(tk.id, { technicianId: t.fx.users.techA });
    expect((await post(techA, `/api/work-orders/${wo.id}/start`)).json()).toMatchObject({ error: 'invalid_transition', details: { from: 'issued', action: 'start' } });
    await post(techA, `/api/work-orders/${wo.id}/accept`);
    await post(recA, `/api/tickets/${tk.id}/hold`, { reason: '等配件' });
    expect((await post(techA, `/api/work-orders/${wo.id}/start`)).json()).toMatchObject({ error: 'invalid_transition', details: { from: 'on_hold', action: 'start' } });
    await post(recA, `/api/tickets/${tk.id}/resume`);
    expect((await post(techA, `/api/work-orders/${wo.id}/start`, { arrivedAt: '2000-01-01T00:00:00Z' })).json().error).toBe('validation_failed');
    expect((await post(techA, `/api/work-orders/${wo.id}/start`, {})).json().status).toBe('working');
  });
});
