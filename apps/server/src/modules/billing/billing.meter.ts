/**
 * Checks on a meter reading (抄表) before its consumption may be billed.
 *
 * - normal: consumption = current − previous; a reading below the previous one is refused.
 * - rollover (表码翻转): the register passed its maximum and restarted at zero; with D whole digits
 *   it wraps at 10^D units, so consumption = 10^D − previous + current. Needs a reason.
 * - replacement (换表): the old meter's final reading and the new meter's start reading are
 *   recorded; consumption = (old final − previous) + (current − new start). Needs a reason.
 * - the first reading of a meter (no previous) is its baseline: consumption 0.
 * A consumption more than `reviewFactorPercent`% (default 300%, i.e. 3×) of the unit's usual — the
 * average of its recent consumptions — is held for review before it can be billed. A unit with no
 * history is never held; one whose usual is zero is held for any consumption above the floor.
 *
 * Refusals are returned, not thrown, so an import can list every bad row at once.
 */
import type { MeterReadingKind } from '@propdesk/contracts';
import type { Localized } from '../../http/errors.js';
import { assertInteger } from './billing.money.js';

export const DEFAULT_REVIEW_FACTOR_PERCENT = 300;

export interface MeterReadingInput {
  /** The previous accepted reading (0.001 units), null for a meter's first reading. */
  previousMilli: number | null;
  currentMilli: number;
  kind: MeterReadingKind;
  reason?: string | null;
  /** Whole digits of the register; required for a rollover. */
  meterDigits?: number | null;
  /** Required for a replacement. */
  replacement?: { oldFinalMilli: number; newStartMilli: number } | null;
  /** The unit's consumption in recent periods (the caller picks how many, e.g. the last 12). */
  recentConsumptionsMilli?: readonly number[];
  reviewFactorPercent?: number;
  /** Consumption at or below this is never held, whatever the average (0 = no floor). */
  reviewFloorMilli?: number;
}

export type MeterReadingCheck =
  /** `averageMilli`: the usual consumption rounded down, for display; null without history. */
  | { ok: true; consumptionMilli: number; baseline: boolean; heldForReview: boolean; averageMilli: number | null }
  | { ok: false; code: string; text: Localized };

const refuse = (code: string, zh: string, en: string): MeterReadingCheck => ({ ok: false, code, text: { zh, en } });

export function checkMeterReading(input: MeterReadingInput): MeterReadingCheck {
  const { previousMilli: previous, currentMilli: current, kind } = input;
  assertInteger('currentMilli', current, 0);
  if (previous !== null) assertInteger('previousMilli', previous, 0);
  const reason = input.reason?.trim() ?? '';

  let consumption: number;
  if (kind === 'normal') {
    if (previous === null) return { ok: true, consumptionMilli: 0, baseline: true, heldForReview: false, averageMilli: null };
    if (current < previous) {
      return refuse(
        'reading_below_previous',
        '本次读数小于上次读数；如为换表或表码翻转，请注明并填写原因',
        'The reading is below the previous one; mark it as a meter replacement or a rollover and give the reason',
      );
    }
    consumption = current - previous;
  } else {
    if (reason === '') return refuse('reading_reason_required', '换表或表码翻转须填写原因', 'A meter replacement or rollover needs a reason');
    if (previous === null) return refuse('no_previous_reading', '该表没有上次读数，无需标记换表或翻转', 'This meter has no previous reading to replace or roll over from');
    if (kind === 'rollover') {
      const digits = input.meterDigits;
      if (digits === null || digits === undefined) return refuse('meter_digits_required', '表码翻转须知道表的整数位数', 'A rollover needs the number of digits of the meter');
      assertInteger('meterDigits', digits, 1, 12);
      const wrap = 10 ** digits * 1000;
      if (previous >= wrap || current >= wrap) return refuse('reading_exceeds_meter', `读数超出${digits}位表的量程`, `The reading does not fit a ${digits}-digit meter`);
      if (current >= previous) return refuse('not_a_rollover', '本次读数不小于上次读数，不是表码翻转', 'The reading is not below the previous one, so it is not a rollover');
      consumption = wrap - previous + current;
    } else {
      const r = input.replacement;
      if (!r) return refuse('replacement_readings_required', '换表须填写旧表止码和新表起码', "A replacement needs the old meter's final reading and the new meter's start reading");
      assertInteger('oldFinalMilli', r.oldFinalMilli, 0);
      assertInteger('newStartMilli', r.newStartMilli, 0);
      if (r.oldFinalMilli < previous) return refuse('old_final_below_previous', '旧表止码小于上次读数', "The old meter's final reading is below its previous reading");
      if (current < r.newStartMilli) return refuse('reading_below_new_start', '本次读数小于新表起码', "The reading is below the new meter's start reading");
      consumption = r.oldFinalMilli - previous + (current - r.newStartMilli);
    }
  }

  const recent = input.recentConsumptionsMilli ?? [];
  const factor = input.reviewFactorPercent ?? DEFAULT_REVIEW_FACTOR_PERCENT;
  const floor = input.reviewFloorMilli ?? 0;
  assertInteger('reviewFactorPercent', factor, 100);
  assertInteger('reviewFloorMilli', floor, 0);
  let heldForReview = false;
  let averageMilli: number | null = null;
  if (recent.length > 0) {
    let sum = 0n;
    for (const q of recent) {
      assertInteger('recentConsumptionsMilli', q, 0);
      sum += BigInt(q);
    }
    const n = BigInt(recent.length);
    averageMilli = Number(sum / n);
    // consumption > factor% × (sum / n), compared without dividing.
    heldForReview = consumption > floor && BigInt(consumption) * n * 100n > sum * BigInt(factor);
  }
  return { ok: true, consumptionMilli: consumption, baseline: false, heldForReview, averageMilli };
}
