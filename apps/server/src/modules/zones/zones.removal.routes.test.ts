import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateTicketBody } from '@propdesk/contracts';
import { createTestApp, ctxFor, type Session, type TestApp } from '../../../test/harness.js';
import { createTicket } from '../tickets/ticket.intake.js';
import { repairA, seedDesk, type Desk } from '../tickets/tickets.testing.js';
import { grantRole } from '../units/units.testing.js';

let t: TestApp;
let admin: Session;
/** Reception supervisor at project A only: manages A's zones, must not see B's. */
let recA: Session;
let d: Desk;
let buildingA2: string;

const zoneNames = async (s: Session) => (await t.as(s, { url: '/api/zones?pageSize=200' })).json().items.map((z: { name: string }) => z.name).sort();
const createZone = async (payload: Record<string, unknown>) => {
  const res = await t.as(recA, { method: 'POST', url: '/api/zones', payload: { projectId: t.fx.projectA.id, ...payload } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; name: string };
};

beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  d = await seedDesk(t.database, t.fx);
  await grantRole(t.database, t.fx.users.receptionA!, t.fx.roleIds.get('reception_supervisor')!, t.fx.projectA.id);
  admin = await t.login('admin');
  recA = await t.login('receptionA');
  buildingA2 = (await t.as(admin, { method: 'POST', url: '/api/org-units', payload: { kind: 'building', name: 'A2栋', parentId: t.fx.projectA.id } })).json().id;
});
afterAll(() => t.close());

describe('removing zones', () => {
  it('answers 401 without a session', async () => {
    expect((await t.app.inject({ method: 'DELETE', url: `/api/zones/${d.zonePublic}` })).statusCode).toBe(401);
  });

  it('removes a zone nothing refers to: gone from the list, audited with the removed zone', async () => {
    const zone = await createZone({ name: '临时区' });
    const res = await t.as(recA, { method: 'DELETE', url: `/api/zones/${zone.id}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(await zoneNames(recA)).not.toContain('临时区');
    expect((await t.as(recA, { url: `/api/zones/${zone.id}` })).statusCode).toBe(404);
    expect((await t.as(recA, { method: 'DELETE', url: `/api/zones/${zone.id}` })).statusCode).toBe(404);
    const audit = (await t.as(admin, { url: `/api/audit?entity=zone&entityId=${zone.id}&action=zone.delete` })).json().items;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ projectId: t.fx.projectA.id, changes: { name: { before: '临时区', after: null } } });
  });

  it('refuses a zone that still has buildings with 409 zone_in_use saying how many; removable once they are moved', async () => {
    const zone = await createZone({ name: '东区', buildingIds: [buildingA2] });
    const res = await t.as(recA, { method: 'DELETE', url: `/api/zones/${zone.id}` });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'zone_in_use', details: [{ reason: 'buildings', count: 1 }] });
    expect(res.json().message).toContain('东区');
    expect(res.json().message).toContain('1 个楼栋');
    expect((await t.as(recA, { url: `/api/zones/${zone.id}` })).json().buildingIds).toEqual([buildingA2]);

    expect((await t.as(recA, { method: 'PATCH', url: `/api/zones/${zone.id}`, payload: { buildingIds: [] } })).statusCode).toBe(200);
    expect((await t.as(recA, { method: 'DELETE', url: `/api/zones/${zone.id}` })).statusCode).toBe(200);
    expect(await zoneNames(recA)).not.toContain('东区');
  });

  it('refuses a zone that tickets recorded (their history keeps it), even with no buildings left', async () => {
    const ticket = await createTicket(await ctxFor(t.database, t.fx.users.receptionA!), repairA(t.fx, d) as CreateTicketBody);
    const row = await t.database.db.selectFrom('tickets').select('zone_id').where('id', '=', ticket.id).executeTakeFirstOrThrow();
    expect(row.zone_id).toBe(d.zoneA);
    expect((await t.as(recA, { method: 'PATCH', url: `/api/zones/${d.zoneA}`, payload: { buildingIds: [] } })).statusCode).toBe(200);
    const res = await t.as(recA, { method: 'DELETE', url: `/api/zones/${d.zoneA}` });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'zone_in_use', details: [{ reason: 'tickets', count: 1 }] });
    expect(res.json().message).toContain('1 张工单');
    expect(await zoneNames(recA)).toContain('A区');
  });

  it('keeps project B zones from receptionA: 404 as if they did not exist, the zone stays', async () => {
    const zoneB = (await t.as(admin, { url: `/api/zones?projectId=${t.fx.projectB.id}` })).json().items[0];
    expect(zoneB.name).toBe('B区');
    expect((await t.as(recA, { method: 'DELETE', url: `/api/zones/${zoneB.id}` })).statusCode).toBe(404);
    expect((await t.as(recA, { method: 'DELETE', url: '/api/zones/0000000000nozone' })).statusCode).toBe(404);
    expect((await t.as(admin, { url: `/api/zones/${zoneB.id}` })).statusCode).toBe(200);
  });

  it('refuses a receptionist, who may read zones but not manage them, with 403', async () => {
    const rec = await t.login('receptionB');
    const zone = await createZone({ name: '北区' });
    expect((await t.as(rec, { method: 'DELETE', url: `/api/zones/${zone.id}` })).statusCode).toBe(403);
    expect(await zoneNames(recA)).toContain('北区');
  });
});
