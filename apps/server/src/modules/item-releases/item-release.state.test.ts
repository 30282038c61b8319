import { describe, expect, it } from 'vitest';
import { initialReleaseStatus, nextReleaseStatus, requireReleaseNext } from './item-release.state.js';

describe('item release workflow', () => {
  it('a tenant without the owner\'s confirmation waits for it; owners and confirmed tenants go straight to review', () => {
    expect(initialReleaseStatus('tenant', false)).toBe('awaiting_owner');
    expect(initialReleaseStatus('tenant', true)).toBe('submitted');
    expect(initialReleaseStatus('owner', false)).toBe('submitted');
    expect(initialReleaseStatus('family', false)).toBe('submitted');
  });
  it('legal path: confirm → approve → release', () => {
    expect(nextReleaseStatus('awaiting_owner', 'confirm_owner')).toBe('submitted');
    expect(nextReleaseStatus('submitted', 'approve')).toBe('approved');
    expect(nextReleaseStatus('approved', 'release')).toBe('released');
  });
  it('releases once: released cannot be released, cancelled or rejected', () => {
    expect(nextReleaseStatus('released', 'release')).toBeNull();
    expect(nextReleaseStatus('released', 'cancel')).toBeNull();
    expect(nextReleaseStatus('released', 'reject')).toBeNull();
  });
  it('cannot release before approval, nor approve without the owner', () => {
    expect(nextReleaseStatus('submitted', 'release')).toBeNull();
    expect(() => requireReleaseNext('awaiting_owner', 'approve')).toThrow(expect.objectContaining({ code: 'owner_confirmation_required' }));
    expect(() => requireReleaseNext('rejected', 'approve')).toThrow(expect.objectContaining({ code: 'invalid_transition' }));
  });
});
