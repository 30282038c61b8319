import { Link } from 'react-router';
import { App, Button, Card, Select, Space, Table, type TableColumnsType } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BillLine, Page, Reduction } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert, PageHeader, ProjectSelect, toastError } from '../../components/common';
import { useListParams } from '../../components/list';
import { formatInstant } from '../units/shared';
import { LABELS, StatusTag, yuan } from './shared';

/** 减免审批: reductions requested at the counter, approved or rejected by someone else. */
export default function ReductionsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { query, setFilters, onTableChange, pagination } = useListParams();
  const q = { ...query, status: query.status ?? 'pending' };
  const list = useQuery({ queryKey: ['reductions', q], queryFn: () => api.get<Page<Reduction>>('/api/reductions', q), placeholderData: keepPreviousData });
  const review = useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: 'approve' | 'reject' }) => api.post<BillLine>(`/api/reductions/${id}/${decision}`, {}),
    onSuccess: (l) => {
      message.success(l.status === 'approved' ? t('减免已批准', 'Reduction approved') : t('减免已驳回', 'Reduction rejected'));
      void qc.invalidateQueries({ queryKey: ['reductions'] });
      void qc.invalidateQueries({ queryKey: ['bills'] });
    },
    onError: (e) => toastError(e, t),
  });
  const columns: TableColumnsType<Reduction> = [
    { title: t('房屋', 'Unit'), key: 'unit', render: (_: unknown, r) => <Link to={`/billing/bills/${r.billId}`}>{`${r.buildingName ?? ''} ${r.unitNumber}`}</Link> },
    { title: t('月份', 'Period'), dataIndex: 'period' },
    { title: t('减免的费用', 'Charge reduced'), dataIndex: 'relatedDescription' },
    { title: t('金额（元）', 'Amount (yuan)'), dataIndex: 'amountFen', align: 'right', render: (v: number) => yuan(-v) },
    { title: t('原因', 'Reason'), dataIndex: 'reason' },
    { title: t('申请人', 'Requested by'), dataIndex: 'createdByName' },
    { title: t('申请时间', 'Requested'), dataIndex: 'createdAt', render: (v: string) => formatInstant(v) },
    { title: t('状态', 'Status'), dataIndex: 'status', render: (v: string) => <StatusTag status={v} labels={LABELS.lineStatus} /> },
    {
      title: t('操作', 'Actions'),
      key: 'actions',
      render: (_: unknown, r) =>
        r.status === 'pending' && can('billing.approve') ? (
          <Space>
            <Button size="small" type="primary" onClick={() => review.mutate({ id: r.id, decision: 'approve' })}>{t('批准', 'Approve')}</Button>
            <Button size="small" onClick={() => review.mutate({ id: r.id, decision: 'reject' })}>{t('驳回', 'Reject')}</Button>
          </Space>
        ) : null,
    },
  ];
  return (
    <div>
      <PageHeader title={t('减免审批', 'Reductions')} sub={t('减免须由申请人以外的人审批后才生效', 'A reduction counts once someone other than who requested it approves it')} />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <ProjectSelect allowClear value={query.projectId} onChange={(v) => setFilters({ projectId: v })} />
          <Select aria-label={t('状态', 'Status')} style={{ width: 130 }} value={q.status} onChange={(v) => setFilters({ status: v })} options={(['pending', 'approved', 'rejected'] as const).map((s) => ({ value: s, label: t(LABELS.lineStatus[s]!.zh, LABELS.lineStatus[s]!.en) }))} />
        </Space>
        <ErrorAlert error={list.error} />
        <Table<Reduction> rowKey="id" size="middle" columns={columns} dataSource={list.data?.items} loading={list.isFetching} pagination={pagination(list.data?.total)} onChange={onTableChange as never} scroll={{ x: 900 }} />
      </Card>
    </div>
  );
}
