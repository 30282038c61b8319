import { describe, expect, it } from 'vitest';
import type { WorkingHours } from '@propdesk/contracts';
import { builtinPolicy, calendarDaysIssues, DEFAULT_WORKING_HOURS, effectiveDays, policiesIssues, PRIORITIES, TICKET_KINDS, workingHoursIssues } from './sla.policy.js';
import { prcDays } from './sla.prc.js';

const week = (over: Partial<WorkingHours>): WorkingHours => ({ ...DEFAULT_WORKING_HOURS, ...over });

describe('built-in SLA policies', () => {
  it('has one for every kind × priority, with arrival targets for repairs only', () => {
    for (const kind of TICKET_KINDS) {
      for (const priority of PRIORITIES) {
        const p = builtinPolicy('p1', kind, priority);
        expect(p.responseMinutes).toBeLessThanOrEqual(p.resolutionMinutes);
        if (kind !== 'repair') expect(p.arrivalMinutes).toBeNull();
        expect(policiesIssues([p])).toEqual([]);
      }
    }
  });

  it('runs urgent repairs 24×7 and the rest on working time', () => {
    expect(builtinPolicy('p1', 'repair', 'urgent')).toMatchObject({ responseMinutes: 15, arrivalMinutes: 60, resolutionMinutes: 240, clock: 'calendar', warnPercent: 80 });
    expect(builtinPolicy('p1', 'repair', 'high')).toMatchObject({ responseMinutes: 30, arrivalMinutes: 120, resolutionMinutes: 480, clock: 'working' });
    expect(builtinPolicy('p1', 'repair', 'normal')).toMatchObject({ responseMinutes: 60, arrivalMinutes: 240, resolutionMinutes: 1440, clock: 'working' });
    expect(builtinPolicy('p1', 'repair', 'low')).toMatchObject({ responseMinutes: 240, arrivalMinutes: null, resolutionMinutes: 4320 });
    expect(builtinPolicy('p1', 'complaint', 'normal')).toMatchObject({ responseMinutes: 60, resolutionMinutes: 1440, clock: 'working' });
    expect(builtinPolicy('p1', 'consultation', 'normal')).toMatchObject({ responseMinutes: 30, resolutionMinutes: 240, clock: 'working' });
  });
});

describe('working hours checks', () => {
  it('accepts the default week and a 24:00 end', () => {
    expect(workingHoursIssues(DEFAULT_WORKING_HOURS)).toEqual([]);
    expect(workingHoursIssues(week({ '6': [['18:00', '24:00']] }))).toEqual([]);
  });

  it('refuses a period that ends before it starts, overlapping periods, and a week without work', () => {
    expect(workingHoursIssues(week({ '1': [['12:00', '08:30']] }))).toMatchObject([{ path: 'body.workingHours.1.0' }]);
    expect(workingHoursIssues(week({ '2': [['08:30', '12:00'], ['11:00', '17:30']] }))).toMatchObject([{ path: 'body.workingHours.2.1' }]);
    expect(workingHoursIssues(week({ '3': [['13:30', '17:30'], ['08:30', '12:00']] }))).toMatchObject([{ path: 'body.workingHours.3.1' }]);
    expect(workingHoursIssues(week({ '4': [['09:00', '09:00']] }))).toHaveLength(1);
    const empty = { '0': [], '1': [], '2': [], '3': [], '4': [], '5': [], '6': [] } as WorkingHours;
    expect(workingHoursIssues(empty)).toMatchObject([{ path: 'body.workingHours' }]);
  });
});

describe('calendar day checks', () => {
  it('refuses dates that do not exist and dates listed twice', () => {
    expect(calendarDaysIssues([{ date: '2026-10-01' }, { date: '2026-10-02' }])).toEqual([]);
    expect(calendarDaysIssues([{ date: '2026-02-30' }])).toMatchObject([{ path: 'body.days.0.date' }]);
    expect(calendarDaysIssues([{ date: '2026-10-01' }, { date: '2026-10-01' }])).toMatchObject([{ path: 'body.days.1.date' }]);
  });
});

describe('policy list checks', () => {
  const p = { kind: 'repair' as const, priority: 'normal' as const, responseMinutes: 60, arrivalMinutes: 240, resolutionMinutes: 1440, clock: 'working' as const, warnPercent: 80 };
  it('refuses duplicates, arrival targets outside repairs and targets beyond the resolution', () => {
    expect(policiesIssues([p])).toEqual([]);
    expect(policiesIssues([p, p])).toMatchObject([{ path: 'body.policies.1' }]);
    expect(policiesIssues([{ ...p, kind: 'complaint' }])).toMatchObject([{ path: 'body.policies.0.arrivalMinutes' }]);
    expect(policiesIssues([{ ...p, responseMinutes: 2000 }])).toMatchObject([{ path: 'body.policies.0.responseMinutes' }]);
    expect(policiesIssues([{ ...p, arrivalMinutes: 2000 }])).toMatchObject([{ path: 'body.policies.0.arrivalMinutes' }]);
  });
});

describe('days in force', () => {
  it('uses the PRC data for the years a project lists nothing for, and the project’s own list otherwise', () => {
    const none = effectiveDays([], [2025, 2026]);
    expect(none).toHaveLength(prcDays(2025).length + prcDays(2026).length);
    expect(none.find((d) => d.date === '2026-10-10')).toEqual({ date: '2026-10-10', type: 'workday', name: '国庆节调休' });
    const own = [{ date: '2026-06-01', type: 'holiday' as const, name: '公司假期' }];
    const mixed = effectiveDays(own, [2025, 2026]);
    expect(mixed.filter((d) => d.date.startsWith('2026'))).toEqual(own);
    expect(mixed.filter((d) => d.date.startsWith('2025'))).toHaveLength(prcDays(2025).length);
    expect(mixed.map((d) => d.date)).toEqual([...mixed.map((d) => d.date)].sort());
  });
});
