import { describe, expect, it } from 'vitest';
import { callbackDue, callbackOverdue, withinThreeRings } from './calls.policy.js';

describe('call log rules', () => {
  it('gives a callback without a time two hours', () => {
    expect(callbackDue('2026-12-02T02:00:00.000Z', undefined)).toBe('2026-12-02T04:00:00.000Z');
    expect(callbackDue('2026-12-02T02:00:00.000Z', '2026-12-02T03:00:00+00:00')).toBe('2026-12-02T03:00:00.000Z');
  });

  it('flags a callback overdue only when needed, not done and past due', () => {
    const now = Date.parse('2026-12-02T05:00:00Z');
    expect(callbackOverdue({ callbackNeeded: true, callbackDueAt: '2026-12-02T04:00:00.000Z', callbackDoneAt: null }, now)).toBe(true);
    expect(callbackOverdue({ callbackNeeded: true, callbackDueAt: '2026-12-02T04:00:00.000Z', callbackDoneAt: '2026-12-02T04:30:00.000Z' }, now)).toBe(false);
    expect(callbackOverdue({ callbackNeeded: true, callbackDueAt: '2026-12-02T06:00:00.000Z', callbackDoneAt: null }, now)).toBe(false);
    expect(callbackOverdue({ callbackNeeded: false, callbackDueAt: null, callbackDoneAt: null }, now)).toBe(false);
  });

  it('takes the receptionist\'s yes/no, or reads seconds to answer as three rings', () => {
    expect(withinThreeRings(false, 3)).toBe(false);
    expect(withinThreeRings(undefined, 12)).toBe(true);
    expect(withinThreeRings(undefined, 20)).toBe(false);
    expect(withinThreeRings(undefined, undefined)).toBeNull();
  });
});
