import { describe, expect, it } from 'vitest';
import type { WorkingHours } from '@propdesk/contracts';
import {
  addClockMinutes, clockMinutesBetween, dueAfterResume, elapsedShare, isWorkingTime, localDateOf, localDayRange,
  remainingOnHold, shareOfTargetUsed, warningAt, workingMinutesOn, zoneOffsetMinutes, type WorkCalendar,
} from './sla.clock.js';
import { DEFAULT_WORKING_HOURS } from './sla.policy.js';
import { prcDays } from './sla.prc.js';

/** The real PRC holidays and 调休 of 2025 and 2026, from the chinese-days package. */
const prc = new Map([...prcDays(2025), ...prcDays(2026)].map((d) => [d.date, d.type] as const));
const cal: WorkCalendar = { timezone: 'Asia/Shanghai', workingHours: DEFAULT_WORKING_HOURS, days: prc };

/** "2026-11-27 09:00" in Shanghai → ISO instant (UTC). */
const sh = (local: string) => new Date(Date.parse(`${local.replace(' ', 'T')}:00+08:00`)).toISOString();
const add = (local: string, minutes: number, c: WorkCalendar = cal) => addClockMinutes('working', c, sh(local), minutes);
const between = (from: string, to: string, c: WorkCalendar = cal) => clockMinutesBetween('working', c, sh(from), sh(to));

describe('the PRC data the tests rely on (chinese-days 2026)', () => {
  it('has National Day 10-01..10-07 off and the 调休 Saturday 10-10 and Sunday 09-20 worked', () => {
    for (let d = 1; d <= 7; d++) expect(prc.get(`2026-10-0${d}`)).toBe('holiday');
    expect(prc.get('2026-10-10')).toBe('workday');
    expect(prc.get('2026-09-20')).toBe('workday');
    expect(prc.get('2026-02-14')).toBe('workday');
    expect(prc.get('2026-09-25')).toBe('holiday');
  });
});

describe('working clock: Mon–Fri 08:30–12:00 and 13:30–17:30 in Asia/Shanghai', () => {
  it('adds inside one period', () => {
    expect(add('2026-11-27 09:00', 60)).toBe(sh('2026-11-27 10:00'));
  });

  it('skips the lunch break', () => {
    expect(add('2026-11-27 11:30', 60)).toBe(sh('2026-11-27 14:00'));
    expect(between('2026-11-27 11:30', '2026-11-27 14:00')).toBe(60);
  });

  it('is due at the end of a period when the target ends exactly there, not at the next start', () => {
    expect(add('2026-11-27 11:00', 60)).toBe(sh('2026-11-27 12:00'));
    expect(add('2026-11-30 08:30', 450)).toBe(sh('2026-11-30 17:30'));
    expect(add('2026-11-30 08:30', 451)).toBe(sh('2026-12-01 08:31'));
  });

  it('carries across the night', () => {
    expect(add('2026-11-26 17:00', 60)).toBe(sh('2026-11-27 09:00'));
  });

  it('carries across the weekend', () => {
    expect(add('2026-11-27 17:00', 60)).toBe(sh('2026-11-30 09:00'));
    expect(between('2026-11-27 11:00', '2026-11-30 14:00')).toBe(300 + 240);
  });

  it('counts a start before, inside the lunch break of, or after working hours from the next period', () => {
    expect(add('2026-11-30 07:00', 30)).toBe(sh('2026-11-30 09:00'));
    expect(add('2026-11-30 12:30', 30)).toBe(sh('2026-11-30 14:00'));
    expect(add('2026-11-30 20:00', 30)).toBe(sh('2026-12-01 09:00'));
    expect(add('2026-11-29 10:00', 30)).toBe(sh('2026-11-30 09:00'));
    expect(between('2026-11-29 10:00', '2026-11-30 08:30')).toBe(0);
  });

  it('spans several days (1440 working minutes = 3 × 450 + 90)', () => {
    expect(add('2026-11-30 08:30', 1440)).toBe(sh('2026-12-03 10:00'));
  });

  it('skips the National Day holidays (10-01..10-07)', () => {
    expect(add('2026-09-30 17:00', 60)).toBe(sh('2026-10-08 09:00'));
    expect(between('2026-09-30 09:00', '2026-10-08 09:00')).toBe(420 + 30);
    expect(workingMinutesOn(cal, '2026-10-05')).toBe(0);
  });

  it('skips the Mid-autumn Friday and the weekend after it', () => {
    expect(add('2026-09-24 17:30', 30)).toBe(sh('2026-09-28 09:00'));
  });

  it('works the 调休 Saturday 10-10 and Sunday 09-20 with weekday hours', () => {
    expect(add('2026-10-09 17:00', 60)).toBe(sh('2026-10-10 09:00'));
    expect(add('2026-09-18 17:00', 60)).toBe(sh('2026-09-20 09:00'));
    expect(workingMinutesOn(cal, '2026-10-10')).toBe(450);
    expect(workingMinutesOn(cal, '2026-10-11')).toBe(0);
  });

  it('works the Spring Festival 调休 Saturday, then skips the nine days off', () => {
    expect(add('2026-02-13 17:00', 60)).toBe(sh('2026-02-14 09:00'));
    expect(add('2026-02-14 17:00', 60)).toBe(sh('2026-02-24 09:00'));
  });

  it('uses the Monday hours on a make-up workday even when weekdays differ', () => {
    const hours: WorkingHours = { ...DEFAULT_WORKING_HOURS, '1': [['08:00', '12:00']], '5': [['13:00', '18:00']] };
    const custom: WorkCalendar = { ...cal, workingHours: hours };
    expect(workingMinutesOn(custom, '2026-10-10')).toBe(240);
    expect(add('2026-10-10 07:00', 60, custom)).toBe(sh('2026-10-10 09:00'));
  });

  it('gives no work on a public holiday even where the project works weekends (a mall)', () => {
    const mall: WorkCalendar = { ...cal, workingHours: { ...DEFAULT_WORKING_HOURS, '6': [['10:00', '22:00']], '0': [['10:00', '22:00']] } };
    expect(workingMinutesOn(mall, '2026-11-28')).toBe(720);
    expect(workingMinutesOn(mall, '2026-10-03')).toBe(0);
  });

  it('converts at day boundaries in the zone: 2026-11-29T16:30Z is Monday 00:30 in Shanghai', () => {
    expect(localDateOf('Asia/Shanghai', '2026-11-29T16:30:00.000Z')).toBe('2026-11-30');
    expect(localDateOf('Asia/Shanghai', '2026-11-29T15:59:59.000Z')).toBe('2026-11-29');
    expect(localDateOf('Asia/Shanghai', '2026-11-29T16:00:00.000Z')).toBe('2026-11-30');
    // Sunday in UTC, Monday in Shanghai: the work starts at 08:30 local = 00:30Z.
    expect(addClockMinutes('working', cal, '2026-11-29T16:30:00.000Z', 30)).toBe('2026-11-30T01:00:00.000Z');
    expect(clockMinutesBetween('working', cal, '2026-11-27T09:30:00.000Z', '2026-11-30T01:00:00.000Z')).toBe(30);
    expect(isWorkingTime(cal, '2026-11-30T00:29:59.000Z')).toBe(false);
    expect(isWorkingTime(cal, '2026-11-30T00:30:00.000Z')).toBe(true);
    expect(zoneOffsetMinutes('Asia/Shanghai', Date.parse('2026-07-01T00:00:00Z'))).toBe(480);
    expect(localDayRange('Asia/Shanghai', '2026-11-30')).toEqual({ startIso: '2026-11-29T16:00:00.000Z', endIso: '2026-11-30T16:00:00.000Z' });
  });

  it('counts backwards with negative minutes', () => {
    expect(add('2026-11-30 09:00', -60)).toBe(sh('2026-11-27 17:00'));
    expect(add('2026-11-30 14:00', -60)).toBe(sh('2026-11-30 11:30'));
    expect(add('2026-11-30 14:00', 0)).toBe(sh('2026-11-30 14:00'));
  });

  it('adding then measuring gives back the minutes, from any start, both ways', () => {
    let seed = 20261129;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const base = Date.parse('2025-12-20T00:00:00Z');
    for (let i = 0; i < 400; i++) {
      const start = new Date(base + Math.floor(rnd() * 330 * 1440) * 60_000).toISOString();
      const m = 1 + Math.floor(rnd() * 5000);
      const due = addClockMinutes('working', cal, start, m);
      expect(clockMinutesBetween('working', cal, start, due)).toBe(m);
      const back = addClockMinutes('working', cal, start, -m);
      expect(clockMinutesBetween('working', cal, back, start)).toBe(m);
    }
  });

  it('answers 0 between an instant and an earlier one', () => {
    expect(between('2026-11-30 14:00', '2026-11-30 09:00')).toBe(0);
  });

  it('refuses a calendar without any working time instead of walking forever', () => {
    const none: WorkCalendar = { ...cal, workingHours: { '0': [], '1': [], '2': [], '3': [], '4': [], '5': [], '6': [] } };
    expect(() => add('2026-11-30 09:00', 30, none)).toThrow(/no working time/);
  });
});

describe('calendar clock (24×7)', () => {
  it('counts plain minutes through nights, weekends and holidays', () => {
    expect(addClockMinutes('calendar', cal, sh('2026-09-30 23:30'), 60)).toBe(sh('2026-10-01 00:30'));
    expect(addClockMinutes('calendar', cal, sh('2026-11-27 17:00'), 3 * 1440)).toBe(sh('2026-11-30 17:00'));
    expect(clockMinutesBetween('calendar', cal, sh('2026-10-01 00:00'), sh('2026-10-08 00:00'))).toBe(7 * 1440);
    expect(clockMinutesBetween('calendar', cal, sh('2026-10-08 00:00'), sh('2026-10-01 00:00'))).toBe(0);
  });
});

describe('holds pause the clock', () => {
  // Created Friday 16:00 with a 120-minute working response target: due Monday 09:00.
  const due = add('2026-11-27 16:00', 120);

  it('keeps the remaining working minutes and lays them out again after the resume', () => {
    expect(due).toBe(sh('2026-11-30 09:00'));
    const left = remainingOnHold('working', cal, sh('2026-11-27 17:00'), due);
    expect(left).toBe(60);
    // Resumed Tuesday 11:30: 30 minutes before lunch, 30 after.
    expect(dueAfterResume('working', cal, sh('2026-12-01 11:30'), left)).toBe(sh('2026-12-01 14:00'));
    // Resumed on a Saturday: the clock starts again on Monday.
    expect(dueAfterResume('working', cal, sh('2026-12-05 10:00'), left)).toBe(sh('2026-12-07 09:30'));
  });

  it('keeps an overdue ticket overdue by as much after the resume', () => {
    const left = remainingOnHold('working', cal, sh('2026-11-30 10:00'), due);
    expect(left).toBe(-60);
    expect(dueAfterResume('working', cal, sh('2026-11-30 15:00'), left)).toBe(sh('2026-11-30 14:00'));
    expect(dueAfterResume('working', cal, sh('2026-11-30 14:00'), left)).toBe(sh('2026-11-30 11:30'));
  });

  it('rounds the remainder in the team’s favour', () => {
    const halfLeft = new Date(Date.parse(sh('2026-11-30 08:30')) + 30_000).toISOString();
    expect(remainingOnHold('working', cal, halfLeft, due)).toBe(30);
    expect(remainingOnHold('calendar', cal, sh('2026-11-30 10:00'), sh('2026-11-30 09:00'))).toBe(-60);
    expect(remainingOnHold('working', cal, due, due)).toBe(0);
  });

  it('holds on the calendar clock count plain minutes', () => {
    const calendarDue = addClockMinutes('calendar', cal, sh('2026-11-27 16:00'), 240);
    const left = remainingOnHold('calendar', cal, sh('2026-11-27 17:00'), calendarDue);
    expect(left).toBe(180);
    expect(dueAfterResume('calendar', cal, sh('2026-11-28 03:00'), left)).toBe(sh('2026-11-28 06:00'));
  });
});

describe('share of the target used (the 80 % warning)', () => {
  // 480 working minutes from Monday 08:30: 450 on Monday, 30 on Tuesday.
  const start = sh('2026-11-30 08:30');
  const due = add('2026-11-30 08:30', 480);

  it('measures in clock time', () => {
    expect(due).toBe(sh('2026-12-01 09:00'));
    expect(elapsedShare('working', cal, start, due, sh('2026-11-30 16:24'))).toBeCloseTo(0.8, 10);
    expect(elapsedShare('working', cal, start, due, sh('2026-11-30 20:00'))).toBeCloseTo(450 / 480, 10);
    expect(elapsedShare('working', cal, start, due, due)).toBe(1);
    expect(elapsedShare('working', cal, start, due, sh('2026-12-01 10:00'))).toBeCloseTo(540 / 480, 10);
    expect(elapsedShare('working', cal, start, due, sh('2026-11-29 10:00'))).toBe(0);
    expect(elapsedShare('calendar', cal, sh('2026-11-30 08:00'), sh('2026-11-30 18:00'), sh('2026-11-30 16:00'))).toBeCloseTo(0.8, 10);
  });

  it('finds the warning instant and measures held tickets by what is left', () => {
    expect(warningAt('working', cal, due, 480, 80)).toBe(sh('2026-11-30 16:24'));
    expect(shareOfTargetUsed('working', cal, 480, due, sh('2026-11-30 16:24'))).toBeCloseTo(0.8, 10);
    // After a hold the due instant moved; what counts is the target minus what is left.
    const moved = dueAfterResume('working', cal, sh('2026-12-03 08:30'), 60);
    expect(shareOfTargetUsed('working', cal, 480, moved, sh('2026-12-03 08:30'))).toBeCloseTo(420 / 480, 10);
    expect(shareOfTargetUsed('working', cal, 480, moved, sh('2026-12-03 10:30'))).toBeCloseTo(540 / 480, 10);
  });
});

describe('zones with daylight saving time (kept general)', () => {
  const allDay: WorkingHours = { '0': [['00:00', '24:00']], '1': [['00:00', '24:00']], '2': [['00:00', '24:00']], '3': [['00:00', '24:00']], '4': [['00:00', '24:00']], '5': [['00:00', '24:00']], '6': [['00:00', '24:00']] };
  const ny: WorkCalendar = { timezone: 'America/New_York', workingHours: allDay, days: new Map() };

  it('measures real minutes on the short and the long day', () => {
    expect(workingMinutesOn(ny, '2026-03-08')).toBe(23 * 60);
    expect(workingMinutesOn(ny, '2026-11-01')).toBe(25 * 60);
    const from = '2026-03-07T23:00:00-05:00';
    expect(addClockMinutes('working', ny, from, 600)).toBe(addClockMinutes('calendar', ny, from, 600));
  });

  it('places working periods by the offset of each date', () => {
    const office: WorkCalendar = { timezone: 'America/New_York', workingHours: { ...DEFAULT_WORKING_HOURS, '1': [['08:00', '17:00']], '5': [['08:00', '17:00']] }, days: new Map() };
    // Friday 16:00 EST (UTC−5) + 120: one hour on Friday, one on Monday from 08:00 EDT (UTC−4).
    expect(addClockMinutes('working', office, '2026-03-06T21:00:00.000Z', 120)).toBe('2026-03-09T13:00:00.000Z');
  });
});

describe('speed', () => {
  it('computes thousands of due times and shares quickly (day by day, not minute by minute)', () => {
    const t0 = performance.now();
    let start = Date.parse('2026-01-05T01:00:00Z');
    for (let i = 0; i < 5000; i++) {
      const from = new Date(start).toISOString();
      const due = addClockMinutes('working', cal, from, 4320);
      elapsedShare('working', cal, from, due, new Date(start + 86_400_000).toISOString());
      start += 37 * 60_000;
    }
    expect(performance.now() - t0).toBeLessThan(3000);
  });
});
