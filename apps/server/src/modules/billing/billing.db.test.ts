import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ctxFor, seedFixture, type Fixture } from '../../../test/harness.js';
import type { Database } from '../../db/database.js';
import type { Ctx } from '../../http/context.js';
import { newId } from '../../lib/ids.js';
import { nowIso } from '../../lib/time.js';
import { insertFeeItem } from '../fee-items/fee-items.service.js';
import { addMonths } from './billing.period.js';
import { billingService } from './billing.service.js';
import { countOf, GARDEN_ITEMS, insertUnits } from './billing.testing.js';
import { todayIn } from './billing.today.js';

let database: Database;
let fx: Fixture;
let director: Ctx;
let units: string[];
const P1 = addMonths(todayIn('Asia/Shanghai').slice(0, 7), -1);
const P2 = addMonths(P1, -1);

beforeAll(async () => {
  database = await createTestDatabase();
  fx = await seedFixture(database);
  director = await ctxFor(database, fx.users.director!);
  units = await insertUnits(database, fx.buildingA, Array.from({ length: 40 }, (_, i) => ({ number: String(101 + i), grossArea: 8000 + i * 25 })));
  await database.db.transaction().execute(async (tx) => {
    await insertFeeItem(tx, { projectId: fx.projectA.id, ...GARDEN_ITEMS.property, unitKinds: ['residence'], lateFee: null, prepayDiscount: null } as never);
    await insertFeeItem(tx, { projectId: fx.projectA.id, ...GARDEN_ITEMS.garbage, unitKinds: ['residence'] } as never);
  });
});
afterAll(() => database.close());

const lineKeys = async () =>
  database.db.selectFrom('bill_lines').select(['unit_id', 'billing_key']).where('project_id', '=', fx.projectA.id).execute();

describe('billing runs on the database', () => {
  it('a repeated run bills nothing twice', async () => {
    const first = await billingService.run(director, { projectId: fx.projectA.id, period: P2 });
    expect(first.billed).toMatchObject({ count: 80, bills: 40 });
    const second = await billingService.run(director, { projectId: fx.projectA.id, period: P2 });
    expect(second.billed).toEqual({ count: 0, totalFen: 0, bills: 0 });
    expect(second.skipped).toMatchObject({ alreadyBilled: 80, alreadyBilledFen: first.billed.totalFen });
    expect(await countOf(database, 'bill_lines')).toBe(80);
    expect(await countOf(database, 'bills')).toBe(40);
    expect(await countOf(database, 'billing_runs')).toBe(2);
  });

  it('two runs of the same month at once bill every line exactly once', async () => {
    const results = await Promise.allSettled([
      billingService.run(director, { projectId: fx.projectA.id, period: P1 }),
      billingService.run(director, { projectId: fx.projectA.id, period: P1 }),
    ]);
    const ok = results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof billingService.run>>>).value);
    // Runs of a project wait for each other: both finish, one bills everything, the other nothing.
    expect(ok).toHaveLength(2);
    expect(ok.map((r) => r.billed.count).sort((a, b) => a - b)).toEqual([0, 80]);
    const keys = await lineKeys();
    expect(keys).toHaveLength(160);
    expect(new Set(keys.map((k) => `${k.unit_id}|${k.billing_key}`)).size).toBe(160);
    const bills = await database.db.selectFrom('bills').select(['unit_id', 'total_fen']).where('period', '=', P1).execute();
    expect(bills).toHaveLength(40);
    expect(bills.reduce((s, b) => s + Number(b.total_fen), 0)).toBe(ok.find((r) => r.billed.count === 80)!.billed.totalFen);
  });

  it('a prepaid balance pays the new lines once, even with two runs at once', async () => {
    const P3 = addMonths(P2, -1);
    const accountId = newId();
    await database.db.insertInto('prepaid_accounts').values({ id: accountId, project_id: fx.projectA.id, unit_id: units[0]!, fee_item_id: null, account_key: '*', balance_fen: 25000, updated_at: nowIso(), version: 1 }).execute();
    await Promise.allSettled([
      billingService.run(director, { projectId: fx.projectA.id, period: P3 }),
      billingService.run(director, { projectId: fx.projectA.id, period: P3 }),
    ]);
    const account = await database.db.selectFrom('prepaid_accounts').select('balance_fen').where('id', '=', accountId).executeTakeFirstOrThrow();
    const bill = await database.db.selectFrom('bills').selectAll().where('unit_id', '=', units[0]!).where('period', '=', P3).executeTakeFirstOrThrow();
    // 80.00 m² × 2.35 = 188.00 + 15.00 garbage = 203.00, all paid from the 250.00 balance.
    expect(Number(bill.total_fen)).toBe(20300);
    expect(Number(bill.paid_fen)).toBe(20300);
    expect(bill.status).toBe('paid');
    expect(Number(account.balance_fen)).toBe(25000 - 20300);
    const entries = await database.db.selectFrom('prepaid_entries').select(['amount_fen', 'balance_after_fen']).where('account_id', '=', accountId).orderBy('balance_after_fen', 'desc').execute();
    // One entry per line paid, each with the balance left after it (the items' order decides which came first).
    expect(entries.map((e) => Number(e.amount_fen)).sort((a, b) => a - b)).toEqual([-18800, -1500]);
    const [first, second] = entries.map((e) => [Number(e.amount_fen), Number(e.balance_after_fen)]) as [[number, number], [number, number]];
    expect(first[1]).toBe(25000 + first[0]);
    expect(second[1]).toBe(first[1] + second[0]);
    expect(second[1]).toBe(4700);
  });

  it('a run larger than one multi-row insert writes every line once (the reused statement)', async () => {
    const many = await insertUnits(database, fx.buildingB, Array.from({ length: 600 }, (_, i) => ({ number: `B${1000 + i}`, grossArea: 5000 + i })));
    await database.db.transaction().execute(async (tx) => {
      await insertFeeItem(tx, { projectId: fx.projectB.id, ...GARDEN_ITEMS.property, unitKinds: ['residence'], lateFee: null } as never);
      await insertFeeItem(tx, { projectId: fx.projectB.id, ...GARDEN_ITEMS.garbage, unitKinds: ['residence'] } as never);
    });
    const run = await billingService.run(director, { projectId: fx.projectB.id, period: P1 });
    // 1,200 lines: more than the 967 rows of one bill_lines INSERT, so the compiled statement is reused.
    expect(run.billed.count).toBe(1200);
    const lines = await database.db.selectFrom('bill_lines').select(['unit_id', 'amount_fen', 'description']).where('project_id', '=', fx.projectB.id).execute();
    expect(lines).toHaveLength(1200);
    const last = many[many.length - 1]!;
    expect(lines.filter((l) => l.unit_id === last).map((l) => Number(l.amount_fen)).sort((a, b) => a - b)).toEqual([1500, Math.round(5599 * 23500 / 10000)]);
    expect(lines.reduce((s, l) => s + Number(l.amount_fen), 0)).toBe(run.billed.totalFen);
  });
});

