import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateTicketBody } from '@propdesk/contracts';
import type { Database } from '../../db/database.js';
import { createTestDatabase, ctxFor, seedFixture, type Fixture } from '../../../test/harness.js';
import { createTicket } from '../tickets/ticket.intake.js';
import { ticketTransitions } from '../tickets/ticket.transitions.js';
import { repairA, seedDesk, type Desk } from '../tickets/tickets.testing.js';
import { workOrderService } from './work-order.service.js';

let database: Database;
let fx: Fixture;
let d: Desk;
beforeAll(async () => {
  database = await createTestDatabase();
  fx = await seedFixture(database);
  d = await seedDesk(database, fx);
});
afterAll(() => database.close());

const ordersOf = (ticketId: string) => database.db.selectFrom('work_orders').selectAll().where('ticket_id', '=', ticketId).execute();

describe(`work orders on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'}`, () => {
  it('turns two concurrent dispatches of one ticket into exactly one work order; the other gets 409', async () => {
    const rec = await ctxFor(database, fx.users.receptionA!);
    const sup = await ctxFor(database, fx.users.supervisor!);
    for (let round = 0; round < 3; round++) {
      const { id } = await createTicket(rec, repairA(fx, d) as CreateTicketBody);
      const results = await Promise.allSettled([
        workOrderService.dispatch(rec, id, { technicianId: fx.users.techA }),
        workOrderService.dispatch(sup, id, { teamId: d.teamA2 }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ status: 409 });
      const orders = await ordersOf(id);
      expect(orders).toHaveLength(1);
      const ticket = await database.db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(ticket).toMatchObject({ status: 'dispatched', version: 2, team_id: orders[0]!.team_id });
      const events = await database.db.selectFrom('ticket_events').select('type').where('ticket_id', '=', id).where('type', '=', 'dispatch').execute();
      expect(events).toHaveLength(1);
    }
  });

  it('lets one of two technicians accepting the same pool order at once win', async () => {
    const rec = await ctxFor(database, fx.users.receptionA!);
    const techA = await ctxFor(database, fx.users.techA!);
    const techA2 = await ctxFor(database, d.techA2);
    const { id } = await createTicket(rec, repairA(fx, d) as CreateTicketBody);
    const { workOrder } = await workOrderService.dispatch(rec, id, {});
    const results = await Promise.allSettled([workOrderService.accept(techA, workOrder.id), workOrderService.accept(techA2, workOrder.id)]);
    const won = results.filter((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ technicianId: string | null }>[];
    expect(won).toHaveLength(1);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ status: 409 });
    const [order] = await ordersOf(id);
    expect(order).toMatchObject({ status: 'accepted', version: 2, technician_id: won[0]!.value.technicianId });
    const ticket = await database.db.selectFrom('tickets').select('technician_id').where('id', '=', id).executeTakeFirstOrThrow();
    expect(ticket.technician_id).toBe(order!.technician_id);
  });

  it('numbers work orders per project and day, distinct under concurrent dispatches of different tickets', async () => {
    const rec = await ctxFor(database, fx.users.receptionA!);
    const tickets = await Promise.all(Array.from({ length: 8 }, () => createTicket(rec, repairA(fx, d) as CreateTicketBody)));
    const orders = await Promise.all(tickets.map((t) => workOrderService.dispatch(rec, t.id, {})));
    const numbers = orders.map((o) => o.workOrder.number);
    expect(new Set(numbers).size).toBe(8);
    const all = (await database.db.selectFrom('work_orders').select('number').where('project_id', '=', fx.projectA.id).execute()).map((r) => Number(r.number.slice(-4))).sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
  });

  it('settles a cancel racing the technician\'s start: one wins, the other is 409, never a deadlock', async () => {
    const rec = await ctxFor(database, fx.users.receptionA!);
    const sup = await ctxFor(database, fx.users.supervisor!);
    const techA = await ctxFor(database, fx.users.techA!);
    for (let round = 0; round < 5; round++) {
      const { id } = await createTicket(rec, repairA(fx, d) as CreateTicketBody);
      const { workOrder } = await workOrderService.dispatch(rec, id, { technicianId: fx.users.techA });
      await workOrderService.accept(techA, workOrder.id);
      const results = await Promise.allSettled([ticketTransitions.cancel(sup, id, { reason: '业主撤回' }), workOrderService.start(techA, workOrder.id, {})]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ status: 409 });
      const ticket = await database.db.selectFrom('tickets').select('status').where('id', '=', id).executeTakeFirstOrThrow();
      const [order] = await ordersOf(id);
      // Either cancelled with the order withdrawn, or in progress with the order being worked.
      expect([[ticket.status, order!.status]]).toEqual([results[0]!.status === 'fulfilled' ? ['cancelled', 'returned'] : ['in_progress', 'working']]);
    }
  });
});
