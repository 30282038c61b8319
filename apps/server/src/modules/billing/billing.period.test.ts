import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  billLinePeriod,
  billsInPeriod,
  dateOfEpochDay,
  daysBetween,
  dueDateIn,
  epochDay,
  isFuturePeriod,
  monthsBetween,
  parsePeriod,
  periodOf,
} from './billing.period.js';

const months = (cycle: Parameters<typeof billsInPeriod>[1]) =>
  Array.from({ length: 12 }, (_, i) => i + 1).filter((m) => billsInPeriod(`2026-${String(m).padStart(2, '0')}`, cycle));

describe('which months a cycle bills in', () => {
  it('anchors cycles on January', () => {
    expect(months('monthly')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(months('quarterly')).toEqual([1, 4, 7, 10]);
    expect(months('half_yearly')).toEqual([1, 7]);
    expect(months('yearly')).toEqual([1]);
  });
});

describe('what a bill line covers and when it is due', () => {
  it('monthly in advance covers the billing month itself', () => {
    expect(billLinePeriod('2026-03', { cycle: 'monthly', mode: 'in_advance', dueDay: 15 })).toEqual({
      period: '2026-03',
      months: ['2026-03'],
      coversFrom: '2026-03-01',
      coversTo: '2026-03-31',
      dueDate: '2026-03-15',
    });
  });

  it('monthly in arrears covers the month before, across the year end', () => {
    expect(billLinePeriod('2026-01', { cycle: 'monthly', mode: 'in_arrears', dueDay: 10 })).toEqual({
      period: '2026-01',
      months: ['2025-12'],
      coversFrom: '2025-12-01',
      coversTo: '2025-12-31',
      dueDate: '2026-01-10',
    });
  });

  it('quarterly in advance covers the quarter starting now; in arrears the quarter just ended', () => {
    const ahead = billLinePeriod('2026-04', { cycle: 'quarterly', mode: 'in_advance', dueDay: 20 })!;
    expect(ahead.months).toEqual(['2026-04', '2026-05', '2026-06']);
    expect([ahead.coversFrom, ahead.coversTo, ahead.dueDate]).toEqual(['2026-04-01', '2026-06-30', '2026-04-20']);
    const behind = billLinePeriod('2027-01', { cycle: 'quarterly', mode: 'in_arrears', dueDay: 20 })!;
    expect(behind.months).toEqual(['2026-10', '2026-11', '2026-12']);
    expect([behind.coversFrom, behind.coversTo, behind.dueDate]).toEqual(['2026-10-01', '2026-12-31', '2027-01-20']);
  });

  it('half-yearly and yearly lines cover 6 and 12 months', () => {
    const half = billLinePeriod('2026-07', { cycle: 'half_yearly', mode: 'in_arrears', dueDay: 1 })!;
    expect(half.months).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    expect(half.coversTo).toBe('2026-06-30');
    const year = billLinePeriod('2026-01', { cycle: 'yearly', mode: 'in_advance', dueDay: 31 })!;
    expect(year.months).toHaveLength(12);
    expect([year.coversFrom, year.coversTo, year.dueDate]).toEqual(['2026-01-01', '2026-12-31', '2026-01-31']);
  });

  it('bills nothing in a month that is not a cycle start', () => {
    expect(billLinePeriod('2026-02', { cycle: 'quarterly', mode: 'in_advance', dueDay: 15 })).toBeNull();
    expect(billLinePeriod('2026-06', { cycle: 'half_yearly', mode: 'in_arrears', dueDay: 15 })).toBeNull();
    expect(billLinePeriod('2026-12', { cycle: 'yearly', mode: 'in_advance', dueDay: 15 })).toBeNull();
  });

  it('clamps the due day to the end of a short month, leap years included', () => {
    expect(dueDateIn('2026-02', 31)).toBe('2026-02-28');
    expect(dueDateIn('2028-02', 30)).toBe('2028-02-29');
    expect(dueDateIn('2026-04', 31)).toBe('2026-04-30');
    expect(dueDateIn('2026-05', 31)).toBe('2026-05-31');
    expect(dueDateIn('2026-05', 1)).toBe('2026-05-01');
    expect(billLinePeriod('2028-02', { cycle: 'monthly', mode: 'in_advance', dueDay: 31 })!.coversTo).toBe('2028-02-29');
    expect(() => dueDateIn('2026-05', 0)).toThrow(RangeError);
    expect(() => dueDateIn('2026-05', 32)).toThrow(RangeError);
  });
});

describe('calendar arithmetic', () => {
  it('parses only YYYY-MM periods', () => {
    expect(parsePeriod('2026-03')).toEqual({ year: 2026, month: 3 });
    for (const bad of ['2026-13', '2026-00', '2026-3', '26-03', '2026-03-01', '']) expect(() => parsePeriod(bad)).toThrow(RangeError);
  });

  it('moves by months across years in both directions', () => {
    expect(addMonths('2026-11', 3)).toBe('2027-02');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-03', -15)).toBe('2024-12');
    expect(addMonths('2026-03', 0)).toBe('2026-03');
    expect(monthsBetween('2026-11', '2027-02')).toBe(3);
    expect(monthsBetween('2027-02', '2026-11')).toBe(-3);
  });

  it('counts days on the calendar, with leap days and no daylight-saving drift', () => {
    expect(daysBetween('2026-03-15', '2026-03-16')).toBe(1);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-02-28', '2026-03-01')).toBe(1);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2026-03-16', '2026-03-15')).toBe(-1);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(epochDay('1970-01-02')).toBe(1);
    expect(dateOfEpochDay(epochDay('2026-07-04'))).toBe('2026-07-04');
  });

  it('refuses dates that do not exist', () => {
    for (const bad of ['2026-02-29', '2026-04-31', '2026-13-01', '2026-3-1', '2026-03-00']) expect(() => epochDay(bad)).toThrow(RangeError);
  });

  it('tells the period of a date and whether a period is still to come', () => {
    expect(periodOf('2026-03-15')).toBe('2026-03');
    expect(isFuturePeriod('2026-04', '2026-03-31')).toBe(true);
    expect(isFuturePeriod('2026-03', '2026-03-01')).toBe(false);
    expect(isFuturePeriod('2025-12', '2026-01-01')).toBe(false);
  });
});
