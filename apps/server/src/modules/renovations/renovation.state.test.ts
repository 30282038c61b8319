import { describe, expect, it } from 'vitest';
import { depositDeduction, isOpenRenovation, nextRenovationStatus, refundOf, RENOVATION_PERMISSION, requireRenovationNext, unitStateAtEnd, unitStateAtStart, worksChange } from './renovation.state.js';

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
  it('the works start with the permit and end at acceptance; the rest leaves the unit alone', () => {
    expect(worksChange('paid', 'in_progress')).toBe('start');
    expect(worksChange('in_progress', 'rework')).toBeNull();
    expect(worksChange('rework', 'in_progress')).toBeNull();
    expect(worksChange('in_progress', 'in_progress')).toBeNull();
    expect(worksChange('rework', 'accepted')).toBe('end');
    expect(worksChange('in_progress', 'accepted')).toBe('end');
    expect(worksChange('in_progress', 'cancelled')).toBe('end');
    expect(worksChange('approved', 'paid')).toBeNull();
    expect(worksChange('accepted', 'closed')).toBeNull();
    expect(worksChange('approved', 'cancelled')).toBeNull();
  });
  it('the unit is renovating during the works and gets back what it was', () => {
    expect(unitStateAtStart('occupied')).toEqual({ state: 'renovating', before: 'occupied' });
    expect(unitStateAtStart('vacant')).toEqual({ state: 'renovating', before: 'vacant' });
    expect(unitStateAtStart('renovating')).toEqual({ state: 'renovating', before: null });
    expect(unitStateAtEnd('renovating', 'occupied')).toBe('occupied');
    expect(unitStateAtEnd('renovating', 'vacant')).toBe('vacant');
    expect(unitStateAtEnd('renovating', null)).toBe('vacant');
  });
  it('a state set meanwhile (a move-in or move-out during the works) is newer and stays', () => {
    expect(unitStateAtEnd('occupied', 'vacant')).toBeNull();
    expect(unitStateAtEnd('vacant', 'occupied')).toBeNull();
  });
  it('the money actions are a collector’s', () => {
    expect(RENOVATION_PERMISSION.pay).toBe('billing.collect');
    expect(RENOVATION_PERMISSION.refund).toBe('billing.collect');
    expect(RENOVATION_PERMISSION.approve).toBe('resident_services.approve');
  });
  it('the billing deposit’s deduction is the sum, with every reason and amount in one line of at most 200 characters', () => {
    expect(depositDeduction([])).toEqual({ deductionFen: 0 });
    expect(depositDeduction([{ reason: '垃圾未清运', amountFen: 20000 }, { reason: '电梯划伤', amountFen: 5050 }])).toEqual({ deductionFen: 25050, deductionReason: '垃圾未清运 200.00；电梯划伤 50.50' });
    const long = depositDeduction(Array.from({ length: 20 }, () => ({ reason: '很长的扣款原因'.repeat(5), amountFen: 100 })));
    expect(long.deductionFen).toBe(2000);
    expect(long.deductionReason).toHaveLength(200);
    expect(long.deductionReason!.endsWith('…')).toBe(true);
  });
});
