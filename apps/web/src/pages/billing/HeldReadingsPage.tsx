import { App, Button, Card, Select, Space, Table, type TableColumnsType } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MeterReading, Page } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert, PageHeader, ProjectSelect, toastError } from '../../components/common';
import { useListParams } from '../../components/list';
import { formatInstant } from '../units/shared';
import { LABELS, labelOf, meterUnit, milli, optionsOf, recentPeriods, StatusTag } from './shared';

/** 抄表复核: readings far above the unit's usual wait here; approved ones are billed by the next run. */
export default function HeldReadingsPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { query, setFilters, onTableChange, pagination } = useListParams();
  const q = { ...query, status: query.status ?? 'held' };
  const list = useQuery({ queryKey: ['meter-readings', q], queryFn: () => api.get<Page<MeterReading>>('/api/meter-readings', q), placeholderData: keepPreviousData });
  const review = useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: 'approve' | 'reject' }) => api.post<MeterReading>(`/api/meter-readings/${id}/${decision}`, {}),
    onSuccess: (r) => {
      message.success(r.status === 'accepted' ? t(`已确认 ${r.meterNumber} 的读数，下次出账时计费`, `Reading of ${r.meterNumber} accepted; the next run bills it`) : t(`已驳回 ${r.meterNumber} 的读数，请重新抄表`, `Reading of ${r.meterNumber} rejected; read the meter again`));
      void qc.invalidateQueries({ queryKey: ['meter-readings'] });
      void qc.invalidateQueries({ queryKey: ['meters'] });
    },
    onError: (e) => toastError(e, t),
  });
  const columns: TableColumnsType<MeterReading> = [
    { title: t('月份', 'Period'), dataIndex: 'period', width: 90 },
    { title: t('房屋', 'Unit'), key: 'unit', render: (_: unknown, r) => `${r.buildingName ?? ''} ${r.unitNumber ?? ''}` },
    { title: t('表号', 'Meter'), dataIndex: 'meterNumber' },
    { title: t('上次读数', 'Previous'), dataIndex: 'previousMilli', align: 'right', render: (v: number | null) => milli(v) },
    { title: t('本次读数', 'Reading'), dataIndex: 'readingMilli', align: 'right', render: (v: number) => milli(v) },
    { title: t('用量', 'Used'), dataIndex: 'consumptionMilli', align: 'right', render: (v: number, r) => <strong>{`${milli(v)} ${meterUnit(r.meterKind)}`}</strong> },
    { title: t('类型', 'Kind'), dataIndex: 'kind', render: (v: string) => labelOf(LABELS.readingKind, v, locale) },
    { title: t('状态', 'Status'), dataIndex: 'status', render: (v: string) => <StatusTag status={v} labels={LABELS.readingStatus} /> },
    { title: t('录入时间', 'Entered'), dataIndex: 'createdAt', render: (v: string) => formatInstant(v) },
    {
      title: t('操作', 'Actions'),
      key: 'actions',
      render: (_: unknown, r) =>
        r.status === 'held' && can('billing.approve') ? (
          <Space>
            <Button size="small" type="primary" onClick={() => review.mutate({ id: r.id, decision: 'approve' })}>
              {t('确认计费', 'Approve')}
            </Button>
            <Button size="small" danger onClick={() => review.mutate({ id: r.id, decision: 'reject' })}>
              {t('驳回重抄', 'Reject')}
            </Button>
          </Space>
        ) : null,
    },
  ];
  return (
    <div>
      <PageHeader title={t('抄表复核', 'Readings held for review')} sub={t('用量超过该户平时 3 倍的读数需复核后才能计费', 'A consumption over 3× the usual is reviewed before it is billed')} />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <ProjectSelect allowClear value={query.projectId} onChange={(v) => setFilters({ projectId: v })} />
          <Select aria-label={t('状态', 'Status')} style={{ width: 130 }} value={q.status} options={optionsOf(LABELS.readingStatus, locale)} onChange={(v) => setFilters({ status: v })} />
          <Select allowClear aria-label={t('月份', 'Period')} placeholder={t('全部月份', 'All months')} style={{ width: 120 }} value={query.period} options={recentPeriods().map((p) => ({ value: p, label: p }))} onChange={(v) => setFilters({ period: v })} />
        </Space>
        <ErrorAlert error={list.error} />
        <Table<MeterReading> rowKey="id" size="middle" columns={columns} dataSource={list.data?.items} loading={list.isFetching} pagination={pagination(list.data?.total)} onChange={onTableChange as never} scroll={{ x: 900 }} />
      </Card>
    </div>
  );
}
