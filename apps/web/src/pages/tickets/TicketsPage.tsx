/**
 * 工单: every request, with the work queues (mine, unassigned, overdue, due today, awaiting
 * return visit, escalated) as tabs with their counts; filters, server-side sort and paging in
 * the URL; export of the filtered list to .xlsx.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { Badge, Button, Card, Checkbox, DatePicker, Input, Select, Space, Table, Tabs, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, PhoneOutlined, SearchOutlined, WarningFilled } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { Page, Team, TicketSummary } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { options } from '../../i18n/terms';
import { ErrorAlert, PageHeader, ProjectSelect, useProjects } from '../../components/common';
import { useListParams } from '../../components/list';
import { CHANNELS, OUTCOMES, PRIORITIES, QUEUES, TICKET_KINDS, TICKET_STATUSES } from './labels';
import { DueCell, KindTag, OPEN_STATUSES, OutcomeTag, placeOf, PriorityTag, StatusTag, useTicketCounts, type QueueCounts } from './bits';

/** Digits only are a phone tail; anything else (a number like BX-…, words) is searched as text. */
function searchFilters(text: string): { q?: string; phoneTail?: string } {
  const s = text.trim();
  if (/^\d{1,11}$/.test(s)) return { phoneTail: s, q: undefined };
  return { q: s || undefined, phoneTail: undefined };
}

const QUEUE_ORDER = ['mine', 'unassigned', 'overdue', 'due_today', 'awaiting_visit', 'escalated'] as const;

export default function TicketsPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const projects = useProjects();
  const { query, setFilters, onTableChange, pagination, sortOrder } = useListParams({ sort: '-createdAt' });
  const counts = useTicketCounts(query.projectId);

  // The search box applies itself a moment after typing stops, and at once on Enter.
  const applied = query.phoneTail ?? query.q ?? '';
  const [text, setText] = useState(applied);
  const appliedRef = useRef(applied);
  appliedRef.current = applied;
  useEffect(() => {
    if (text.trim() === appliedRef.current) return;
    const h = setTimeout(() => setFilters(searchFilters(text)), 400);
    return () => clearTimeout(h);
  }, [text, setFilters]);
  useEffect(() => setText((cur) => (cur.trim() === applied ? cur : applied)), [applied]);

  const list = useQuery({
    queryKey: ['tickets', 'list', query],
    queryFn: () => api.get<Page<TicketSummary>>('/api/tickets', query),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
  const teams = useQuery({
    queryKey: ['teams', 'project', query.projectId ?? 'all'],
    queryFn: () => api.get<Page<Team>>('/api/teams', { projectId: query.projectId, pageSize: 200 }),
    enabled: can('teams.read'),
    staleTime: 60_000,
  });
  const { page: _p, pageSize: _s, ...exportQuery } = query;
  const manyProjects = (projects.data?.items.length ?? 0) > 1;
  const statuses = query.status ? query.status.split(',') : [];
  const queue = query.queue ?? 'all';

  const columns: TableColumnsType<TicketSummary> = [
    {
      title: t('工单号', 'Number'),
      dataIndex: 'number',
      key: 'number',
      sorter: true,
      sortOrder: sortOrder('number'),
      fixed: 'left',
      width: 150,
      render: (v: string, r) => (
        <Link to={`/tickets/${r.id}`} state={{ back: location.search }} onClick={(e) => e.stopPropagation()} style={{ fontWeight: 500, fontSize: 13, fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}>
          {v}
        </Link>
      ),
    },
    { title: t('类型', 'Kind'), dataIndex: 'kind', key: 'kind', sorter: true, sortOrder: sortOrder('kind'), width: 72, render: (v: string) => <KindTag kind={v} /> },
    {
      title: t('状态', 'Status'),
      dataIndex: 'status',
      key: 'status',
      sorter: true,
      sortOrder: sortOrder('status'),
      width: 96,
      render: (v: string, r) => (
        <Space size={2} orientation="vertical">
          <StatusTag status={v} />
          {r.satisfaction && <OutcomeTag outcome={r.satisfaction} />}
        </Space>
      ),
    },
    { title: t('优先级', 'Priority'), dataIndex: 'priority', key: 'priority', sorter: true, sortOrder: sortOrder('priority'), width: 76, render: (v: string) => <PriorityTag priority={v} /> },
    {
      title: t('标题', 'Title'),
      dataIndex: 'title',
      key: 'title',
      ellipsis: { showTitle: false },
      render: (v: string, r) => (
        <Tooltip title={v} placement="topLeft">
          {r.major && (
            <Tag color="red" style={{ marginRight: 4 }}>
              {t('重大', 'Major')}
            </Tag>
          )}
          {r.categoryName && <Typography.Text type="secondary">[{r.categoryName}] </Typography.Text>}
          {v}
        </Tooltip>
      ),
    },
    {
      title: t('报事人/房屋', 'Requester / place'),
      key: 'requester',
      width: 150,
      render: (_: unknown, r) => (
        <div style={{ lineHeight: 1.3 }}>
          <div>
            {r.requesterName ?? '—'}
            {r.requesterPhone && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {' '}
                {r.requesterPhone}
              </Typography.Text>
            )}
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
            {placeOf(r, t)}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('班组/维修人员', 'Team / technician'),
      key: 'team',
      width: 100,
      render: (_: unknown, r) =>
        r.teamName ? (
          <div style={{ lineHeight: 1.3 }}>
            <div>{r.teamName}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.technicianName ?? t('待指派', 'unassigned')}
            </Typography.Text>
          </div>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    ...(manyProjects ? [{ title: t('项目', 'Project'), dataIndex: 'projectName', key: 'project', width: 120, ellipsis: true }] : []),
    {
      title: t('受理时间', 'Created'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      sorter: true,
      sortOrder: sortOrder('createdAt'),
      width: 96,
      render: (v: string) => <Tooltip title={dayjs(v).format('YYYY-MM-DD HH:mm')}>{dayjs(v).format('MM-DD HH:mm')}</Tooltip>,
    },
    {
      title: t('完成时限', 'Due'),
      key: 'dueAt',
      sorter: true,
      sortOrder: sortOrder('dueAt'),
      width: 112,
      render: (_: unknown, r) =>
        r.status === 'resolved' && r.visitDueAt ? (
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('回访', 'Visit')}
            </Typography.Text>
            <DueCell due={r.visitDueAt} running />
          </div>
        ) : (
          <DueCell due={r.dueAt.resolution} running={OPEN_STATUSES.includes(r.status)} overdue={r.overdue} />
        ),
    },
    {
      title: t('升级', 'Esc.'),
      dataIndex: 'escalationLevel',
      key: 'escalationLevel',
      sorter: true,
      sortOrder: sortOrder('escalationLevel'),
      width: 66,
      align: 'center',
      render: (v: number) => (v > 0 ? <Tag color={v >= 2 ? 'red' : 'orange'} icon={<WarningFilled />}>{`L${v}`}</Tag> : <Typography.Text type="secondary">—</Typography.Text>),
    },
  ];

  const tabItems = useMemo(
    () => [
      { key: 'all', label: t('全部', 'All') },
      ...QUEUE_ORDER.map((q) => ({
        key: q,
        label: (
          <Space size={6}>
            {locale === 'en' ? QUEUES[q]![1] : QUEUES[q]![0]}
            <Badge
              count={(counts.data as QueueCounts | undefined)?.[q] ?? 0}
              showZero
              overflowCount={999}
              color={q === 'overdue' || q === 'escalated' ? ((counts.data?.[q] ?? 0) > 0 ? 'red' : '#bfbfbf') : (counts.data?.[q] ?? 0) > 0 ? 'blue' : '#bfbfbf'}
              size="small"
            />
          </Space>
        ),
      })),
    ],
    [counts.data, locale, t],
  );

  const range = query.createdFrom || query.createdTo ? ([query.createdFrom ? dayjs(query.createdFrom) : null, query.createdTo ? dayjs(query.createdTo).subtract(1, 'day') : null] as const) : null;

  return (
    <div>
      <PageHeader
        title={t('工单', 'Tickets')}
        extra={
          <>
            <Button icon={<DownloadOutlined />} onClick={() => api.download('/api/tickets/export', exportQuery)}>
              {t('导出', 'Export')}
            </Button>
            {can('tickets.create') && (
              <Button type="primary" icon={<PhoneOutlined />} onClick={() => navigate('/tickets/new')}>
                {t('电话受理', 'Phone intake')}
              </Button>
            )}
          </>
        }
      />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs activeKey={queue} onChange={(k) => setFilters({ queue: k === 'all' ? undefined : k })} items={tabItems} />
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, marginBottom: 12 }}>
          <Input.Search
            allowClear
            aria-label={t('搜索工单', 'Search tickets')}
            placeholder={t('工单号 / 电话尾号 / 关键字', 'Number / phone tail / words')}
            enterButton={<SearchOutlined />}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => setFilters(searchFilters(v))}
            style={{ flex: '1 1 240px', maxWidth: 340 }}
          />
          <Select
            allowClear
            aria-label={t('类型', 'Kind')}
            placeholder={t('类型', 'Kind')}
            style={{ width: 110 }}
            value={query.kind}
            options={options(TICKET_KINDS, locale)}
            onChange={(v) => setFilters({ kind: v })}
          />
          <Select
            mode="multiple"
            allowClear
            maxTagCount="responsive"
            aria-label={t('状态', 'Status')}
            placeholder={t('状态', 'Status')}
            style={{ width: 180 }}
            value={statuses}
            options={options(TICKET_STATUSES, locale)}
            onChange={(v: string[]) => setFilters({ status: v.length ? v.join(',') : undefined })}
          />
          <Select allowClear aria-label={t('来源', 'Channel')} placeholder={t('来源', 'Channel')} style={{ width: 100 }} value={query.channel} options={options(CHANNELS, locale)} onChange={(v) => setFilters({ channel: v })} />
          <Select allowClear aria-label={t('优先级', 'Priority')} placeholder={t('优先级', 'Priority')} style={{ width: 100 }} value={query.priority} options={options(PRIORITIES, locale)} onChange={(v) => setFilters({ priority: v })} />
          {manyProjects && <ProjectSelect allowClear value={query.projectId} onChange={(v) => setFilters({ projectId: v, teamId: undefined })} style={{ minWidth: 140 }} />}
          {can('teams.read') && (
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              aria-label={t('班组', 'Team')}
              placeholder={t('班组', 'Team')}
              style={{ width: 130 }}
              value={query.teamId}
              options={(teams.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
              onChange={(v) => setFilters({ teamId: v })}
            />
          )}
          <DatePicker.RangePicker
            aria-label={t('受理日期', 'Created between')}
            placeholder={[t('受理自', 'Created from'), t('至', 'to')]}
            style={{ width: 240 }}
            value={range as never}
            onChange={(v) =>
              setFilters({
                createdFrom: v?.[0] ? v[0].startOf('day').toISOString() : undefined,
                createdTo: v?.[1] ? v[1].add(1, 'day').startOf('day').toISOString() : undefined,
              })
            }
          />
          <Select
            allowClear
            aria-label={t('回访结果', 'Satisfaction')}
            placeholder={t('回访结果', 'Satisfaction')}
            style={{ width: 130 }}
            value={query.satisfaction}
            options={options(OUTCOMES, locale)}
            onChange={(v) => setFilters({ satisfaction: v })}
          />
          <Checkbox checked={query.overdue === 'true'} onChange={(e) => setFilters({ overdue: e.target.checked ? 'true' : undefined })}>
            {t('仅超时', 'Overdue only')}
          </Checkbox>
        </div>
        <ErrorAlert error={list.error} />
        <Table<TicketSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          pagination={pagination(list.data?.total)}
          onChange={onTableChange as never}
          onRow={(r) => ({ onClick: () => navigate(`/tickets/${r.id}`, { state: { back: location.search } }), style: { cursor: 'pointer' } })}
          locale={{ emptyText: t('没有符合条件的工单', 'No ticket matches') }}
          scroll={{ x: 1060 }}
        />
      </Card>
    </div>
  );
}
