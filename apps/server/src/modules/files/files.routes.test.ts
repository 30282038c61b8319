import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/harness.js';
import { repairA, seedDesk, type Desk } from '../tickets/tickets.testing.js';

/** A valid 1×1 PNG (RGBA, one transparent pixel). */
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

let t: TestApp;
let d: Desk;
let recA: Session;
let recB: Session;
let cashierA: Session;
let techA: Session;
let techA2: Session;
let leaderA: Session;
beforeAll(async () => {
  t = await createTestApp({ loginRateLimitPerMinute: 1000 });
  d = await seedDesk(t.database, t.fx);
  [recA, recB, cashierA, techA, techA2, leaderA] = (await Promise.all(['receptionA', 'receptionB', 'cashierA', 'techA', 'techA2', 'leaderA'].map((u) => t.login(u)))) as Session[] as [Session, Session, Session, Session, Session, Session];
});
afterAll(() => t.close());

function form(file: Buffer | null, filename = 'photo.png', fields: Record<string, string> = {}, type = 'image/png'): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  if (file) f.append('file', new Blob([new Uint8Array(file)], { type }), filename);
  return f;
}
const upload = (s: Session, url: string, body: FormData) => t.as(s, { method: 'POST', url, payload: body });
const post = (s: Session, url: string, payload: object = {}) => t.as(s, { method: 'POST', url, payload });
const get = (s: Session, url: string) => t.as(s, { url });

/** Rows an upload writes; "nothing written" means none of these moved. */
async function written() {
  const n = async (table: 'files' | 'ticket_events' | 'audit_log') => Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return { files: await n('files'), events: await n('ticket_events'), audit: await n('audit_log') };
}

async function intake(): Promise<string> {
  const res = await post(recA, '/api/tickets', repairA(t.fx, d));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}
/** A repair dispatched to a named technician, who accepted it (and started, unless told not to). */
async function orderFor(tech: Session, technicianId: string, opts: { accept?: boolean; start?: boolean } = {}): Promise<{ ticketId: string; orderId: string }> {
  const ticketId = await intake();
  const res = await post(recA, `/api/tickets/${ticketId}/dispatch`, { technicianId });
  expect(res.statusCode, res.body).toBe(201);
  const orderId = res.json().workOrder.id;
  if (opts.accept !== false) expect((await post(tech, `/api/work-orders/${orderId}/accept`)).statusCode).toBe(200);
  if (opts.accept !== false && opts.start !== false) expect((await post(tech, `/api/work-orders/${orderId}/start`)).statusCode).toBe(200);
  return { ticketId, orderId };
}

describe('photos and files of a ticket', () => {
  it('uploads a photo, lists it, serves back the same bytes inline, and shows it on the timeline and in the audit log', async () => {
    const ticketId = await intake();
    const res = await upload(recA, `/api/tickets/${ticketId}/files`, form(PNG_1X1, '漏水 (1).png'));
    expect(res.statusCode, res.body).toBe(201);
    const file = res.json();
    expect(file).toMatchObject({ name: '漏水 (1).png', mime: 'image/png', size: PNG_1X1.length, purpose: 'photo', ownerType: 'ticket', ownerId: ticketId, createdByName: 'receptionA' });

    const list = await get(recA, `/api/tickets/${ticketId}/files`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((f: { id: string }) => f.id)).toEqual([file.id]);

    const content = await get(recA, `/api/files/${file.id}`);
    expect(content.statusCode).toBe(200);
    expect(content.headers['content-type']).toBe('image/png');
    expect(content.headers['content-security-policy']).toContain("default-src 'none'");
    expect(content.headers['content-disposition']).toBe("inline; filename*=UTF-8''%E6%BC%8F%E6%B0%B4%20%281%29.png");
    expect(Buffer.compare(content.rawPayload, PNG_1X1)).toBe(0);

    const ticket = (await get(recA, `/api/tickets/${ticketId}`)).json();
    const event = ticket.timeline.find((e: { type: string }) => e.type === 'file');
    expect(event).toMatchObject({ body: '漏水 (1).png', actorName: 'receptionA', data: { fileId: file.id, purpose: 'photo', mime: 'image/png' } });
    // Attaching is not an edit: a colleague's concurrent action must not fail on the version.
    expect(ticket.version).toBe(1);
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', file.id).execute();
    expect(audit.map((a) => [a.action, a.actor_name, a.project_id])).toEqual([['file.upload', 'receptionA', t.fx.projectA.id]]);
  });

  it('takes a PDF as a document whatever type the browser declared', async () => {
    const ticketId = await intake();
    const res = await upload(recA, `/api/tickets/${ticketId}/files`, form(PDF, '维修报价单.pdf', {}, 'image/png'));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ mime: 'application/pdf', purpose: 'document' });
    const content = await get(recA, `/api/files/${res.json().id}`);
    expect(content.headers['content-type']).toBe('application/pdf');
    // Chrome's PDF viewer is an embedded plugin: the app's object-src 'none' would block it.
    expect(content.headers['content-security-policy']).not.toContain('object-src');
    expect(content.headers['x-content-type-options']).toBe('nosniff');
    expect(content.body).toBe(PDF.toString('latin1'));
  });

  it('refuses a text file renamed .png, a missing file and an unknown purpose with 400, and writes nothing', async () => {
    const ticketId = await intake();
    const before = await written();
    const renamed = await upload(recA, `/api/tickets/${ticketId}/files`, form(Buffer.from('这不是图片，只是文本\n'), 'notes.png'));
    expect(renamed.statusCode).toBe(400);
    expect(renamed.json().error).toBe('unsupported_file_type');
    const none = await upload(recA, `/api/tickets/${ticketId}/files`, form(null, '', { purpose: 'photo' }));
    expect([none.statusCode, none.json().error]).toEqual([400, 'file_required']);
    const json = await post(recA, `/api/tickets/${ticketId}/files`, { file: 'x' });
    expect(json.statusCode).toBe(400);
    const badPurpose = await upload(recA, `/api/tickets/${ticketId}/files`, form(PNG_1X1, 'a.png', { purpose: 'completion' }));
    expect([badPurpose.statusCode, badPurpose.json().error]).toEqual([400, 'validation_failed']);
    expect(await written()).toEqual(before);
    expect((await get(recA, `/api/tickets/${ticketId}/files`)).json().items).toEqual([]);
  });

  it('refuses a file over 10 MB with 413 and writes nothing', async () => {
    const ticketId = await intake();
    const before = await written();
    const big = Buffer.concat([PNG_1X1, Buffer.alloc(10 * 1024 * 1024)]);
    const res = await upload(recA, `/api/tickets/${ticketId}/files`, form(big, 'big.png'));
    expect([res.statusCode, res.json().error]).toEqual([413, 'file_too_large']);
    expect(await written()).toEqual(before);
  });

  it('stops at 20 files per ticket with 409 too_many_files, writing nothing more', async () => {
    const ticketId = await intake();
    for (let i = 0; i < 20; i++) expect((await upload(recA, `/api/tickets/${ticketId}/files`, form(PNG_1X1, `p${i}.png`))).statusCode).toBe(201);
    const before = await written();
    const res = await upload(recA, `/api/tickets/${ticketId}/files`, form(PNG_1X1, 'p20.png'));
    expect([res.statusCode, res.json().error]).toEqual([409, 'too_many_files']);
    expect(await written()).toEqual(before);
    expect((await get(recA, `/api/tickets/${ticketId}/files`)).json().items).toHaveLength(20);
  });

  it('is 404 for another project\'s receptionist (upload, list, download) and 403 without tickets.read', async () => {
    const ticketId = await intake();
    const file = (await upload(recA, `/api/tickets/${ticketId}/files`, form(PNG_1X1))).json();
    const before = await written();
    const up = await upload(recB, `/api/tickets/${ticketId}/files`, form(PNG_1X1));
    expect([up.statusCode, up.json().error]).toEqual([404, 'not_found']);
    expect((await get(recB, `/api/tickets/${ticketId}/files`)).statusCode).toBe(404);
    expect((await get(recB, `/api/files/${file.id}`)).statusCode).toBe(404);
    expect((await get(cashierA, `/api/files/${file.id}`)).statusCode).toBe(404);
    expect((await upload(cashierA, `/api/tickets/${ticketId}/files`, form(PNG_1X1))).statusCode).toBe(403);
    expect((await get(recA, '/api/files/0000000000000000')).statusCode).toBe(404);
    expect(await written()).toEqual(before);
  });
});

describe('completion photos of a work order', () => {
  it('lets the technician attach to his own order (a completion photo by default), and both sides see the whole case', async () => {
    const { ticketId, orderId } = await orderFor(techA, t.fx.users.techA!);
    const residentPhoto = (await upload(recA, `/api/tickets/${ticketId}/files`, form(PNG_1X1, 'before.png'))).json();
    const res = await upload(techA, `/api/work-orders/${orderId}/files`, form(PNG_1X1, 'done.png'));
    expect(res.statusCode, res.body).toBe(201);
    const photo = res.json();
    expect(photo).toMatchObject({ purpose: 'completion', ownerType: 'work_order', ownerId: orderId, createdByName: 'techA' });

    // The technician sees the resident's photo beside his own, and may open it; the desk sees the completion photo.
    const forTech = (await get(techA, `/api/work-orders/${orderId}/files`)).json().items.map((f: { id: string }) => f.id);
    expect(forTech).toEqual([residentPhoto.id, photo.id]);
    expect((await get(techA, `/api/files/${residentPhoto.id}`)).statusCode).toBe(200);
    const forDesk = (await get(recA, `/api/tickets/${ticketId}/files`)).json().items.map((f: { id: string }) => f.id);
    expect(forDesk).toEqual([residentPhoto.id, photo.id]);
    const content = await get(recA, `/api/files/${photo.id}`);
    expect(Buffer.compare(content.rawPayload, PNG_1X1)).toBe(0);
    // The ticket's timeline says which order the photo belongs to.
    const ticket = (await get(recA, `/api/tickets/${ticketId}`)).json();
    expect(ticket.timeline.filter((e: { type: string }) => e.type === 'file').map((e: { body: string; data: { workOrderId?: string } }) => [e.body, e.data.workOrderId ?? null])).toEqual([
      ['before.png', null],
      ['done.png', orderId],
    ]);
    // The team leader may add one on his behalf.
    expect((await upload(leaderA, `/api/work-orders/${orderId}/files`, form(PNG_1X1, 'check.png', { purpose: 'photo' }))).statusCode).toBe(201);
  });

  it('keeps another technician\'s order out of reach: no upload, no list, no download (404), nothing written', async () => {
    const { ticketId, orderId } = await orderFor(techA2, d.techA2);
    const theirs = (await upload(techA2, `/api/work-orders/${orderId}/files`, form(PNG_1X1, 'theirs.png'))).json();
    const residentPhoto = (await upload(recA, `/api/tickets/${ticketId}/files`, form(PNG_1X1))).json();
    const before = await written();
    const res = await upload(techA, `/api/work-orders/${orderId}/files`, form(PNG_1X1, 'mine.png'));
    expect([res.statusCode, res.json().error]).toEqual([404, 'not_found']);
    expect((await get(techA, `/api/work-orders/${orderId}/files`)).statusCode).toBe(404);
    expect((await get(techA, `/api/files/${theirs.id}`)).statusCode).toBe(404);
    expect((await get(techA, `/api/files/${residentPhoto.id}`)).statusCode).toBe(404);
    // The receptionist reads work orders but does not work them.
    expect((await upload(recA, `/api/work-orders/${orderId}/files`, form(PNG_1X1))).statusCode).toBe(403);
    expect(await written()).toEqual(before);
  });

  it('takes no photos on an order not yet accepted (409 invalid_transition), and refuses non-images there too', async () => {
    const { orderId } = await orderFor(techA, t.fx.users.techA!, { accept: false });
    const before = await written();
    const early = await upload(techA, `/api/work-orders/${orderId}/files`, form(PNG_1X1));
    expect([early.statusCode, early.json().error, early.json().details]).toEqual([409, 'invalid_transition', { from: 'issued', action: 'attach' }]);
    expect(await written()).toEqual(before);
    expect((await post(techA, `/api/work-orders/${orderId}/accept`)).statusCode).toBe(200);
    const accepted = await written();
    const text = await upload(techA, `/api/work-orders/${orderId}/files`, form(Buffer.from('hello'), 'x.jpg', {}, 'image/jpeg'));
    expect([text.statusCode, text.json().error]).toEqual([400, 'unsupported_file_type']);
    expect(await written()).toEqual(accepted);
  });
});
