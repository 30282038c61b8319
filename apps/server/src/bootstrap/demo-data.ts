import { idCheckDigit } from '../modules/residents/residents.policy.js';

/** Deterministic demo people: the same names and phones on every fresh database. */
export function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华文博志强海燕玉兰欣怡子涵浩然宇轩梓萱一诺雨桐俊杰思远晓东红梅春燕立新国强淑珍凤英'.match(/../g)!;

export function personName(rnd: () => number): string {
  const s = SURNAMES[Math.floor(rnd() * SURNAMES.length)]!;
  const g = GIVEN[Math.floor(rnd() * GIVEN.length)]!;
  return rnd() < 0.3 ? s + g[0] : s + g;
}

export function mobile(rnd: () => number): string {
  const prefixes = ['130', '131', '135', '136', '137', '138', '139', '150', '151', '158', '159', '177', '186', '187', '188', '189'];
  let n = prefixes[Math.floor(rnd() * prefixes.length)]!;
  for (let i = 0; i < 8; i++) n += Math.floor(rnd() * 10);
  return n;
}

/** An 18-digit PRC ID number with a correct check digit (GB 11643). */
export function idNumber(rnd: () => number): string {
  const regions = ['110101', '310104', '440305', '330106', '510107', '420106'];
  const year = 1950 + Math.floor(rnd() * 55);
  const month = 1 + Math.floor(rnd() * 12);
  const day = 1 + Math.floor(rnd() * 28);
  const seq = String(Math.floor(rnd() * 1000)).padStart(3, '0');
  const body = regions[Math.floor(rnd() * regions.length)]! + year + String(month).padStart(2, '0') + String(day).padStart(2, '0') + seq;
  return body + idCheckDigit(body);
}

