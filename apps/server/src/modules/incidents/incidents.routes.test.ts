import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/harness.js';

let t: TestApp;
let receptionB: Session;
let supervisor: Session;
let director: Session;
beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  receptionB = await t.login('receptionB');
  supervisor = await t.login('supervisor');
  director = await t.login('director');
});
afterAll(() => t.close());

describe('incidents', () => {
  it('escalates by severity, takes acknowledgements by level, raises, records actions in order and closes once', async () => {
    const res = await t.as(receptionB, {
      method: 'POST', url: '/api/incidents',
      payload: { projectId: t.fx.projectB.id, title: '顾客在扶梯摔倒', description: 'L2 扶梯口，老人摔倒，膝盖擦伤', location: 'L2 中庭扶梯', severity: 'high', reportedBy: '保洁 刘阿姨' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    expect(res.json().escalations.map((e: { target: string }) => e.target)).toEqual(['supervisor', 'operations']);
    // The supervisor hears of it on the bell; the director only once it is critical.
    const bell = async (s: Session) => (await t.as(s, { url: '/api/notifications?pageSize=50' })).json().items.filter((n: { type: string }) => n.type === 'incident.escalated');
    expect((await bell(supervisor)).length).toBe(2);
    expect(await bell(director)).toEqual([]);
    expect((await t.as(receptionB, { method: 'POST', url: `/api/incidents/${id}/acknowledge`, payload: { target: 'supervisor' } })).statusCode).toBe(403);
    const ack = await t.as(supervisor, { method: 'POST', url: `/api/incidents/${id}/acknowledge`, payload: { target: 'supervisor' } });
    expect(ack.json().escalations[0]).toMatchObject({ target: 'supervisor', acknowledgedByName: 'supervisor' });
    expect((await t.as(supervisor, { method: 'POST', url: `/api/incidents/${id}/acknowledge`, payload: { target: 'director' } })).statusCode).toBe(409);

    await t.as(receptionB, { method: 'POST', url: `/api/incidents/${id}/actions`, payload: { text: '已送医务室处理' } });
    const raised = await t.as(receptionB, { method: 'POST', url: `/api/incidents/${id}/actions`, payload: { text: '家属要求赔偿，情绪激动', severity: 'critical' } });
    expect(raised.json().severity).toBe('critical');
    expect(raised.json().escalations.map((e: { target: string }) => e.target)).toEqual(['supervisor', 'operations', 'director']);
    expect(raised.json().actions.map((a: { text: string }) => a.text)).toEqual(['已送医务室处理', '家属要求赔偿，情绪激动']);
    expect((await bell(director)).length).toBe(1);
    expect((await t.as(director, { method: 'POST', url: `/api/incidents/${id}/acknowledge`, payload: { target: 'director' } })).statusCode).toBe(200);

    const closed = await t.as(receptionB, { method: 'POST', url: `/api/incidents/${id}/close`, payload: { outcome: '协商一致，由商场保险理赔' } });
    expect(closed.json()).toMatchObject({ status: 'closed', outcome: '协商一致，由商场保险理赔' });
    expect((await t.as(receptionB, { method: 'POST', url: `/api/incidents/${id}/close`, payload: { outcome: 'again' } })).statusCode).toBe(409);
    expect((await t.as(receptionB, { method: 'POST', url: `/api/incidents/${id}/actions`, payload: { text: 'late' } })).statusCode).toBe(409);
    const receptionA = await t.login('receptionA');
    expect((await t.as(receptionA, { url: `/api/incidents/${id}` })).statusCode).toBe(404);
  });

  it('refuses bad input (400) and writes nothing', async () => {
    const before = (await t.as(receptionB, { url: '/api/incidents' })).json().total;
    expect((await t.as(receptionB, { method: 'POST', url: '/api/incidents', payload: { projectId: t.fx.projectB.id, title: 'x', description: 'y', location: 'z', severity: 'apocalyptic', reportedBy: 'me' } })).statusCode).toBe(400);
    expect((await t.as(receptionB, { url: '/api/incidents' })).json().total).toBe(before);
  });
});
