import { describe, expect, it } from 'vitest';
import { copiesBelowOut, dueProblems, loanOverdue } from './keys.policy.js';

describe('key custody rules', () => {
  it('flags a loan not back by its due time, and only then', () => {
    const due = '2026-12-02T10:00:00.000Z';
    expect(loanOverdue(due, null, Date.parse('2026-12-02T10:00:01Z'))).toBe(true);
    expect(loanOverdue(due, null, Date.parse('2026-12-02T09:59:59Z'))).toBe(false);
    expect(loanOverdue(due, '2026-12-02T11:00:00.000Z', Date.parse('2026-12-03T00:00:00Z'))).toBe(false);
  });

  it('wants the due time after lending and within 30 days', () => {
    const now = Date.parse('2026-12-02T10:00:00Z');
    expect(dueProblems(now, now - 1)).toHaveLength(1);
    expect(dueProblems(now, now + 31 * 86_400_000)).toHaveLength(1);
    expect(dueProblems(now, now + 3_600_000)).toEqual([]);
  });
});

describe('copies of a key', () => {
  it('may not drop below the copies out', () => {
    expect(copiesBelowOut(1, 2)).toBe(true);
    expect(copiesBelowOut(2, 2)).toBe(false);
    expect(copiesBelowOut(3, 0)).toBe(false);
  });
});
