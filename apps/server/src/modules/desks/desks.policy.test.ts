import { describe, expect, it } from 'vitest';
import type { DeskHours } from '@propdesk/contracts';
import { computeCoverage, coverProblems, dayTypeOf, hoursFor, openIntervalsOn, restDayViolations, shiftProblems, type DutyShift } from './desks.policy.js';

// The mall's rules (document 2): weekdays 09:30–22:00, weekends 09:30–22:30.
const MALL: DeskHours = { weekday: [['09:30', '22:00']], weekend: [['09:30', '22:30']], holiday: [['10:00', '18:00']] };
const at = (local: string) => Date.parse(`${local}:00+08:00`);
const midnight = (date: string) => at(`${date}T00:00`);
const openOn = (date: string, days = new Map<string, 'holiday' | 'workday'>(), rule: 'weekend' | 'weekday' | 'own' = 'weekend') =>
  openIntervalsOn(hoursFor(MALL, rule, dayTypeOf(date, days)), midnight(date));
const shift = (from: string, to: string, covers: DutyShift['covers'] = []): DutyShift => ({ start: at(from), end: at(to), covers });
const FAR_FUTURE = at('2030-01-01T00:00');

describe('day types', () => {
  it('reads weekdays and weekends, holidays and 调休 workdays from the project calendar', () => {
    const days = new Map<string, 'holiday' | 'workday'>([['2026-10-01', 'holiday'], ['2026-10-10', 'workday']]);
    expect(dayTypeOf('2026-12-02', days)).toBe('weekday'); // Wednesday
    expect(dayTypeOf('2026-12-05', days)).toBe('weekend'); // Saturday
    expect(dayTypeOf('2026-10-01', days)).toBe('holiday');
    expect(dayTypeOf('2026-10-10', days)).toBe('weekday'); // a Saturday worked as a weekday (调休)
  });

  it('opens a holiday as a weekend, as a weekday or with its own hours, by the desk rule', () => {
    expect(hoursFor(MALL, 'weekend', 'holiday')).toEqual([['09:30', '22:30']]);
    expect(hoursFor(MALL, 'weekday', 'holiday')).toEqual([['09:30', '22:00']]);
    expect(hoursFor(MALL, 'own', 'holiday')).toEqual([['10:00', '18:00']]);
  });
});

describe('coverage to the minute', () => {
  it('counts a weekday of 750 open minutes, fully covered by two shifts', () => {
    const r = computeCoverage(openOn('2026-12-02'), [shift('2026-12-02T09:30', '2026-12-02T16:00'), shift('2026-12-02T15:30', '2026-12-02T22:00')], FAR_FUTURE);
    expect(r).toEqual({ gaps: [], coveredMinutes: 750, openMinutes: 750 });
  });

  it('finds the one uncovered minute between two shifts and the 30 weekend minutes after 22:00', () => {
    const r = computeCoverage(openOn('2026-12-05'), [shift('2026-12-05T09:30', '2026-12-05T15:59'), shift('2026-12-05T16:00', '2026-12-05T22:00')], FAR_FUTURE);
    expect(r.openMinutes).toBe(780);
    expect(r.gaps).toEqual([
      { start: at('2026-12-05T15:59'), end: at('2026-12-05T16:00'), minutes: 1 },
      { start: at('2026-12-05T22:00'), end: at('2026-12-05T22:30'), minutes: 30 },
    ]);
    expect(r.coveredMinutes).toBe(749);
  });

  it('uses holiday hours by the rule: National Day with own hours 10:00–18:00', () => {
    const days = new Map<string, 'holiday' | 'workday'>([['2026-10-01', 'holiday']]);
    const r = computeCoverage(openOn('2026-10-01', days, 'own'), [shift('2026-10-01T09:00', '2026-10-01T17:00')], FAR_FUTURE);
    expect(r).toMatchObject({ openMinutes: 480, coveredMinutes: 420 });
    expect(r.gaps[0]).toMatchObject({ start: at('2026-10-01T17:00'), minutes: 60 });
  });

  it('counts a night shift crossing midnight for a desk open round the clock', () => {
    const allDay: DeskHours = { weekday: [['08:00', '08:00']], weekend: [['08:00', '08:00']], holiday: [] };
    const open = openIntervalsOn(hoursFor(allDay, 'weekend', 'weekday'), midnight('2026-12-02'));
    expect(open).toEqual([[at('2026-12-02T08:00'), at('2026-12-03T08:00')]]);
    const r = computeCoverage(open, [shift('2026-12-02T08:00', '2026-12-02T20:00'), shift('2026-12-02T20:00', '2026-12-03T07:45')], FAR_FUTURE);
    expect(r.gaps).toEqual([{ start: at('2026-12-03T07:45'), end: at('2026-12-03T08:00'), minutes: 15 }]);
    expect(r.coveredMinutes).toBe(1425);
  });

  it('lets a cover (代岗) fill a short absence; without a cover, overlap alone counts', () => {
    const covered = shift('2026-12-02T09:30', '2026-12-02T22:00', [{ from: at('2026-12-02T12:00'), to: at('2026-12-02T12:30'), returnedAt: at('2026-12-02T12:25') }]);
    expect(computeCoverage(openOn('2026-12-02'), [covered], FAR_FUTURE).gaps).toEqual([]);
  });

  it('opens a gap when the absent person is not back when the cover ends (overdue return)', () => {
    const late = shift('2026-12-02T09:30', '2026-12-02T22:00', [{ from: at('2026-12-02T12:00'), to: at('2026-12-02T12:30'), returnedAt: at('2026-12-02T12:50') }]);
    expect(computeCoverage(openOn('2026-12-02'), [late], FAR_FUTURE).gaps).toEqual([{ start: at('2026-12-02T12:30'), end: at('2026-12-02T12:50'), minutes: 20 }]);
    // Still away now (13:10): the gap runs until now.
    const away = shift('2026-12-02T09:30', '2026-12-02T22:00', [{ from: at('2026-12-02T12:00'), to: at('2026-12-02T12:30'), returnedAt: null }]);
    expect(computeCoverage(openOn('2026-12-02'), [away], at('2026-12-02T13:10')).gaps).toEqual([{ start: at('2026-12-02T12:30'), end: at('2026-12-02T13:10'), minutes: 40 }]);
  });

  it('reports the whole day as a gap when nobody is rostered', () => {
    expect(computeCoverage(openOn('2026-12-02'), [], FAR_FUTURE)).toEqual({ gaps: [{ start: at('2026-12-02T09:30'), end: at('2026-12-02T22:00'), minutes: 750 }], coveredMinutes: 0, openMinutes: 750 });
  });
});

describe('rest-day rule', () => {
  it('flags 7 days in a row against a limit of 6 and proposes the 7th as the rest day', () => {
    const dates = ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06', '2026-12-07', '2026-12-09'];
    expect(restDayViolations(new Map([['u1', dates]]), 6)).toEqual([{ userId: 'u1', from: '2026-12-01', to: '2026-12-07', days: 7, suggestedRestDate: '2026-12-07' }]);
  });

  it('accepts exactly the limit, and a rest day resets the count (across a month end)', () => {
    const dates = ['2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30', '2026-12-02', '2026-12-03'];
    expect(restDayViolations(new Map([['u1', dates]]), 6)).toEqual([]);
    expect(restDayViolations(new Map([['u1', dates]]), 5)).toHaveLength(1);
  });
});

describe('input rules', () => {
  it('refuses a shift ending before it starts, longer than 16 hours, or not on whole minutes', () => {
    expect(shiftProblems(at('2026-12-02T22:00'), at('2026-12-02T09:30'))[0]!.path).toBe('body.endAt');
    expect(shiftProblems(at('2026-12-02T06:00'), at('2026-12-02T23:00'))).toHaveLength(1);
    expect(shiftProblems(at('2026-12-02T06:00') + 1000, at('2026-12-02T10:00'))).toHaveLength(1);
    expect(shiftProblems(at('2026-12-02T22:00'), at('2026-12-03T06:00'))).toEqual([]);
  });

  it('refuses a cover outside its shift', () => {
    const s = { start: at('2026-12-02T09:30'), end: at('2026-12-02T16:00') };
    expect(coverProblems(s, at('2026-12-02T15:50'), at('2026-12-02T16:10'))).toHaveLength(1);
    expect(coverProblems(s, at('2026-12-02T12:00'), at('2026-12-02T12:30'))).toEqual([]);
  });
});
