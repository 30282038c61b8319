import { describe, expect, it } from 'vitest';
import { isStale, maskNumber, visibleNumbers } from './directory.policy.js';

describe('directory masking', () => {
  it('masks a mobile as 138****5678 and a landline keeping 3 + 4 digits', () => {
    expect(maskNumber('13812345678')).toBe('138****5678');
    expect(maskNumber('0755-86001234')).toBe('075*****1234');
    expect(maskNumber('110')).toBe('***');
  });

  it('masks both numbers of a confidential entry for a caller who may not reveal, never otherwise', () => {
    const e = { phone: '13900001002', altPhone: '0755-86001235', confidential: true };
    const masked = visibleNumbers(e, false);
    expect(masked).toEqual({ phone: '139****1002', altPhone: '075*****1235', masked: true });
    expect(JSON.stringify(masked)).not.toContain('13900001002');
    expect(visibleNumbers(e, true)).toEqual({ phone: '13900001002', altPhone: '0755-86001235', masked: false });
    expect(visibleNumbers({ ...e, confidential: false }, false).masked).toBe(false);
  });

  it('flags an entry not confirmed for more than 90 days', () => {
    const now = Date.parse('2026-12-01T00:00:00Z');
    expect(isStale('2026-09-01T00:00:00Z', now)).toBe(true);
    expect(isStale('2026-09-10T00:00:00Z', now)).toBe(false);
  });
});
