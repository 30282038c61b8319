/** 大件物品放行: applications with filters; new application. */
import { useState } from 'react';
import { Link } from 'react-router';
import { Button, DatePicker, Input, Select, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { ItemRelease, Page } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert, PageHeader, ProjectSelect } from '../../components/common';
import { useListParams } from '../../components/list';
import { NewItemRelease } from './NewItemRelease';
import { RELEASE_STATUS, StateTag, labelOf, when } from './shared';

export default function ItemReleasesPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const { query, setFilters, onTableChange, pagination } = useListParams({ sort: '-createdAt' });
  const list = useQuery({ queryKey: ['item-releases', query], queryFn: () => api.get<Page<ItemRelease>>('/api/item-releases', query) });
  const [open, setOpen] = useState(false);
  return (
    <>
      <PageHeader title={t('大件物品放行', 'Item releases')} sub={t('申请、业主确认、审批、打印放行条、门岗放行', 'Application, owner confirmation, approval, slip, gate')}
        extra={can('resident_services.apply') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>{t('放行申请', 'New application')}</Button>} />
      <Space wrap style={{ marginBottom: 12 }}>
        <ProjectSelect allowClear value={query.projectId} onChange={(v) => setFilters({ projectId: v })} />
        <Select allowClear placeholder={t('状态', 'Status')} aria-label={t('状态', 'Status')} style={{ width: 150 }} value={query.status} onChange={(v) => setFilters({ status: v })}
          options={Object.keys(RELEASE_STATUS).map((k) => ({ value: k, label: labelOf(RELEASE_STATUS, k, locale) }))} />
        <DatePicker placeholder={t('计划日期', 'Planned date')} value={query.plannedDate ? dayjs(query.plannedDate) : null} onChange={(d) => setFilters({ plannedDate: d ? d.format('YYYY-MM-DD') : undefined })} />
        <Input.Search allowClear placeholder={t('搜索单号、申请人、车牌、房号', 'Search number, applicant, plate, unit')} defaultValue={query.q} onSearch={(v) => setFilters({ q: v })} style={{ width: 280 }} />
      </Space>
      <ErrorAlert error={list.error} />
      <Table<ItemRelease> rowKey="id" loading={list.isLoading} dataSource={list.data?.items} pagination={pagination(list.data?.total)} onChange={onTableChange as never}
        columns={[
          { title: t('放行条号', 'Number'), dataIndex: 'number', render: (v, r) => <Link to={`/item-releases/${r.id}`}>{v}</Link> },
          { title: t('房屋', 'Unit'), render: (_, r) => `${r.buildingName} ${r.unitNumber}` },
          { title: t('申请人', 'Applicant'), render: (_, r) => r.applicantName },
          { title: t('物品', 'Items'), render: (_, r) => r.items.map((i) => `${i.name}×${i.quantity}`).join('、') },
          { title: t('计划日期', 'Planned'), dataIndex: 'plannedDate', key: 'plannedDate', sorter: true },
          { title: t('状态', 'Status'), dataIndex: 'status', render: (v) => <StateTag labels={RELEASE_STATUS} code={v} /> },
          { title: t('申请时间', 'Applied'), dataIndex: 'createdAt', key: 'createdAt', sorter: true, render: when },
        ]} />
      <NewItemRelease open={open} onClose={() => setOpen(false)} />
    </>
  );
}
