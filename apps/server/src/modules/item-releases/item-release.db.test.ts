import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import type { Ctx } from '../../http/context.js';
import { createTestDatabase, ctxFor, seedFixture, type Fixture } from '../../../test/harness.js';
import { insertUnit, shanghaiToday } from '../resident-services/rs.testing.js';
import { itemReleaseService } from './item-release.service.js';

let database: Database;
let fx: Fixture;
let rec: Ctx;
let sup: Ctx;
let gateEast: Ctx;
let gateWest: Ctx;
beforeAll(async () => {
  database = await createTestDatabase();
  fx = await seedFixture(database);
  [rec, sup, gateEast, gateWest] = await Promise.all([ctxFor(database, fx.users.receptionA!), ctxFor(database, fx.users.supervisor!), ctxFor(database, fx.users.guardA!), ctxFor(database, fx.users.guardA!)]);
});
afterAll(() => database.close());

describe(`item releases on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'}`, () => {
  it('one slip scanned at two gates at the same moment: one release, one refusal — and the refusal is recorded', async () => {
    const unitId = await insertUnit(database, fx.projectA.id, fx.buildingA.id, '601', 'occupied');
    for (let round = 0; round < 3; round++) {
      const r = await itemReleaseService.create(rec, { unitId, applicantName: '业主', applicantPhone: '13800002222', applicantRelation: 'owner', items: [{ name: '衣柜', quantity: 1 }], plannedDate: shanghaiToday() });
      await itemReleaseService.approve(sup, r.id);
      const results = await Promise.allSettled([itemReleaseService.release(gateEast, r.id, '东门'), itemReleaseService.release(gateWest, r.id, '西门')]);
      expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
      expect((results.find((x) => x.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ status: 409, code: 'already_released' });
      const row = await database.db.selectFrom('item_releases').select(['status', 'released_gate']).where('id', '=', r.id).executeTakeFirstOrThrow();
      expect(row.status).toBe('released');
      const log = await database.db.selectFrom('gate_checks').select(['result', 'gate']).where('subject_id', '=', r.id).where('action', '=', 'release').execute();
      expect(log.map((l) => l.result).sort()).toEqual(['refused_used', 'released']);
      // The gate that won is the one on the slip.
      expect(log.find((l) => l.result === 'released')!.gate).toBe(row.released_gate);
    }
  });
});
