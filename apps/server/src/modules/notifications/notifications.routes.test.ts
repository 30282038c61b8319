import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/harness.js';
import { notify } from './notifications.service.js';

let t: TestApp;
let tech: Session;
let guard: Session;
beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  for (let i = 1; i <= 3; i++) {
    await new Promise((r) => setTimeout(r, 3)); // distinct creation instants: "newest first" is then well defined
    await notify(t.database.db, { userIds: [t.fx.users.techA!], projectId: t.fx.projectA.id, type: 'work_order.issued', title: { zh: `新派工单 ${i}`, en: `New work order ${i}` }, link: `/work-orders/${i}` });
  }
  await notify(t.database.db, { userIds: [t.fx.users.guardA!], projectId: t.fx.projectA.id, type: 'test', title: { zh: '保安的通知', en: 'for the guard' } });
  tech = await t.login('techA');
  guard = await t.login('guardA');
});
afterAll(() => t.close());

type Item = { id: string; title: string; readAt: string | null; link: string | null };
const unread = async (s: Session) => (await t.as(s, { url: '/api/notifications/unread-count' })).json().count as number;

describe('notifications (the bell)', () => {
  it('needs a session, nothing more', async () => {
    expect((await t.app.inject({ url: '/api/notifications' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/notifications/unread-count' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/notifications/read-all' })).statusCode).toBe(401);
  });

  it('lists only one\'s own, newest first, with paging and the unread count', async () => {
    const res = await t.as(tech, { url: '/api/notifications?pageSize=2' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(body.items.map((n: Item) => n.title)).toEqual(['新派工单 3', '新派工单 2']);
    expect(body.items[0]).toMatchObject({ type: 'work_order.issued', link: '/work-orders/3', readAt: null, body: null });
    expect((await t.as(tech, { url: '/api/notifications?page=2&pageSize=2' })).json().items.map((n: Item) => n.title)).toEqual(['新派工单 1']);
    expect(await unread(tech)).toBe(3);
    expect((await t.as(guard, { url: '/api/notifications' })).json().items.map((n: Item) => n.title)).toEqual(['保安的通知']);
  });

  it('marks one read; another user\'s notification is 404 and stays unread', async () => {
    const items: Item[] = (await t.as(tech, { url: '/api/notifications' })).json().items;
    const res = await t.as(tech, { method: 'POST', url: `/api/notifications/${items[0]!.id}/read` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().readAt).not.toBeNull();
    expect(await unread(tech)).toBe(2);
    expect((await t.as(tech, { url: '/api/notifications?unread=true' })).json().items.map((n: Item) => n.id)).not.toContain(items[0]!.id);

    const guards: Item[] = (await t.as(guard, { url: '/api/notifications' })).json().items;
    const foreign = await t.as(tech, { method: 'POST', url: `/api/notifications/${guards[0]!.id}/read` });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error).toBe('not_found');
    expect(await unread(guard)).toBe(1);
    expect((await t.as(tech, { method: 'POST', url: '/api/notifications/bad!id/read' })).statusCode).toBe(400);
  });

  it('marks all of one\'s own read, nobody else\'s', async () => {
    const res = await t.as(tech, { method: 'POST', url: '/api/notifications/read-all' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ updated: 2 });
    expect(await unread(tech)).toBe(0);
    expect(await unread(guard)).toBe(1);
    expect((await t.as(tech, { url: '/api/notifications?unread=false' })).json().total).toBe(3);
  });
});
