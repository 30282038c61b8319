import { describe, expect, it } from 'vitest';
import { WorkOrderStatus } from '@propdesk/contracts';
import { mayFireWorkOrder, nextWorkOrderStatus, requireWorkOrderNext, WORK_ORDER_ACTIONS } from './work-order.state.js';

/** Written out by hand: every pair not listed is refused. */
const LEGAL: Record<string, string> = {
  'issued|accept': 'accepted',
  'accepted|start': 'working',
  'working|finish': 'done',
  'issued|return': 'returned',
  'accepted|return': 'returned',
  'working|return': 'returned',
  'issued|transfer': 'transferred',
  'accepted|transfer': 'transferred',
  'issued|assign': 'issued',
};

describe('work order workflow', () => {
  const cases = WorkOrderStatus.options.flatMap((status) => WORK_ORDER_ACTIONS.map((action) => [status, action] as const));

  it.each(cases)('from %s, action %s', (status, action) => {
    const want = LEGAL[`${status}|${action}`] ?? null;
    expect(nextWorkOrderStatus(status, action)).toBe(want);
    expect(mayFireWorkOrder(status, action)).toBe(want !== null);
    if (want === null) {
      expect(() => requireWorkOrderNext(status, action)).toThrow(expect.objectContaining({ status: 409, code: 'invalid_transition', details: { from: status, action } }));
    } else {
      expect(requireWorkOrderNext(status, action)).toBe(want);
    }
  });

  it('ends for good once done, returned or transferred', () => {
    for (const end of ['done', 'returned', 'transferred'] as const) {
      expect(WORK_ORDER_ACTIONS.filter((a) => mayFireWorkOrder(end, a))).toEqual([]);
    }
  });
});
