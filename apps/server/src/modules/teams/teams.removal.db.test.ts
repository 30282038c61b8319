import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateTicketBody } from '@propdesk/contracts';
import type { Database } from '../../db/database.js';
import { isForeignKeyViolation } from '../../db/query.js';
import { createTestDatabase, ctxFor, seedFixture, type Fixture } from '../../../test/harness.js';
import { createTicket } from '../tickets/ticket.intake.js';
import { repairA, seedDesk, type Desk } from '../tickets/tickets.testing.js';
import { workOrderService } from '../work-orders/work-order.service.js';
import { zonesService } from '../zones/zones.service.js';
import { teamsRepository } from './teams.repository.js';
import { teamsService } from './teams.service.js';

let database: Database;
let fx: Fixture;
let d: Desk;
beforeAll(async () => {
  database = await createTestDatabase();
  fx = await seedFixture(database);
  d = await seedDesk(database, fx);
});
afterAll(() => database.close());

/** Every row that points at a team, so a refused removal can be shown to have changed nothing. */
const referencesTo = async (teamId: string) => ({
  team: (await database.db.selectFrom('teams').select('id').where('id', '=', teamId).execute()).length,
  members: (await database.db.selectFrom('team_members').select('user_id').where('team_id', '=', teamId).execute()).length,
  zones: (await database.db.selectFrom('zones').select('id').where('team_id', '=', teamId).execute()).length,
  workOrders: (await database.db.selectFrom('work_orders').select('id').where('team_id', '=', teamId).execute()).length,
  tickets: (await database.db.selectFrom('tickets').select('id').where('team_id', '=', teamId).execute()).length,
});

describe(`removing a team on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'}`, () => {
  it('refuses a team referenced by a zone, members and work orders with 409 (never a foreign-key error), changing nothing', async () => {
    const sup = await ctxFor(database, fx.users.supervisor!);
    const { id: ticketId } = await createTicket(await ctxFor(database, fx.users.receptionA!), repairA(fx, d) as CreateTicketBody);
    await workOrderService.dispatch(sup, ticketId, { teamId: d.teamA });
    const before = await referencesTo(d.teamA);
    expect(before).toEqual({ team: 1, members: 3, zones: 1, workOrders: 1, tickets: 1 });

    const refused = await teamsService.remove(sup, d.teamA).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 409, code: 'team_in_use' });
    expect((refused as { details: { reason: string }[] }).details.map((x) => x.reason)).toEqual(['zones', 'members', 'open_work_orders', 'history']);
    expect(await referencesTo(d.teamA)).toEqual(before);

    // Zone handed to another team, members taken off, the order finished: the history still keeps it.
    await zonesService.update(sup, d.zoneA, { teamId: d.teamA2 });
    await teamsService.update(sup, d.teamA, { memberIds: [] });
    await database.db.updateTable('work_orders').set({ status: 'done' }).where('team_id', '=', d.teamA).execute();
    await expect(teamsService.remove(sup, d.teamA)).rejects.toMatchObject({ status: 409, details: [{ reason: 'history', count: 2 }] });
    expect(await referencesTo(d.teamA)).toMatchObject({ team: 1, workOrders: 1, tickets: 1 });
  });

  it('recognises the database\'s own foreign-key error (the safety net for a reference written during a removal)', async () => {
    const err = await teamsRepository.remove(database.db, d.teamA).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(isForeignKeyViolation(err)).toBe(true);
    expect(await referencesTo(d.teamA)).toMatchObject({ team: 1 });
  });

  it('removes a team once its zone and members are gone, leaving no dangling rows', async () => {
    const sup = await ctxFor(database, fx.users.supervisor!);
    const team = await teamsService.create(sup, { projectId: fx.projectA.id, name: '夜班维修', kind: 'maintenance', memberIds: [fx.users.techA!], leaderId: fx.users.techA! });
    const zone = await zonesService.create(sup, { projectId: fx.projectA.id, name: '地库', teamId: team.id, buildingIds: [] });
    await expect(teamsService.remove(sup, team.id)).rejects.toMatchObject({ status: 409, code: 'team_in_use' });
    await zonesService.update(sup, zone.id, { teamId: null });
    await teamsService.update(sup, team.id, { memberIds: [] });
    await teamsService.remove(sup, team.id);
    expect(await referencesTo(team.id)).toEqual({ team: 0, members: 0, zones: 0, workOrders: 0, tickets: 0 });
    expect((await zonesService.get(sup, zone.id)).teamId).toBeNull();
    const audit = await database.db.selectFrom('audit_log').select(['action', 'changes']).where('entity_id', '=', team.id).where('action', '=', 'team.delete').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.changes!).name).toEqual({ before: '夜班维修', after: null });
  });
});
