import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/harness.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { ensureServiceDeskDefaults } from '../sla/sla.service.js';

let t: TestApp;
let admin: Session;
let supervisor: Session;
let receptionA: Session;
/** receptionB, also made a reception supervisor of project B: manages categories there only. */
let receptionB: Session;

beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  await t.database.db.transaction().execute((tx) => ensureServiceDeskDefaults(tx, t.fx.projectA.id));
  await t.database.db.insertInto('role_grants').values({
    id: newId(), user_id: t.fx.users.receptionB!, role_id: t.fx.roleIds.get('reception_supervisor')!, org_unit_id: t.fx.projectB.id, created_at: nowIso(),
  }).execute();
  admin = await t.login('admin');
  supervisor = await t.login('supervisor');
  receptionA = await t.login('receptionA');
  receptionB = await t.login('receptionB');
});
afterAll(() => t.close());

interface Cat { id: string; projectId: string | null; kind: string; parentId: string | null; name: string; nameEn: string; sort: number; active: boolean }

const list = async (s: Session, query = '') => {
  const res = await t.as(s, { url: `/api/ticket-categories${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Cat[];
};
const categoryCount = async () => Number((await t.database.db.selectFrom('ticket_categories').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('ticket categories', () => {
  it('answers 401 without a session and 403 to staff without tickets.read', async () => {
    expect((await t.app.inject({ url: '/api/ticket-categories' })).statusCode).toBe(401);
    expect((await t.as(await t.login('cashierA'), { url: '/api/ticket-categories' })).statusCode).toBe(403);
  });

  it('shows the group-wide default tree to every project, ordered by sort with 其他 last', async () => {
    const repair = await list(receptionA, '?kind=repair');
    const roots = repair.filter((c) => c.parentId === null);
    expect(roots.map((c) => c.name)).toEqual(['水电', '门窗', '电梯', '公共设施', '管道疏通', '其他']);
    expect(roots.every((c) => c.projectId === null && c.active)).toBe(true);
    const water = roots[0]!;
    expect(repair.filter((c) => c.parentId === water.id).map((c) => c.name)).toEqual(['漏水', '停电跳闸']);
    expect((await list(receptionB, '?kind=complaint')).map((c) => c.nameEn)).toEqual(['Service attitude', 'Noise', 'Cleanliness', 'Security', 'Fees', 'Repair quality', 'Other']);
    const kinds = new Set((await list(receptionA)).map((c) => c.kind));
    expect([...kinds].sort()).toEqual(['complaint', 'consultation', 'help', 'praise', 'repair', 'suggestion']);
  });

  it('adds a project’s own category, seen in that project only', async () => {
    const water = (await list(receptionA, '?kind=repair')).find((c) => c.name === '水电')!;
    const res = await t.as(supervisor, { method: 'POST', url: '/api/ticket-categories', payload: { projectId: t.fx.projectA.id, kind: 'repair', parentId: water.id, name: '热水器', nameEn: 'Water heaters', sort: 30 } });
    expect(res.statusCode, res.body).toBe(201);
    const own = res.json() as Cat;
    expect(own).toMatchObject({ projectId: t.fx.projectA.id, kind: 'repair', parentId: water.id, name: '热水器', active: true, sort: 30 });
    expect((await list(receptionA, `?kind=repair&projectId=${t.fx.projectA.id}`)).map((c) => c.id)).toContain(own.id);
    expect((await list(receptionB, '?kind=repair')).map((c) => c.id)).not.toContain(own.id);
    // A manager of project B cannot even see it.
    expect((await t.as(receptionB, { method: 'PATCH', url: `/api/ticket-categories/${own.id}`, payload: { name: 'x' } })).statusCode).toBe(404);
    expect((await t.as(receptionB, { method: 'POST', url: '/api/ticket-categories', payload: { projectId: t.fx.projectA.id, kind: 'repair', name: '屋顶', nameEn: 'Roof' } })).statusCode).toBe(404);
    const audit = await t.as(admin, { url: `/api/audit?entity=ticket_category&entityId=${own.id}` });
    expect(audit.json().items[0]).toMatchObject({ action: 'ticket_category.create', projectId: t.fx.projectA.id });
  });

  it('keeps projects apart: another project’s tree is 404, and so are its categories to managers elsewhere', async () => {
    expect((await t.as(receptionA, { url: `/api/ticket-categories?projectId=${t.fx.projectB.id}` })).statusCode).toBe(404);
    const b = await t.as(supervisor, { method: 'POST', url: '/api/ticket-categories', payload: { projectId: t.fx.projectB.id, kind: 'complaint', name: '停车', nameEn: 'Parking' } });
    expect(b.statusCode).toBe(201);
    expect((await list(receptionA, '?kind=complaint')).map((c) => c.name)).not.toContain('停车');
    expect((await list(receptionB, '?kind=complaint')).map((c) => c.name)).toContain('停车');
    // A project category cannot hang under another project's category.
    const cross = await t.as(supervisor, { method: 'POST', url: '/api/ticket-categories', payload: { projectId: t.fx.projectA.id, kind: 'complaint', parentId: b.json().id, name: '夜间', nameEn: 'Night' } });
    expect(cross.statusCode).toBe(400);
    expect(cross.json().error).toBe('category_parent_invalid');
  });

  it('lets only root managers change the group-wide tree', async () => {
    const payload = { kind: 'help', name: '代收快递', nameEn: 'Parcels' };
    expect((await t.as(supervisor, { method: 'POST', url: '/api/ticket-categories', payload })).statusCode).toBe(403);
    expect((await t.as(receptionA, { method: 'POST', url: '/api/ticket-categories', payload: { ...payload, projectId: t.fx.projectA.id } })).statusCode).toBe(403);
    const res = await t.as(admin, { method: 'POST', url: '/api/ticket-categories', payload });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ projectId: null, sort: 0 });
    const lifts = (await list(receptionA, '?kind=repair')).find((c) => c.name === '电梯')!;
    expect((await t.as(supervisor, { method: 'PATCH', url: `/api/ticket-categories/${lifts.id}`, payload: { sort: 5 } })).statusCode).toBe(403);
  });

  it('renames, re-sorts and retires a category; the intake list leaves retired ones out', async () => {
    const noise = (await list(receptionA, '?kind=complaint')).find((c) => c.name === '噪音')!;
    const res = await t.as(admin, { method: 'PATCH', url: `/api/ticket-categories/${noise.id}`, payload: { name: '噪音扰民', nameEn: 'Noise nuisance', sort: 5, active: false } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: noise.id, name: '噪音扰民', nameEn: 'Noise nuisance', sort: 5, active: false });
    expect((await list(receptionA, '?kind=complaint&active=true')).map((c) => c.id)).not.toContain(noise.id);
    expect((await list(receptionA, '?kind=complaint&active=false')).map((c) => c.id)).toEqual([noise.id]);
    expect((await list(receptionA, '?kind=complaint'))[0]!.id).toBe(noise.id);
    const revived = await t.as(admin, { method: 'PATCH', url: `/api/ticket-categories/${noise.id}`, payload: { active: true } });
    expect(revived.json().active).toBe(true);
  });

  it('refuses a name already used at the same level (409), beside the group-wide ones too', async () => {
    const clash = await t.as(supervisor, { method: 'POST', url: '/api/ticket-categories', payload: { projectId: t.fx.projectA.id, kind: 'repair', name: '电梯', nameEn: 'Lifts' } });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error).toBe('category_name_taken');
    // The same name under another parent is fine.
    const water = (await list(receptionA, '?kind=repair')).find((c) => c.name === '水电')!;
    expect((await t.as(supervisor, { method: 'POST', url: '/api/ticket-categories', payload: { projectId: t.fx.projectA.id, kind: 'repair', parentId: water.id, name: '电梯', nameEn: 'Lift power' } })).statusCode).toBe(201);
    const doors = (await list(receptionA, '?kind=repair')).find((c) => c.name === '门窗')!;
    const rename = await t.as(admin, { method: 'PATCH', url: `/api/ticket-categories/${doors.id}`, payload: { name: '电梯' } });
    expect(rename.statusCode).toBe(409);
  });

  it('refuses bad input with 400 and writes nothing', async () => {
    const before = await categoryCount();
    const complaint = (await list(receptionA, '?kind=complaint'))[0]!;
    const bad: Record<string, unknown>[] = [
      { projectId: t.fx.projectA.id, kind: 'gossip', name: '八卦', nameEn: 'Gossip' },
      { projectId: t.fx.projectA.id, kind: 'repair', name: '', nameEn: 'Empty' },
      { projectId: t.fx.projectA.id, kind: 'repair', name: '屋顶', nameEn: 'Roof', colour: 'red' },
      { projectId: t.fx.projectA.id, kind: 'repair', name: '屋顶', nameEn: 'Roof', sort: -1 },
      { projectId: t.fx.projectA.id, kind: 'repair', parentId: complaint.id, name: '屋顶', nameEn: 'Roof' },
      { projectId: t.fx.projectA.id, kind: 'repair', parentId: '0000000000nothere', name: '屋顶', nameEn: 'Roof' },
    ];
    for (const payload of bad) {
      const res = await t.as(supervisor, { method: 'POST', url: '/api/ticket-categories', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await t.as(admin, { method: 'PATCH', url: `/api/ticket-categories/${complaint.id}`, payload: { kind: 'repair' } })).statusCode).toBe(400);
    expect((await t.as(admin, { method: 'PATCH', url: '/api/ticket-categories/0000000000nothere', payload: { name: 'x' } })).statusCode).toBe(404);
    expect(await categoryCount()).toBe(before);
  });
});
