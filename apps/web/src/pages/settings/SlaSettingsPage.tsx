/**
 * 服务时限与日历: per project, the SLA targets for every kind × priority (response, arrival for
 * repairs, resolution — in minutes on the working or the 24×7 clock — and the warning share),
 * saved all at once; and the working calendar the working clock runs on: hours per weekday,
 * public holidays and 调休 make-up workdays (the PRC days come pre-filled), and the return-visit
 * settings.
 */
import { useEffect, useMemo, useState } from 'react';
import { App, Alert, Button, Card, DatePicker, Empty, Input, InputNumber, Segmented, Select, Space, Table, Tag, TimePicker, Tooltip, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined, UndoOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { Calendar, SlaPolicies, SlaPolicyEntry, WorkingHours } from '@propdesk/contracts';
import { api, ApiError } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n, type T } from '../../i18n/i18n';
import { label } from '../../i18n/terms';
import { ErrorAlert, PageHeader, ProjectSelect, toastError, useProjects } from '../../components/common';
import { useListParams } from '../../components/list';
import { PRIORITIES, TICKET_KINDS } from '../tickets/labels';

/** 135 → "2:15" */
function hm(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined || Number.isNaN(minutes)) return '';
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

interface Issue {
  path: string;
  message: string;
  messageZh?: string;
}
const issuesOf = (e: unknown): Issue[] => (e instanceof ApiError && Array.isArray(e.details) ? (e.details as Issue[]).filter((d) => typeof d?.path === 'string') : []);
const issueText = (d: Issue, locale: string) => (locale === 'en' ? d.message : (d.messageZh ?? d.message));

export default function SlaSettingsPage() {
  const { t } = useI18n();
  const projects = useProjects();
  const { query, setFilters } = useListParams();
  const projectId = query.projectId ?? projects.data?.items[0]?.id;
  return (
    <div>
      <PageHeader
        title={t('服务时限与日历', 'SLA and calendar')}
        sub={t('工单的响应、上门、完成时限，以及计时所用的工作日历', 'Response, arrival and resolution targets, and the working calendar their clock runs on')}
        extra={<ProjectSelect value={projectId} onChange={(v) => setFilters({ projectId: v })} placeholder={t('选择项目', 'Choose a project')} />}
      />
      {projects.error ? <ErrorAlert error={projects.error} /> : null}
      {!projectId ? (
        projects.isLoading ? null : <Empty description={t('没有可设置的项目', 'No project to set up')} />
      ) : (
        <>
          <PoliciesCard key={`p-${projectId}`} projectId={projectId} />
          <CalendarCard key={`c-${projectId}`} projectId={projectId} />
        </>
      )}
    </div>
  );
}

// ---------------------------------------------------------------- SLA policies

type Row = SlaPolicyEntry & { key: string };
type Field = 'responseMinutes' | 'arrivalMinutes' | 'resolutionMinutes' | 'warnPercent';
const keyOf = (p: { kind: string; priority: string }) => `${p.kind}/${p.priority}`;

/** Problems a row has before it goes to the server (the server checks again). */
function rowProblems(r: Row, t: T): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  const need = t('必填', 'Required');
  if (!r.responseMinutes) out.responseMinutes = need;
  if (!r.resolutionMinutes) out.resolutionMinutes = need;
  if (!r.warnPercent) out.warnPercent = need;
  if (r.responseMinutes && r.resolutionMinutes && r.responseMinutes > r.resolutionMinutes) out.responseMinutes = t('响应时限不能长于完成时限', 'Longer than the resolution target');
  if (r.arrivalMinutes && r.resolutionMinutes && r.arrivalMinutes > r.resolutionMinutes) out.arrivalMinutes = t('上门时限不能长于完成时限', 'Longer than the resolution target');
  return out;
}

function PoliciesCard({ projectId }: { projectId: string }) {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const editable = can('sla.manage');
  const q = useQuery({ queryKey: ['sla-policies', projectId], queryFn: () => api.get<SlaPolicies>('/api/sla-policies', { projectId }) });
  const [rows, setRows] = useState<Row[]>([]);
  const [dirty, setDirty] = useState<Set<string>>(new Set());
  /** Configured rows to hand back to the built-in default on save. */
  const [reset, setReset] = useState<Set<string>>(new Set());
  const [serverIssues, setServerIssues] = useState<{ key: string; field: string; text: string }[]>([]);
  const [saving, setSaving] = useState(false);
  const [tried, setTried] = useState(false);

  const load = (data: SlaPolicies) => {
    setRows(data.policies.map((p) => ({ ...p, key: keyOf(p) })));
    setDirty(new Set());
    setReset(new Set());
    setServerIssues([]);
    setTried(false);
  };
  useEffect(() => {
    if (q.data) load(q.data);
  }, [q.data]);

  const patch = (key: string, p: Partial<Row>) => {
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...p } : r)));
    setDirty((d) => new Set(d).add(key));
    setReset((s) => {
      const n = new Set(s);
      n.delete(key);
      return n;
    });
    setServerIssues((xs) => xs.filter((x) => x.key !== key));
  };

  const problems = useMemo(() => new Map(rows.map((r) => [r.key, rowProblems(r, t)])), [rows, t]);
  const anyProblem = [...problems.values()].some((p) => Object.keys(p).length > 0);
  const changed = dirty.size > 0 || reset.size > 0;

  const save = async () => {
    setTried(true);
    if (anyProblem) {
      message.error(t('请先改正标红的时限', 'Correct the targets marked in red first'));
      return;
    }
    const sent = rows.filter((r) => dirty.has(r.key) || (r.configured && !reset.has(r.key)));
    if (sent.length === 0) {
      message.warning(t('至少要保留一项本项目的时限设置', 'Keep at least one target configured for the project'));
      return;
    }
    setSaving(true);
    try {
      const saved = await api.put<SlaPolicies>('/api/sla-policies', {
        projectId,
        policies: sent.map((r) => ({
          kind: r.kind, priority: r.priority, responseMinutes: r.responseMinutes, arrivalMinutes: r.kind === 'repair' ? (r.arrivalMinutes ?? null) : null,
          resolutionMinutes: r.resolutionMinutes, clock: r.clock, warnPercent: r.warnPercent,
        })),
      });
      qc.setQueryData(['sla-policies', projectId], saved);
      load(saved);
      message.success(t('服务时限已保存，新工单起生效', 'Targets saved: they apply to new tickets'));
    } catch (e) {
      toastError(e, t);
      // body.policies.<i>.<field> → the row that was sent as the i-th.
      setServerIssues(
        issuesOf(e).map((d) => {
          const m = d.path.match(/^body\.policies\.(\d+)(?:\.(\w+))?/);
          const r = m ? sent[Number(m[1])] : undefined;
          return { key: r?.key ?? '', field: m?.[2] ?? '', text: issueText(d, locale) };
        }),
      );
    } finally {
      setSaving(false);
    }
  };

  const cellError = (r: Row, f: Field) => (tried ? problems.get(r.key)?.[f] : undefined) ?? serverIssues.find((x) => x.key === r.key && x.field === f)?.text;
  const rowName = (r: Row) => `${label(TICKET_KINDS, r.kind, locale)} ${label(PRIORITIES, r.priority, locale)}`;

  const minutes = (r: Row, f: 'responseMinutes' | 'arrivalMinutes' | 'resolutionMinutes', name: string, optional = false) => {
    const err = cellError(r, f);
    return (
      <Tooltip title={err} open={err ? undefined : false}>
        <div>
          <InputNumber<number>
            size="small"
            min={1}
            max={525600}
            precision={0}
            style={{ width: 96 }}
            status={err ? 'error' : undefined}
            disabled={!editable}
            value={r[f] ?? null}
            placeholder={optional ? t('不限', 'none') : undefined}
            aria-label={`${rowName(r)} ${name}`}
            onChange={(v) => patch(r.key, { [f]: v ?? null } as Partial<Row>)}
          />
          <div style={{ fontSize: 12, color: err ? '#ff4d4f' : '#8c8c8c' }}>{r[f] ? hm(r[f]) : '\u00a0'}</div>
        </div>
      </Tooltip>
    );
  };

  const columns: TableColumnsType<Row> = [
    {
      title: t('类型', 'Kind'), dataIndex: 'kind', width: 116,
      onCell: (_r, i) => ({ rowSpan: (i ?? 0) % 4 === 0 ? 4 : 0 }),
      render: (k: string) => <Typography.Text strong>{label(TICKET_KINDS, k, locale)}</Typography.Text>,
    },
    { title: t('优先级', 'Priority'), dataIndex: 'priority', width: 80, render: (p: string) => label(PRIORITIES, p, locale) },
    { title: t('响应（分钟）', 'Response (min)'), key: 'response', width: 120, render: (_: unknown, r) => minutes(r, 'responseMinutes', t('响应时限', 'response target')) },
    {
      title: t('上门（分钟）', 'Arrival (min)'), key: 'arrival', width: 120,
      render: (_: unknown, r) => (r.kind === 'repair' ? minutes(r, 'arrivalMinutes', t('上门时限', 'arrival target'), true) : <Typography.Text type="secondary">—</Typography.Text>),
    },
    { title: t('完成（分钟）', 'Resolution (min)'), key: 'resolution', width: 120, render: (_: unknown, r) => minutes(r, 'resolutionMinutes', t('完成时限', 'resolution target')) },
    {
      title: t('计时方式', 'Clock'), dataIndex: 'clock', width: 150,
      render: (c: string, r) => (
        <Select size="small" style={{ width: 140 }} value={c} disabled={!editable} aria-label={`${rowName(r)} ${t('计时方式', 'clock')}`}
          onChange={(v) => patch(r.key, { clock: v as Row['clock'] })}
          options={[
            { value: 'working', label: t('工作时间', 'Working hours') },
            { value: 'calendar', label: t('自然时间 24×7', 'Calendar 24×7') },
          ]} />
      ),
    },
    {
      title: t('预警（%）', 'Warn at (%)'), dataIndex: 'warnPercent', width: 100,
      render: (v: number, r) => {
        const err = cellError(r, 'warnPercent');
        return (
          <InputNumber<number> size="small" min={1} max={99} precision={0} style={{ width: 72 }} value={v} disabled={!editable} status={err ? 'error' : undefined}
            aria-label={`${rowName(r)} ${t('预警比例', 'warning share')}`} onChange={(x) => patch(r.key, { warnPercent: x ?? (null as unknown as number) })} />
        );
      },
    },
    {
      title: t('来源', 'Source'), key: 'source', width: 130,
      render: (_: unknown, r) => {
        if (reset.has(r.key)) return <Tag color="orange">{t('保存后恢复默认', 'Default after saving')}</Tag>;
        if (dirty.has(r.key)) return <Tag color="blue">{t('已修改', 'Changed')}</Tag>;
        if (!r.configured) return <Tag>{t('系统默认', 'Default')}</Tag>;
        return (
          <Space size={4}>
            <Tag color="green">{t('本项目', 'Project')}</Tag>
            {editable && (
              <Tooltip title={t('恢复系统默认', 'Back to the default')}>
                <Button size="small" type="text" icon={<UndoOutlined />} aria-label={t(`${rowName(r)} 恢复默认`, `${rowName(r)}: back to the default`)}
                  onClick={() => setReset((s) => new Set(s).add(r.key))} />
              </Tooltip>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <Card
      title={t('服务时限', 'SLA targets')}
      style={{ marginBottom: 16 }}
      extra={
        editable && (
          <Space>
            <Button disabled={!changed || saving} onClick={() => q.data && load(q.data)}>{t('撤销修改', 'Discard changes')}</Button>
            <Button type="primary" loading={saving} disabled={!changed} onClick={save}>{t('保存时限', 'Save targets')}</Button>
          </Space>
        )
      }
    >
      <Typography.Paragraph type="secondary">
        {t(
          '时限以分钟计（下方显示为 时:分）。“工作时间”按下方工作日历计时，“自然时间”全天候计时。到达预警比例时升级提醒接待主管。全部时限一次保存：任一项有误则都不保存。',
          'Targets are in minutes (shown below as h:mm). "Working hours" counts on the calendar below; "calendar" counts around the clock. At the warning share the reception supervisor is alerted. All targets are saved together: if any is wrong, none is saved.',
        )}
      </Typography.Paragraph>
      <ErrorAlert error={q.error} />
      {serverIssues.length > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} message={t('保存失败，未做任何修改', 'Not saved: nothing was changed')}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {serverIssues.map((x, i) => {
                const r = rows.find((rr) => rr.key === x.key);
                return <li key={i}>{r ? `${rowName(r)}：` : ''}{x.text}</li>;
              })}
            </ul>
          } />
      )}
      <Table<Row> rowKey="key" size="small" bordered loading={q.isLoading} columns={columns} dataSource={rows} pagination={false} scroll={{ x: 920 }} />
    </Card>
  );
}

// ---------------------------------------------------------------- the working calendar

const WEEKDAYS: { wd: keyof WorkingHours; zh: string; en: string }[] = [
  { wd: '1', zh: '周一', en: 'Monday' },
  { wd: '2', zh: '周二', en: 'Tuesday' },
  { wd: '3', zh: '周三', en: 'Wednesday' },
  { wd: '4', zh: '周四', en: 'Thursday' },
  { wd: '5', zh: '周五', en: 'Friday' },
  { wd: '6', zh: '周六', en: 'Saturday' },
  { wd: '0', zh: '周日', en: 'Sunday' },
];

interface DayRow {
  key: string;
  date: string | null;
  type: 'holiday' | 'workday';
  name: string;
  /** Added since the last load: stays at the top while it is being filled in. */
  fresh?: boolean;
}
interface CalendarState {
  workingHours: Record<string, [string, string][]>;
  days: DayRow[];
  visitDueMinutes: number | null;
  visitMaxAttempts: number | null;
}

let dayKeys = 0;
const toState = (c: Calendar): CalendarState => ({
  workingHours: Object.fromEntries(WEEKDAYS.map(({ wd }) => [wd, (c.workingHours[wd] ?? []).map(([a, b]) => [a, b] as [string, string])])),
  days: c.days.map((d) => ({ key: `d${dayKeys++}`, date: d.date, type: d.type, name: d.name ?? '' })),
  visitDueMinutes: c.visitDueMinutes,
  visitMaxAttempts: c.visitMaxAttempts,
});

/** "24:00" (end of day) shows as 00:00 in the picker; an end of 00:00 means 24:00. */
const pickerValue = (hhmm: string) => dayjs(hhmm === '24:00' ? '00:00' : hhmm, 'HH:mm');

function CalendarCard({ projectId }: { projectId: string }) {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const editable = can('sla.manage');
  const q = useQuery({ queryKey: ['calendars', projectId], queryFn: () => api.get<Calendar>(`/api/calendars/${projectId}`) });
  const [s, setS] = useState<CalendarState | null>(null);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const [issues, setIssues] = useState<string[]>([]);
  /** Problems found before sending (nothing went to the server) or the server's answer. */
  const [issuesLocal, setIssuesLocal] = useState(false);
  /** The server's field paths to mark red (body.workingHours.1.0, body.days.3.date). */
  const [badPaths, setBadPaths] = useState<Set<string>>(new Set());
  const thisYear = dayjs().year();
  const [year, setYear] = useState<number>(thisYear);

  useEffect(() => {
    if (q.data) {
      setS(toState(q.data));
      setDirty(false);
      setIssues([]);
    }
  }, [q.data]);

  const update = (fn: (s: CalendarState) => CalendarState) => {
    setS((prev) => (prev ? fn(prev) : prev));
    setDirty(true);
  };
  const setPeriods = (wd: string, periods: [string, string][]) => {
    update((x) => ({ ...x, workingHours: { ...x.workingHours, [wd]: periods } }));
    setBadPaths((b) => new Set([...b].filter((p) => !p.startsWith(`body.workingHours.${wd}`))));
  };
  const setDay = (key: string, p: Partial<DayRow>) => update((x) => ({ ...x, days: x.days.map((d) => (d.key === key ? { ...d, ...p } : d)) }));

  const years = useMemo(() => {
    const ys = new Set<number>([thisYear]);
    for (const d of s?.days ?? []) if (d.date) ys.add(Number(d.date.slice(0, 4)));
    return [...ys].sort();
  }, [s, thisYear]);
  const shownDays = useMemo(
    () =>
      (s?.days ?? [])
        .filter((d) => d.fresh || !d.date || Number(d.date.slice(0, 4)) === year)
        .sort((a, b) => Number(!!b.fresh) - Number(!!a.fresh) || (a.date ?? '').localeCompare(b.date ?? '')),
    [s, year],
  );

  if (!s) return <Card title={t('工作日历', 'Working calendar')} loading={q.isLoading}><ErrorAlert error={q.error} /></Card>;

  const duplicateDates = new Set(s.days.map((d) => d.date).filter((d, i, all) => d && all.indexOf(d) !== i));
  const weekdayName = (wd: string) => {
    const w = WEEKDAYS.find((x) => x.wd === wd);
    return w ? (locale === 'en' ? w.en : w.zh) : wd;
  };
  /** body.workingHours.1.0 → "周一 第 1 段"; body.days.3.date → the date. */
  const where = (path: string, sent: DayRow[]) => {
    let m = path.match(/^body\.workingHours\.(\d)(?:\.(\d+))?/);
    if (m) return m[2] !== undefined ? t(`${weekdayName(m[1]!)} 第 ${Number(m[2]) + 1} 段：`, `${weekdayName(m[1]!)}, period ${Number(m[2]) + 1}: `) : `${weekdayName(m[1]!)}：`;
    m = path.match(/^body\.days\.(\d+)/);
    if (m) return `${sent[Number(m[1])]?.date ?? ''}：`;
    return '';
  };

  const save = async () => {
    const missing = s.days.filter((d) => !d.date);
    const local: string[] = [];
    if (missing.length) local.push(t('有日期未填写', 'A day has no date'));
    if (duplicateDates.size) local.push(t(`日期重复：${[...duplicateDates].join('、')}`, `Dates listed twice: ${[...duplicateDates].join(', ')}`));
    if (!s.visitDueMinutes) local.push(t('请填写回访时限', 'Set the return-visit time'));
    if (!s.visitMaxAttempts) local.push(t('请填写最多回访次数', 'Set the maximum visit attempts'));
    if (local.length) {
      setIssues(local);
      setIssuesLocal(true);
      return;
    }
    setIssuesLocal(false);
    const sent = [...s.days].sort((a, b) => a.date!.localeCompare(b.date!));
    setSaving(true);
    try {
      const saved = await api.put<Calendar>(`/api/calendars/${projectId}`, {
        workingHours: s.workingHours,
        days: sent.map((d) => ({ date: d.date!, type: d.type, name: d.name.trim() || null })),
        visitDueMinutes: s.visitDueMinutes,
        visitMaxAttempts: s.visitMaxAttempts,
      });
      qc.setQueryData(['calendars', projectId], saved);
      setBadPaths(new Set());
      message.success(t('工作日历已保存', 'Calendar saved'));
    } catch (e) {
      toastError(e, t);
      const list = issuesOf(e).map((d) => `${where(d.path, sent)}${issueText(d, locale)}`);
      setBadPaths(new Set(issuesOf(e).map((d) => d.path)));
      setIssues(list.length ? list : [e instanceof ApiError ? e.message : t('保存失败', 'Not saved')]);
    } finally {
      setSaving(false);
    }
  };

  const dayColumns: TableColumnsType<DayRow> = [
    {
      title: t('日期', 'Date'), dataIndex: 'date', width: 200,
      render: (v: string | null, d) => (
        <Space>
          <DatePicker size="small" value={v ? dayjs(v) : null} allowClear={false} disabled={!editable} status={!v || duplicateDates.has(v) ? 'error' : undefined}
            aria-label={t('日期', 'Date')} onChange={(x) => x && setDay(d.key, { date: x.format('YYYY-MM-DD') })} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{v ? dayjs(v).format('ddd') : ''}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('类型', 'Type'), dataIndex: 'type', width: 170,
      render: (v: DayRow['type'], d) => (
        <Select size="small" style={{ width: 150 }} value={v} disabled={!editable} aria-label={t('类型', 'Type')} onChange={(x) => setDay(d.key, { type: x })}
          options={[
            { value: 'holiday', label: t('节假日（休息）', 'Holiday (off)') },
            { value: 'workday', label: t('调休上班', 'Make-up workday') },
          ]} />
      ),
    },
    {
      title: t('名称', 'Name'), dataIndex: 'name',
      render: (v: string, d) => <Input size="small" value={v} maxLength={60} disabled={!editable} aria-label={t('名称', 'Name')} placeholder={t('如：春节', 'e.g. Spring Festival')} onChange={(e) => setDay(d.key, { name: e.target.value })} />,
    },
    {
      title: '', key: 'x', width: 48,
      render: (_: unknown, d) =>
        editable && (
          <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t(`删除 ${d.date ?? ''}`, `Remove ${d.date ?? ''}`)}
            onClick={() => update((x) => ({ ...x, days: x.days.filter((y) => y.key !== d.key) }))} />
        ),
    },
  ];

  return (
    <Card
      title={t('工作日历', 'Working calendar')}
      extra={
        editable && (
          <Space>
            <Button disabled={!dirty || saving} onClick={() => q.data && (setS(toState(q.data)), setDirty(false), setIssues([]))}>{t('撤销修改', 'Discard changes')}</Button>
            <Button type="primary" loading={saving} disabled={!dirty} onClick={save}>{t('保存日历', 'Save the calendar')}</Button>
          </Space>
        )
      }
    >
      {issues.length > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }}
          message={issuesLocal ? t('请先改正以下问题再保存', 'Correct these before saving') : t('保存失败，未做任何修改', 'Not saved: nothing was changed')}
          description={<ul style={{ margin: 0, paddingLeft: 18 }}>{issues.map((x, i) => <li key={i}>{x}</li>)}</ul>} />
      )}
      <Typography.Title level={5} style={{ marginTop: 0 }}>{t('每周上班时间', 'Working hours per weekday')}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t(`时区 ${q.data?.timezone ?? ''}。结束时间 00:00 表示当天 24:00。`, `Time zone ${q.data?.timezone ?? ''}. An end of 00:00 means midnight (24:00).`)}
      </Typography.Paragraph>
      <div style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '10px 16px', alignItems: 'center', marginBottom: 24 }}>
        {WEEKDAYS.map(({ wd }) => {
          const periods = s.workingHours[wd] ?? [];
          const name = weekdayName(wd);
          return [
            <Typography.Text key={`l${wd}`} strong>{name}</Typography.Text>,
            <Space key={`p${wd}`} wrap size={[12, 8]} data-testid={`weekday-${wd}`}>
              {periods.length === 0 && <Tag>{t('休息', 'Off')}</Tag>}
              {periods.map(([from, to], i) => (
                <Space.Compact key={i}>
                  <TimePicker size="small" format="HH:mm" minuteStep={5} needConfirm={false} allowClear={false} disabled={!editable} value={pickerValue(from)} status={badPaths.has(`body.workingHours.${wd}.${i}`) ? 'error' : undefined}
                    aria-label={t(`${name} 第 ${i + 1} 段开始`, `${name} period ${i + 1} from`)}
                    onChange={(v) => v && setPeriods(wd, periods.map((p, j) => (j === i ? [v.format('HH:mm'), p[1]] : p)))} style={{ width: 80 }} />
                  <TimePicker size="small" format="HH:mm" minuteStep={5} needConfirm={false} allowClear={false} disabled={!editable} value={pickerValue(to)} status={badPaths.has(`body.workingHours.${wd}.${i}`) ? 'error' : undefined}
                    aria-label={t(`${name} 第 ${i + 1} 段结束`, `${name} period ${i + 1} to`)}
                    onChange={(v) => v && setPeriods(wd, periods.map((p, j) => (j === i ? [p[0], v.format('HH:mm') === '00:00' ? '24:00' : v.format('HH:mm')] : p)))} style={{ width: 80 }} />
                  {editable && (
                    <Button size="small" icon={<DeleteOutlined />} aria-label={t(`删除${name}第 ${i + 1} 段`, `Remove ${name} period ${i + 1}`)}
                      onClick={() => setPeriods(wd, periods.filter((_, j) => j !== i))} />
                  )}
                </Space.Compact>
              ))}
              {editable && periods.length < 4 && (
                <Button size="small" type="dashed" icon={<PlusOutlined />} aria-label={t(`${name}添加时段`, `Add a period on ${name}`)}
                  onClick={() => {
                    const last = periods[periods.length - 1];
                    const next: [string, string] = last ? [last[1] === '24:00' ? '23:00' : last[1], '24:00'] : ['08:30', '17:30'];
                    setPeriods(wd, [...periods, next]);
                  }}>
                  {t('添加时段', 'Add a period')}
                </Button>
              )}
            </Space>,
          ];
        })}
      </div>

      <Typography.Title level={5}>{t('节假日与调休', 'Holidays and make-up workdays (调休)')}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t(
          '已预填国务院公布的法定节假日与调休上班日；可按项目增删。节假日不计工作时间，调休上班日按工作日计。',
          'The State Council\'s public holidays and make-up workdays come pre-filled; add or remove days for this project. Holidays are not working time; make-up workdays count as working days.',
        )}
      </Typography.Paragraph>
      <Space style={{ marginBottom: 8 }} wrap>
        <Segmented value={year} onChange={(v) => setYear(Number(v))} options={years.map((y) => ({ value: y, label: String(y) }))} aria-label={t('年份', 'Year')} />
        {editable && (
          <Button icon={<PlusOutlined />} onClick={() => update((x) => ({ ...x, days: [{ key: `d${dayKeys++}`, date: null, type: 'holiday', name: '', fresh: true }, ...x.days] }))}>
            {t('添加日期', 'Add a day')}
          </Button>
        )}
      </Space>
      <Table<DayRow> rowKey="key" size="small" columns={dayColumns} dataSource={shownDays} pagination={false} scroll={{ x: 560, y: 360 }}
        locale={{ emptyText: t('本年没有节假日或调休', 'No holidays or make-up days this year') }} style={{ marginBottom: 24 }} />

      <Typography.Title level={5}>{t('回访', 'Return visits')}</Typography.Title>
      <Space size={32} wrap align="start">
        <div>
          <label htmlFor="visitDueMinutes" style={{ display: 'block', marginBottom: 4 }}>{t('回访时限（工作分钟）', 'Visit due within (working minutes)')}</label>
          <InputNumber<number> id="visitDueMinutes" min={1} max={525600} precision={0} disabled={!editable} value={s.visitDueMinutes} style={{ width: 140 }}
            onChange={(v) => update((x) => ({ ...x, visitDueMinutes: v ?? null }))} />
          <div style={{ fontSize: 12, color: '#8c8c8c' }}>{hm(s.visitDueMinutes)} {t('（办结后）', '(after resolution)')}</div>
        </div>
        <div>
          <label htmlFor="visitMaxAttempts" style={{ display: 'block', marginBottom: 4 }}>{t('最多回访次数', 'Maximum visit attempts')}</label>
          <InputNumber<number> id="visitMaxAttempts" min={1} max={10} precision={0} disabled={!editable} value={s.visitMaxAttempts} style={{ width: 140 }}
            onChange={(v) => update((x) => ({ ...x, visitMaxAttempts: v ?? null }))} />
          <div style={{ fontSize: 12, color: '#8c8c8c' }}>{t('无法联系时重试的上限', 'Retries when the resident cannot be reached')}</div>
        </div>
      </Space>
    </Card>
  );
}
