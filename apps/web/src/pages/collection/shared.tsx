/** Small helpers of the collection pages: money and rates as people read them. */
import type { AgingBucket } from '@propdesk/contracts';
import { AGING_BUCKET_LABELS } from '@propdesk/contracts';

/** 1628050 → "16,280.50" (fen to yuan, exact, with thousands separators). */
export function yuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  const whole = String(Math.floor(a / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${whole}.${String(a % 100).padStart(2, '0')}`;
}

/** 9512 → "95.12%"; null → "—". */
export function percent(bp: number | null | undefined): string {
  if (bp === null || bp === undefined) return '—';
  return `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}%`;
}

export function agingLabel(b: AgingBucket, locale: string): string {
  return locale === 'en' ? AGING_BUCKET_LABELS[b].en : AGING_BUCKET_LABELS[b].zh;
}

/** Colors of the aging buckets, from recent (calm) to old (alarming). */
export const AGING_COLORS: Record<AgingBucket, string> = {
  d0_30: 'green',
  d31_90: 'gold',
  d91_180: 'orange',
  d181_365: 'volcano',
  over_365: 'red',
};
