import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgUnitsTable } from '../../db/schema.js';
import { createTestApp, type Session, type TestApp } from '../../../test/harness.js';
import { scanEscalations } from './escalations.scan.js';
import { addSecondCenter, insertTicket, minutesFrom } from './escalations.test-fixtures.js';

let t: TestApp;
let supervisor: Session;
let supervisor2: Session;
let director: Session;
let projectC: OrgUnitsTable;
const ticketIds: Record<'A' | 'B' | 'C', string> = { A: '', B: '', C: '' };

beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  ({ projectC } = await addSecondCenter(t.database, t.fx));
  const now = new Date().toISOString();
  // Each ticket 20 minutes old: its 15-minute response target breached → level 1 warning + level 2 breach.
  ticketIds.A = (await insertTicket(t.database.db, { project: t.fx.projectA, createdAt: minutesFrom(now, -20), title: 'A 大堂漏水' })).id;
  ticketIds.B = (await insertTicket(t.database.db, { project: t.fx.projectB, createdAt: minutesFrom(now, -20), title: 'B 电梯困人' })).id;
  ticketIds.C = (await insertTicket(t.database.db, { project: projectC, createdAt: minutesFrom(now, -20), title: 'C 停车场积水' })).id;
  expect((await scanEscalations(t.database, now)).recorded).toBe(6);
  supervisor = await t.login('supervisor');
  supervisor2 = await t.login('supervisor2');
  director = await t.login('director');
});
afterAll(() => t.close());

type Row = { id: string; ticketId: string; ticketNumber: string; ticketTitle: string; projectId: string; level: number; acknowledgedAt: string | null; acknowledgedBy: string | null };
const list = async (s: Session, query = '') => {
  const res = await t.as(s, { url: `/api/escalations${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Row[]; total: number };
};

describe('escalations', () => {
  it('needs a session and escalations.read (a receptionist has not got it)', async () => {
    expect((await t.app.inject({ url: '/api/escalations' })).statusCode).toBe(401);
    const rec = await t.login('receptionA');
    expect((await t.as(rec, { url: '/api/escalations' })).statusCode).toBe(403);
  });

  it('lists the escalations of the centers one covers, joined with the ticket number and title', async () => {
    const mine = await list(supervisor, '?pageSize=200');
    expect(mine.total).toBe(4);
    expect(new Set(mine.items.map((e) => e.ticketId))).toEqual(new Set([ticketIds.A, ticketIds.B]));
    const a = mine.items.find((e) => e.ticketId === ticketIds.A && e.level === 2)!;
    expect(a).toMatchObject({ projectId: t.fx.projectA.id, ticketTitle: 'A 大堂漏水', target: 'response', reason: 'breach', acknowledgedAt: null });
    expect(a.ticketNumber).toMatch(/^BX-\d{8}-\d{4}$/);
    const other = await list(supervisor2, '?pageSize=200');
    expect(other.items.map((e) => e.ticketId)).toEqual([ticketIds.C, ticketIds.C]);
    // Asking for a project outside one's scope is an empty list, as if it did not exist.
    expect(await list(supervisor2, `?projectId=${t.fx.projectA.id}`)).toMatchObject({ items: [], total: 0 });
  });

  it('filters by project, level, acknowledged and ticket number', async () => {
    expect((await list(director, `?projectId=${t.fx.projectB.id}`)).items.every((e) => e.ticketId === ticketIds.B)).toBe(true);
    const level2 = await list(director, '?level=2');
    expect(level2.total).toBe(2);
    expect(level2.items.every((e) => e.level === 2)).toBe(true);
    const number = level2.items[0]!.ticketNumber;
    expect((await list(director, `?q=${number}`)).items.every((e) => e.ticketNumber === number)).toBe(true);
    expect((await t.as(director, { url: '/api/escalations?level=3' })).statusCode).toBe(400);
  });

  it('acknowledges once: recorded with who and when, on the ticket timeline and in the audit log; the second try is 409', async () => {
    const target = (await list(supervisor, `?projectId=${t.fx.projectA.id}&level=1`)).items[0]!;
    const res = await t.as(supervisor, { method: 'POST', url: `/api/escalations/${target.id}/acknowledge` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: target.id, acknowledgedBy: t.fx.users.supervisor });
    expect(res.json().acknowledgedAt).not.toBeNull();
    const again = await t.as(director, { method: 'POST', url: `/api/escalations/${target.id}/acknowledge`, payload: {} });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: 'invalid_transition', details: { from: 'acknowledged', action: 'acknowledge' } });
    expect((await list(supervisor, '?acknowledged=true')).items.map((e) => e.id)).toEqual([target.id]);
    expect((await list(supervisor, '?acknowledged=false')).items.map((e) => e.id)).not.toContain(target.id);
    const event = await t.database.db.selectFrom('ticket_events').selectAll().where('ticket_id', '=', ticketIds.A).where('type', '=', 'escalation_ack').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ actor_id: t.fx.users.supervisor });
    const admin = await t.login('admin');
    const audit = await t.as(admin, { url: `/api/audit?entity=escalation&entityId=${target.id}` });
    expect(audit.json().items[0]).toMatchObject({ action: 'escalation.acknowledge', projectId: t.fx.projectA.id });
  });

  it('another center\'s escalation is 404 to acknowledge, as if it did not exist; bad input is 400', async () => {
    const a = (await list(supervisor, '?acknowledged=false')).items[0]!;
    const res = await t.as(supervisor2, { method: 'POST', url: `/api/escalations/${a.id}/acknowledge` });
    expect(res.statusCode).toBe(404);
    expect((await t.as(supervisor2, { method: 'POST', url: '/api/escalations/nosuchescalation/acknowledge' })).statusCode).toBe(404);
    expect((await list(supervisor, '?pageSize=200')).items.find((e) => e.id === a.id)!.acknowledgedAt).toBeNull();
    expect((await t.as(supervisor, { method: 'POST', url: `/api/escalations/${a.id}/acknowledge`, payload: { note: 'x' } })).statusCode).toBe(400);
  });
});
