import { describe, expect, it } from 'vitest';
import { parseBankResult } from './direct-debit.policy.js';

describe('parseBankResult', () => {
  const ids = new Set(['item1', 'item2', 'item3']);
  it('reads 成功/失败 with the reason, in Chinese or English', () => {
    const { results, errors } = parseBankResult(
      [
        { row: 2, values: { itemId: 'item1', result: '成功', reason: '' } },
        { row: 3, values: { itemId: 'item2', result: 'FAILED', reason: '账户冻结' } },
        { row: 4, values: { itemId: 'item3', result: '失败', reason: '' } },
      ],
      ids,
    );
    expect(errors).toEqual([]);
    expect(Object.fromEntries(results)).toEqual({ item1: { ok: true }, item2: { ok: false, reason: '账户冻结' }, item3: { ok: false, reason: '银行未说明原因' } });
  });
  it('lists every wrong row: unknown item, repeated item, unreadable result', () => {
    const { errors } = parseBankResult(
      [
        { row: 2, values: { itemId: 'nope', result: '成功' } },
        { row: 3, values: { itemId: 'item1', result: '成功' } },
        { row: 4, values: { itemId: 'item1', result: '成功' } },
        { row: 5, values: { itemId: 'item2', result: '也许' } },
      ],
      ids,
    );
    expect(errors.map((e) => [e.row, e.field])).toEqual([[2, 'itemId'], [4, 'itemId'], [5, 'result']]);
  });
});
