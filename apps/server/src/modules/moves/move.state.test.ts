import { describe, expect, it } from 'vitest';
import { arrearsDecision, emptyChecklist, mayMoveUtility, missingMoveInSteps, requireOpen, requireUtilityMove } from './move.state.js';
import { MOVE_IN_STEPS } from '@propdesk/contracts';

describe('utility accounts (开户)', () => {
  it('goes requested → submitted → opened', () => {
    expect(mayMoveUtility('requested', 'submitted')).toBe(true);
    expect(mayMoveUtility('submitted', 'opened')).toBe(true);
  });
  it('may fail from requested or submitted and be tried again', () => {
    expect(mayMoveUtility('requested', 'failed')).toBe(true);
    expect(mayMoveUtility('submitted', 'failed')).toBe(true);
    expect(mayMoveUtility('failed', 'submitted')).toBe(true);
  });
  it('refuses skipping submission, reopening an opened account and standing still', () => {
    expect(mayMoveUtility('requested', 'opened')).toBe(false);
    expect(mayMoveUtility('opened', 'failed')).toBe(false);
    expect(mayMoveUtility('opened', 'submitted')).toBe(false);
    expect(mayMoveUtility('submitted', 'submitted')).toBe(false);
    expect(() => requireUtilityMove('gas', 'requested', 'opened')).toThrow(expect.objectContaining({ status: 409, code: 'invalid_transition' }));
  });
});

describe('move checklists', () => {
  it('a fresh move-in misses every step; ticking all leaves none', () => {
    const c = emptyChecklist(MOVE_IN_STEPS);
    expect(missingMoveInSteps(c)).toEqual(['identity', 'convention', 'fees', 'meters', 'keys']);
    for (const s of MOVE_IN_STEPS) c[s].done = true;
    expect(missingMoveInSteps(c)).toEqual([]);
  });
  it('only an open procedure changes', () => {
    expect(() => requireOpen('open', { zh: '入伙', en: 'move-in' })).not.toThrow();
    expect(() => requireOpen('completed', { zh: '入伙', en: 'move-in' })).toThrow(expect.objectContaining({ status: 409 }));
    expect(() => requireOpen('cancelled', { zh: '入伙', en: 'move-in' })).toThrow(expect.objectContaining({ status: 409 }));
  });
});

describe('arrears at move-out', () => {
  it('nothing owed: completes', () => expect(arrearsDecision(0, undefined, false)).toBe('ok'));
  it('owed and no override: blocked', () => expect(arrearsDecision(1, undefined, true)).toBe('blocked'));
  it('owed, override by someone who may not: forbidden', () => expect(arrearsDecision(500, { reason: 'x' }, false)).toBe('forbidden'));
  it('owed, override by a supervisor: overridden', () => expect(arrearsDecision(500, { reason: '已签还款承诺' }, true)).toBe('overridden'));
});
