import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/harness.js';

let t: TestApp;
let supervisor: Session;
let receptionB: Session;
let admin: Session;
let managerId: string;
const SECRET = '13912345678';
const SECRET_ALT = '0755-86009999';

beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  supervisor = await t.login('supervisor');
  receptionB = await t.login('receptionB');
  admin = await t.login('admin');
  const manager = await t.as(supervisor, {
    method: 'POST', url: '/api/directory',
    payload: { projectId: t.fx.projectB.id, category: 'staff', name: '林总', organization: '营运部', title: '总经理', phone: SECRET, altPhone: SECRET_ALT, confidential: true },
  });
  expect(manager.statusCode, manager.body).toBe(201);
  managerId = manager.json().id;
  const desk = await t.as(supervisor, { method: 'POST', url: '/api/directory', payload: { projectId: t.fx.projectB.id, category: 'department', name: '工程部值班', phone: '0755-86001111' } });
  expect(desk.statusCode).toBe(201);
});
afterAll(() => t.close());

/** Every cell of every sheet as text. */
async function cellsOf(body: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => out.push(String(c.value)))));
  return out.join('|');
}

describe('the phone directory never leaks a confidential number', () => {
  it('masks it for a receptionist in the list, the search, the entry and the export', async () => {
    const list = await t.as(receptionB, { url: '/api/directory?pageSize=200' });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(SECRET);
    expect(list.body).not.toContain('86009999');
    const entry = list.json().items.find((e: { id: string }) => e.id === managerId);
    expect(entry).toMatchObject({ phone: '139****5678', altPhone: '075*****9999', masked: true, confidential: true });
    // Non-confidential numbers stay readable.
    expect(list.json().items.find((e: { name: string }) => e.name === '工程部值班').phone).toBe('0755-86001111');

    const byName = await t.as(receptionB, { url: `/api/directory?q=${encodeURIComponent('林总')}` });
    expect(byName.json().items).toHaveLength(1);
    expect(byName.body).not.toContain(SECRET);
    // Searching by the number would confirm it: a confidential number is not searchable without the permission.
    expect((await t.as(receptionB, { url: '/api/directory?q=12345678' })).json().items).toEqual([]);
    expect((await t.as(receptionB, { url: '/api/directory?q=86009999' })).json().items).toEqual([]);

    const one = await t.as(receptionB, { url: `/api/directory/${managerId}` });
    expect(one.body).not.toContain(SECRET);

    const exp = await t.as(receptionB, { url: '/api/directory/export' });
    expect(exp.statusCode).toBe(200);
    const cells = await cellsOf(exp.rawPayload);
    expect(cells).toContain('林总');
    expect(cells).toContain('139****5678');
    expect(cells).not.toContain(SECRET);
    expect(cells).not.toContain('86009999');
  });

  it('refuses the reveal to a receptionist (403) and audits nothing', async () => {
    expect((await t.as(receptionB, { method: 'POST', url: `/api/directory/${managerId}/reveal` })).statusCode).toBe(403);
    const audit = await t.as(admin, { url: `/api/audit?entity=directory_entry&entityId=${managerId}` });
    expect(audit.json().items.filter((a: { action: string }) => a.action === 'directory.reveal')).toEqual([]);
  });

  it('reveals to the supervisor and audits who and when; the audit log itself keeps the number masked', async () => {
    const res = await t.as(supervisor, { method: 'POST', url: `/api/directory/${managerId}/reveal` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: managerId, phone: SECRET, altPhone: SECRET_ALT });
    const audit = await t.as(admin, { url: `/api/audit?entity=directory_entry&entityId=${managerId}` });
    const reveal = audit.json().items.find((a: { action: string }) => a.action === 'directory.reveal');
    expect(reveal).toMatchObject({ actorId: t.fx.users.supervisor!, projectId: t.fx.projectB.id });
    expect(audit.body).not.toContain(SECRET);
  });

  it('shows the full number to a user with the permission, in the list and the export', async () => {
    const list = await t.as(supervisor, { url: `/api/directory?q=${SECRET}` });
    expect(list.json().items[0]).toMatchObject({ phone: SECRET, masked: false });
    expect(await cellsOf((await t.as(supervisor, { url: '/api/directory/export' })).rawPayload)).toContain(SECRET);
  });

  it('keeps the directory per project (404 elsewhere) and flags entries not confirmed for 90 days', async () => {
    const receptionA = await t.login('receptionA');
    expect((await t.as(receptionA, { url: `/api/directory/${managerId}` })).statusCode).toBe(404);
    expect((await t.as(receptionA, { url: '/api/directory' })).json().items).toEqual([]);
    await t.database.db.updateTable('directory_entries').set({ confirmed_at: '2020-01-01T00:00:00.000Z' }).where('id', '=', managerId).execute();
    const stale = (await t.as(receptionB, { url: '/api/directory?stale=true' })).json().items;
    expect(stale.map((e: { id: string; stale: boolean }) => [e.id, e.stale])).toEqual([[managerId, true]]);
    const confirmed = await t.as(supervisor, { method: 'POST', url: `/api/directory/${managerId}/confirm` });
    expect(confirmed.json().stale).toBe(false);
  });

  it('refuses bad input (400) and writes nothing', async () => {
    const before = (await t.as(supervisor, { url: '/api/directory' })).json().total;
    expect((await t.as(supervisor, { method: 'POST', url: '/api/directory', payload: { projectId: t.fx.projectB.id, category: 'staff', name: 'x', phone: 'abc' } })).statusCode).toBe(400);
    expect((await t.as(supervisor, { method: 'POST', url: '/api/directory', payload: { projectId: t.fx.projectB.id, category: 'boss', name: 'x', phone: '110' } })).statusCode).toBe(400);
    expect((await t.as(supervisor, { url: '/api/directory' })).json().total).toBe(before);
  });
});
