import { describe, expect, it } from 'vitest';
import { checkMeterReading, type MeterReadingInput } from './billing.meter.js';

const m3 = (n: number) => n * 1000;
const normal = (previousMilli: number | null, currentMilli: number, extra: Partial<MeterReadingInput> = {}): MeterReadingInput => ({
  previousMilli,
  currentMilli,
  kind: 'normal',
  ...extra,
});
const problem = (r: ReturnType<typeof checkMeterReading>) => (r.ok ? null : r.code);

describe('consumption from two readings', () => {
  it('is current − previous, fractions of a m³ included', () => {
    expect(checkMeterReading(normal(m3(1200), 1_212_345))).toEqual({ ok: true, consumptionMilli: 12_345, baseline: false, heldForReview: false, averageMilli: null });
    expect(checkMeterReading(normal(m3(1200), m3(1200)))).toMatchObject({ ok: true, consumptionMilli: 0 });
  });

  it('takes a meter\'s first reading as its baseline', () => {
    expect(checkMeterReading(normal(null, m3(37)))).toEqual({ ok: true, consumptionMilli: 0, baseline: true, heldForReview: false, averageMilli: null });
  });

  it('refuses a reading below the previous one, with a message saying what to do', () => {
    const r = checkMeterReading(normal(m3(1200), m3(1199)));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe('reading_below_previous');
      expect(r.text.zh).toContain('换表');
      expect(r.text.en).toContain('replacement');
    }
  });
});

describe('rollover (表码翻转)', () => {
  const rollover = (previousMilli: number, currentMilli: number, extra: Partial<MeterReadingInput> = {}): MeterReadingInput => ({
    previousMilli,
    currentMilli,
    kind: 'rollover',
    reason: '表码超过99999归零',
    meterDigits: 5,
    ...extra,
  });

  it('counts across the wrap of the register: 99990 → 00015 on a 5-digit meter is 25 m³', () => {
    expect(checkMeterReading(rollover(m3(99_990), m3(15)))).toMatchObject({ ok: true, consumptionMilli: m3(25) });
    expect(checkMeterReading(rollover(99_999_999, 0))).toMatchObject({ ok: true, consumptionMilli: 1 });
    expect(checkMeterReading(rollover(m3(9_990), m3(5), { meterDigits: 4 }))).toMatchObject({ ok: true, consumptionMilli: m3(15) });
  });

  it('needs a reason, the meter digits, a reading that went down and fits the meter', () => {
    expect(problem(checkMeterReading(rollover(m3(99_990), m3(15), { reason: '  ' })))).toBe('reading_reason_required');
    expect(problem(checkMeterReading(rollover(m3(99_990), m3(15), { reason: null })))).toBe('reading_reason_required');
    expect(problem(checkMeterReading(rollover(m3(99_990), m3(15), { meterDigits: null })))).toBe('meter_digits_required');
    expect(problem(checkMeterReading(rollover(m3(500), m3(600))))).toBe('not_a_rollover');
    expect(problem(checkMeterReading(rollover(m3(100_000), m3(15))))).toBe('reading_exceeds_meter');
    expect(problem(checkMeterReading(rollover(m3(99_990), m3(100_001))))).toBe('reading_exceeds_meter');
    expect(problem(checkMeterReading(rollover(m3(99_990), m3(15), { previousMilli: null })))).toBe('no_previous_reading');
  });
});

describe('meter replacement (换表)', () => {
  const replaced = (extra: Partial<MeterReadingInput> = {}): MeterReadingInput => ({
    previousMilli: m3(1200),
    currentMilli: m3(8),
    kind: 'replacement',
    reason: '旧表损坏，更换新表',
    replacement: { oldFinalMilli: m3(1210), newStartMilli: m3(0) },
    ...extra,
  });

  it('adds the old meter\'s last part to the new meter\'s first', () => {
    expect(checkMeterReading(replaced())).toMatchObject({ ok: true, consumptionMilli: m3(18) });
    expect(checkMeterReading(replaced({ replacement: { oldFinalMilli: m3(1200), newStartMilli: 2_500 } }))).toMatchObject({ ok: true, consumptionMilli: 5_500 });
  });

  it('needs a reason and both readings, each consistent', () => {
    expect(problem(checkMeterReading(replaced({ reason: '' })))).toBe('reading_reason_required');
    expect(problem(checkMeterReading(replaced({ replacement: null })))).toBe('replacement_readings_required');
    expect(problem(checkMeterReading(replaced({ replacement: { oldFinalMilli: m3(1199), newStartMilli: 0 } })))).toBe('old_final_below_previous');
    expect(problem(checkMeterReading(replaced({ replacement: { oldFinalMilli: m3(1210), newStartMilli: m3(9) } })))).toBe('reading_below_new_start');
  });
});

describe('held for review when far above the usual', () => {
  const usual = [m3(10), m3(12), m3(14)]; // average 12 m³

  it('holds more than 3× the average, not exactly 3×', () => {
    expect(checkMeterReading(normal(m3(100), m3(136), { recentConsumptionsMilli: usual }))).toMatchObject({ ok: true, heldForReview: false, averageMilli: m3(12) });
    expect(checkMeterReading(normal(m3(100), 136_001, { recentConsumptionsMilli: usual }))).toMatchObject({ ok: true, heldForReview: true, consumptionMilli: 36_001 });
  });

  it('takes a configured factor in percent', () => {
    expect(checkMeterReading(normal(0, m3(31), { recentConsumptionsMilli: usual, reviewFactorPercent: 250 }))).toMatchObject({ heldForReview: true });
    expect(checkMeterReading(normal(0, m3(30), { recentConsumptionsMilli: usual, reviewFactorPercent: 250 }))).toMatchObject({ heldForReview: false });
    expect(() => checkMeterReading(normal(0, 1, { recentConsumptionsMilli: usual, reviewFactorPercent: 99 }))).toThrow(RangeError);
  });

  it('compares exactly when the average is not a whole number', () => {
    // average of 1, 1, 2 milli = 4/3; 3× = 4 → 4 is not held, 5 is
    expect(checkMeterReading(normal(0, 4, { recentConsumptionsMilli: [1, 1, 2] }))).toMatchObject({ heldForReview: false, averageMilli: 1 });
    expect(checkMeterReading(normal(0, 5, { recentConsumptionsMilli: [1, 1, 2] }))).toMatchObject({ heldForReview: true });
  });

  it('never holds without history; with a usual of zero holds anything above the floor', () => {
    expect(checkMeterReading(normal(0, m3(500)))).toMatchObject({ heldForReview: false, averageMilli: null });
    expect(checkMeterReading(normal(0, m3(500), { recentConsumptionsMilli: [] }))).toMatchObject({ heldForReview: false });
    expect(checkMeterReading(normal(0, 1, { recentConsumptionsMilli: [0, 0] }))).toMatchObject({ heldForReview: true, averageMilli: 0 });
    expect(checkMeterReading(normal(0, 0, { recentConsumptionsMilli: [0, 0] }))).toMatchObject({ heldForReview: false });
    expect(checkMeterReading(normal(0, m3(2), { recentConsumptionsMilli: [0, 0], reviewFloorMilli: m3(2) }))).toMatchObject({ heldForReview: false });
    expect(checkMeterReading(normal(0, m3(2) + 1, { recentConsumptionsMilli: [0, 0], reviewFloorMilli: m3(2) }))).toMatchObject({ heldForReview: true });
  });

  it('reviews rollovers and replacements on their consumption too', () => {
    const r = checkMeterReading({ previousMilli: m3(99_990), currentMilli: m3(40), kind: 'rollover', reason: '翻转', meterDigits: 5, recentConsumptionsMilli: usual });
    expect(r).toMatchObject({ ok: true, consumptionMilli: m3(50), heldForReview: true });
  });
});
