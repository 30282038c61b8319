import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/harness.js';
import { insertUnit, shanghaiToday, WORKER_ID } from '../resident-services/rs.testing.js';

/** A valid 1×1 PNG. */
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

let t: TestApp;
let rec: Session;
let recB: Session;
let sup: Session;
let guard: Session;
let cashier: Session;
beforeAll(async () => {
  t = await createTestApp();
  [rec, recB, sup, guard, cashier] = await Promise.all([t.login('receptionA'), t.login('receptionB'), t.login('supervisor'), t.login('guardA'), t.login('cashierA')]);
});
afterAll(() => t.close());

function form(file: Buffer, filename: string): FormData {
  const f = new FormData();
  f.append('file', new Blob([new Uint8Array(file)], { type: 'image/png' }), filename);
  return f;
}
const post = (s: Session, url: string, payload: object = {}) => t.as(s, { method: 'POST', url, payload });

describe('renovation drawings, documents and inspection photos', () => {
  it('the desk uploads files; inspections cite them as violation photos; other projects and guards get nothing', async () => {
    const unitId = await insertUnit(t.database, t.fx.projectA.id, t.fx.buildingA.id, '801');
    const r = (await post(rec, '/api/renovations', {
      unitId, ownerName: '业主', ownerPhone: '13512345678', contractorCompany: '装饰公司', personInCharge: '负责人', personInChargePhone: '13612345678',
      workers: [{ name: '工人', idNumber: WORKER_ID }], scope: '厨房翻新', plannedStart: shanghaiToday(), plannedEnd: shanghaiToday(20),
    })).json();
    const up = await t.as(rec, { method: 'POST', url: `/api/renovations/${r.id}/files`, payload: form(PNG_1X1, '平面图.png') });
    expect(up.statusCode, up.body).toBe(201);
    const file = up.json();
    expect(file).toMatchObject({ ownerType: 'renovation', ownerId: r.id, purpose: 'photo', name: '平面图.png' });
    expect((await t.as(rec, { url: `/api/renovations/${r.id}`, method: 'GET' })).json().fileIds).toEqual([file.id]);
    expect((await t.as(rec, { url: `/api/files/${file.id}`, method: 'GET' })).statusCode).toBe(200);
    expect((await t.as(recB, { url: `/api/files/${file.id}`, method: 'GET' })).statusCode).toBe(404);
    expect((await t.as(recB, { method: 'POST', url: `/api/renovations/${r.id}/files`, payload: form(PNG_1X1, 'x.png') })).statusCode).toBe(404);
    expect((await t.as(guard, { method: 'POST', url: `/api/renovations/${r.id}/files`, payload: form(PNG_1X1, 'x.png') })).statusCode).toBe(403);

    await post(sup, `/api/renovations/${r.id}/approve`);
    await post(cashier, `/api/renovations/${r.id}/pay`, { depositFen: 100_000, method: 'cash', fees: [] });
    await post(rec, `/api/renovations/${r.id}/issue-permit`);
    // A photo of another renovation (or made up) is refused and nothing is recorded.
    const bad = await post(rec, `/api/renovations/${r.id}/inspect`, { findings: '违规', violations: [{ description: '违规开槽', deadline: shanghaiToday(2), photoFileIds: ['0000000000000000000000'] }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'file_not_found' });
    const ok = await post(rec, `/api/renovations/${r.id}/inspect`, { findings: '违规', violations: [{ description: '违规开槽', deadline: shanghaiToday(2), photoFileIds: [file.id] }] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().inspections).toHaveLength(1);
    expect(ok.json().inspections[0].violations[0].photoFileIds).toEqual([file.id]);
  });
});
