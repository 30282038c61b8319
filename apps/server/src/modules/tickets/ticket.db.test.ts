import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateTicketBody } from '@propdesk/contracts';
import type { Database } from '../../db/database.js';
import { createTestDatabase, ctxFor, seedFixture, type Fixture } from '../../../test/harness.js';
import { createTicket } from './ticket.intake.js';
import { localDate } from './ticket.policy.js';
import { ticketService } from './ticket.service.js';
import { ticketTransitions } from './ticket.transitions.js';
import { repairA, seedDesk, type Desk } from './tickets.testing.js';

let database: Database;
let fx: Fixture;
let d: Desk;
beforeAll(async () => {
  database = await createTestDatabase();
  fx = await seedFixture(database);
  d = await seedDesk(database, fx);
});
afterAll(() => database.close());

describe(`tickets on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'}`, () => {
  it('allocates distinct, sequential numbers to 20 intakes at once in one project', async () => {
    const ctx = await ctxFor(database, fx.users.receptionA!);
    const body = repairA(fx, d, { priority: 'normal', major: false }) as CreateTicketBody;
    const created = await Promise.all(Array.from({ length: 20 }, () => createTicket(ctx, body)));
    const date = localDate(new Date().toISOString(), 'Asia/Shanghai').replaceAll('-', '');
    const numbers = created.map((c) => c.number).sort();
    expect(new Set(numbers).size).toBe(20);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `BX-${date}-${String(i + 1).padStart(4, '0')}`));
    const rows = await database.db.selectFrom('tickets').select('number').where('project_id', '=', fx.projectA.id).execute();
    expect(rows).toHaveLength(20);
    // Project B counts on its own.
    const ctxB = await ctxFor(database, fx.users.receptionB!);
    const inB = await createTicket(ctxB, { ...body, projectId: fx.projectB.id, unitId: d.unitB, requesterResidentId: d.residentB });
    expect(inB.number).toBe(`BX-${date}-0001`);
  });

  it('lets only one of two concurrent holds win; the other is refused with 409', async () => {
    const ctx = await ctxFor(database, fx.users.receptionA!);
    const sup = await ctxFor(database, fx.users.supervisor!);
    const { id } = await createTicket(ctx, repairA(fx, d) as CreateTicketBody);
    const results = await Promise.allSettled([ticketTransitions.hold(ctx, id, { reason: '业主不在家' }), ticketTransitions.hold(sup, id, { reason: '等配件' })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ status: 409 });
    const t = await ticketService.get(ctx, id);
    expect(t.status).toBe('on_hold');
    expect(t.timeline.filter((e) => e.type === 'hold')).toHaveLength(1);
    expect(t.version).toBe(2);
  });
  it('sorts by due time the same on both databases: a held ticket (no due time) comes last either way', async () => {
    const ctx = await ctxFor(database, fx.users.receptionB!);
    const body = { ...repairA(fx, d), projectId: fx.projectB.id, unitId: d.unitB, requesterResidentId: d.residentB } as CreateTicketBody;
    const early = await createTicket(ctx, { ...body, priority: 'urgent' });
    const held = await createTicket(ctx, { ...body, priority: 'urgent' });
    const late = await createTicket(ctx, { ...body, priority: 'low' });
    await ticketTransitions.hold(ctx, held.id, { reason: '业主出差' });
    const order = async (sort: string) =>
      (await ticketService.list(ctx, { page: 1, pageSize: 20, sort, projectId: fx.projectB.id })).items.filter((i) => [early.id, held.id, late.id].includes(i.id)).map((i) => i.id);
    expect(await order('dueAt')).toEqual([early.id, late.id, held.id]);
    expect(await order('-dueAt')).toEqual([late.id, early.id, held.id]);
  });
});
