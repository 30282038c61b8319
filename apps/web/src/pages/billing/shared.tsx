/** Pieces the billing pages share: money and quantity formatting, status tags, enum labels. */
import { Tag } from 'antd';
import dayjs from 'dayjs';
import {
  BILL_LINE_KIND_LABELS,
  BILL_LINE_STATUS_LABELS,
  BILL_STATUS_LABELS,
  BILLING_MODE_LABELS,
  CYCLE_LABELS,
  FEE_KIND_LABELS,
  METER_KIND_LABELS,
  METER_READING_KIND_LABELS,
  METER_READING_STATUS_LABELS,
  ROUNDING_LABELS,
  TIER_BASIS_LABELS,
} from '@propdesk/contracts';
import { useI18n } from '../../i18n/i18n';

type ZhEn = Record<string, { zh: string; en: string }>;

export const LABELS = {
  feeKind: FEE_KIND_LABELS as ZhEn,
  cycle: CYCLE_LABELS as ZhEn,
  billingMode: BILLING_MODE_LABELS as ZhEn,
  rounding: ROUNDING_LABELS as ZhEn,
  tierBasis: TIER_BASIS_LABELS as ZhEn,
  meterKind: METER_KIND_LABELS as ZhEn,
  readingKind: METER_READING_KIND_LABELS as ZhEn,
  readingStatus: METER_READING_STATUS_LABELS as ZhEn,
  billStatus: BILL_STATUS_LABELS as ZhEn,
  lineStatus: BILL_LINE_STATUS_LABELS as ZhEn,
  lineKind: BILL_LINE_KIND_LABELS as ZhEn,
};

export function labelOf(labels: ZhEn, code: string | null | undefined, locale: string): string {
  if (!code) return '';
  const l = labels[code];
  return l ? (locale === 'en' ? l.en : l.zh) : code;
}

export function optionsOf(labels: ZhEn, locale: string) {
  return Object.entries(labels).map(([value, l]) => ({ value, label: locale === 'en' ? l.en : l.zh }));
}

/** 4650 → "46.50" (fen as yuan, exact; negative for credits). */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

/** "46.50" typed by a person → 4650 fen, or null when it is not an amount with at most 2 decimals. */
export function parseYuan(text: string | number | null | undefined): number | null {
  const s = String(text ?? '').trim();
  const m = /^(\d+)(?:\.(\d{0,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** 0.001 units → "12.345" without trailing zeros ("12" for 12000). */
export function milli(q: number | null | undefined): string {
  if (q === null || q === undefined) return '';
  const whole = Math.trunc(q / 1000);
  const frac = String(Math.abs(q % 1000)).padStart(3, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : String(whole);
}

/** "123.4" → 123400 (0.001 units), or null. */
export function parseMilli(text: string | number | null | undefined): number | null {
  const s = String(text ?? '').trim();
  const m = /^(\d+)(?:\.(\d{0,3}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0'));
}

/** A rate in centi-fen (0.0001 元) as yuan with up to 4 decimals: 23500 → "2.35". */
export function rateYuan(centiFen: number | null | undefined): string {
  if (centiFen === null || centiFen === undefined) return '';
  const whole = Math.trunc(centiFen / 10000);
  const frac = String(centiFen % 10000).padStart(4, '0').replace(/0+$/, '');
  return `${whole}.${frac.padEnd(2, '0')}`;
}

/** "2.35" → 23500 centi-fen, or null. */
export function parseRate(text: string | number | null | undefined): number | null {
  const s = String(text ?? '').trim();
  const m = /^(\d+)(?:\.(\d{0,4}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 10000 + Number((m[2] ?? '').padEnd(4, '0'));
}

/** This month and the eleven before it, newest first: the months a run or a reading may be for. */
export function recentPeriods(count = 12): string[] {
  return Array.from({ length: count }, (_, i) => dayjs().subtract(i, 'month').format('YYYY-MM'));
}

const STATUS_COLORS: Record<string, string> = {
  unpaid: 'red', partially_paid: 'orange', paid: 'green', void: 'default', pending: 'gold', approved: 'green', rejected: 'default', held: 'gold', accepted: 'green',
};

export function StatusTag({ status, labels }: { status: string; labels: ZhEn }) {
  const { locale } = useI18n();
  return <Tag color={STATUS_COLORS[status] ?? 'default'}>{labelOf(labels, status, locale)}</Tag>;
}

/** The unit a meter of this kind counts in. */
export function meterUnit(kind: string | null | undefined): string {
  return kind === 'electricity' ? 'kWh' : 'm³';
}
