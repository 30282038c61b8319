import { describe, expect, it } from 'vitest';
import type { SlaTarget } from '@propdesk/contracts';
import { addClockMinutes, type WorkCalendar } from '../sla/sla.clock.js';
import { escalationsDue, escalationKey, isEscalating, type TicketSlaState } from './escalations.policy.js';

const cal: WorkCalendar = {
  timezone: 'Asia/Shanghai',
  workingHours: {
    '0': [], '6': [],
    '1': [['08:30', '12:00'], ['13:30', '17:30']], '2': [['08:30', '12:00'], ['13:30', '17:30']], '3': [['08:30', '12:00'], ['13:30', '17:30']],
    '4': [['08:30', '12:00'], ['13:30', '17:30']], '5': [['08:30', '12:00'], ['13:30', '17:30']],
  },
  days: new Map(),
};

const at = (iso: string, minutes: number, ms = 0) => new Date(Date.parse(iso) + minutes * 60_000 + ms).toISOString();
const T0 = '2026-03-16T02:00:00.000Z';
const none = { response: null, arrival: null, resolution: null } as Record<SlaTarget, string | null>;

/** A 60-minute response target due at T0 on the 24×7 clock, other targets absent. */
function ticket(over: Partial<TicketSlaState> = {}): TicketSlaState {
  return {
    status: 'new',
    clock: 'calendar',
    dueAt: { ...none, response: T0 },
    metAt: { ...none },
    lengthMinutes: { response: 60, arrival: null, resolution: null },
    ...over,
  };
}

const keys = (t: TicketSlaState, now: string, warn = 80) => escalationsDue(t, cal, warn, now).map(escalationKey);

describe('escalation rule: warning → level 1, breach → level 2', () => {
  it('nothing before the warning share; level 1 warning exactly at 80 % of the target', () => {
    expect(keys(ticket(), at(T0, -30))).toEqual([]);
    expect(keys(ticket(), at(T0, -12, -1))).toEqual([]); // 1 ms short of 80 %
    expect(escalationsDue(ticket(), cal, 80, at(T0, -12))).toEqual([{ level: 1, target: 'response', reason: 'warning', dueAt: T0 }]);
  });

  it('breach exactly at the due instant: level 2, and the level 1 warning (its condition holds too)', () => {
    expect(keys(ticket(), at(T0, 0, -1))).toEqual(['response:warning:1']);
    expect(escalationsDue(ticket(), cal, 80, T0)).toEqual([
      { level: 1, target: 'response', reason: 'warning', dueAt: T0 },
      { level: 2, target: 'response', reason: 'breach', dueAt: T0 },
    ]);
    expect(keys(ticket(), at(T0, 600))).toEqual(['response:warning:1', 'response:breach:2']);
  });

  it('follows the policy warn percent', () => {
    expect(keys(ticket(), at(T0, -30), 50)).toEqual(['response:warning:1']);
    expect(keys(ticket(), at(T0, -31), 50)).toEqual([]);
    expect(keys(ticket(), at(T0, -1), 99)).toEqual([]);
    expect(keys(ticket(), at(T0, -0.6), 99)).toEqual(['response:warning:1']);
  });

  it('judges each target on its own', () => {
    const t = ticket({
      dueAt: { response: at(T0, -100), arrival: at(T0, 10), resolution: at(T0, 1000) },
      lengthMinutes: { response: 15, arrival: 60, resolution: 1440 },
    });
    expect(keys(t, T0)).toEqual(['response:warning:1', 'response:breach:2', 'arrival:warning:1']);
  });

  it('a met target does not escalate, even when its due time has passed', () => {
    const t = ticket({
      dueAt: { response: at(T0, -100), arrival: at(T0, -50), resolution: at(T0, -1) },
      metAt: { response: at(T0, -120), arrival: at(T0, -40), resolution: null },
      lengthMinutes: { response: 15, arrival: 60, resolution: 240 },
    });
    // responded on time, arrived late (but arrived): only the resolution is still missing.
    expect(keys(t, T0)).toEqual(['resolution:warning:1', 'resolution:breach:2']);
    expect(keys({ ...t, metAt: { ...t.metAt, resolution: at(T0, -5) } }, T0)).toEqual([]);
  });

  it('a ticket on hold (due times null, paused) does not escalate', () => {
    expect(keys(ticket({ status: 'on_hold', dueAt: { ...none } }), at(T0, 6000))).toEqual([]);
    // even were a due time left behind, on hold is not an escalating state
    expect(keys(ticket({ status: 'on_hold' }), at(T0, 6000))).toEqual([]);
    // and an open ticket without due times has nothing to miss
    expect(keys(ticket({ dueAt: { ...none } }), at(T0, 6000))).toEqual([]);
  });

  it('closed, cancelled, resolved and visited tickets do not escalate; new, dispatched, in progress and reopened do', () => {
    for (const status of ['closed', 'cancelled', 'resolved', 'visited']) {
      expect(keys(ticket({ status }), at(T0, 60)), status).toEqual([]);
      expect(isEscalating(status)).toBe(false);
    }
    for (const status of ['new', 'dispatched', 'in_progress', 'reopened']) {
      expect(keys(ticket({ status }), at(T0, 60)), status).toEqual(['response:warning:1', 'response:breach:2']);
    }
  });

  it('without a known target length (policy changed) only the breach counts, still with its level 1', () => {
    const t = ticket({ lengthMinutes: { response: null, arrival: null, resolution: null } });
    expect(keys(t, at(T0, -1))).toEqual([]);
    expect(keys(t, T0)).toEqual(['response:warning:1', 'response:breach:2']);
  });

  it('counts the warning share in working time: nights and weekends do not use up the target', () => {
    // A 60-working-minute target taken Friday 17:00 (Shanghai): 30 minutes on Friday, 30 on Monday → due Monday 09:00.
    const friday1700 = '2026-03-13T09:00:00.000Z';
    const due = addClockMinutes('working', cal, friday1700, 60);
    expect(due).toBe('2026-03-16T01:00:00.000Z');
    const t = ticket({ clock: 'working', dueAt: { ...none, response: due } });
    expect(keys(t, '2026-03-13T09:30:00.000Z')).toEqual([]); // Friday 17:30: 50 % used
    expect(keys(t, '2026-03-14T04:00:00.000Z')).toEqual([]); // Saturday noon: still 50 %
    expect(keys(t, '2026-03-16T00:47:59.999Z')).toEqual([]); // Monday 08:47:59.999
    expect(keys(t, '2026-03-16T00:48:00.000Z')).toEqual(['response:warning:1']); // Monday 08:48 = 48 of 60 working minutes
    expect(keys(t, due)).toEqual(['response:warning:1', 'response:breach:2']);
  });
});
