import { describe, expect, it } from 'vitest';
import { capitalAmount } from './billing.capital.js';

describe('Chinese capital numerals (大写金额)', () => {
  it.each([
    // the list
    [1, '壹分'],
    [10, '壹角整'],
    [100, '壹元整'],
    [1_000, '壹拾元整'],
    [1_001, '壹拾元零壹分'],
    [10_050, '壹佰元伍角整'],
    [100_100, '壹仟零壹元整'],
    [1_001_000, '壹万零壹拾元整'],
    [10_000_000, '壹拾万元整'],
    [100_000_001, '壹佰万元零壹分'],
    [12_345_678_912, '壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元壹角贰分'],
    [10_000_000_000, '壹亿元整'],
    [4_650, '肆拾陆元伍角整'],
    [10_000_001, '壹拾万元零壹分'],
  ])('%i fen → %s', (fen, text) => {
    expect(capitalAmount(fen)).toBe(text);
  });

  it.each([
    // the People's Bank examples
    [140_950, '壹仟肆佰零玖元伍角整'],
    [600_714, '陆仟零柒元壹角肆分'],
    [168_032, '壹仟陆佰捌拾元叁角贰分'],
    [10_700_053, '壹拾万柒仟元伍角叁分'],
    [1_640_902, '壹万陆仟肆佰零玖元零贰分'],
    [32_504, '叁佰贰拾伍元零肆分'],
  ])('%i fen → %s', (fen, text) => {
    expect(capitalAmount(fen)).toBe(text);
  });

  it('writes small amounts without 元 or a leading 零', () => {
    expect(capitalAmount(5)).toBe('伍分');
    expect(capitalAmount(15)).toBe('壹角伍分');
    expect(capitalAmount(50)).toBe('伍角整');
    expect(capitalAmount(99)).toBe('玖角玖分');
    expect(capitalAmount(0)).toBe('零元整');
  });

  it('always writes the digit before 拾', () => {
    expect(capitalAmount(1_500)).toBe('壹拾伍元整');
    expect(capitalAmount(2_000)).toBe('贰拾元整');
    expect(capitalAmount(11_000)).toBe('壹佰壹拾元整');
    expect(capitalAmount(101_000)).toBe('壹仟零壹拾元整');
    expect(capitalAmount(1_001_000_000)).toBe('壹仟零壹万元整');
    expect(capitalAmount(100_001_000)).toBe('壹佰万零壹拾元整');
  });

  it('writes one 零 for a run of zeros, across 万 and 亿', () => {
    expect(capitalAmount(10_070_000)).toBe('壹拾万零柒佰元整');
    expect(capitalAmount(10_000_100_000)).toBe('壹亿零壹仟元整');
    expect(capitalAmount(10_100_000_000)).toBe('壹亿零壹佰万元整');
    expect(capitalAmount(11_000_000_000)).toBe('壹亿壹仟万元整');
    expect(capitalAmount(10_001_000_000)).toBe('壹亿零壹万元整');
    expect(capitalAmount(10_010_000_000)).toBe('壹亿零壹拾万元整');
    expect(capitalAmount(100_001_000_000)).toBe('壹拾亿零壹万元整');
    expect(capitalAmount(10_000_000_100)).toBe('壹亿零壹元整');
    expect(capitalAmount(100_100_000)).toBe('壹佰万壹仟元整');
    expect(capitalAmount(1_000_100_000)).toBe('壹仟万壹仟元整');
  });

  it('goes to the hundreds of millions and beyond', () => {
    expect(capitalAmount(99_999_999_999)).toBe('玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分');
    expect(capitalAmount(20_000_000_000_000)).toBe('贰仟亿元整');
    expect(capitalAmount(10_001_000_000_000_000 / 100)).toBe('壹万零壹亿元整');
  });

  it('marks reversals with 负', () => {
    expect(capitalAmount(-4_650)).toBe('负肆拾陆元伍角整');
    expect(capitalAmount(-1)).toBe('负壹分');
  });

  it('refuses fractions of a fen', () => {
    expect(() => capitalAmount(46.5)).toThrow(RangeError);
  });
});
