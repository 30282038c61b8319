import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateTicketBody } from '@propdesk/contracts';
import type { Database } from '../../db/database.js';
import type { Ctx } from '../../http/context.js';
import { createTestDatabase, ctxFor, seedFixture, type Fixture } from '../../../test/harness.js';
import { createTicket } from '../tickets/ticket.intake.js';
import { repairA, seedDesk, type Desk } from '../tickets/tickets.testing.js';
import { noticesService } from '../notices/notices.service.js';
import { filesService } from './files.service.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Every byte value (NUL, high bytes, what a text column would mangle) after a PNG signature. */
const EVERY_BYTE = Buffer.concat([PNG_SIGNATURE, Buffer.from(Array.from({ length: 256 * 4 }, (_, i) => i % 256))]);

let database: Database;
let fx: Fixture;
let d: Desk;
let desk: Ctx;
beforeAll(async () => {
  database = await createTestDatabase();
  fx = await seedFixture(database);
  d = await seedDesk(database, fx);
  desk = await ctxFor(database, fx.users.receptionA!);
});
afterAll(() => database.close());

const newTicket = async () => (await createTicket(desk, repairA(fx, d) as CreateTicketBody)).id;
const filesOf = async (ownerId: string) => Number((await database.db.selectFrom('files').select((eb) => eb.fn.countAll().as('n')).where('owner_id', '=', ownerId).executeTakeFirstOrThrow()).n);

describe(`files on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'}`, () => {
  it('stores bytes and reads back exactly the same bytes (every byte value; a 3 MB photo)', async () => {
    const ticketId = await newTicket();
    const small = await filesService.uploadToTicket(desk, ticketId, { bytes: EVERY_BYTE, filename: '全部字节.png' });
    const large = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1]), randomBytes(3 * 1024 * 1024)]);
    const big = await filesService.uploadToTicket(desk, ticketId, { bytes: large, filename: 'IMG_0001.JPG' });

    const a = await filesService.content(desk, small.id);
    expect(Buffer.isBuffer(a.bytes)).toBe(true);
    expect(Buffer.compare(a.bytes, EVERY_BYTE)).toBe(0);
    expect(a.meta).toMatchObject({ name: '全部字节.png', mime: 'image/png', size: EVERY_BYTE.length });
    const b = await filesService.content(desk, big.id);
    expect(b.bytes.length).toBe(large.length);
    expect(Buffer.compare(b.bytes, large)).toBe(0);
    expect(b.meta).toMatchObject({ mime: 'image/jpeg', size: large.length });
    expect((await filesService.listForTicket(desk, ticketId)).items.map((f) => f.id)).toEqual([small.id, big.id]);
  });

  it('lets concurrent uploads fill a ticket only up to 20 files: the rest get 409 too_many_files', async () => {
    const ticketId = await newTicket();
    for (let i = 0; i < 18; i++) await filesService.uploadToTicket(desk, ticketId, { bytes: EVERY_BYTE, filename: `p${i}.png` });
    const sup = await ctxFor(database, fx.users.supervisor!);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => filesService.uploadToTicket(i % 2 ? sup : desk, ticketId, { bytes: EVERY_BYTE, filename: `race${i}.png` })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    for (const r of results.filter((x) => x.status === 'rejected') as PromiseRejectedResult[]) expect(r.reason).toMatchObject({ status: 409, code: 'too_many_files' });
    expect(await filesOf(ticketId)).toBe(20);
    const events = await database.db.selectFrom('ticket_events').select('id').where('ticket_id', '=', ticketId).where('type', '=', 'file').execute();
    expect(events).toHaveLength(20);
  });

  it('gives a notice\'s upload to one notice only when two are published at once', async () => {
    const sup = await ctxFor(database, fx.users.supervisor!);
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1');
    const file = await filesService.uploadForNotice(sup, fx.projectA.id, { bytes: pdf, filename: '通知.pdf' });
    const notice = (title: string) => noticesService.create(sup, { projectId: fx.projectA.id, direction: 'down', kind: 'notice', title, body: 'x', audienceRoles: [], requireAck: false, pinned: false, attachmentIds: [file.id] });
    const results = await Promise.allSettled([notice('甲'), notice('乙')]);
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ status: 400, code: 'validation_failed' });
    const winner = won[0]!.value;
    expect(winner.attachments.map((a) => a.id)).toEqual([file.id]);
    const row = await database.db.selectFrom('files').select(['owner_type', 'owner_id']).where('id', '=', file.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ owner_type: 'notice', owner_id: winner.id });
    expect(await database.db.selectFrom('notices').select('id').where('project_id', '=', fx.projectA.id).execute()).toHaveLength(1);
  });
});
