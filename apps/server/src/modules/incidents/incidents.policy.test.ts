import { describe, expect, it } from 'vitest';
import { escalationTargets, mayFire, newTargets, severityRank } from './incidents.policy.js';

describe('incident escalation by severity', () => {
  it('tells nobody of a low one, the supervisor of a medium, adds operations for high and the director for critical', () => {
    expect(escalationTargets('low')).toEqual([]);
    expect(escalationTargets('medium')).toEqual(['supervisor']);
    expect(escalationTargets('high')).toEqual(['supervisor', 'operations']);
    expect(escalationTargets('critical')).toEqual(['supervisor', 'operations', 'director']);
  });

  it('notifies only the new targets when the severity rises', () => {
    expect(newTargets(['supervisor'], 'critical')).toEqual(['operations', 'director']);
    expect(newTargets(['supervisor', 'operations'], 'medium')).toEqual([]);
    expect(severityRank('high')).toBeGreaterThan(severityRank('medium'));
  });

  it('takes actions and closing only while open; late acknowledgements still count', () => {
    expect(mayFire('open', 'act')).toBe(true);
    expect(mayFire('closed', 'act')).toBe(false);
    expect(mayFire('closed', 'close')).toBe(false);
    expect(mayFire('closed', 'acknowledge')).toBe(true);
  });
});
