import { describe, expect, it } from 'vitest';
import { isOpenRenovation, nextRenovationStatus, refundOf, requireRenovationNext } from './renovation.state.js';

describe('renovation workflow', () => {
  it('walks the whole legal path', () => {
    expect(nextRenovationStatus('submitted', 'approve')).toBe('approved');
    expect(nextRenovationStatus('approved', 'pay')).toBe('paid');
    expect(nextRenovationStatus('paid', 'issue_permit')).toBe('in_progress');
    expect(nextRenovationStatus('in_progress', 'inspect')).toBe('in_progress');
    expect(nextRenovationStatus('in_progress', 'acceptance', { passed: false })).toBe('rework');
    expect(nextRenovationStatus('rework', 'inspect')).toBe('rework');
    expect(nextRenovationStatus('rework', 'acceptance', { passed: true })).toBe('accepted');
    expect(nextRenovationStatus('accepted', 'refund')).toBe('closed');
  });
  it('rejects with reasons only while under review', () => {
    expect(nextRenovationStatus('submitted', 'reject')).toBe('rejected');
    expect(nextRenovationStatus('approved', 'reject')).toBeNull();
  });
  it('refuses skipping money, the permit or acceptance', () => {
    expect(nextRenovationStatus('approved', 'issue_permit')).toBeNull();
    expect(nextRenovationStatus('submitted', 'pay')).toBeNull();
    expect(nextRenovationStatus('paid', 'acceptance', { passed: true })).toBeNull();
    expect(nextRenovationStatus('in_progress', 'refund')).toBeNull();
    expect(nextRenovationStatus('closed', 'inspect')).toBeNull();
    expect(nextRenovationStatus('in_progress', 'cancel')).toBeNull();
    expect(() => requireRenovationNext('rework', 'refund')).toThrow(expect.objectContaining({ status: 409, code: 'invalid_transition' }));
  });
  it('extensions are asked and decided while the works may still run', () => {
    expect(nextRenovationStatus('in_progress', 'extend')).toBe('in_progress');
    expect(nextRenovationStatus('rework', 'decide_extension')).toBe('rework');
    expect(nextRenovationStatus('accepted', 'extend')).toBeNull();
  });
  it('open statuses hold the unit; ended ones free it', () => {
    expect(isOpenRenovation('accepted')).toBe(true);
    for (const s of ['closed', 'rejected', 'cancelled'] as const) expect(isOpenRenovation(s)).toBe(false);
  });
  it('refund is the deposit minus deductions, never below zero', () => {
    expect(refundOf(200000, [])).toBe(200000);
    expect(refundOf(200000, [{ amountFen: 50000 }, { amountFen: 30000 }])).toBe(120000);
    expect(refundOf(200000, [{ amountFen: 200000 }])).toBe(0);
    expect(refundOf(200000, [{ amountFen: 200001 }])).toBeNull();
  });
});
