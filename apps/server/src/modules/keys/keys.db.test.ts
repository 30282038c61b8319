import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import type { Ctx } from '../../http/context.js';
import { createTestDatabase, ctxFor, seedFixture, type Fixture } from '../../../test/harness.js';
import { insertUnit } from '../residents/residents.test-fixtures.js';
import { keysService } from './keys.service.js';

let database: Database;
let fx: Fixture;
let receptionA: Ctx;
let guardA: Ctx;
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

beforeAll(async () => {
  database = await createTestDatabase();
  fx = await seedFixture(database);
  receptionA = await ctxFor(database, fx.users.receptionA!);
  guardA = await ctxFor(database, fx.users.guardA!);
});
afterAll(() => database.close());

const loansOf = (keyId: string) => database.db.selectFrom('key_loans').selectAll().where('key_id', '=', keyId).execute();

describe('key custody on the database', () => {
  it('lends a key once when two people lend it at the same moment: one loan, one 409', async () => {
    const supervisor = await ctxFor(database, fx.users.supervisor!);
    const key = await keysService.create(supervisor, { projectId: fx.projectA.id, label: 'K-机房-01', opens: '1栋地下室配电房', location: '前台钥匙柜 A1', copies: 1 });
    const results = await Promise.allSettled([
      keysService.lend(receptionA, key.id, { borrower: '张师傅', purpose: '配电房检修', dueAt: inAnHour() }),
      keysService.lend(guardA, key.id, { borrower: '李师傅', purpose: '抄表', dueAt: inAnHour() }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(failed.reason).toMatchObject({ status: 409, code: 'key_out' });
    expect(await loansOf(key.id)).toHaveLength(1);
    const row = await database.db.selectFrom('desk_keys').select('out_count').where('id', '=', key.id).executeTakeFirstOrThrow();
    expect(row.out_count).toBe(1);
  });

  it('lends up to the number of copies, takes one back, and keeps the whole history', async () => {
    const supervisor = await ctxFor(database, fx.users.supervisor!);
    const key = await keysService.create(supervisor, { projectId: fx.projectA.id, label: 'K-会所-02', opens: '会所大门', location: '前台钥匙柜 B2', copies: 2 });
    const results = await Promise.allSettled([1, 2, 3].map((i) => keysService.lend(receptionA, key.id, { borrower: `借用人${i}`, purpose: '活动布置', dueAt: inAnHour() })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    const open = (await keysService.get(receptionA, key.id)).loans;
    expect(open).toHaveLength(2);
    await expect(keysService.giveBack(receptionA, key.id, {})).rejects.toMatchObject({ status: 400, code: 'loan_required' });
    const back = await keysService.giveBack(receptionA, key.id, { loanId: open[0]!.id });
    expect(back.out).toBe(1);
    await expect(keysService.giveBack(receptionA, key.id, { loanId: open[0]!.id })).rejects.toMatchObject({ status: 409 });
    const history = await keysService.history(receptionA, key.id);
    expect(history.items).toHaveLength(2);
    expect(history.items.filter((l) => l.returnedAt !== null)).toHaveLength(1);
  });

  it('keeps keys per project: receptionist B cannot see or lend project A keys', async () => {
    const receptionB = await ctxFor(database, fx.users.receptionB!);
    const key = (await keysService.list(receptionA, { page: 1, pageSize: 1 })).items[0]!;
    await expect(keysService.get(receptionB, key.id)).rejects.toMatchObject({ status: 404 });
    await expect(keysService.lend(receptionB, key.id, { borrower: 'x', purpose: 'y', dueAt: inAnHour() })).rejects.toMatchObject({ status: 404 });
  });

  it('keeps the unit a key opens, with its building, and refuses another project\'s unit', async () => {
    const supervisor = await ctxFor(database, fx.users.supervisor!);
    const unitA = await insertUnit(database, fx.buildingA, '1201');
    const key = await keysService.create(supervisor, { projectId: fx.projectA.id, label: 'K-1201', opens: '1201 入户门（业主寄存）', unitId: unitA, location: '前台钥匙柜 C3', copies: 1 });
    expect(key).toMatchObject({ unitId: unitA, unitNumber: '1201', buildingName: fx.buildingA.name });
    expect((await keysService.list(receptionA, { page: 1, pageSize: 50, q: 'K-1201' })).items[0]).toMatchObject({ unitNumber: '1201', buildingName: fx.buildingA.name });
    const plain = await keysService.create(supervisor, { projectId: fx.projectA.id, label: 'K-无房屋', opens: '垃圾房', location: '前台钥匙柜 C4', copies: 1 });
    expect(plain).toMatchObject({ unitId: null, unitNumber: null, buildingName: null });
    const unitB = await insertUnit(database, fx.buildingB, 'L1-001');
    await expect(keysService.create(supervisor, { projectId: fx.projectA.id, label: 'K-B', opens: 'x', unitId: unitB, location: 'x', copies: 1 })).rejects.toMatchObject({ status: 400, code: 'unit_not_in_project' });
  });
});
