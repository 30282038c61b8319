import { describe, expect, it } from 'vitest';
import { membershipDiff, resolveMembership } from './teams.policy.js';

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
