/**
 * The billing run's plan (出账), pure: from the project's fee items, units, meters and readings,
 * what lines a period bills, which were billed already (idempotence: a line's billing key is
 * unique per unit), which units cannot be billed yet (no reading, reading held for review), and
 * how prepaid balances (预存款) pay the new lines. The service loads the inputs and writes the
 * plan in one transaction; a preview (dryRun) is the same plan, not written.
 */
import type { BillingMode, Cycle, FeeKind, FeePricing, Rounding } from '@propdesk/contracts';
import { areaCharge, fixedCharge } from './billing.fee.js';
import { addMonths, billLinePeriod, CYCLE_MONTHS } from './billing.period.js';
import { lineStatus } from './billing.state.js';
import { priorConsumption, tieredCharge, type TierLine } from './billing.tiers.js';

export interface PlanFeeItem {
  id: string;
  name: string;
  kind: FeeKind;
  unitKinds: readonly string[];
  cycle: Cycle;
  billingMode: BillingMode;
  dueDay: number;
  rounding: Rounding;
  pricing: FeePricing;
  meterKind: string | null;
}

export interface PlanUnit {
  id: string;
  buildingId: string;
  buildingName: string;
  number: string;
  kind: string;
  /** 0.01 m² */
  grossArea: number;
}

export interface PlanMeter {
  id: string;
  unitId: string;
  kind: string;
  number: string;
}

export interface PlanReading {
  id: string;
  meterId: string;
  period: string;
  /** null: the meter's first (baseline) reading. */
  previousMilli: number | null;
  consumptionMilli: number;
  status: string;
}

export interface PlanPrepaid {
  id: string;
  unitId: string;
  /** A fee item id, or '*' for any item of the unit. */
  accountKey: string;
  balanceFen: number;
  version: number;
}

export interface PlannedLine {
  unitId: string;
  feeItemId: string;
  description: string;
  coverFrom: string;
  coverTo: string;
  quantityMilli: number | null;
  rateCentiFen: number | null;
  tiers: TierLine[] | null;
  amountFen: number;
  /** What prepaid balances paid of it. */
  paidFen: number;
  status: string;
  dueDate: string;
  billingKey: string;
  /** The reading a metered line bills. */
  readingId: string | null;
}

export interface ItemSummary {
  feeItemId: string;
  name: string;
  kind: FeeKind;
  count: number;
  totalFen: number;
  alreadyBilled: number;
  withoutReading: number;
}

export interface RunPlan {
  lines: PlannedLine[];
  byItem: ItemSummary[];
  alreadyBilled: number;
  alreadyBilledFen: number;
  held: { readingId: string; meterNumber: string; unitId: string; period: string; consumptionMilli: number }[];
  withoutReading: { unitId: string; feeItemName: string; meterNumber: string | null }[];
  prepaid: { accountId: string; lineIndex: number; amountFen: number }[];
  prepaidAppliedFen: number;
}

export interface PlanInput {
  period: string;
  items: readonly PlanFeeItem[];
  units: readonly PlanUnit[];
  meters: readonly PlanMeter[];
  /** Accepted and held readings of the project's meters, from January of the year before the period. */
  readings: readonly PlanReading[];
  /** Billing keys already on the units: `${unitId}|${billingKey}` → amount billed. */
  existing: ReadonlyMap<string, number>;
  /**
   * The first month each metered item was billed by a run. Its first run bills only the readings
   * of the month it covers (earlier ones are history from before the item was billed here, counted
   * for the tiers only); later runs also pick up readings left unbilled (approved or entered late).
   */
  firstBilled?: ReadonlyMap<string, string>;
  prepaid: readonly PlanPrepaid[];
}

/** How far back an unbilled reading (e.g. approved late) is still picked up by a run. */
export const LATE_READING_MONTHS = 12;

/** `${feeItemId}:${first month}` for a recurring line; `${feeItemId}:r:${readingId}` for a metered one. */
export const periodKey = (feeItemId: string, coverFrom: string) => `${feeItemId}:${coverFrom}`;
export const readingKey = (feeItemId: string, readingId: string) => `${feeItemId}:r:${readingId}`;

function coverText(from: string, to: string): string {
  return from === to ? from : `${from}~${to}`;
}

/** The plan of a run for `period`. */
export function planRun(input: PlanInput): RunPlan {
  const lines: PlannedLine[] = [];
  const byItem: ItemSummary[] = [];
  const held: RunPlan['held'] = [];
  const withoutReading: RunPlan['withoutReading'] = [];
  let alreadyBilled = 0;
  let alreadyBilledFen = 0;

  // Meters by unit and kind; readings by meter, oldest first.
  const metersOf = new Map<string, PlanMeter[]>();
  for (const m of input.meters) {
    const key = `${m.unitId}|${m.kind}`;
    const list = metersOf.get(key);
    if (list) list.push(m);
    else metersOf.set(key, [m]);
  }
  const readingsOf = new Map<string, PlanReading[]>();
  for (const r of [...input.readings].sort((a, b) => a.period.localeCompare(b.period))) {
    const list = readingsOf.get(r.meterId);
    if (list) list.push(r);
    else readingsOf.set(r.meterId, [r]);
  }

  for (const item of input.items) {
    const summary: ItemSummary = { feeItemId: item.id, name: item.name, kind: item.kind, count: 0, totalFen: 0, alreadyBilled: 0, withoutReading: 0 };
    const lp = item.kind === 'one_off' ? null : billLinePeriod(input.period, { cycle: item.cycle, mode: item.billingMode, dueDay: item.dueDay });
    if (!lp) continue;
    byItem.push(summary);
    const coverFrom = lp.months[0]!;
    const coverTo = lp.months[lp.months.length - 1]!;
    const kinds = new Set(item.unitKinds);
    /** `quiet`: a reading of an earlier month billed by an earlier run is not this period's business. */
    const add = (line: PlannedLine, quiet = false) => {
      const prior = input.existing.get(`${line.unitId}|${line.billingKey}`);
      if (prior !== undefined) {
        if (quiet) return;
        summary.alreadyBilled++;
        alreadyBilled++;
        alreadyBilledFen += prior;
        return;
      }
      lines.push(line);
      summary.count++;
      summary.totalFen += line.amountFen;
    };
    for (const unit of input.units) {
      if (!kinds.has(unit.kind)) continue;
      const pricing = item.pricing;
      if (pricing.kind === 'area' || pricing.kind === 'fixed') {
        const months = CYCLE_MONTHS[item.cycle];
        const amountFen =
          pricing.kind === 'area'
            ? areaCharge({ areaCentiM2: unit.grossArea, rateCentiFen: pricing.rateCentiFen, months, rounding: item.rounding })
            : fixedCharge({ amountFen: pricing.amountFen, months, rounding: item.rounding });
        if (amountFen === 0) continue;
        add({
          unitId: unit.id, feeItemId: item.id, description: `${item.name} ${coverText(coverFrom, coverTo)}`, coverFrom, coverTo,
          quantityMilli: pricing.kind === 'area' ? unit.grossArea * 10 : null, rateCentiFen: pricing.kind === 'area' ? pricing.rateCentiFen : null,
          tiers: null, amountFen, paidFen: 0, status: 'unpaid', dueDate: lp.dueDate, billingKey: periodKey(item.id, coverFrom), readingId: null,
        });
      } else if (pricing.kind === 'metered') {
        const meters = metersOf.get(`${unit.id}|${item.meterKind}`) ?? [];
        if (meters.length === 0) {
          summary.withoutReading++;
          withoutReading.push({ unitId: unit.id, feeItemName: item.name, meterNumber: null });
          continue;
        }
        // Every meter of the kind on the unit, one year of history for the tiers.
        const unitHistory = meters.flatMap((m) => readingsOf.get(m.id) ?? []);
        const accepted = unitHistory.filter((r) => r.status === 'accepted' && r.previousMilli !== null);
        for (const meter of meters) {
          const readings = readingsOf.get(meter.id) ?? [];
          const current = readings.find((r) => r.period === coverTo);
          if (!current) {
            summary.withoutReading++;
            withoutReading.push({ unitId: unit.id, feeItemName: item.name, meterNumber: meter.number });
          } else if (current.status === 'held') {
            held.push({ readingId: current.id, meterNumber: meter.number, unitId: unit.id, period: current.period, consumptionMilli: current.consumptionMilli });
          }
          const since = input.firstBilled?.get(item.id);
          const lateFrom = addMonths(coverTo, -LATE_READING_MONTHS);
          const earliest = since === undefined ? coverTo : since > lateFrom ? since : lateFrom;
          for (const r of readings) {
            if (r.status !== 'accepted' || r.previousMilli === null || r.consumptionMilli === 0) continue;
            if (r.period > coverTo || r.period < earliest) continue;
            const prior = priorConsumption(accepted.map((h) => ({ period: h.period, quantityMilli: h.consumptionMilli })), r.period, pricing.tierBasis);
            const charge = tieredCharge({ tiers: pricing.tiers, priorMilli: prior, quantityMilli: r.consumptionMilli, rounding: item.rounding });
            add({
              unitId: unit.id, feeItemId: item.id, description: `${item.name} ${r.period}（表 ${meter.number}）`, coverFrom: r.period, coverTo: r.period,
              quantityMilli: r.consumptionMilli, rateCentiFen: pricing.tiers.length === 1 ? pricing.tiers[0]!.priceCentiFen : null,
              tiers: charge.lines, amountFen: charge.amountFen, paidFen: 0, status: 'unpaid', dueDate: lp.dueDate,
              billingKey: readingKey(item.id, r.id), readingId: r.id,
            }, r.period < coverTo);
          }
        }
      }
    }
  }

  // A unit's lines together, units in id order: the bill and line indexes (mostly led by the unit)
  // then grow at their end instead of everywhere at once, which is most of what a large run costs.
  lines.sort((a, b) => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));

  // Prepaid balances pay the new lines: the item's own balance first, then the unit's general one.
  const balances = new Map<string, { account: PlanPrepaid; left: number }>();
  for (const a of input.prepaid) if (a.balanceFen > 0) balances.set(`${a.unitId}|${a.accountKey}`, { account: a, left: a.balanceFen });
  const prepaid: RunPlan['prepaid'] = [];
  let prepaidAppliedFen = 0;
  if (balances.size > 0) {
    lines.forEach((line, lineIndex) => {
      for (const key of [`${line.unitId}|${line.feeItemId}`, `${line.unitId}|*`]) {
        const b = balances.get(key);
        const owed = line.amountFen - line.paidFen;
        if (!b || b.left === 0 || owed === 0) continue;
        const take = Math.min(b.left, owed);
        b.left -= take;
        line.paidFen += take;
        prepaid.push({ accountId: b.account.id, lineIndex, amountFen: take });
        prepaidAppliedFen += take;
      }
      line.status = lineStatus({ amountFen: line.amountFen, paidFen: line.paidFen, creditedFen: 0 });
    });
  }

  return { lines, byItem, alreadyBilled, alreadyBilledFen, held, withoutReading, prepaid, prepaidAppliedFen };
}
