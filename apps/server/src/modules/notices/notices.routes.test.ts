import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type Session, type TestApp } from '../../../test/harness.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { hashPassword } from '../auth/auth.service.js';

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

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

function form(file: Buffer | null, filename: string, fields: Record<string, string>, type = 'application/pdf'): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  if (file) f.append('file', new Blob([new Uint8Array(file)], { type }), filename);
  return f;
}
const uploadAs = (s: Session, body: FormData) => t.as(s, { method: 'POST', url: '/api/notices/files', payload: body });
const fileCount = async () => Number((await t.database.db.selectFrom('files').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('notice attachments (通知附件)', () => {
  let receptionA: Session;
  let director: Session;
  /** A reception supervisor of project A only: publishes there, nowhere else. */
  let supervisorA: Session;
  beforeAll(async () => {
    const now = nowIso();
    const id = newId();
    await t.database.db.insertInto('users').values({
      id, username: 'supervisorA', display_name: 'supervisorA', phone: null, position: null, org_unit_id: t.fx.projectA.id,
      password_hash: await hashPassword(TEST_PASSWORD), must_change_password: 0, locale: 'zh-CN', active: 1, failed_logins: 0, locked_until: null,
      education: null, birth_date: null, health_cert_expiry: null, experience_years: null, skills: '[]', trainings: '[]', created_at: now, updated_at: now,
    }).execute();
    await t.database.db.insertInto('role_grants').values({ id: newId(), user_id: id, role_id: t.fx.roleIds.get('reception_supervisor')!, org_unit_id: t.fx.projectA.id, created_at: now }).execute();
    [receptionA, director, supervisorA] = await Promise.all([t.login('receptionA'), t.login('director'), t.login('supervisorA')]);
  });

  it('uploads a file before publishing, attaches it, and serves it to the notice\'s readers only', async () => {
    const up = await uploadAs(supervisor, form(PDF, '双十二排班表.pdf', { projectId: t.fx.projectB.id }));
    expect(up.statusCode, up.body).toBe(201);
    const file = up.json();
    expect(file).toEqual({ id: expect.any(String), name: '双十二排班表.pdf', mime: 'application/pdf', size: PDF.length });
    // Waiting to be published, it is the uploader's alone.
    expect((await t.as(supervisor, { url: `/api/files/${file.id}` })).statusCode).toBe(200);
    expect((await t.as(receptionB, { url: `/api/files/${file.id}` })).statusCode).toBe(404);

    const res = await t.as(supervisor, {
      method: 'POST', url: '/api/notices',
      payload: { projectId: t.fx.projectB.id, title: '双十二排班', body: '排班表见附件。', audienceRoles: ['receptionist'], attachmentIds: [file.id] },
    });
    expect(res.statusCode, res.body).toBe(201);
    const noticeId = res.json().id;
    expect(res.json()).toMatchObject({ attachmentIds: [file.id], attachments: [{ id: file.id, name: '双十二排班表.pdf', mime: 'application/pdf', size: PDF.length }] });

    // The recipient sees the attachment on the notice and downloads the same bytes.
    const seen = (await t.as(receptionB, { url: `/api/notices/${noticeId}` })).json();
    expect(seen.attachments.map((a: { name: string }) => a.name)).toEqual(['双十二排班表.pdf']);
    expect((await t.as(receptionB, { url: '/api/notices' })).json().items.find((n: { id: string }) => n.id === noticeId).attachments).toHaveLength(1);
    const download = await t.as(receptionB, { url: `/api/files/${file.id}` });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(Buffer.from(download.rawPayload).equals(PDF)).toBe(true);
    // A reader of another project gets 404, as if the file did not exist.
    expect((await t.as(receptionA, { url: `/api/files/${file.id}` })).statusCode).toBe(404);

    // A file goes on one notice only.
    const again = await t.as(supervisor, { method: 'POST', url: '/api/notices', payload: { projectId: t.fx.projectB.id, title: '再发一次', body: 'x', attachmentIds: [file.id] } });
    expect([again.statusCode, again.json().error]).toEqual([400, 'validation_failed']);
  });

  it('publishes only the author\'s own uploads of that project, writing nothing otherwise', async () => {
    const theirs = (await uploadAs(director, form(PDF, 'a.pdf', { projectId: t.fx.projectB.id }))).json();
    const otherProject = (await uploadAs(supervisor, form(PDF, 'b.pdf', { projectId: t.fx.projectA.id }))).json();
    const before = (await t.as(supervisor, { url: '/api/notices' })).json().total;
    for (const attachmentIds of [[theirs.id], [otherProject.id]]) {
      const res = await t.as(supervisor, { method: 'POST', url: '/api/notices', payload: { projectId: t.fx.projectB.id, title: 'x', body: 'x', attachmentIds } });
      expect([res.statusCode, res.json().error], JSON.stringify(attachmentIds)).toEqual([400, 'validation_failed']);
    }
    expect((await t.as(supervisor, { url: '/api/notices' })).json().total).toBe(before);
    // The refused notice left the file waiting: it still goes on a notice of its own project.
    const ok = await t.as(supervisor, { method: 'POST', url: '/api/notices', payload: { projectId: t.fx.projectA.id, title: 'A 区通知', body: 'x', attachmentIds: [otherProject.id] } });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('refuses a wrong type, a missing project, a file too large, another project and a user who may not publish, writing nothing', async () => {
    const before = await fileCount();
    const text = await uploadAs(supervisor, form(Buffer.from('just text'), 'note.pdf', { projectId: t.fx.projectB.id }));
    expect([text.statusCode, text.json().error]).toEqual([400, 'unsupported_file_type']);
    const noProject = await uploadAs(supervisor, form(PDF, 'a.pdf', {}));
    expect([noProject.statusCode, noProject.json().error]).toEqual([400, 'validation_failed']);
    const noFile = await uploadAs(supervisor, form(null, '', { projectId: t.fx.projectB.id }));
    expect([noFile.statusCode, noFile.json().error]).toEqual([400, 'file_required']);
    // Past 10 MB the multipart limit answers, as for every other file route.
    const big = await uploadAs(supervisor, form(Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]), 'big.pdf', { projectId: t.fx.projectB.id }));
    expect([big.statusCode, big.json().error]).toEqual([413, 'file_too_large']);
    // Outside the projects where one may publish: 404, as if the project did not exist.
    expect((await uploadAs(supervisorA, form(PDF, 'a.pdf', { projectId: t.fx.projectB.id }))).statusCode).toBe(404);
    // A receptionist reads notices but does not carry them down.
    expect((await uploadAs(receptionB, form(PDF, 'a.pdf', { projectId: t.fx.projectB.id }))).statusCode).toBe(403);
    expect(await fileCount()).toBe(before);
    expect((await uploadAs(supervisorA, form(PDF, 'a.pdf', { projectId: t.fx.projectA.id }))).statusCode).toBe(201);
  });
});
