import { Link } from 'react-router';
import { Button, DatePicker, Input, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import type { AuditEntry, Page } from '@propdesk/contracts';
import { api } from '../../api/client';
import { ErrorAlert, PageHeader } from '../../components/common';
import { useListParams } from '../../components/list';
import { useI18n } from '../../i18n/i18n';
import { formatInstant } from '../users/format';
import { actionLabel, AUDIT_ENTITIES, entityLabel, entityPath } from './auditLabels';

function show(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** What changed in one audit entry: field, before → after. */
function ChangesTable({ changes }: { changes: NonNullable<AuditEntry['changes']> }) {
  const { t } = useI18n();
  const none = <Typography.Text type="secondary">—</Typography.Text>;
  const rows = Object.entries(changes).map(([field, c]) => ({ field, before: show(c.before), after: show(c.after) }));
  return (
    <Table
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={rows}
      tableLayout="fixed"
      style={{ maxWidth: 1000 }}
      columns={[
        { title: t('字段', 'Field'), dataIndex: 'field', width: 200, render: (f: string) => <Typography.Text code>{f}</Typography.Text> },
        {
          title: t('修改前', 'Before'),
          dataIndex: 'before',
          render: (v: string | null) => (v === null ? none : <Typography.Text delete type="danger" style={{ wordBreak: 'break-all' }}>{v}</Typography.Text>),
        },
        { title: '', key: 'arrow', width: 36, render: () => '→' },
        {
          title: t('修改后', 'After'),
          dataIndex: 'after',
          render: (v: string | null) => (v === null ? none : <Typography.Text type="success" style={{ wordBreak: 'break-all' }}>{v}</Typography.Text>),
        },
      ]}
    />
  );
}

export default function AuditPage() {
  const { t, locale } = useI18n();
  const { query, setFilters, onTableChange, pagination, sortOrder } = useListParams({ sort: '-at' });

  const list = useQuery({
    queryKey: ['audit', query],
    queryFn: () => api.get<Page<AuditEntry>>('/api/audit', query),
    placeholderData: (prev) => prev,
  });

  const range: [Dayjs, Dayjs] | null = query.from && query.to ? [dayjs(query.from), dayjs(query.to)] : null;

  return (
    <>
      <PageHeader title={t('操作日志', 'Audit log')} sub={t('谁在何时、从哪里，对哪条记录做了什么', 'Who did what to which record, when and from where')} />
      <Space wrap style={{ marginBottom: 16 }}>
        <DatePicker.RangePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          value={range}
          aria-label={t('时间范围', 'Time range')}
          placeholder={[t('开始时间', 'From'), t('结束时间', 'To')]}
          presets={[
            { label: t('今天', 'Today'), value: [dayjs().startOf('day'), dayjs().endOf('day')] },
            { label: t('最近 7 天', 'Last 7 days'), value: [dayjs().subtract(7, 'day').startOf('day'), dayjs().endOf('day')] },
            { label: t('最近 30 天', 'Last 30 days'), value: [dayjs().subtract(30, 'day').startOf('day'), dayjs().endOf('day')] },
          ]}
          onChange={(v) => setFilters({ from: v?.[0]?.toISOString(), to: v?.[1]?.toISOString() })}
        />
        <Input.Search
          allowClear
          key={`q:${query.q ?? ''}`}
          defaultValue={query.q}
          placeholder={t('搜索操作人或动作', 'Search actor or action')}
          aria-label={t('搜索操作人或动作', 'Search actor or action')}
          onSearch={(v) => setFilters({ q: v.trim() })}
          style={{ width: 220 }}
        />
        <Select
          allowClear
          style={{ minWidth: 150 }}
          value={query.entity}
          onChange={(v) => setFilters({ entity: v, entityId: undefined })}
          placeholder={t('全部对象', 'All records')}
          aria-label={t('对象类型', 'Record type')}
          options={Object.keys(AUDIT_ENTITIES).map((e) => ({ value: e, label: entityLabel(e, locale) }))}
        />
        <Input.Search
          allowClear
          key={`a:${query.action ?? ''}`}
          defaultValue={query.action}
          placeholder={t('动作代码，如 user.update', 'Action code, e.g. user.update')}
          aria-label={t('动作', 'Action')}
          onSearch={(v) => setFilters({ action: v.trim() })}
          style={{ width: 240 }}
        />
        {query.actorId && (
          <Tag closable onClose={() => setFilters({ actorId: undefined })} color="blue">
            {t('操作人', 'Actor')}: {list.data?.items.find((r) => r.actorId === query.actorId)?.actorName ?? query.actorId}
          </Tag>
        )}
        {query.entityId && (
          <Tag closable onClose={() => setFilters({ entityId: undefined })} color="blue">
            {t('记录', 'Record')}: {query.entityId}
          </Tag>
        )}
        {(query.from || query.q || query.entity || query.action || query.actorId || query.entityId) && (
          <Button type="link" onClick={() => setFilters({ from: undefined, to: undefined, q: undefined, entity: undefined, entityId: undefined, action: undefined, actorId: undefined })}>
            {t('清除筛选', 'Clear filters')}
          </Button>
        )}
      </Space>
      <ErrorAlert error={list.error} />
      <Table<AuditEntry>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={pagination(list.data?.total)}
        onChange={onTableChange as never}
        scroll={{ x: 900 }}
        expandable={{
          rowExpandable: (r) => !!r.changes && Object.keys(r.changes).length > 0,
          expandedRowRender: (r) => <ChangesTable changes={r.changes!} />,
        }}
        columns={[
          {
            title: t('时间', 'Time'),
            dataIndex: 'at',
            key: 'at',
            width: 180,
            sorter: true,
            sortOrder: sortOrder('at'),
            render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatInstant(v)}</span>,
          },
          {
            title: t('操作人', 'Actor'),
            key: 'actor',
            render: (_v, r) =>
              r.actorId ? (
                <Tooltip title={t('只看此人的操作', 'Only this person’s actions')}>
                  <Typography.Link onClick={() => setFilters({ actorId: r.actorId })}>{r.actorName ?? r.actorId}</Typography.Link>
                </Tooltip>
              ) : (
                <Typography.Text type="secondary">{r.actorName ?? t('系统 / 未登录', 'System / not signed in')}</Typography.Text>
              ),
          },
          {
            title: t('动作', 'Action'),
            dataIndex: 'action',
            key: 'action',
            sorter: true,
            sortOrder: sortOrder('action'),
            render: (a: string) => {
              const l = actionLabel(a, locale);
              return (
                <Space orientation="vertical" size={0}>
                  {l && <span>{l}</span>}
                  <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
                    {a}
                  </Typography.Text>
                </Space>
              );
            },
          },
          {
            title: t('对象', 'Record'),
            dataIndex: 'entity',
            key: 'entity',
            sorter: true,
            sortOrder: sortOrder('entity'),
            render: (e: string, r) => {
              const path = entityPath(e, r.entityId);
              return (
                <Space orientation="vertical" size={0}>
                  <span>{entityLabel(e, locale)}</span>
                  {r.entityId && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {path ? <Link to={path}>{r.entityId}</Link> : r.entityId}
                    </Typography.Text>
                  )}
                </Space>
              );
            },
          },
          { title: 'IP', dataIndex: 'ip', key: 'ip', width: 140, render: (v: string | null) => v ?? '—' },
        ]}
      />
    </>
  );
}
