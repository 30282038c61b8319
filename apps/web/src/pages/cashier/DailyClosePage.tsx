/**
 * 日结: the signed-in cashier's day — totals by method, the receipt range, reversals — and the
 * hand-over that locks it (nothing more can be booked into a closed day); past closes below.
 */
import { useEffect, useState } from 'react';
import { App, Button, Card, Descriptions, Empty, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { DailyClose, DailyCloseSummary, HandOverRecipient, Page } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert, PageHeader, ProjectSelect, toastError, useProjects } from '../../components/common';
import { useListParams } from '../../components/list';
import { PAYMENT_KIND_LABELS, PAYMENT_METHOD_LABELS, useLabel, yuan } from './shared';

function SummaryView({ s }: { s: DailyCloseSummary }) {
  const { t } = useI18n();
  const lbl = useLabel();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, md: 4 }}
        items={[
          { key: 'n', label: t('笔数', 'Receipts'), children: s.count },
          { key: 'total', label: t('合计（元）', 'Total (yuan)'), children: <b data-testid="close-total">{yuan(s.totalFen)}</b> },
          { key: 'cash', label: t('应交现金', 'Cash to hand over'), children: yuan(s.cashFen) },
          { key: 'range', label: t('收据号段', 'Receipt range'), children: s.receiptFrom ? `${s.receiptFrom} – ${s.receiptTo}` : '—' },
        ]}
      />
      <Table
        size="small"
        rowKey="method"
        pagination={false}
        dataSource={s.byMethod}
        columns={[
          { title: t('收款方式', 'Method'), dataIndex: 'method', render: (v: string) => lbl(PAYMENT_METHOD_LABELS, v) },
          { title: t('笔数', 'Count'), dataIndex: 'count' },
          { title: t('金额（元）', 'Amount'), dataIndex: 'totalFen', align: 'right', render: (v: number) => yuan(v) },
        ]}
      />
      <Typography.Text type="secondary">{s.byKind.map((k) => `${lbl(PAYMENT_KIND_LABELS, k.kind)} ${k.count} / ${yuan(k.totalFen)}`).join('；')}</Typography.Text>
      {s.reversals.length > 0 && (
        <Table
          size="small"
          rowKey="receiptNumber"
          pagination={false}
          title={() => t('冲正', 'Reversals')}
          dataSource={s.reversals}
          columns={[
            { title: t('冲正收据', 'Reversal receipt'), dataIndex: 'receiptNumber' },
            { title: t('原收据', 'Original receipt'), dataIndex: 'reversedReceiptNumber' },
            { title: t('金额', 'Amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => yuan(v) },
            { title: t('原因', 'Reason'), dataIndex: 'reason' },
          ]}
        />
      )}
    </Space>
  );
}

export default function DailyClosePage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const projects = useProjects();
  const [projectId, setProjectId] = useState<string | undefined>();
  useEffect(() => {
    if (!projectId && projects.data?.items.length) setProjectId(projects.data.items[0]!.id);
  }, [projectId, projects.data]);
  const preview = useQuery({
    queryKey: ['daily-closes', 'preview', projectId],
    queryFn: () => api.get<{ businessDate: string; closed: boolean; summary: DailyCloseSummary }>('/api/daily-closes/preview', { projectId }),
    enabled: !!projectId && can('billing.collect'),
  });
  // 交接人: who takes the cash and the receipts (someone else who handles money on the project).
  const [handedTo, setHandedTo] = useState<string | undefined>();
  useEffect(() => setHandedTo(undefined), [projectId]);
  const recipients = useQuery({
    queryKey: ['daily-closes', 'recipients', projectId],
    queryFn: () => api.get<{ items: HandOverRecipient[] }>('/api/daily-closes/recipients', { projectId }),
    enabled: !!projectId && can('billing.collect'),
  });
  const close = useMutation({
    mutationFn: () => api.post<DailyClose>('/api/daily-closes', { projectId, handedTo }),
    onSuccess: (c) => {
      message.success(t(`${c.businessDate} 已日结`, `${c.businessDate} closed`));
      void qc.invalidateQueries({ queryKey: ['daily-closes'] });
      void qc.invalidateQueries({ queryKey: ['payments'] });
    },
    onError: (e) => toastError(e, t),
  });
  const { query, onTableChange, pagination } = useListParams({ sort: '-businessDate' });
  const history = useQuery({
    queryKey: ['daily-closes', 'list', query, projectId],
    queryFn: () => api.get<Page<DailyClose>>('/api/daily-closes', { ...query, projectId }),
    placeholderData: keepPreviousData,
    enabled: !!projectId,
  });
  const p = preview.data;
  return (
    <>
      <PageHeader title={t('日结', 'Daily close')} extra={<ProjectSelect value={projectId} onChange={setProjectId} />} />
      <ErrorAlert error={preview.error ?? history.error} />
      {can('billing.collect') && p && (
        <Card
          style={{ marginBottom: 16 }}
          title={t(`我的今日收费 ${p.businessDate}`, `My day ${p.businessDate}`)}
          extra={
            p.closed ? (
              <Typography.Text type="success"><LockOutlined /> {t('已日结', 'Closed')}</Typography.Text>
            ) : (
              <Space>
                <Select
                  data-testid="handed-to"
                  style={{ minWidth: 160 }}
                  allowClear
                  placeholder={t('交接给（选填）', 'Hand over to (optional)')}
                  value={handedTo}
                  onChange={setHandedTo}
                  loading={recipients.isFetching}
                  options={recipients.data?.items.map((u) => ({ value: u.id, label: u.displayName }))}
                />
                <Popconfirm title={t('日结后今天不能再收费或冲正计入今天，确定？', 'After closing nothing more can be booked into today. Close?')} onConfirm={() => close.mutate()}>
                  <Button type="primary" icon={<LockOutlined />} loading={close.isPending}>{t('日结交接', 'Close and hand over')}</Button>
                </Popconfirm>
              </Space>
            )
          }
        >
          {p.summary.count === 0 ? <Empty description={t('今天还没有收费', 'Nothing taken today yet')} /> : <SummaryView s={p.summary} />}
        </Card>
      )}
      <Table<DailyClose>
        rowKey="id"
        loading={history.isFetching}
        dataSource={history.data?.items}
        pagination={pagination(history.data?.total)}
        onChange={onTableChange as never}
        expandable={{ expandedRowRender: (c) => <SummaryView s={c.summary} /> }}
        columns={[
          { title: t('日期', 'Date'), dataIndex: 'businessDate' },
          { title: t('收款人', 'Cashier'), dataIndex: 'cashierName' },
          { title: t('笔数', 'Receipts'), key: 'n', render: (_: unknown, c) => c.summary.count },
          { title: t('合计（元）', 'Total'), dataIndex: 'totalFen', align: 'right', render: (v: number) => yuan(v) },
          { title: t('收据号段', 'Receipt range'), key: 'r', render: (_: unknown, c) => (c.receiptFrom ? `${c.receiptFrom} – ${c.receiptTo}` : '—') },
          { title: t('交接人', 'Handed to'), dataIndex: 'handedToName', render: (v: string | null) => v ?? '—' },
          { title: t('日结时间', 'Closed at'), dataIndex: 'createdAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
        ]}
      />
    </>
  );
}
