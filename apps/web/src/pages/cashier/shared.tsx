/** What the cashier's pages share: money in yuan on screen (integer fen on the wire), labels, the unit search. */
import { useState } from 'react';
import { Select, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { DEPOSIT_KIND_LABELS, PAYMENT_KIND_LABELS, PAYMENT_METHOD_LABELS, type CashierUnit } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';

/** 4650 → "46.50", 123456 → "1,234.56" (exact: integer arithmetic, never floats). */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  const whole = String(Math.trunc(a / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${whole}.${String(a % 100).padStart(2, '0')}`;
}

/** "46.5" → 4650; null when it is not an amount with at most two decimals. */
export function fenOf(text: string | number | null | undefined): number | null {
  if (text === null || text === undefined) return null;
  const s = String(text).trim().replace(/,/g, '');
  const m = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

type L = Record<string, { zh: string; en: string }>;
export function useLabel() {
  const { locale } = useI18n();
  return (labels: L, code: string | null | undefined) => (code ? (labels[code] ? (locale === 'en' ? labels[code].en : labels[code].zh) : code) : '');
}
export function labelOptions(labels: L, locale: string, exclude: string[] = []) {
  return Object.entries(labels)
    .filter(([k]) => !exclude.includes(k))
    .map(([value, l]) => ({ value, label: locale === 'en' ? l.en : l.zh }));
}
export { DEPOSIT_KIND_LABELS, PAYMENT_KIND_LABELS, PAYMENT_METHOD_LABELS };

/** Search units by number ("1栋101", "101"), owner name or the last digits of a phone. */
export function UnitSearch(props: { value?: CashierUnit | null; onChange(u: CashierUnit | null): void; projectId?: string; autoFocus?: boolean; style?: React.CSSProperties }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['cashier', 'units', q, props.projectId],
    queryFn: () => api.get<CashierUnit[]>('/api/cashier/units', { q, projectId: props.projectId }),
    enabled: q.trim().length > 0,
    staleTime: 10_000,
  });
  const units = found.data ?? [];
  return (
    <Select
      showSearch
      autoFocus={props.autoFocus}
      allowClear
      filterOption={false}
      style={{ minWidth: 360, ...props.style }}
      placeholder={t('房号、业主姓名或手机尾号', 'Unit number, owner name or phone tail')}
      aria-label={t('查找房屋', 'Find a unit')}
      value={props.value?.id}
      onSearch={setQ}
      onClear={() => props.onChange(null)}
      notFoundContent={found.isFetching ? <Spin size="small" /> : q ? t('没有找到', 'Nothing found') : null}
      onChange={(id: string | undefined) => props.onChange(units.find((u) => u.id === id) ?? null)}
      options={[
        ...(props.value && !units.some((u) => u.id === props.value!.id) ? [props.value] : []),
        ...units,
      ].map((u) => ({
        value: u.id,
        label: `${u.label}${u.owners.length ? ` · ${u.owners.join('、')}` : ''}${u.outstandingFen > 0 ? ` · ${t('欠', 'owes')} ¥${yuan(u.outstandingFen)}` : ''}`,
      }))}
    />
  );
}
