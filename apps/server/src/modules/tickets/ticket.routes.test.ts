import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TICKET_PREFIX } from '@propdesk/contracts';
import { createTestApp, type Session, type TestApp } from '../../../test/harness.js';
import { localDate } from './ticket.policy.js';
import { addCenter, countRows, repairA, seedDesk, type Desk } from './tickets.testing.js';

let t: TestApp;
let d: Desk;
let recA: Session;
let recB: Session;
let sup: Session;
let techA: Session;
beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  d = await seedDesk(t.database, t.fx);
  [recA, recB, sup, techA] = await Promise.all([t.login('receptionA'), t.login('receptionB'), t.login('supervisor'), t.login('techA')]);
});
afterAll(() => t.close());

const post = (s: Session, url: string, payload?: unknown) => t.as(s, { method: 'POST', url, ...(payload === undefined ? {} : { payload: payload as object }) });
const get = (s: Session, url: string) => t.as(s, { url });
async function intake(s: Session, payload: Record<string, unknown>) {
  const res = await post(s, '/api/tickets', payload);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; number: string; status: string; dueAt: { response: string; arrival?: string; resolution: string } };
}
const today = () => localDate(new Date().toISOString(), 'Asia/Shanghai').replaceAll('-', '');

describe('intake', () => {
  it('takes a repair call: a readable number, status new, due times, zone and center, the timeline and the audit', async () => {
    const before = Date.now();
    const created = await intake(recA, repairA(t.fx, d, { categoryId: undefined }));
    expect(created.number).toMatch(new RegExp(`^BX-${today()}-\\d{4}$`));
    expect(created.status).toBe('new');
    // An urgent repair runs on the 24×7 clock: 15 / 60 / 240 minutes.
    const created_at = Date.parse(created.dueAt.response) - 15 * 60_000;
    expect(created_at).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(created.dueAt.arrival!) - created_at).toBe(60 * 60_000);
    expect(Date.parse(created.dueAt.resolution) - created_at).toBe(240 * 60_000);

    const detail = (await get(recA, `/api/tickets/${created.id}`)).json();
    expect(detail).toMatchObject({
      number: created.number, kind: 'repair', status: 'new', projectId: t.fx.projectA.id, projectName: 'A花园', centerId: t.fx.center.id, zoneId: d.zoneA,
      unitId: d.unitA, unitLabel: 'A1栋 1201', requesterResidentId: d.residentA, requesterName: '张三', requesterPhone: '13800001234',
      title: '卫生间水管漏水，楼下已渗水', assigneeId: t.fx.users.receptionA, overdue: false, escalationLevel: 0, workOrders: [],
    });
    expect(detail.timeline).toHaveLength(1);
    expect(detail.timeline[0]).toMatchObject({ type: 'created', toStatus: 'new', actorName: 'receptionA', body: '卫生间水管漏水，楼下已渗水' });
    // The receptionist may dispatch, hold, comment, transfer? no (no tickets.transfer), cancel? no (no tickets.close).
    expect(detail.actions.sort()).toEqual(['comment', 'dispatch', 'hold']);
    expect((await get(sup, `/api/tickets/${created.id}`)).json().actions.sort()).toEqual(['cancel', 'comment', 'dispatch', 'hold', 'transfer']);
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', created.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['ticket.create']);
  });

  it('numbers per project, day and kind: the next repair is +1, a complaint starts its own sequence', async () => {
    const a = await intake(recA, repairA(t.fx, d));
    const b = await intake(recA, repairA(t.fx, d));
    expect(Number(b.number.slice(-4))).toBe(Number(a.number.slice(-4)) + 1);
    const c = await intake(recA, { projectId: t.fx.projectA.id, kind: 'complaint', channel: 'walk_in', requesterName: '王五', requesterPhone: '13700009999', description: '夜间施工噪音' });
    expect(c.number).toBe(`${TICKET_PREFIX.complaint}-${today()}-0001`);
    const inB = await intake(recB, { projectId: t.fx.projectB.id, kind: 'repair', channel: 'phone', unitId: d.unitB, requesterResidentId: d.residentB, description: '商铺卷帘门卡住' });
    expect(inB.number).toBe(`BX-${today()}-0001`);
  });

  it('answers a consultation on the spot: resolved at intake, the answer stored as a reply', async () => {
    const c = await intake(recA, { projectId: t.fx.projectA.id, kind: 'consultation', channel: 'phone', requesterName: '赵六', requesterPhone: '021-55556666', description: '物业费缴费时间？', answer: '每月1日至15日，可在前台或线上缴纳' });
    expect(c.status).toBe('resolved');
    expect(c.number.startsWith('ZX-')).toBe(true);
    const detail = (await get(sup, `/api/tickets/${c.id}`)).json();
    expect(detail).toMatchObject({ status: 'resolved', answer: '每月1日至15日，可在前台或线上缴纳', visitDueAt: null });
    expect(detail.respondedAt).toBe(detail.resolvedAt);
    expect(detail.timeline.map((e: { type: string; internal: boolean }) => [e.type, e.internal])).toEqual([['created', true], ['reply', false]]);
    // A consultation needs no return visit: the supervisor may close it straight away.
    expect(detail.actions).toContain('close');
    expect(detail.actions).not.toContain('visit');
    expect((await post(sup, `/api/tickets/${c.id}/close`)).json()).toMatchObject({ status: 'closed' });
  });

  it('routes a public-area repair by the zone chosen, and escalates a major complaint at intake', async () => {
    const pub = await intake(recA, { projectId: t.fx.projectA.id, kind: 'repair', channel: 'phone', location: '3号楼电梯厅', zoneId: d.zonePublic, requesterName: '钱七', requesterPhone: '13600001111', description: '电梯厅灯不亮' });
    expect((await get(recA, `/api/tickets/${pub.id}`)).json()).toMatchObject({ zoneId: d.zonePublic, location: '3号楼电梯厅', unitId: null, unitLabel: null });

    const major = await intake(recA, { projectId: t.fx.projectA.id, kind: 'complaint', channel: 'phone', requesterResidentId: d.residentA, major: true, priority: 'high', description: '保安态度恶劣' });
    const detail = (await get(sup, `/api/tickets/${major.id}`)).json();
    expect(detail.major).toBe(true);
    expect(detail.escalationLevel).toBe(1);
    expect(detail.timeline.map((e: { type: string }) => e.type)).toEqual(['created', 'escalation']);
    const esc = await t.database.db.selectFrom('escalations').selectAll().where('ticket_id', '=', major.id).execute();
    expect(esc.map((e) => [e.level, e.target, e.reason])).toEqual([[1, 'major', 'major']]);
    const bell = await t.database.db.selectFrom('notifications').selectAll().where('user_id', '=', t.fx.users.supervisor!).where('link', '=', `/tickets/${major.id}`).execute();
    expect(bell).toHaveLength(1);
  });

  it('refuses bad input with 400 and writes nothing', async () => {
    const tables = ['tickets', 'ticket_events', 'audit_log', 'counters', 'escalations'] as const;
    const before = await Promise.all(tables.map((x) => countRows(t.database, x)));
    const cases: [Record<string, unknown>, string, string?][] = [
      [{ ...repairA(t.fx, d), description: undefined }, 'validation_failed', 'body.description'],
      [{ ...repairA(t.fx, d), description: '   ' }, 'validation_failed', 'body.description'],
      [{ ...repairA(t.fx, d), kind: 'gripe' }, 'validation_failed', 'body.kind'],
      [{ ...repairA(t.fx, d), unitId: d.unitB }, 'unit_not_in_project', 'body.unitId'],
      [{ ...repairA(t.fx, d), requesterResidentId: d.residentB }, 'resident_not_in_project', 'body.requesterResidentId'],
      [{ ...repairA(t.fx, d), unitId: undefined, location: '大堂', zoneId: d.zoneA.replace(/.$/, (c) => (c === '0' ? '1' : '0')) }, 'zone_not_in_project', 'body.zoneId'],
      [{ ...repairA(t.fx, d), colour: 'red' }, 'validation_failed'],
      [{ ...repairA(t.fx, d), major: true }, 'validation_failed', 'body.major'],
      [{ ...repairA(t.fx, d), unitId: undefined }, 'validation_failed', 'body.unitId'],
      [{ ...repairA(t.fx, d), requesterResidentId: undefined, requesterName: '无电话' }, 'validation_failed', 'body.requesterPhone'],
      [{ ...repairA(t.fx, d), requesterResidentId: undefined, requesterName: '坏电话', requesterPhone: '12345' }, 'validation_failed', 'body.requesterPhone'],
      [{ ...repairA(t.fx, d), answer: '已答复' }, 'validation_failed', 'body.answer'],
      [{ ...repairA(t.fx, d), appointmentFrom: '2026-12-01T10:00:00+08:00', appointmentTo: '2026-12-01T09:00:00+08:00' }, 'validation_failed', 'body.appointmentTo'],
      [{ ...repairA(t.fx, d), categoryId: 'zzzzzzzzzzzzzzzzzzzz' }, 'category_invalid', 'body.categoryId'],
    ];
    for (const [payload, code, path] of cases) {
      const res = await post(recA, '/api/tickets', payload);
      expect(res.statusCode, `${JSON.stringify(payload)} → ${res.body}`).toBe(400);
      expect(res.json().error).toBe(code);
      if (path) expect(res.json().details.map((x: { path: string }) => x.path)).toContain(path);
    }
    // Another receptionist's project does not exist for her.
    expect((await post(recA, '/api/tickets', { ...repairA(t.fx, d), projectId: t.fx.projectB.id, unitId: d.unitB, requesterResidentId: d.residentB })).statusCode).toBe(404);
    expect(await Promise.all(tables.map((x) => countRows(t.database, x)))).toEqual(before);
  });
});

describe('scope', () => {
  it('shows receptionist A only project A tickets: list, counts, export, detail of B is 404', async () => {
    const b = await intake(recB, { projectId: t.fx.projectB.id, kind: 'help', channel: 'phone', requesterResidentId: d.residentB, description: '电梯困人' });
    const list = (await get(recA, '/api/tickets?pageSize=200')).json();
    expect(list.total).toBeGreaterThan(0);
    expect(list.items.every((x: { projectId: string }) => x.projectId === t.fx.projectA.id)).toBe(true);
    expect((await get(recA, `/api/tickets?projectId=${t.fx.projectB.id}`)).json()).toMatchObject({ items: [], total: 0 });
    expect((await get(recA, `/api/tickets/${b.id}`)).statusCode).toBe(404);
    expect((await post(recA, `/api/tickets/${b.id}/hold`, { reason: 'x' })).statusCode).toBe(404);
    expect((await post(recA, `/api/tickets/${b.id}/dispatch`, {})).statusCode).toBe(404);
    // The supervisor of the center sees both projects.
    const all = (await get(sup, '/api/tickets?pageSize=200')).json();
    expect(all.total).toBe(list.total + (await get(recB, '/api/tickets?pageSize=200')).json().total);
    // Counts: B's new ticket is unassigned for B's receptionist, not for A's.
    const countsA = (await get(recA, '/api/tickets/counts')).json();
    const countsB = (await get(recB, '/api/tickets/counts')).json();
    expect(Object.keys(countsA).sort()).toEqual(['awaiting_visit', 'due_today', 'escalated', 'mine', 'overdue', 'unassigned']);
    expect(countsA.unassigned).toBe((await get(recA, '/api/tickets?queue=unassigned')).json().total);
    // Project B holds two new tickets (the repair of the numbering test and this one), both taken by receptionB.
    expect(countsB).toMatchObject({ unassigned: 2, mine: 2, awaiting_visit: 0 });
    expect((await get(recA, '/api/tickets?queue=unassigned&pageSize=200')).json().items.map((x: { id: string }) => x.id)).not.toContain(b.id);
    // A technician reads no tickets at all.
    expect((await get(techA, '/api/tickets')).statusCode).toBe(403);
    expect((await get(techA, `/api/tickets/${b.id}`)).statusCode).toBe(403);
  });
});

describe('transitions', () => {
  it('answers 409 invalid_transition for an action the state does not allow, 403 without the permission', async () => {
    const n = await intake(recA, repairA(t.fx, d));
    const res = await post(sup, `/api/tickets/${n.id}/close`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'invalid_transition', details: { from: 'new', action: 'close' } });
    expect((await post(sup, `/api/tickets/${n.id}/resume`)).json()).toMatchObject({ error: 'invalid_transition', details: { from: 'new', action: 'resume' } });
    // A repair is resolved by its work order, not by hand.
    expect((await post(recA, `/api/tickets/${n.id}/resolve`, {})).json()).toMatchObject({ error: 'invalid_transition', details: { from: 'new', action: 'resolve' } });
    expect((await post(recA, `/api/tickets/${n.id}/close`)).statusCode).toBe(403);
    expect((await post(recA, `/api/tickets/${n.id}/hold`, {})).statusCode).toBe(400);
    expect((await get(recA, `/api/tickets/${n.id}`)).json().version).toBe(1);
  });

  it('pauses the SLA clocks on hold and resumes them with the minutes that were left', async () => {
    const n = await intake(recA, repairA(t.fx, d));
    const held = (await post(recA, `/api/tickets/${n.id}/hold`, { reason: '业主出差，约下周上门', until: '2099-01-01T00:00:00+08:00' })).json();
    expect(held).toMatchObject({ status: 'on_hold', holdReason: '业主出差，约下周上门', holdUntil: '2098-12-31T16:00:00.000Z', dueAt: { response: null, arrival: null, resolution: null } });
    const row = await t.database.db.selectFrom('tickets').select(['sla_remaining', 'status_before_hold']).where('id', '=', n.id).executeTakeFirstOrThrow();
    expect(row.status_before_hold).toBe('new');
    const left = JSON.parse(row.sla_remaining!);
    expect(left).toEqual({ response: expect.any(Number), arrival: expect.any(Number), resolution: expect.any(Number) });
    expect(left.response).toBeGreaterThanOrEqual(14);
    expect(left.response).toBeLessThanOrEqual(15);
    expect(held.actions).toContain('resume');
    expect(held.actions).not.toContain('dispatch');
    expect((await post(recA, `/api/tickets/${n.id}/dispatch`, {})).json()).toMatchObject({ error: 'invalid_transition', details: { from: 'on_hold', action: 'dispatch' } });

    const resumeAt = Date.now();
    const resumed = (await post(recA, `/api/tickets/${n.id}/resume`)).json();
    expect(resumed).toMatchObject({ status: 'new', holdReason: null });
    expect(Math.abs(Date.parse(resumed.dueAt.resolution) - (resumeAt + left.resolution * 60_000))).toBeLessThan(5000);
    expect(resumed.timeline.map((e: { type: string }) => e.type)).toEqual(['created', 'hold', 'resume']);
    expect((await t.database.db.selectFrom('tickets').select('sla_remaining').where('id', '=', n.id).executeTakeFirstOrThrow()).sla_remaining).toBeNull();
  });

  it('resolves a complaint by hand, gets it visited, closes it; the first reply meets the response target', async () => {
    const c = await intake(recA, { projectId: t.fx.projectA.id, kind: 'complaint', channel: 'letter', requesterResidentId: d.residentA, description: '垃圾清运不及时' });
    const replied = (await post(recA, `/api/tickets/${c.id}/comments`, { body: '已收到，今天安排处理', internal: false })).json();
    expect(replied.respondedAt).not.toBeNull();
    await post(recA, `/api/tickets/${c.id}/comments`, { body: '已通知保洁主管' });
    const resolved = (await post(recA, `/api/tickets/${c.id}/resolve`, { note: '已加派清运车次' })).json();
    expect(resolved).toMatchObject({ status: 'resolved', respondedAt: replied.respondedAt });
    expect(resolved.visitDueAt).not.toBeNull();
    expect(resolved.actions).toContain('visit');
    // A complaint must be visited before it is closed.
    expect((await post(sup, `/api/tickets/${c.id}/close`)).json()).toMatchObject({ error: 'invalid_transition', details: { from: 'resolved', action: 'close' } });
    const v = await post(recA, `/api/tickets/${c.id}/return-visits`, { outcome: 'satisfied', serviceRating: 5, comment: '很满意', validComplaint: { againstTeamId: d.teamA, category: '清运不及时' } });
    expect(v.statusCode, v.body).toBe(201);
    expect(v.json()).toMatchObject({ status: 'visited', satisfaction: 'satisfied', visit: { attempt: 1, outcome: 'satisfied', serviceRating: 5 } });
    const visited = (await get(sup, `/api/tickets/${c.id}`)).json();
    expect(visited).toMatchObject({ status: 'visited', validComplaint: true, complaintAgainstTeamId: d.teamA, complaintCategory: '清运不及时', visitDueAt: null });
    expect(visited.timeline.map((e: { type: string; internal: boolean }) => e.type)).toEqual(['created', 'reply', 'comment', 'resolve', 'visit']);
    expect((await post(sup, `/api/tickets/${c.id}/close`)).json()).toMatchObject({ status: 'closed' });
    expect((await post(recA, `/api/tickets/${c.id}/comments`, { body: '补充' })).json()).toMatchObject({ error: 'invalid_transition', details: { from: 'closed', action: 'comment' } });
  });

  it('retries an unreachable resident up to the project\'s attempts, then counts the visit as unreachable', async () => {
    const c = await intake(recA, { projectId: t.fx.projectA.id, kind: 'complaint', channel: 'phone', requesterResidentId: d.residentA, description: '楼道灯坏' });
    await post(recA, `/api/tickets/${c.id}/resolve`, {});
    for (const attempt of [1, 2]) {
      expect((await post(recA, `/api/tickets/${c.id}/return-visits`, { outcome: 'unreachable' })).json()).toMatchObject({ status: 'resolved', satisfaction: null, visit: { attempt } });
    }
    expect((await post(recA, `/api/tickets/${c.id}/return-visits`, { outcome: 'unreachable', serviceRating: 3 })).statusCode).toBe(400);
    expect((await post(recA, `/api/tickets/${c.id}/return-visits`, { outcome: 'unreachable' })).json()).toMatchObject({ status: 'visited', satisfaction: 'unreachable', visit: { attempt: 3 } });
    expect(await t.database.db.selectFrom('return_visits').select('attempt').where('ticket_id', '=', c.id).orderBy('attempt').execute()).toEqual([{ attempt: 1 }, { attempt: 2 }, { attempt: 3 }]);
    // A suggestion gets no visit; valid complaints are complaints only.
    const s = await intake(recA, { projectId: t.fx.projectA.id, kind: 'suggestion', channel: 'online', requesterResidentId: d.residentA, description: '增加快递柜' });
    await post(recA, `/api/tickets/${s.id}/resolve`, {});
    expect((await post(recA, `/api/tickets/${s.id}/return-visits`, { outcome: 'satisfied' })).json()).toMatchObject({ error: 'invalid_transition' });
  });

  it('cancels with a reason (the supervisor), withdrawing the work order that was out', async () => {
    const n = await intake(recA, repairA(t.fx, d));
    const wo = (await post(recA, `/api/tickets/${n.id}/dispatch`, { technicianId: t.fx.users.techA })).json().workOrder;
    expect((await post(sup, `/api/tickets/${n.id}/cancel`, {})).statusCode).toBe(400);
    const cancelled = (await post(sup, `/api/tickets/${n.id}/cancel`, { reason: '业主已自行修好' })).json();
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '业主已自行修好', actions: ['comment'] });
    expect(cancelled.workOrders[0]).toMatchObject({ id: wo.id, status: 'returned' });
    expect((await post(techA, `/api/work-orders/${wo.id}/accept`)).json()).toMatchObject({ error: 'invalid_transition', details: { from: 'returned', action: 'accept' } });
  });

  it('hands a ticket to another center (联动): both centers see it and its timeline', async () => {
    const { center2, supervisor2 } = await addCenter(t.database, t.fx);
    const sup2 = await t.login('supervisor2');
    const n = await intake(recA, repairA(t.fx, d));
    expect((await get(sup2, `/api/tickets/${n.id}`)).statusCode).toBe(404);
    expect((await post(recA, `/api/tickets/${n.id}/transfer`, { centerId: center2.id, note: '涉及市政管网' })).statusCode).toBe(403);
    expect((await post(sup, `/api/tickets/${n.id}/transfer`, { centerId: t.fx.projectA.id, note: 'x' })).json().error).toBe('invalid_center');
    const moved = (await post(sup, `/api/tickets/${n.id}/transfer`, { centerId: center2.id, note: '涉及市政管网，请第二中心协调' })).json();
    expect(moved).toMatchObject({ centerId: center2.id, status: 'new' });
    expect(moved.timeline.at(-1)).toMatchObject({ type: 'transfer', body: '涉及市政管网，请第二中心协调', data: { toCenterId: center2.id, toCenterName: '第二客服中心' } });
    const seen = (await get(sup2, `/api/tickets/${n.id}`)).json();
    expect(seen.timeline.map((e: { type: string }) => e.type)).toEqual(['created', 'transfer']);
    expect((await get(sup2, '/api/tickets')).json().items.map((x: { id: string }) => x.id)).toEqual([n.id]);
    expect((await get(recA, `/api/tickets/${n.id}`)).statusCode).toBe(200);
    expect(supervisor2).toBeTruthy();
  });
});

describe('lists', () => {
  it('filters by number, phone tail, unit, status list, kind, channel, queue, overdue and dates; sorts and pages', async () => {
    const x = await intake(recA, repairA(t.fx, d, { unitId: d.unitA2, requesterResidentId: undefined, requesterName: '孙八', requesterPhone: '13512348765', channel: 'walk_in', description: '阳台推拉门脱轨' }));
    const q = (s: string) => get(recA, `/api/tickets?${s}`).then((r) => r.json());
    expect((await q(`q=${x.number}`)).items.map((i: { id: string }) => i.id)).toEqual([x.id]);
    expect((await q('q=推拉门')).items.map((i: { id: string }) => i.id)).toEqual([x.id]);
    expect((await q(`q=${encodeURIComponent('孙八')}`)).items.map((i: { id: string }) => i.id)).toEqual([x.id]);
    expect((await q('q=1202')).items.map((i: { id: string }) => i.id)).toEqual([x.id]);
    expect((await q('phoneTail=8765')).items.map((i: { id: string }) => i.id)).toEqual([x.id]);
    expect((await q(`unitId=${d.unitA2}`)).items.map((i: { id: string }) => i.id)).toEqual([x.id]);
    expect((await q('channel=walk_in&kind=repair')).items.map((i: { id: string }) => i.id)).toEqual([x.id]);
    const newOrHeld = await q('status=new,on_hold&pageSize=200');
    expect(newOrHeld.items.every((i: { status: string }) => ['new', 'on_hold'].includes(i.status))).toBe(true);
    expect(newOrHeld.items.map((i: { id: string }) => i.id)).toContain(x.id);
    expect((await get(recA, '/api/tickets?status=new,nonsense')).statusCode).toBe(400);
    expect((await q('queue=unassigned&pageSize=200')).items.map((i: { id: string }) => i.id)).toContain(x.id);
    expect((await q('queue=mine&pageSize=200')).items.map((i: { id: string }) => i.id)).toContain(x.id);
    expect((await q('overdue=true')).items.map((i: { id: string }) => i.id)).not.toContain(x.id);
    const future = new Date(Date.now() + 3600_000).toISOString();
    expect((await q(`createdFrom=${encodeURIComponent(future)}`)).total).toBe(0);
    const all = await q('pageSize=200');
    expect((await q(`createdTo=${encodeURIComponent(future)}&pageSize=200`)).total).toBe(all.total);
    // Newest first by default; paging walks the same order.
    const created = all.items.map((i: { createdAt: string }) => i.createdAt);
    expect(created).toEqual([...created].sort().reverse());
    const p2 = await q('pageSize=2&page=2');
    expect(p2.items.map((i: { id: string }) => i.id)).toEqual(all.items.slice(2, 4).map((i: { id: string }) => i.id));
    const byNumber = (await q('sort=number&pageSize=200')).items.map((i: { number: string }) => i.number);
    expect(byNumber).toEqual([...byNumber].sort());
  });

  it('finds overdue tickets (a due time passed, target unmet) and counts them', async () => {
    const x = await intake(recA, repairA(t.fx, d));
    const past = new Date(Date.now() - 60_000).toISOString();
    await t.database.db.updateTable('tickets').set({ response_due_at: past }).where('id', '=', x.id).execute();
    expect((await get(recA, '/api/tickets?overdue=true')).json().items.map((i: { id: string; overdue: boolean }) => [i.id, i.overdue])).toEqual([[x.id, true]]);
    expect((await get(recA, '/api/tickets?overdue=false&pageSize=200')).json().items.map((i: { id: string }) => i.id)).not.toContain(x.id);
    expect((await get(recA, '/api/tickets/counts')).json().overdue).toBe(1);
    // Responding (dispatch) meets the target: no longer overdue.
    await post(recA, `/api/tickets/${x.id}/dispatch`, {});
    expect((await get(recA, '/api/tickets?overdue=true')).json().total).toBe(0);
  });

  it('fills the queues: due today, awaiting a visit, escalated — and counts match the lists', async () => {
    const soon = await intake(recA, repairA(t.fx, d));
    await t.database.db.updateTable('tickets').set({ response_due_at: new Date(Date.now() + 60_000).toISOString() }).where('id', '=', soon.id).execute();
    const major = await intake(recA, { projectId: t.fx.projectA.id, kind: 'complaint', channel: 'phone', requesterResidentId: d.residentA, major: true, description: '物业经理失约' });
    const done = await intake(recA, { projectId: t.fx.projectA.id, kind: 'complaint', channel: 'phone', requesterResidentId: d.residentA, description: '车位被占' });
    await post(recA, `/api/tickets/${done.id}/resolve`, {});
    const queue = async (name: string) => (await get(recA, `/api/tickets?queue=${name}&pageSize=200`)).json().items.map((i: { id: string }) => i.id) as string[];
    expect(await queue('due_today')).toContain(soon.id);
    expect(await queue('escalated')).toContain(major.id);
    expect(await queue('escalated')).not.toContain(soon.id);
    expect(await queue('awaiting_visit')).toContain(done.id);
    expect(await queue('awaiting_visit')).not.toContain(major.id);
    const counts = (await get(recA, '/api/tickets/counts')).json();
    for (const name of ['mine', 'unassigned', 'overdue', 'due_today', 'awaiting_visit', 'escalated']) expect(counts[name], name).toBe((await queue(name)).length);
    expect((await get(recA, `/api/tickets/counts?projectId=${t.fx.projectB.id}`)).json()).toEqual({ mine: 0, unassigned: 0, overdue: 0, due_today: 0, awaiting_visit: 0, escalated: 0 });
    const visits = (await get(recA, '/api/return-visits/queue?pageSize=200')).json();
    expect(visits.items.map((i: { id: string }) => i.id)).toContain(done.id);
    const due = visits.items.map((i: { visitDueAt: string }) => i.visitDueAt);
    expect(due).toEqual([...due].sort());
  });

  it('exports the filtered list as .xlsx', async () => {
    const res = await get(recA, '/api/tickets/export?kind=complaint');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows: string[][] = [];
    wb.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    expect(rows[0]!.slice(0, 4)).toEqual(['工单号', '类型', '来源', '状态']);
    const complaints = (await get(recA, '/api/tickets?kind=complaint&pageSize=200')).json();
    expect(rows.length - 1).toBe(complaints.total);
    expect(rows.slice(1).every((r) => r[1] === '投诉' && r[0]!.startsWith('TS-'))).toBe(true);
    expect(rows.slice(1).every((r) => r[6] === 'A花园')).toBe(true);
  });
});
