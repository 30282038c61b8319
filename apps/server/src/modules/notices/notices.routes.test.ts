import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/harness.js';

let t: TestApp;
let receptionB: Session;
let supervisor: Session;
beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  receptionB = await t.login('receptionB');
  supervisor = await t.login('supervisor');
});
afterAll(() => t.close());

describe('notices and instructions (上传下达)', () => {
  it('carries an instruction down to the receptionists, with read receipts, acknowledgements and who has not read it', async () => {
    const res = await t.as(supervisor, {
      method: 'POST', url: '/api/notices',
      payload: { projectId: t.fx.projectB.id, kind: 'instruction', title: '双十二活动期间前台延时', body: '12月12日营业至23:00，前台两人值守。', audienceRoles: ['receptionist'], requireAck: true, pinned: true },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    expect(res.json()).toMatchObject({ recipients: 1, readCount: 0, ackCount: 0, pinned: true });
    let receipts = (await t.as(supervisor, { url: `/api/notices/${id}/receipts` })).json().items;
    expect(receipts).toEqual([{ userId: t.fx.users.receptionB!, userName: 'receptionB', readAt: null, acknowledgedAt: null }]);

    const pinned = (await t.as(receptionB, { url: '/api/notices?pinned=true&unread=true' })).json().items;
    expect(pinned.map((n: { id: string }) => n.id)).toEqual([id]);
    const read = await t.as(receptionB, { method: 'POST', url: `/api/notices/${id}/read` });
    expect(read.json().mine.readAt).not.toBeNull();
    const ack = await t.as(receptionB, { method: 'POST', url: `/api/notices/${id}/acknowledge` });
    expect(ack.json()).toMatchObject({ readCount: 1, ackCount: 1 });
    receipts = (await t.as(supervisor, { url: `/api/notices/${id}/receipts` })).json().items;
    expect(receipts[0].acknowledgedAt).not.toBeNull();
    // The supervisor is not a recipient of her own notice.
    expect((await t.as(supervisor, { method: 'POST', url: `/api/notices/${id}/acknowledge` })).statusCode).toBe(409);
    // Another project's receptionist never sees it.
    const receptionA = await t.login('receptionA');
    expect((await t.as(receptionA, { url: `/api/notices/${id}` })).statusCode).toBe(404);
  });

  it('lets a receptionist report upward but not carry notices down', async () => {
    expect((await t.as(receptionB, { method: 'POST', url: '/api/notices', payload: { projectId: t.fx.projectB.id, title: '通知', body: '...' } })).statusCode).toBe(403);
    const up = await t.as(receptionB, { method: 'POST', url: '/api/notices', payload: { projectId: t.fx.projectB.id, direction: 'up', title: 'L1 自动门故障', body: '已报工程部，请关注' } });
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ kind: 'report', direction: 'up' });
    const receipts = (await t.as(supervisor, { url: `/api/notices/${up.json().id}/receipts` })).json().items;
    expect(receipts.map((r: { userName: string }) => r.userName).sort()).toEqual(['director', 'supervisor']);
  });

  it('refuses bad input (400) and writes nothing', async () => {
    const before = (await t.as(supervisor, { url: '/api/notices' })).json().total;
    expect((await t.as(supervisor, { method: 'POST', url: '/api/notices', payload: { projectId: t.fx.projectB.id, title: '', body: 'x' } })).statusCode).toBe(400);
    expect((await t.as(supervisor, { method: 'POST', url: '/api/notices', payload: { projectId: t.fx.projectB.id, title: 'x', body: 'x', attachmentIds: ['nosuchfile123'] } })).statusCode).toBe(400);
    expect((await t.as(supervisor, { url: '/api/notices' })).json().total).toBe(before);
  });
});
