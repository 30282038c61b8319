import { describe, expect, it } from 'vitest';
import type { TicketsTable } from '../../db/schema.js';
import { DEFAULT_WORKING_HOURS } from '../sla/sla.policy.js';
import type { WorkCalendar } from '../sla/sla.clock.js';
import { pauseClocks, resumeClocks, visitDueAt } from './ticket.sla.js';

const cal: WorkCalendar = { timezone: 'Asia/Shanghai', workingHours: DEFAULT_WORKING_HOURS, days: new Map([['2026-10-01', 'holiday']]) };
/** "2026-11-27 09:00" in Shanghai → ISO instant. */
const sh = (local: string) => new Date(Date.parse(`${local.replace(' ', 'T')}:00+08:00`)).toISOString();
type Clocks = Pick<TicketsTable, 'sla_clock' | 'sla_remaining' | 'response_due_at' | 'arrival_due_at' | 'resolution_due_at' | 'responded_at' | 'arrived_at' | 'resolved_at'>;
const ticket = (t: Partial<Clocks>): Clocks => ({
  sla_clock: 'working', sla_remaining: null, response_due_at: null, arrival_due_at: null, resolution_due_at: null, responded_at: null, arrived_at: null, resolved_at: null, ...t,
});

describe('hold and resume on the working clock', () => {
  it('keeps the working minutes left on unmet targets, clears their due times, and counts them again from the resume', () => {
    const t = ticket({ response_due_at: sh('2026-11-27 10:00'), responded_at: sh('2026-11-27 09:10'), resolution_due_at: sh('2026-11-30 10:00') });
    // Friday 16:30: resolution has 60 (Fri) + 90 (Mon) = 150 working minutes left; response was met and stays as it is.
    const held = pauseClocks(t, cal, sh('2026-11-27 16:30'));
    expect(held).toEqual({ resolution_due_at: null, sla_remaining: JSON.stringify({ resolution: 150 }) });
    // Resumed Tuesday 13:30 → 150 working minutes later.
    expect(resumeClocks({ ...t, ...held }, cal, sh('2026-12-01 13:30'))).toEqual({ sla_remaining: null, resolution_due_at: sh('2026-12-01 16:00') });
  });

  it('keeps an already overdue target overdue by as much after the hold', () => {
    const t = ticket({ response_due_at: sh('2026-11-27 09:00') });
    const held = pauseClocks(t, cal, sh('2026-11-27 10:00'));
    expect(JSON.parse(held.sla_remaining!)).toEqual({ response: -60 });
    expect(resumeClocks({ ...t, ...held }, cal, sh('2026-11-30 10:00')).response_due_at).toBe(sh('2026-11-30 09:00'));
  });

  it('counts plain minutes on the 24×7 clock, and holds nothing when every target is met', () => {
    const t = ticket({ sla_clock: 'calendar', arrival_due_at: sh('2026-11-28 03:00') });
    const held = pauseClocks(t, cal, sh('2026-11-28 01:00'));
    expect(JSON.parse(held.sla_remaining!)).toEqual({ arrival: 120 });
    expect(resumeClocks({ ...t, ...held }, cal, sh('2026-11-29 23:00')).arrival_due_at).toBe(sh('2026-11-30 01:00'));
    expect(pauseClocks(ticket({ response_due_at: sh('2026-11-27 10:00'), responded_at: sh('2026-11-27 09:00') }), cal, sh('2026-11-27 11:00'))).toEqual({ sla_remaining: null });
  });

  it('puts the return visit the project\'s working minutes after resolution, skipping holidays', () => {
    expect(visitDueAt(cal, sh('2026-09-30 17:00'), 60)).toBe(sh('2026-10-02 09:00'));
  });
});
