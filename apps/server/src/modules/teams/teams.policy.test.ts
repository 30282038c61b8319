import { describe, expect, it } from 'vitest';
import { membershipDiff, resolveMembership, teamRemovalBlockers, type TeamUsage } from './teams.policy.js';

describe('team membership', () => {
  const empty = { memberIds: [], leaderId: null };

  it('adds a leader who was not listed as a member', () => {
    expect(resolveMembership(empty, { memberIds: ['a', 'b'], leaderId: 'c' })).toEqual({ memberIds: ['a', 'b', 'c'], leaderId: 'c' });
    expect(resolveMembership(empty, { memberIds: ['a', 'b'], leaderId: 'a' })).toEqual({ memberIds: ['a', 'b'], leaderId: 'a' });
  });

  it('drops duplicate members', () => {
    expect(resolveMembership(empty, { memberIds: ['a', 'a', 'b'] }).memberIds).toEqual(['a', 'b']);
  });

  it('keeps the members when only the leader changes', () => {
    expect(resolveMembership({ memberIds: ['a', 'b'], leaderId: 'a' }, { leaderId: 'b' })).toEqual({ memberIds: ['a', 'b'], leaderId: 'b' });
    expect(resolveMembership({ memberIds: ['a', 'b'], leaderId: 'a' }, { leaderId: null })).toEqual({ memberIds: ['a', 'b'], leaderId: null });
  });

  it('a leader removed from the members stops leading', () => {
    expect(resolveMembership({ memberIds: ['a', 'b'], leaderId: 'a' }, { memberIds: ['b'] })).toEqual({ memberIds: ['b'], leaderId: null });
  });

  it('diffs members to add and remove', () => {
    expect(membershipDiff(['a', 'b'], ['b', 'c'])).toEqual({ add: ['c'], remove: ['a'] });
    expect(membershipDiff(['a'], ['a'])).toEqual({ add: [], remove: [] });
  });
});

describe('removing a team', () => {
  const unused: TeamUsage = { zoneNames: [], members: 0, openWorkOrders: 0, closedWorkOrders: 0, tickets: 0 };
  const reasons = (u: Partial<TeamUsage>) => teamRemovalBlockers({ ...unused, ...u }).map((b) => [b.reason, b.count]);

  it('is allowed when nothing refers to it', () => {
    expect(teamRemovalBlockers(unused)).toEqual([]);
  });

  it('is refused while it is a zone\'s team, naming the zones', () => {
    const [b] = teamRemovalBlockers({ ...unused, zoneNames: ['东区', '西区'] });
    expect(b).toMatchObject({ reason: 'zones', count: 2 });
    expect(b!.zh).toContain('“东区”、“西区”');
    expect(b!.en).toContain('"东区", "西区"');
  });

  it('is refused while it has members or open work orders, with the counts', () => {
    expect(reasons({ members: 4 })).toEqual([['members', 4]]);
    expect(reasons({ openWorkOrders: 2 })).toEqual([['open_work_orders', 2]]);
  });

  it('is refused once work orders or tickets record it (history), naming only what exists', () => {
    expect(reasons({ closedWorkOrders: 3, tickets: 1 })).toEqual([['history', 4]]);
    const [onlyTickets] = teamRemovalBlockers({ ...unused, tickets: 2 });
    expect(onlyTickets!.zh).toContain('2 张工单');
    expect(onlyTickets!.zh).not.toContain('派工单');
  });

  it('lists every reason at once, so the supervisor sees all that must be done', () => {
    expect(reasons({ zoneNames: ['东区'], members: 1, openWorkOrders: 1, closedWorkOrders: 1 }).map(([r]) => r)).toEqual(['zones', 'members', 'open_work_orders', 'history']);
  });
});
