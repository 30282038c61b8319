import { describe, expect, it } from 'vitest';
import {
  checkIdNumber,
  idCheckDigit,
  isCurrentLink,
  isRealDate,
  parseRelation,
  personKey,
  phoneRev,
  phoneTailPrefix,
  planLinkSync,
  searchPhoneDigits,
  shownIdNumber,
  todayIn,
  validateImportRow,
  type ImportRowValues,
} from './residents.policy.js';

// 11010519491231002X is the worked example of GB 11643; 110101199003074477 was checked by hand.
const VALID_ID = '110101199003074477';

describe('ID numbers', () => {
  it('masks every ID number, keeping the first 3 and last 4 characters', () => {
    expect(shownIdNumber(VALID_ID)).toBe('110***********4477');
    expect(shownIdNumber('E12345678')).toBe('E12**5678');
    expect(shownIdNumber('AB123')).toBe('*****');
    expect(shownIdNumber(null)).toBeNull();
  });

  it('computes the GB 11643 check digit, X included', () => {
    expect(idCheckDigit('11010519491231002')).toBe('X');
    expect(idCheckDigit('11010119900307447')).toBe('7');
  });

  it('accepts an 18-digit PRC ID only with the right check digit, and stores a lower-case x as X', () => {
    expect(checkIdNumber(VALID_ID)).toEqual({ ok: true, value: VALID_ID });
    expect(checkIdNumber('11010519491231002x')).toEqual({ ok: true, value: '11010519491231002X' });
    const wrong = checkIdNumber('110101199003074478');
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.text.en).toContain('check digit');
    expect(checkIdNumber('11010119900307447A').ok).toBe(false);
  });

  it('takes passports and other documents as they are (5–30 letters or digits)', () => {
    expect(checkIdNumber('E12345678')).toEqual({ ok: true, value: 'E12345678' });
    expect(checkIdNumber('110101900307447')).toEqual({ ok: true, value: '110101900307447' }); // old 15-digit ID
    expect(checkIdNumber('AB12').ok).toBe(false);
    expect(checkIdNumber('E1234 5678').ok).toBe(false);
    expect(checkIdNumber('A'.repeat(31)).ok).toBe(false);
  });
});

describe('phones', () => {
  it('stores the reversed digits so "ends with" is a prefix search', () => {
    expect(phoneRev('13812345678')).toBe('87654321831');
    expect(phoneRev('0755-86001234')).toBe('432100685570');
  });

  it('turns the caller\'s last digits into a phone_rev prefix', () => {
    expect(phoneTailPrefix('5678')).toBe('8765');
    expect('87654321831'.startsWith(phoneTailPrefix('5678')!)).toBe(true);
    expect('87654321831'.startsWith(phoneTailPrefix('5679')!)).toBe(false);
    expect(phoneTailPrefix(' 56-78 ')).toBe('8765');
    expect(phoneTailPrefix('')).toBeNull();
  });

  it('reads a free-text search of 3+ digits as a phone fragment, anything else as a name', () => {
    expect(searchPhoneDigits('138-0013')).toBe('1380013');
    expect(searchPhoneDigits('5678')).toBe('5678');
    expect(searchPhoneDigits('12')).toBeNull();
    expect(searchPhoneDigits('张三')).toBeNull();
    expect(searchPhoneDigits('3栋')).toBeNull();
  });

  it('recognizes the same person by name and phone digits', () => {
    expect(personKey(' 张三 ', '0755-86001234')).toBe(personKey('张三', '075586001234'));
    expect(personKey('张三', '13800138000')).not.toBe(personKey('张三丰', '13800138000'));
  });
});

describe('dates and links', () => {
  it('accepts only real calendar dates', () => {
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2023-02-29')).toBe(false);
    expect(isRealDate('2024-13-01')).toBe(false);
    expect(isRealDate('2024/05/01')).toBe(false);
  });

  it('tells today in the project time zone', () => {
    // 2024-05-01 17:00 UTC is already 2 May in Shanghai.
    expect(todayIn('Asia/Shanghai', new Date('2024-05-01T17:00:00Z'))).toBe('2024-05-02');
    expect(todayIn('UTC', new Date('2024-05-01T17:00:00Z'))).toBe('2024-05-01');
  });

  it('counts a link as current until its end date', () => {
    expect(isCurrentLink({ endDate: null }, '2024-05-01')).toBe(true);
    expect(isCurrentLink({ endDate: '2024-05-02' }, '2024-05-01')).toBe(true);
    expect(isCurrentLink({ endDate: '2024-05-01' }, '2024-05-01')).toBe(false);
  });

  it('plans a PATCH of the current units: add new, update changed, end the ones left out', () => {
    const current = [
      { id: 'l1', unitId: 'u1', relation: 'owner' as const, startDate: '2020-01-01', endDate: null },
      { id: 'l2', unitId: 'u2', relation: 'tenant' as const, startDate: null, endDate: null },
      { id: 'l3', unitId: 'u3', relation: 'family' as const, startDate: '2030-01-01', endDate: null },
    ];
    const plan = planLinkSync(current, [{ unitId: 'u1', relation: 'owner' }, { unitId: 'u2', relation: 'owner' }, { unitId: 'u4', relation: 'family', startDate: '2024-05-01' }], '2024-05-01');
    expect(plan.add).toEqual([{ unitId: 'u4', relation: 'family', startDate: '2024-05-01' }]);
    expect(plan.change).toEqual([{ id: 'l2', relation: 'owner', startDate: null, endDate: null }]);
    // u3 starts in the future: it ends on its start date, never before it.
    expect(plan.end).toEqual([{ id: 'l3', endDate: '2030-01-01' }]);
    const none = planLinkSync(current, current.map((c) => ({ unitId: c.unitId, relation: c.relation })), '2024-05-01');
    expect(none).toEqual({ add: [], change: [], end: [] });
  });
});

describe('import rows', () => {
  const good: ImportRowValues = { name: '张三', phone: '13800138000', idNumber: '', building: '3栋', unit: '1201', relation: '业主', startDate: '2024-05-01' };

  it('reads a good row, relation in either language', () => {
    expect(validateImportRow(2, good)).toEqual({
      value: { row: 2, name: '张三', phone: '13800138000', idNumber: null, building: '3栋', unit: '1201', relation: 'owner', startDate: '2024-05-01' },
      errors: [],
    });
    expect(validateImportRow(3, { ...good, relation: 'Tenant', startDate: '' }).value).toMatchObject({ relation: 'tenant', startDate: null });
    expect(parseRelation('家属')).toBe('family');
    expect(parseRelation('landlord')).toBeNull();
  });

  it('reports a bad phone as the desk reads it', () => {
    const r = validateImportRow(17, { ...good, phone: '1380013800' });
    expect(r.value).toBeNull();
    expect(r.errors).toEqual([{ row: 17, field: 'phone', message: 'phone is not a valid mobile number', messageZh: expect.any(String) }]);
  });

  it('reports every problem of a row, each with its field', () => {
    const r = validateImportRow(5, { name: '', phone: '', idNumber: '110101199003074478', building: '', unit: '', relation: '房东', startDate: '2024-02-30' });
    expect(r.errors.map((e) => e.field)).toEqual(['name', 'phone', 'idNumber', 'building', 'unit', 'relation', 'startDate']);
    expect(r.errors.every((e) => e.row === 5)).toBe(true);
  });

  it('checks and normalizes the ID number of a row', () => {
    expect(validateImportRow(2, { ...good, idNumber: '11010519491231002x' }).value?.idNumber).toBe('11010519491231002X');
    expect(validateImportRow(2, { ...good, idNumber: 'E12345678' }).value?.idNumber).toBe('E12345678');
  });
});
