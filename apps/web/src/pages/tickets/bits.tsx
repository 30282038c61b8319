/**
 * Small pieces the service-desk pages share: tags for kind/status/priority, the due-time
 * countdown, queue counts, the category tree, and a money formatter.
 */
import { useEffect, useMemo, useState } from 'react';
import { Tag, Tooltip, Typography } from 'antd';
import { FireOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { TicketCategory, TicketKind } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useI18n, type T } from '../../i18n/i18n';
import { label } from '../../i18n/terms';
import { KIND_COLORS, PRIORITIES, PRIORITY_COLORS, STATUS_COLORS, TICKET_KINDS, TICKET_STATUSES, WORK_ORDER_COLORS, WORK_ORDER_STATUSES, OUTCOMES, OUTCOME_COLORS } from './labels';

/** Statuses in which someone still works on the ticket (its due times count down). */
export const OPEN_STATUSES = ['new', 'dispatched', 'in_progress', 'reopened'];

export function KindTag({ kind, big }: { kind: string; big?: boolean }) {
  const { locale } = useI18n();
  return (
    <Tag color={KIND_COLORS[kind] ?? 'default'} style={big ? { fontSize: 14, padding: '2px 10px' } : undefined}>
      {label(TICKET_KINDS, kind, locale)}
    </Tag>
  );
}

export function StatusTag({ status, big }: { status: string; big?: boolean }) {
  const { locale } = useI18n();
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} style={big ? { fontSize: 14, padding: '2px 10px' } : undefined} data-testid="ticket-status">
      {label(TICKET_STATUSES, status, locale)}
    </Tag>
  );
}

export function PriorityTag({ priority }: { priority: string }) {
  const { locale } = useI18n();
  if (priority === 'normal' || priority === 'low') return <Typography.Text type="secondary">{label(PRIORITIES, priority, locale)}</Typography.Text>;
  return (
    <Tag color={PRIORITY_COLORS[priority]} icon={priority === 'urgent' ? <FireOutlined /> : undefined}>
      {label(PRIORITIES, priority, locale)}
    </Tag>
  );
}

export function WorkOrderStatusTag({ status }: { status: string }) {
  const { locale } = useI18n();
  return <Tag color={WORK_ORDER_COLORS[status] ?? 'default'}>{label(WORK_ORDER_STATUSES, status, locale)}</Tag>;
}

export function OutcomeTag({ outcome }: { outcome: string | null | undefined }) {
  const { locale } = useI18n();
  if (!outcome) return null;
  return <Tag color={OUTCOME_COLORS[outcome] ?? 'default'}>{label(OUTCOMES, outcome, locale)}</Tag>;
}

/** The current time, ticking every `ms` (countdowns). */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const h = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(h);
  }, [ms]);
  return now;
}

/** 135 minutes → "2小时15分" / "2h 15m"; days past 48 hours. */
export function formatSpan(ms: number, t: T): string {
  const mins = Math.max(0, Math.round(Math.abs(ms) / 60_000));
  if (mins < 60) return t(`${mins}分钟`, `${mins}m`);
  const h = Math.floor(mins / 60);
  const m = mins % 60;
  if (h >= 48) {
    const d = Math.floor(h / 24);
    const hh = h % 24;
    return t(`${d}天${hh ? `${hh}小时` : ''}`, `${d}d${hh ? ` ${hh}h` : ''}`);
  }
  return t(`${h}小时${m ? `${m}分` : ''}`, `${h}h${m ? ` ${m}m` : ''}`);
}

/**
 * A due time with what is left ("剩 2小时") or how late it is ("超时 40分钟", red). `running`
 * false (resolved, on hold…) shows the time only.
 */
export function DueCell({ due, running, overdue, met }: { due: string | null | undefined; running: boolean; overdue?: boolean; met?: string | null }) {
  const { t } = useI18n();
  const now = useNow();
  if (!due) return <Typography.Text type="secondary">—</Typography.Text>;
  const left = dayjs(due).valueOf() - now;
  const late = running && !met && (left < 0 || !!overdue);
  return (
    <Tooltip title={dayjs(due).format('YYYY-MM-DD HH:mm')}>
      <div style={{ lineHeight: 1.3 }}>
        <Typography.Text type={late ? 'danger' : undefined} strong={late}>
          {dayjs(due).format('MM-DD HH:mm')}
        </Typography.Text>
        {running && !met && (
          <div>
            <Typography.Text type={late ? 'danger' : left < 3_600_000 ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>
              {left < 0 ? t(`超时 ${formatSpan(left, t)}`, `${formatSpan(left, t)} late`) : t(`剩 ${formatSpan(left, t)}`, `${formatSpan(left, t)} left`)}
            </Typography.Text>
          </div>
        )}
      </div>
    </Tooltip>
  );
}

/** 12345 fen → "¥123.45" */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  return `${sign}¥${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

export { useTicketCounts, type QueueCounts } from '../../components/ticketCounts';

export interface CategoryNode {
  value: string;
  title: string;
  children?: CategoryNode[];
}

/** The active categories of a kind (the project's own and the group's), as a tree for TreeSelect. */
export function useCategoryTree(kind: TicketKind | undefined, projectId: string | undefined) {
  const { locale } = useI18n();
  const q = useQuery({
    queryKey: ['ticket-categories', { kind, projectId, active: true }],
    queryFn: () => api.get<{ items: TicketCategory[] }>('/api/ticket-categories', { kind, projectId, active: 'true' }),
    enabled: !!kind,
    staleTime: 5 * 60_000,
  });
  const tree = useMemo(() => {
    const items = q.data?.items ?? [];
    const name = (c: TicketCategory) => (locale === 'en' ? c.nameEn || c.name : c.name);
    const byParent = new Map<string | null, TicketCategory[]>();
    const ids = new Set(items.map((c) => c.id));
    for (const c of items) {
      const p = c.parentId && ids.has(c.parentId) ? c.parentId : null;
      byParent.set(p, [...(byParent.get(p) ?? []), c]);
    }
    const build = (p: string | null): CategoryNode[] =>
      (byParent.get(p) ?? []).map((c) => {
        const children = build(c.id);
        return { value: c.id, title: name(c), ...(children.length ? { children } : {}) };
      });
    return build(null);
  }, [q.data, locale]);
  return { ...q, tree };
}

/** "3栋 1201" or the public-area text. */
export function placeOf(t: { unitLabel: string | null; location: string | null }, tr: T): string {
  if (t.unitLabel) return t.unitLabel;
  if (t.location) return `${tr('公共区域：', 'Public area: ')}${t.location}`;
  return '—';
}
