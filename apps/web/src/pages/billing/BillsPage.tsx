import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Card, Input, Select, Space, Table, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Bill, Page } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { ChargeModal } from './ChargeModal';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert, PageHeader, ProjectSelect } from '../../components/common';
import { useListParams } from '../../components/list';
import { useBuildings } from '../units/shared';
import { LABELS, optionsOf, recentPeriods, StatusTag, yuan } from './shared';

/** 账单: one bill per unit and month, filtered by project, building, month, status and unit number. */
export default function BillsPage() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const { can } = useAuth();
  const [charging, setCharging] = useState(false);
  const { query, setFilters, onTableChange, pagination, sortOrder } = useListParams();
  const [search, setSearch] = useState(query.q ?? '');
  useEffect(() => setSearch(query.q ?? ''), [query.q]);
  const buildings = useBuildings(query.projectId);
  const list = useQuery({ queryKey: ['bills', 'list', query], queryFn: () => api.get<Page<Bill>>('/api/bills', query), placeholderData: keepPreviousData });
  const columns: TableColumnsType<Bill> = [
    { title: t('月份', 'Period'), dataIndex: 'period', key: 'period', sorter: true, sortOrder: sortOrder('period'), width: 100 },
    { title: t('楼栋', 'Building'), dataIndex: 'buildingName' },
    { title: t('房号', 'Unit'), dataIndex: 'unitNumber', key: 'unitNumber', sorter: true, sortOrder: sortOrder('unitNumber'), render: (v: string, b) => <Link to={`/billing/bills/${b.id}`} onClick={(e) => e.stopPropagation()}>{v}</Link> },
    { title: t('应收（元）', 'Total (yuan)'), dataIndex: 'totalFen', key: 'totalFen', sorter: true, sortOrder: sortOrder('totalFen'), align: 'right', render: (v: number) => yuan(v) },
    { title: t('已收（元）', 'Paid (yuan)'), dataIndex: 'paidFen', align: 'right', render: (v: number) => yuan(v) },
    { title: t('欠缴（元）', 'Owed (yuan)'), dataIndex: 'owedFen', align: 'right', render: (v: number) => <strong>{yuan(v)}</strong> },
    { title: t('缴费期限', 'Due'), dataIndex: 'dueDate', key: 'dueDate', sorter: true, sortOrder: sortOrder('dueDate') },
    { title: t('状态', 'Status'), dataIndex: 'status', render: (v: string) => <StatusTag status={v} labels={LABELS.billStatus} /> },
  ];
  return (
    <div>
      <PageHeader
        title={t('账单', 'Bills')}
        extra={
          can('billing.collect') && (
            <Button icon={<PlusOutlined />} onClick={() => setCharging(true)}>
              {t('临时收费', 'One-off charge')}
            </Button>
          )
        }
      />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <ProjectSelect allowClear value={query.projectId} onChange={(v) => setFilters({ projectId: v, buildingId: undefined })} />
          <Select allowClear aria-label={t('按楼栋筛选', 'Filter by building')} style={{ minWidth: 140 }} placeholder={query.projectId ? t('全部楼栋', 'All buildings') : t('先选项目再选楼栋', 'Pick a project for buildings')} disabled={!query.projectId} value={query.buildingId} options={(buildings.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))} onChange={(v) => setFilters({ buildingId: v })} />
          <Select allowClear aria-label={t('按月份筛选', 'Filter by period')} style={{ width: 120 }} placeholder={t('全部月份', 'All months')} value={query.period} options={recentPeriods(24).map((p) => ({ value: p, label: p }))} onChange={(v) => setFilters({ period: v })} />
          <Select allowClear aria-label={t('按状态筛选', 'Filter by status')} style={{ width: 130 }} placeholder={t('全部状态', 'All statuses')} value={query.status} options={optionsOf(LABELS.billStatus, locale)} onChange={(v) => setFilters({ status: v })} />
          <Input.Search allowClear aria-label={t('搜索房号', 'Search unit number')} placeholder={t('房号', 'Unit number')} style={{ width: 180 }} value={search} onChange={(e) => setSearch(e.target.value)} onSearch={(v) => setFilters({ q: v.trim() })} />
        </Space>
        <ErrorAlert error={list.error} />
        <Table<Bill>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          pagination={pagination(list.data?.total)}
          onChange={onTableChange as never}
          onRow={(b) => ({ onClick: () => navigate(`/billing/bills/${b.id}`), style: { cursor: 'pointer' } })}
          scroll={{ x: 860 }}
        />
      </Card>
      {charging && <ChargeModal projectId={query.projectId} onClose={() => setCharging(false)} />}
    </div>
  );
}
