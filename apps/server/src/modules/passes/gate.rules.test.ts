import { describe, expect, it } from 'vitest';
import { classifyCode, passVerdict, releaseVerdict, serviceNumber, windowStatus } from './gate.rules.js';

const SH = 'Asia/Shanghai';

describe('validity windows in Asia/Shanghai', () => {
  it('a pass to 2026-12-31 is valid in the last minute of that day there, expired one minute later', () => {
    // 23:59 on 31 Dec in Shanghai is 15:59 UTC.
    expect(windowStatus('2026-12-01', '2026-12-31', '2026-12-31T15:59:00.000Z', SH)).toBe('valid');
    expect(windowStatus('2026-12-01', '2026-12-31', '2026-12-31T15:59:59.999Z', SH)).toBe('valid');
    expect(windowStatus('2026-12-01', '2026-12-31', '2026-12-31T16:00:00.000Z', SH)).toBe('expired');
  });

  it('starts at local midnight of the first day, not UTC midnight', () => {
    expect(windowStatus('2026-12-01', '2026-12-31', '2026-11-30T15:59:59.999Z', SH)).toBe('not_yet_valid');
    expect(windowStatus('2026-12-01', '2026-12-31', '2026-11-30T16:00:00.000Z', SH)).toBe('valid');
  });

  it('a one-day window holds the whole local day', () => {
    expect(windowStatus('2026-12-05', '2026-12-05', '2026-12-04T16:00:00.000Z', SH)).toBe('valid');
    expect(windowStatus('2026-12-05', '2026-12-05', '2026-12-05T15:59:00.000Z', SH)).toBe('valid');
    expect(windowStatus('2026-12-05', '2026-12-05', '2026-12-05T16:00:00.000Z', SH)).toBe('expired');
  });

  it('revocation wins over the dates', () => {
    expect(passVerdict({ status: 'revoked', valid_from: '2026-12-01', valid_to: '2026-12-31' }, '2026-12-10T02:00:00.000Z', SH)).toBe('revoked');
    expect(passVerdict({ status: 'active', valid_from: '2026-12-01', valid_to: '2026-12-31' }, '2026-12-10T02:00:00.000Z', SH)).toBe('valid');
  });
});

describe('release slip verdicts', () => {
  const at = (status: string) => ({ status, planned_date: '2026-12-05' });
  it('approved is valid through the end of the planned day, then expired', () => {
    expect(releaseVerdict(at('approved'), '2026-12-03T01:00:00.000Z', SH)).toBe('valid');
    expect(releaseVerdict(at('approved'), '2026-12-05T15:59:00.000Z', SH)).toBe('valid');
    expect(releaseVerdict(at('approved'), '2026-12-05T16:00:00.000Z', SH)).toBe('expired');
  });
  it('released is used; anything not approved is not_approved', () => {
    expect(releaseVerdict(at('released'), '2026-12-05T01:00:00.000Z', SH)).toBe('used');
    for (const s of ['awaiting_owner', 'submitted', 'rejected', 'cancelled']) expect(releaseVerdict(at(s), '2026-12-05T01:00:00.000Z', SH)).toBe('not_approved');
  });
});

describe('codes and numbers', () => {
  it('tells a QR secret from a typed number, and refuses anything else', () => {
    const qr = 'A'.repeat(40) + '_-9';
    expect(classifyCode(qr)).toEqual({ kind: 'qr', code: qr });
    expect(classifyCode(' fx-20261129-0007 ')).toEqual({ kind: 'number', number: 'FX-20261129-0007' });
    expect(classifyCode(qr + 'x').kind).toBe('invalid');
    expect(classifyCode('FX-2026-7').kind).toBe('invalid');
    expect(classifyCode("' or 1=1 --").kind).toBe('invalid');
  });
  it('numbers carry the local date and a padded sequence', () => {
    expect(serviceNumber('FX', '2026-11-29', 7)).toBe('FX-20261129-0007');
    expect(serviceNumber('SG', '2026-11-29', 12345)).toBe('SG-20261129-12345');
  });
});
