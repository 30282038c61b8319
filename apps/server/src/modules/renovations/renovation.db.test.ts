import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import type { Ctx } from '../../http/context.js';
import { createTestDatabase, ctxFor, seedFixture, type Fixture } from '../../../test/harness.js';
import { insertUnit, shanghaiToday, WORKER_ID } from '../resident-services/rs.testing.js';
import { renovationService } from './renovation.service.js';

let database: Database;
let fx: Fixture;
let rec: Ctx;
let sup: Ctx;
beforeAll(async () => {
  database = await createTestDatabase();
  fx = await seedFixture(database);
  [rec, sup] = await Promise.all([ctxFor(database, fx.users.receptionA!), ctxFor(database, fx.users.supervisor!)]);
});
afterAll(() => database.close());

const application = (unitId: string) => ({
  unitId, ownerName: '业主', ownerPhone: '13512345678', contractorCompany: '装饰公司', personInCharge: '负责人', personInChargePhone: '13612345678',
  workers: [{ name: '工人', idNumber: WORKER_ID }], scope: '全屋翻新', plannedStart: shanghaiToday(), plannedEnd: shanghaiToday(30),
});

describe(`renovations on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'}`, () => {
  it('two desks filing for the same unit at the same moment: one open application, the other 409 renovation_open', async () => {
    for (let round = 0; round < 3; round++) {
      const unitId = await insertUnit(database, fx.projectA.id, fx.buildingA.id, `70${round}`);
      const results = await Promise.allSettled([renovationService.create(rec, application(unitId)), renovationService.create(sup, application(unitId))]);
      expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
      expect((results.find((x) => x.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ status: 409, code: 'renovation_open' });
      const rows = await database.db.selectFrom('renovations').select(['status', 'open_unit_id']).where('unit_id', '=', unitId).execute();
      expect(rows).toEqual([{ status: 'submitted', open_unit_id: unitId }]);
    }
  });

  it('an ended application frees the unit: rejected → a new one is accepted', async () => {
    const unitId = await insertUnit(database, fx.projectA.id, fx.buildingA.id, '710');
    const first = await renovationService.create(rec, application(unitId));
    await renovationService.reject(sup, first.id, '资料不全');
    const second = await renovationService.create(rec, application(unitId));
    expect(second.status).toBe('submitted');
    const open = await database.db.selectFrom('renovations').select('id').where('open_unit_id', '=', unitId).execute();
    expect(open.map((r) => r.id)).toEqual([second.id]);
  });
});
