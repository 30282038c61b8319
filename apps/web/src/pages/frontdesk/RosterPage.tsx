/**
 * The duty roster (排班): a grid of people × days with their shifts, the coverage gaps (空岗) of the
 * shown range drawn under it, the rest-day rule's warnings, and planning several days at once.
 */
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Button, Form, Input, Modal, Popconfirm, Segmented, Select, Space, Table, Tag, Tooltip, Typography, message } from 'antd';
import { DeleteOutlined, LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Coverage, Desk, Page, Shift } from '@propdesk/contracts';
import { api, ApiError } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { ErrorAlert, PageHeader, toastError } from '../../components/common';
import { useI18n } from '../../i18n/i18n';
import { addDays, datesBetween, DAY_TYPES, DeskSelect, hhmm, localDate, minutesText, useDesks, useDeskStaff, weekdayOf, zonedIso } from './shared';

interface RestCheck {
  maxConsecutiveDays: number;
  violations: { userId: string; userName: string | null; from: string; to: string; days: number; suggestedRestDate: string }[];
}

function monthRange(anchor: string) {
  const from = `${anchor.slice(0, 7)}-01`;
  const next = new Date(Date.UTC(Number(anchor.slice(0, 4)), Number(anchor.slice(5, 7)), 1)).toISOString().slice(0, 10);
  return { from, to: addDays(next, -1) };
}
function weekRange(anchor: string) {
  const back = (weekdayOf(anchor) + 6) % 7; // Monday first
  const from = addDays(anchor, -back);
  return { from, to: addDays(from, 6) };
}

export default function RosterPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const desks = useDesks();
  const deskId = params.get('deskId') ?? undefined;
  const desk: Desk | undefined = desks.data?.items.find((d) => d.id === deskId);
  const tz = desk?.timezone ?? 'Asia/Shanghai';
  const view = params.get('view') === 'week' ? 'week' : 'month';
  const anchor = params.get('date') ?? localDate(Date.now(), tz);
  const { from, to } = view === 'week' ? weekRange(anchor) : monthRange(anchor);
  const dates = datesBetween(from, to);
  const set = (patch: Record<string, string>) => setParams((p) => { const n = new URLSearchParams(p); for (const [k, v] of Object.entries(patch)) n.set(k, v); return n; });
  const manage = can('desk.manage');
  const [planning, setPlanning] = useState<{ userId?: string; dates: string[] } | null>(null);

  const shifts = useQuery({
    queryKey: ['shifts', deskId, from, to],
    queryFn: () => api.get<Page<Shift>>('/api/shifts', { deskId, from, to, pageSize: 200 }),
    enabled: !!deskId,
  });
  const coverage = useQuery({ queryKey: ['coverage', deskId, from, to], queryFn: () => api.get<Coverage>(`/api/desks/${deskId}/coverage`, { from, to }), enabled: !!deskId });
  const rest = useQuery({ queryKey: ['rest-check', deskId, from, to], queryFn: () => api.get<RestCheck>(`/api/desks/${deskId}/rest-check`, { from, to }), enabled: !!deskId });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['shifts'] });
    void qc.invalidateQueries({ queryKey: ['coverage'] });
    void qc.invalidateQueries({ queryKey: ['rest-check'] });
  };
  const remove = useMutation({ mutationFn: (id: string) => api.delete(`/api/shifts/${id}`), onSuccess: refresh, onError: (e) => toastError(e, t) });

  const people = useMemo(() => {
    const m = new Map<string, string>();
    for (const s of shifts.data?.items ?? []) m.set(s.userId, s.userName ?? s.userId);
    return [...m.entries()].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'zh'));
  }, [shifts.data]);
  const gapsByDate = useMemo(() => {
    const m = new Map<string, { start: string; end: string; minutes: number }[]>();
    for (const g of coverage.data?.gaps ?? []) {
      const d = localDate(g.start, tz);
      m.set(d, [...(m.get(d) ?? []), g]);
    }
    return m;
  }, [coverage.data, tz]);
  const dayType = new Map((coverage.data?.days ?? []).map((d) => [d.date, d.dayType]));
  const gapMinutes = (coverage.data?.gaps ?? []).reduce((n, g) => n + g.minutes, 0);
  const step = (n: number) => set({ date: view === 'week' ? addDays(from, 7 * n) : addDays(monthRange(addDays(from, n > 0 ? 32 : -1)).from, 0) });

  type Row = { key: string; name: string; gapRow?: boolean };
  const rows: Row[] = [...people.map((p) => ({ key: p.id, name: p.name })), { key: '__gaps', name: t('空岗', 'Gaps'), gapRow: true }];

  return (
    <>
      <PageHeader
        title={t('排班', 'Duty roster')}
        sub={t('营业时间内不允许空岗；临时离岗须有人代岗', 'No empty post during opening hours; a short absence needs a cover')}
        extra={manage && deskId && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setPlanning({ dates })}>
            {t('排班', 'Plan shifts')}
          </Button>
        )}
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <DeskSelect value={deskId} onChange={(v) => set({ deskId: v })} />
        <Segmented
          value={view}
          onChange={(v) => set({ view: String(v) })}
          options={[{ value: 'month', label: t('月', 'Month') }, { value: 'week', label: t('周', 'Week') }]}
        />
        <Button icon={<LeftOutlined />} onClick={() => step(-1)} aria-label={view === 'week' ? t('上一周', 'Previous week') : t('上个月', 'Previous month')} />
        <Typography.Text strong data-testid="roster-range">{from} ~ {to}</Typography.Text>
        <Button icon={<RightOutlined />} onClick={() => step(1)} aria-label={view === 'week' ? t('下一周', 'Next week') : t('下个月', 'Next month')} />
        <Button onClick={() => set({ date: localDate(Date.now(), tz) })}>{t('今天', 'Today')}</Button>
      </Space>
      <ErrorAlert error={shifts.error ?? coverage.error} />
      {coverage.data && (
        <Alert
          data-testid="coverage-summary"
          style={{ marginBottom: 12 }}
          showIcon
          type={coverage.data.gaps.length === 0 ? 'success' : 'warning'}
          message={coverage.data.gaps.length === 0
            ? t(`无空岗：营业 ${minutesText(coverage.data.openMinutes, t)} 全部有人值守`, `No gaps: all ${minutesText(coverage.data.openMinutes, t)} of opening hours are covered`)
            : t(`空岗 ${coverage.data.gaps.length} 处，共 ${minutesText(gapMinutes, t)}（营业 ${minutesText(coverage.data.openMinutes, t)}，已覆盖 ${minutesText(coverage.data.coveredMinutes, t)}）`,
              `${coverage.data.gaps.length} gaps, ${minutesText(gapMinutes, t)} in all (open ${minutesText(coverage.data.openMinutes, t)}, covered ${minutesText(coverage.data.coveredMinutes, t)})`)}
        />
      )}
      {rest.data && rest.data.violations.length > 0 && (
        <Alert
          style={{ marginBottom: 12 }}
          type="error"
          showIcon
          message={t(`违反休息规定（连续上班不超过 ${rest.data.maxConsecutiveDays} 天）`, `Rest-day rule broken (at most ${rest.data.maxConsecutiveDays} days in a row)`)}
          description={rest.data.violations.map((v) => (
            <div key={`${v.userId}${v.from}`}>
              {t(`${v.userName}：${v.from} 至 ${v.to} 连续 ${v.days} 天，建议 ${v.suggestedRestDate} 休息`, `${v.userName}: ${v.days} days from ${v.from} to ${v.to}; proposed rest day ${v.suggestedRestDate}`)}
            </div>
          ))}
        />
      )}
      <Table<Row>
        rowKey="key"
        size="small"
        bordered
        pagination={false}
        loading={shifts.isFetching}
        dataSource={rows}
        scroll={{ x: 120 + dates.length * 96 }}
        columns={[
          { title: t('人员', 'Person'), dataIndex: 'name', key: 'name', fixed: 'left', width: 110, render: (v: string, r) => (r.gapRow ? <Typography.Text type="danger" strong>{v}</Typography.Text> : v) },
          ...dates.map((date) => ({
            key: date,
            width: 96,
            title: (
              <div style={{ textAlign: 'center', lineHeight: 1.2 }}>
                <div>{date.slice(5)}</div>
                <Typography.Text type={dayType.get(date) === 'weekday' ? 'secondary' : 'warning'} style={{ fontSize: 11 }}>
                  {dayType.get(date) ? (locale === 'en' ? DAY_TYPES[dayType.get(date)!].en : DAY_TYPES[dayType.get(date)!].zh) : ''}
                </Typography.Text>
              </div>
            ),
            render: (_: unknown, r: Row) => {
              if (r.gapRow) {
                const gaps = gapsByDate.get(date) ?? [];
                return gaps.length === 0 ? <Tag color="success">{t('满岗', 'Covered')}</Tag> : gaps.map((g) => (
                  <Tooltip key={g.start} title={minutesText(g.minutes, t)}>
                    <Tag color="error" data-testid="gap" style={{ marginBottom: 2 }}>{hhmm(g.start, tz)}–{hhmm(g.end, tz)}</Tag>
                  </Tooltip>
                ));
              }
              const own = (shifts.data?.items ?? []).filter((s) => s.userId === r.key && s.date === date);
              return (
                <div onDoubleClick={() => manage && setPlanning({ userId: r.key, dates: [date] })}>
                  {own.map((s) => (
                    <Tag key={s.id} color="blue" style={{ marginBottom: 2 }}>
                      {hhmm(s.startAt, tz)}–{hhmm(s.endAt, tz)}{localDate(s.endAt, tz) !== s.date ? t('(次日)', '(+1)') : ''}
                      {manage && (
                        <Popconfirm title={t('删除这个班次？', 'Delete this shift?')} onConfirm={() => remove.mutate(s.id)}>
                          <DeleteOutlined style={{ marginLeft: 4 }} aria-label={t('删除班次', 'Delete shift')} />
                        </Popconfirm>
                      )}
                    </Tag>
                  ))}
                </div>
              );
            },
          })),
        ]}
      />
      {planning && desk && (
        <PlanDialog desk={desk} dates={dates} initial={planning} onClose={() => setPlanning(null)} onSaved={() => { setPlanning(null); refresh(); }} />
      )}
    </>
  );
}

interface PlanValues {
  userId: string;
  dates: string[];
  start: string;
  end: string;
}

/** Plans one shift for a person on each chosen day; an end at or before the start runs into the next day. */
function PlanDialog(props: { desk: Desk; dates: string[]; initial: { userId?: string; dates: string[] }; onClose(): void; onSaved(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<PlanValues>();
  const staff = useDeskStaff(props.desk.id);
  const [saving, setSaving] = useState(false);
  const start = Form.useWatch('start', form);
  const end = Form.useWatch('end', form);
  const overnight = /^\d{2}:\d{2}$/.test(start ?? '') && /^\d{2}:\d{2}$/.test(end ?? '') && end! <= start!;
  const time = [{ required: true, message: t('请填写时间', 'Enter a time') }, { pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: t('格式 HH:MM，如 09:30', 'Format HH:MM, e.g. 09:30') }];

  async function submit(v: PlanValues) {
    setSaving(true);
    let done = 0;
    try {
      for (const date of [...v.dates].sort()) {
        const startAt = zonedIso(date, v.start, props.desk.timezone);
        const endAt = zonedIso(v.end <= v.start ? addDays(date, 1) : date, v.end, props.desk.timezone);
        await api.post('/api/shifts', { deskId: props.desk.id, userId: v.userId, startAt, endAt });
        done++;
      }
      message.success(t(`已排 ${done} 个班次`, `${done} shifts planned`));
      props.onSaved();
    } catch (e) {
      if (e instanceof ApiError && done > 0) message.warning(t(`已排 ${done} 个班次，其余未排`, `${done} shifts planned, the rest not`));
      toastError(e, t);
      if (done > 0) props.onSaved();
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal open title={t('排班', 'Plan shifts')} onCancel={props.onClose} okText={t('保存', 'Save')} cancelText={t('取消', 'Cancel')} confirmLoading={saving} onOk={() => form.submit()} destroyOnHidden>
      <Form form={form} layout="vertical" name="plan" initialValues={{ userId: props.initial.userId, dates: props.initial.dates, start: '09:30', end: '16:00' }} onFinish={submit}>
        <Form.Item name="userId" label={t('值班人员', 'Person on duty')} rules={[{ required: true, message: t('请选择值班人员', 'Choose a person') }]}>
          <Select showSearch optionFilterProp="label" options={(staff.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name}${s.position ? `（${s.position}）` : ''}` }))} />
        </Form.Item>
        <Form.Item name="dates" label={t('日期', 'Dates')} rules={[{ required: true, message: t('请选择日期', 'Choose the dates') }]}>
          <Select mode="multiple" options={props.dates.map((d) => ({ value: d, label: d }))} maxTagCount="responsive" />
        </Form.Item>
        <Space>
          <Form.Item name="start" label={t('上班', 'Start')} rules={time}>
            <Input placeholder="09:30" style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="end" label={t('下班', 'End')} rules={time} extra={overnight ? t('次日下班（跨零点）', 'Ends the next day (crosses midnight)') : undefined}>
            <Input placeholder="16:00" style={{ width: 120 }} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
