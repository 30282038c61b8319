import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/harness.js';

let t: TestApp;
let receptionA: Session;
let receptionB: Session;
beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  receptionA = await t.login('receptionA');
  receptionB = await t.login('receptionB');
});
afterAll(() => t.close());

describe('the call log', () => {
  it('logs a call with a callback due, queues it, flags it overdue, and records the callback', async () => {
    const res = await t.as(receptionA, {
      method: 'POST', url: '/api/calls',
      payload: { projectId: t.fx.projectA.id, number: '13800001111', callerName: '王女士', withinThreeRings: true, keyPoints: '询问停车月卡续费', callbackNeeded: true, callbackDueAt: '2026-01-01T02:00:00Z' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ callbackNeeded: true, callbackOverdue: true, withinThreeRings: true, takenByName: 'receptionA' });
    const queue = (await t.as(receptionA, { url: '/api/calls?callbackPending=true' })).json();
    expect(queue.items.map((c: { id: string }) => c.id)).toContain(res.json().id);
    expect((await t.as(receptionA, { url: '/api/calls?overdue=true' })).json().total).toBe(1);
    const done = await t.as(receptionA, { method: 'POST', url: `/api/calls/${res.json().id}/callback-done`, payload: { note: '已回复：可在前台续费' } });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ callbackOverdue: false, callbackNote: '已回复：可在前台续费' });
    expect((await t.as(receptionA, { method: 'POST', url: `/api/calls/${res.json().id}/callback-done`, payload: { note: 'again' } })).statusCode).toBe(409);
  });

  it('turns a call into a ticket in one step through intake, keeping the link; only once', async () => {
    const call = (await t.as(receptionA, { method: 'POST', url: '/api/calls', payload: { projectId: t.fx.projectA.id, number: '13800002222', keyPoints: '3栋电梯异响', ringSeconds: 20 } })).json();
    expect(call.withinThreeRings).toBe(false);
    const res = await t.as(receptionA, { method: 'POST', url: `/api/calls/${call.id}/to-ticket`, payload: { kind: 'repair', location: '3栋电梯' } });
    expect(res.statusCode, res.body).toBe(201);
    const { ticket } = res.json();
    expect(res.json().call).toMatchObject({ ticketId: ticket.id, ticketNumber: ticket.number });
    const detail = (await t.as(receptionA, { url: `/api/tickets/${ticket.id}` })).json();
    expect(detail).toMatchObject({ channel: 'phone', kind: 'repair', description: '3栋电梯异响', requesterPhone: '13800002222' });
    const tickets = async () => Number((await t.database.db.selectFrom('tickets').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await tickets();
    expect((await t.as(receptionA, { method: 'POST', url: `/api/calls/${call.id}/to-ticket`, payload: { kind: 'repair', location: '3栋电梯' } })).statusCode).toBe(409);
    expect(await tickets()).toBe(before);
  });

  it('keeps calls per project (404 elsewhere) and refuses bad input (400), writing nothing', async () => {
    const call = (await t.as(receptionA, { method: 'POST', url: '/api/calls', payload: { projectId: t.fx.projectA.id, number: '075586000000', keyPoints: '咨询' } })).json();
    expect((await t.as(receptionB, { method: 'POST', url: `/api/calls/${call.id}/callback-done`, payload: { note: 'x' } })).statusCode).toBe(404);
    expect((await t.as(receptionB, { url: '/api/calls' })).json().items).toEqual([]);
    const before = (await t.as(receptionA, { url: '/api/calls' })).json().total;
    expect((await t.as(receptionA, { method: 'POST', url: '/api/calls', payload: { projectId: t.fx.projectA.id, number: 'abc', keyPoints: 'x' } })).statusCode).toBe(400);
    expect((await t.as(receptionA, { method: 'POST', url: '/api/calls', payload: { projectId: t.fx.projectA.id, number: '110', keyPoints: '' } })).statusCode).toBe(400);
    expect((await t.as(receptionA, { url: '/api/calls' })).json().total).toBe(before);
  });
});
