/**
 * Amounts in Chinese capital numerals (大写金额) as banks print them on receipts, following the
 * People's Bank rules for writing amounts (《正确填写票据和结算凭证的基本规定》):
 * - digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟, then 万 and 亿 (壹万亿 for a million million);
 * - a ten is always written with its digit: 10 → 壹拾, 15 → 壹拾伍, 100010 → 壹拾万零壹拾;
 * - one 零 stands for a run of zeros inside the number (6007 → 陆仟零柒, 1000001 → 壹佰万零壹);
 *   no 零 where a group's thousands digit follows directly (107000 → 壹拾万柒仟);
 * - 元 always when there are yuan; 整 after 元 or 角 when there are no 分 (46.50 → 肆拾陆元伍角整);
 * - 角 zero with 分 → 元零X分 (325.04 → 叁佰贰拾伍元零肆分); the optional 零 between a zero 元 digit
 *   and 角 is left out (1680.32 → 壹仟陆佰捌拾元叁角贰分), which the rules allow;
 * - under one yuan no 元 or 零: 0.01 → 壹分, 0.10 → 壹角整; zero is 零元整;
 * - a negative amount (a reversal) is prefixed 负.
 */
import { assertInteger } from './billing.money.js';

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const;
const IN_GROUP = ['', '拾', '佰', '仟'] as const;

/** A group of four digits (1–9999) without leading zeros. */
function groupText(n: number): string {
  let out = '';
  let zeroPending = false;
  for (let pos = 3; pos >= 0; pos--) {
    const d = Math.trunc(n / 10 ** pos) % 10;
    if (d === 0) {
      if (out !== '') zeroPending = true;
      continue;
    }
    if (zeroPending) out += '零';
    zeroPending = false;
    out += DIGITS[d]! + IN_GROUP[pos]!;
  }
  return out;
}

/**
 * Whole yuan (≥ 1) in capital numerals, without 元: 亿 over 万 over groups of four digits, with
 * 零 where a zero run crosses into the lower part (1_0000_1000 → 壹亿零壹仟).
 */
function yuanText(yuan: number): string {
  if (yuan < 10_000) return groupText(yuan);
  const [base, unit] = yuan >= 100_000_000 ? [100_000_000, '亿'] : [10_000, '万'];
  const high = Math.trunc(yuan / base);
  const low = yuan % base;
  let out = yuanText(high) + unit;
  if (low > 0) out += (low < base / 10 ? '零' : '') + yuanText(low);
  return out;
}

/** 4650 → 肆拾陆元伍角整; 10000001 → 壹拾万元零壹分; 0 → 零元整; −4650 → 负肆拾陆元伍角整. */
export function capitalAmount(fen: number): string {
  assertInteger('fen', fen);
  if (fen === 0) return '零元整';
  if (fen < 0) return `负${capitalAmount(-fen)}`;
  const yuan = Math.trunc(fen / 100);
  const jiao = Math.trunc(fen / 10) % 10;
  const cents = fen % 10;
  let out = yuan > 0 ? `${yuanText(yuan)}元` : '';
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  else if (cents > 0 && yuan > 0) out += '零';
  if (cents > 0) out += `${DIGITS[cents]}分`;
  else out += '整';
  return out;
}
