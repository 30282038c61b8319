/** What the front-desk pages share: the desk picker, the project's clock, labels. */
import { useEffect } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { Desk, Page } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useT } from '../../i18n/i18n';

export function useDesks() {
  return useQuery({ queryKey: ['desks', 'all'], queryFn: () => api.get<Page<Desk>>('/api/desks', { pageSize: 200 }), staleTime: 30_000 });
}

export function useDeskStaff(deskId: string | undefined) {
  return useQuery({
    queryKey: ['desks', deskId, 'staff'],
    queryFn: () => api.get<{ items: { id: string; name: string; position: string | null }[] }>(`/api/desks/${deskId}/staff`),
    enabled: !!deskId,
    staleTime: 60_000,
  });
}

/** The desk select; picks the first desk when none is chosen yet. */
export function DeskSelect(props: { value?: string; onChange(v: string): void }) {
  const t = useT();
  const desks = useDesks();
  const first = desks.data?.items[0]?.id;
  useEffect(() => {
    if (!props.value && first) props.onChange(first);
  }, [props, first]);
  return (
    <Select
      style={{ minWidth: 260 }}
      value={props.value}
      onChange={props.onChange}
      loading={desks.isLoading}
      aria-label={t('前台', 'Desk')}
      placeholder={t('选择前台', 'Choose a desk')}
      options={(desks.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.projectName ?? ''} · ${d.name}` }))}
    />
  );
}

// ---------------------------------------------------------------- the project's clock

function parts(tz: string, ms: number) {
  const f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const p: Record<string, number> = {};
  for (const x of f.formatToParts(new Date(ms))) if (x.type !== 'literal') p[x.type] = Number(x.value);
  return p as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

function offsetMinutes(tz: string, ms: number): number {
  const p = parts(tz, Math.floor(ms / 1000) * 1000);
  return Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000) / 60_000);
}

/** A local date and "HH:MM" on the project's clock → ISO instant. */
export function zonedIso(date: string, hhmm: string, tz: string): string {
  const local = Date.parse(`${date}T${hhmm}:00Z`);
  const first = offsetMinutes(tz, local);
  const guess = local - first * 60_000;
  const second = offsetMinutes(tz, guess);
  return new Date(second === first ? guess : local - second * 60_000).toISOString();
}

const pad = (n: number) => String(n).padStart(2, '0');
/** "HH:MM" of an instant on the project's clock. */
export function hhmm(iso: string, tz: string): string {
  const p = parts(tz, Date.parse(iso));
  return `${pad(p.hour)}:${pad(p.minute)}`;
}
/** "YYYY-MM-DD" of an instant on the project's clock. */
export function localDate(iso: string | number, tz: string): string {
  const p = parts(tz, typeof iso === 'number' ? iso : Date.parse(iso));
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}
/** "MM-DD HH:MM" on the project's clock. */
export function shortDateTime(iso: string, tz = 'Asia/Shanghai'): string {
  const p = parts(tz, Date.parse(iso));
  return `${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

export const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}
export const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

export function minutesText(m: number, t: (zh: string, en: string) => string): string {
  const h = Math.floor(m / 60);
  const r = m % 60;
  return h > 0 ? t(`${h}小时${r ? `${r}分` : ''}`, `${h} h${r ? ` ${r} min` : ''}`) : t(`${r}分钟`, `${r} min`);
}

export const SEVERITY_LABELS = {
  low: { zh: '一般', en: 'Low', color: 'default' },
  medium: { zh: '较大', en: 'Medium', color: 'gold' },
  high: { zh: '重大', en: 'High', color: 'orange' },
  critical: { zh: '特别重大', en: 'Critical', color: 'red' },
} as const;
export const TARGET_LABELS = {
  supervisor: { zh: '接待主管', en: 'Supervisor' },
  operations: { zh: '营运部', en: 'Operations' },
  director: { zh: '客服中心主任', en: 'Center director' },
} as const;
export const DIRECTORY_CATEGORIES = {
  department: { zh: '部门', en: 'Department' },
  staff: { zh: '员工', en: 'Staff' },
  supplier: { zh: '供应商', en: 'Supplier' },
  utility: { zh: '公用事业', en: 'Utility' },
  emergency: { zh: '紧急电话', en: 'Emergency' },
  other: { zh: '其他', en: 'Other' },
} as const;
export const DAY_TYPES = { weekday: { zh: '工作日', en: 'Weekday' }, weekend: { zh: '周末', en: 'Weekend' }, holiday: { zh: '节假日', en: 'Holiday' } } as const;
