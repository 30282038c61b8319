import { describe, expect, it } from 'vitest';
import { formatAreaM2, parseAreaM2, parseFloor, parseImportRow, parseImportRows, parseUnitKind, parseUnitState, planImport } from './units.policy.js';

const good = { building: '1栋', number: '101', floor: '1', grossArea: '89.25', kind: '住宅', state: '', note: '' };

describe('gross area in m² → 0.01 m², exactly', () => {
  it.each([
    ['89.25', 8925],
    ['89', 8900],
    ['89.5', 8950],
    ['0.01', 1],
    ['0.1', 10],
    ['  120.07 ', 12007],
    ['89.250', 8925],
    ['1000000', 100_000_000],
    // 0.29 * 100 is 28.999999999999996 in floating point: the digits are read, not multiplied.
    ['0.29', 29],
    ['1.15', 115],
    ['4.35', 435],
  ])('"%s" → %i', (text, centi) => {
    expect(parseAreaM2(text)).toEqual({ ok: true, value: centi });
  });

  it.each([
    ['89.255', 'more than 2 decimals'],
    ['89.25000000000001', 'more than 2 decimals'],
    ['-5', 'not a number'],
    ['abc', 'not a number'],
    ['8 9', 'not a number'],
    ['1e3', 'not a number'],
    ['89,25', 'not a number'],
    ['.5', 'not a number'],
    ['', 'required'],
    ['0', 'greater than 0'],
    ['0.00', 'greater than 0'],
    ['1000000.01', 'too large'],
    ['99999999999999999999', 'too large'],
  ])('refuses "%s" (%s)', (text, why) => {
    const r = parseAreaM2(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(why);
  });

  it('formats back to m² without losing a cent', () => {
    expect(formatAreaM2(8925)).toBe('89.25');
    expect(formatAreaM2(8900)).toBe('89.00');
    expect(formatAreaM2(1)).toBe('0.01');
    expect(formatAreaM2(100_000_000)).toBe('1000000.00');
    for (const c of [1, 29, 115, 435, 8925, 12345678]) expect(parseAreaM2(formatAreaM2(c))).toEqual({ ok: true, value: c });
  });
});

describe('floor, kind and state cells', () => {
  it('reads whole floors in range, basements included', () => {
    expect(parseFloor('12')).toEqual({ ok: true, value: 12 });
    expect(parseFloor('-2')).toEqual({ ok: true, value: -2 });
    expect(parseFloor('1.5').ok).toBe(false);
    expect(parseFloor('B1').ok).toBe(false);
    expect(parseFloor('201').ok).toBe(false);
    expect(parseFloor('').ok).toBe(false);
  });

  it('accepts the code, the Chinese label or the English label for the kind', () => {
    expect(parseUnitKind('住宅')).toEqual({ ok: true, value: 'residence' });
    expect(parseUnitKind('商铺')).toEqual({ ok: true, value: 'shop' });
    expect(parseUnitKind('办公')).toEqual({ ok: true, value: 'office' });
    expect(parseUnitKind('会所')).toEqual({ ok: true, value: 'clubhouse' });
    expect(parseUnitKind('车位')).toEqual({ ok: true, value: 'parking' });
    expect(parseUnitKind('储藏室')).toEqual({ ok: true, value: 'storage' });
    expect(parseUnitKind('parking')).toEqual({ ok: true, value: 'parking' });
    expect(parseUnitKind('Shop')).toEqual({ ok: true, value: 'shop' });
    const bad = parseUnitKind('别墅');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toContain('住宅/residence');
    expect(parseUnitKind('').ok).toBe(false);
  });

  it('reads the state from code or label; blank means "not given"', () => {
    expect(parseUnitState('空置')).toEqual({ ok: true, value: 'vacant' });
    expect(parseUnitState('已入住')).toEqual({ ok: true, value: 'occupied' });
    expect(parseUnitState('装修中')).toEqual({ ok: true, value: 'renovating' });
    expect(parseUnitState('renovating')).toEqual({ ok: true, value: 'renovating' });
    expect(parseUnitState('')).toEqual({ ok: true, value: null });
    expect(parseUnitState('出租').ok).toBe(false);
  });
});

describe('import rows', () => {
  it('turns a good row into a unit', () => {
    expect(parseImportRow(2, good)).toEqual({
      ok: true,
      value: { row: 2, building: '1栋', number: '101', floor: 1, grossArea: 8925, kind: 'residence', state: null, note: null },
    });
  });

  it('reports every problem of a row with its row number and field', () => {
    const r = parseImportRow(17, { ...good, number: '', grossArea: 'lots', kind: 'villa' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.field)).toEqual(['number', 'grossArea', 'kind']);
    expect(r.errors.every((e) => e.row === 17)).toBe(true);
    expect(r.errors[1]!.message).toContain('grossArea is not a number');
  });

  it('refuses over-long text cells', () => {
    const r = parseImportRow(3, { ...good, number: 'x'.repeat(33), building: 'b'.repeat(101), note: 'n'.repeat(501) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field).sort()).toEqual(['building', 'note', 'number']);
  });

  it('flags a row repeating an earlier building + number', () => {
    const { rows, errors } = parseImportRows([
      { row: 2, values: good },
      { row: 3, values: { ...good, number: '102' } },
      { row: 4, values: good },
    ]);
    expect(rows.map((r) => r.number)).toEqual(['101', '102']);
    expect(errors).toEqual([{ row: 4, field: 'number', message: '1栋 101 repeats row 2' }]);
  });
});

describe('import plan', () => {
  const rows = parseImportRows([
    { row: 2, values: good },
    { row: 3, values: { ...good, number: '102' } },
    { row: 4, values: { ...good, building: '2栋', number: '101' } },
    { row: 5, values: { ...good, building: '2栋', number: '102' } },
  ]).rows;

  it('updates units that exist (same building and number), creates the rest, and names new buildings once', () => {
    const plan = planImport(rows, ['1栋'], [{ id: 'u1', buildingName: '1栋', number: '102' }]);
    expect(plan.newBuildings).toEqual(['2栋']);
    expect(plan.update).toEqual([{ row: rows[1], existing: { id: 'u1', buildingName: '1栋', number: '102' } }]);
    expect(plan.create.map((r) => `${r.building}/${r.number}`)).toEqual(['1栋/101', '2栋/101', '2栋/102']);
  });

  it('does not match a number in another building', () => {
    const plan = planImport(rows, ['1栋', '2栋'], [{ id: 'u9', buildingName: '3栋', number: '101' }]);
    expect(plan.update).toEqual([]);
    expect(plan.create).toHaveLength(4);
    expect(plan.newBuildings).toEqual([]);
  });
});
