import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/harness.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { insertUnit } from '../residents/residents.test-fixtures.js';

let t: TestApp;
let supervisor: Session;
let receptionA: Session;
/** receptionB, also made a reception supervisor of project B: manages keys there only. */
let receptionB: Session;
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  await t.database.db.insertInto('role_grants').values({
    id: newId(), user_id: t.fx.users.receptionB!, role_id: t.fx.roleIds.get('reception_supervisor')!, org_unit_id: t.fx.projectB.id, created_at: nowIso(),
  }).execute();
  supervisor = await t.login('supervisor');
  receptionA = await t.login('receptionA');
  receptionB = await t.login('receptionB');
});
afterAll(() => t.close());

const newKey = async (label: string, copies = 2) => {
  const res = await t.as(supervisor, { method: 'POST', url: '/api/keys', payload: { projectId: t.fx.projectA.id, label, opens: '1栋配电房', location: '前台钥匙柜 A1', copies } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; label: string; copies: number };
};
const patch = (s: Session, id: string, payload: Record<string, unknown>) => t.as(s, { method: 'PATCH', url: `/api/keys/${id}`, payload });
const auditOf = (id: string) => t.database.db.selectFrom('audit_log').select(['action', 'changes']).where('entity_id', '=', id).where('action', '=', 'key.update').execute();

describe('correcting a key (PATCH /api/keys/:id)', () => {
  it("changes what it opens, where it is kept and its unit, then clears the unit; audited before and after", async () => {
    const key = await newKey('K-更正-01');
    const unitId = await insertUnit(t.database, t.fx.buildingA, '1203');
    const res = await patch(supervisor, key.id, { opens: '1栋1203 业主寄存', location: '前台钥匙柜 B2', unitId });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ opens: '1栋1203 业主寄存', location: '前台钥匙柜 B2', unitId, unitNumber: '1203', label: 'K-更正-01' });
    const cleared = await patch(supervisor, key.id, { unitId: null });
    expect(cleared.json()).toMatchObject({ unitId: null, unitNumber: null });
    const audits = await auditOf(key.id);
    expect(audits).toHaveLength(2);
    expect(audits.map((a) => a.changes).join('\n')).toContain('前台钥匙柜 B2');
  });

  it('refuses fewer copies than are out (409) and a label the project already has (409), changing nothing', async () => {
    const key = await newKey('K-更正-02', 2);
    await newKey('K-更正-03');
    for (const borrower of ['张师傅', '李师傅']) {
      expect((await t.as(receptionA, { method: 'POST', url: `/api/keys/${key.id}/lend`, payload: { borrower, purpose: '检修', dueAt: inAnHour() } })).statusCode).toBe(200);
    }
    const fewer = await patch(supervisor, key.id, { copies: 1 });
    expect(fewer.statusCode).toBe(409);
    expect(fewer.json()).toMatchObject({ error: 'copies_below_out' });
    expect(fewer.json().message).toContain('已借出 2 把');
    const taken = await patch(supervisor, key.id, { label: 'K-更正-03' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toBe('key_label_taken');
    const now = (await t.as(supervisor, { url: `/api/keys/${key.id}` })).json();
    expect(now).toMatchObject({ label: 'K-更正-02', copies: 2, out: 2 });
    expect(await auditOf(key.id)).toHaveLength(0);
    expect((await patch(supervisor, key.id, { copies: 3 })).json()).toMatchObject({ copies: 3, out: 2 });
  });

  it("bad input is 400; a unit of another project is 400; staff without keys.manage get 403, other projects' staff 404", async () => {
    const key = await newKey('K-更正-04');
    expect((await patch(supervisor, key.id, { copies: 0 })).statusCode).toBe(400);
    expect((await patch(supervisor, key.id, { colour: 'red' })).statusCode).toBe(400);
    const otherUnit = await insertUnit(t.database, t.fx.buildingB, '0101');
    const wrongUnit = await patch(supervisor, key.id, { unitId: otherUnit });
    expect(wrongUnit.statusCode).toBe(400);
    expect(wrongUnit.json().error).toBe('unit_not_in_project');
    expect((await patch(receptionA, key.id, { location: '别处' })).statusCode).toBe(403);
    expect((await patch(receptionB, key.id, { location: '别处' })).statusCode).toBe(404);
    expect((await t.as(supervisor, { url: `/api/keys/${key.id}` })).json().location).toBe('前台钥匙柜 A1');
  });
});
