/**
 * Demo billing: fee items of 丽景花园 and the mall, water and electricity meters with monthly
 * readings, and the billing runs of 2026-09, 2026-10 and 2026-11 made through the real run
 * (commitRun), so bills, lines and tier breakdowns are what the service would have produced.
 * Does nothing when the projects are absent.
 */
import type { CreateFeeItemBody, MeterReadingInput } from '@propdesk/contracts';
import type { Tx } from '../db/database.js';
import type { MetersTable, OrgUnitsTable } from '../db/schema.js';
import { newId } from '../lib/ids.js';
import { nowIso } from '../lib/time.js';
import { commitRun } from '../modules/billing/billing.service.js';
import { insertFeeItem } from '../modules/fee-items/fee-items.service.js';
import { metersRepository } from '../modules/meters/meters.repository.js';
import { enterReadings } from '../modules/meters/meters.service.js';
import { prng } from './demo-data.js';

export const DEMO_BILLING_PERIODS = ['2026-09', '2026-10', '2026-11'];

const term = (t: Omit<CreateFeeItemBody, 'projectId'>) => t;

export async function seedDemoBilling(tx: Tx, opts: { garden?: OrgUnitsTable; mall?: OrgUnitsTable; runById?: string | null }): Promise<void> {
  const { garden, mall } = opts;
  if (!garden || !mall) return;
  const rnd = prng(20260901);
  const now = nowIso();
  const started = Date.now();

  // 丽景花园: property fee by area, garbage fee per home, water by meter with the city's three tiers.
  const gardenItems = [
    term({ name: '物业管理费', unitKinds: ['residence'], cycle: 'monthly', billingMode: 'in_advance', dueDay: 15, rounding: 'fen', pricing: { kind: 'area', rateCentiFen: 23500 }, lateFee: { dailyRateBp: 5, graceDays: 30 }, prepayDiscount: { discountBp: 500, minMonthsAhead: 12 }, sort: 1 }),
    term({ name: '垃圾处理费', unitKinds: ['residence'], cycle: 'monthly', billingMode: 'in_advance', dueDay: 15, rounding: 'fen', pricing: { kind: 'fixed', amountFen: 1500 }, sort: 2 }),
    term({
      name: '水费', unitKinds: ['residence'], cycle: 'monthly', billingMode: 'in_advance', dueDay: 20, rounding: 'fen', meterKind: 'water', sort: 3,
      pricing: { kind: 'metered', tierBasis: 'calendar_year', tiers: [{ upToMilli: 100_000, priceCentiFen: 30000 }, { upToMilli: 200_000, priceCentiFen: 45000 }, { upToMilli: null, priceCentiFen: 60000 }] },
    }),
    term({ name: '商铺物业管理费', unitKinds: ['shop', 'clubhouse'], cycle: 'quarterly', billingMode: 'in_advance', dueDay: 10, rounding: 'jiao', pricing: { kind: 'area', rateCentiFen: 58000 }, sort: 4 }),
    term({ name: '装修垃圾清运费', unitKinds: ['residence', 'shop'], cycle: 'monthly', billingMode: 'in_advance', dueDay: 15, rounding: 'fen', pricing: { kind: 'one_off', amountFen: 30000 }, sort: 8 }),
    term({ name: '有偿维修费', unitKinds: ['residence', 'shop', 'clubhouse'], cycle: 'monthly', billingMode: 'in_advance', dueDay: 15, rounding: 'fen', pricing: { kind: 'one_off', amountFen: null }, sort: 9 }),
  ];
  // The mall: property fee by area for shops, electricity by sub-meter at the commercial rate.
  const mallItems = [
    term({ name: '物业管理费', unitKinds: ['shop'], cycle: 'monthly', billingMode: 'in_advance', dueDay: 10, rounding: 'fen', pricing: { kind: 'area', rateCentiFen: 120000 }, lateFee: { dailyRateBp: 5, graceDays: 15 }, sort: 1 }),
    term({ name: '电费', unitKinds: ['shop'], cycle: 'monthly', billingMode: 'in_advance', dueDay: 10, rounding: 'fen', meterKind: 'electricity', sort: 2, pricing: { kind: 'metered', tierBasis: 'per_bill', tiers: [{ upToMilli: null, priceCentiFen: 10500 }] } }),
  ];
  for (const t of gardenItems) await insertFeeItem(tx, { projectId: garden.id, ...t });
  for (const t of mallItems) await insertFeeItem(tx, { projectId: mall.id, ...t });

  // Meters: a water meter per home of the garden, an electricity sub-meter per shop of the mall.
  const homes = await tx
    .selectFrom('units as u').innerJoin('org_units as b', 'b.id', 'u.building_id')
    .select(['u.id', 'u.project_id', 'u.building_id', 'u.number', 'u.kind', 'u.state', 'b.name as building_name'])
    .where('u.project_id', 'in', [garden.id, mall.id]).where('u.kind', 'in', ['residence', 'shop'])
    .orderBy('b.name').orderBy('u.floor').orderBy('u.number').execute();
  const meters: (MetersTable & { usual: number })[] = [];
  for (const u of homes) {
    const water = u.project_id === garden.id && u.kind === 'residence';
    const power = u.project_id === mall.id;
    if (!water && !power) continue;
    meters.push({
      id: newId(), project_id: u.project_id, unit_id: u.id, building_id: u.building_id, kind: water ? 'water' : 'electricity',
      number: water ? `W-${u.building_name.replace('栋', '')}-${u.number}` : `E-${u.number}`, location: null, digits: water ? 5 : 6, active: 1,
      created_at: now, updated_at: now,
      // m³ (or kWh) a month: a vacant home uses almost nothing.
      usual: water ? (u.state === 'vacant' ? 0.5 : 6 + rnd() * 14) : 600 + rnd() * 2400,
    });
  }
  await metersRepository.insertMany(tx, meters.map(({ usual: _usual, ...m }) => m));

  // Readings: water monthly from a December baseline (the tiers count the whole year), the mall's
  // sub-meters from an August baseline. In November a few homes leak (held for review) and a few
  // were not read yet (shown as units without a reading).
  const months = ['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];
  const register = new Map(meters.map((m) => [m.id, Math.floor(rnd() * 400_000)]));
  const waterMeters = meters.filter((m) => m.kind === 'water');
  const leaking = new Set(waterMeters.filter((_, i) => i % 150 === 7).map((m) => m.id));
  const unread = new Set(waterMeters.filter((_, i) => i % 200 === 42).map((m) => m.id));
  // The months before the first run were read before the system went live: one import; then monthly.
  const batches = [months.filter((p) => p < '2026-09'), ['2026-09'], ['2026-10'], ['2026-11']];
  for (const periods of batches) {
    const batch: MeterReadingInput[] = [];
    for (const period of periods) {
      for (const m of meters) {
        if (m.kind === 'electricity' && period < '2026-08') continue;
        if (period === '2026-11' && unread.has(m.id)) continue;
        const first = m.kind === 'water' ? period === '2025-12' : period === '2026-08';
        let used = first ? 0 : m.usual * (0.8 + rnd() * 0.4);
        if (period === '2026-11' && leaking.has(m.id)) used = m.usual * 5 + 20;
        const next = register.get(m.id)! + Math.round(used * 1000);
        register.set(m.id, next);
        batch.push({ meterId: m.id, period, readingMilli: next, kind: 'normal', readOn: `${period}-25` });
      }
    }
    const result = await enterReadings(tx, batch, { projectIds: [garden.id, mall.id], userId: null, today: () => `${periods[periods.length - 1]}-28` });
    if (result.problems.length > 0) throw new Error(`demo readings ${periods[0]}: ${result.problems[0]!.text.en}`);
  }

  // The runs of the last three months, as the director made them.
  for (const period of DEMO_BILLING_PERIODS) {
    for (const project of [garden, mall]) {
      await commitRun(tx, { userId: opts.runById ?? null, audit: { actor: null, ip: null } }, project.id, period);
    }
  }
  // `npm start` stays fast: about half a second on an idle machine (PROPDESK_DEMO_TIMING=1 prints it).
  if (process.env.PROPDESK_DEMO_TIMING) console.log(`demo billing: ${Date.now() - started} ms`);
}
