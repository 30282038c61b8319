/** 收据: every payment, prepayment, deposit and reversal with its receipt; reprint (补打) and reversal (冲正). */
import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PrinterOutlined, RollbackOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { Page, Payment } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert, PageHeader, ProjectSelect } from '../../components/common';
import { useListParams } from '../../components/list';
import { showSaveError } from '../units/shared';
import { labelOptions, PAYMENT_KIND_LABELS, PAYMENT_METHOD_LABELS, useLabel, yuan } from './shared';

export default function ReceiptsPage() {
  const { t, locale } = useI18n();
  const lbl = useLabel();
  const { can } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { query, setFilters, onTableChange, pagination, sortOrder } = useListParams({ sort: '-createdAt' });
  const list = useQuery({
    queryKey: ['payments', 'list', query],
    queryFn: () => api.get<Page<Payment>>('/api/payments', query),
    placeholderData: keepPreviousData,
  });
  const [reversing, setReversing] = useState<Payment | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const reverse = useMutation({
    mutationFn: (v: { id: string; reason: string }) => api.post<Payment>(`/api/payments/${v.id}/reverse`, { reason: v.reason }),
    onSuccess: (p) => {
      message.success(t(`已冲正，冲正收据号 ${p.receiptNumber}`, `Reversed; reversal receipt ${p.receiptNumber}`));
      setReversing(null);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['payments'] });
      void qc.invalidateQueries({ queryKey: ['bills'] });
    },
    onError: (e) => showSaveError(e, form, t, locale),
  });

  const columns: TableColumnsType<Payment> = [
    { title: t('收据号', 'Receipt'), dataIndex: 'receiptNumber', key: 'receiptNumber', sorter: true, sortOrder: sortOrder('receiptNumber'), width: 150 },
    { title: t('日期', 'Date'), dataIndex: 'businessDate', key: 'businessDate', sorter: true, sortOrder: sortOrder('businessDate'), width: 110 },
    { title: t('房屋', 'Unit'), dataIndex: 'unitLabel', render: (v: string | null) => v ?? '—' },
    { title: t('付款人', 'Payer'), dataIndex: 'payerName', render: (v: string | null) => v ?? '—' },
    {
      title: t('类型', 'Kind'),
      dataIndex: 'kind',
      width: 100,
      render: (v: string, p) => (
        <Space size={2}>
          <Tag color={v === 'reversal' || v === 'deposit_refund' ? 'red' : v === 'payment' ? 'blue' : 'green'}>{lbl(PAYMENT_KIND_LABELS, v)}</Tag>
          {p.reversedByPaymentId && <Tag>{t('已冲正', 'Reversed')}</Tag>}
        </Space>
      ),
    },
    { title: t('方式', 'Method'), dataIndex: 'method', width: 100, render: (v: string) => lbl(PAYMENT_METHOD_LABELS, v) },
    { title: t('金额（元）', 'Amount'), dataIndex: 'amountFen', key: 'amountFen', align: 'right', sorter: true, sortOrder: sortOrder('amountFen'), width: 120, render: (v: number) => <Typography.Text type={v < 0 ? 'danger' : undefined}>{yuan(v)}</Typography.Text> },
    { title: t('收款人', 'Cashier'), dataIndex: 'cashierName', width: 100 },
    { title: t('打印', 'Prints'), dataIndex: 'printCount', width: 70, align: 'center' },
    { title: t('日结', 'Closed'), dataIndex: 'closed', width: 70, align: 'center', render: (v: boolean) => (v ? t('是', 'Yes') : '') },
    {
      title: t('操作', 'Actions'),
      key: 'actions',
      width: 170,
      render: (_: unknown, p) => (
        <Space size={4}>
          <Link to={`/receipts/${p.id}/print`}>
            <Button size="small" icon={<PrinterOutlined />}>{p.printCount > 0 ? t('补打', 'Reprint') : t('打印', 'Print')}</Button>
          </Link>
          {can('billing.reverse') && (p.kind === 'payment' || p.kind === 'prepay') && !p.reversedByPaymentId && (
            <Button size="small" danger icon={<RollbackOutlined />} onClick={() => setReversing(p)}>
              {t('冲正', 'Reverse')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('收据', 'Receipts')} sub={t('收费、预存、押金与冲正的收据，可补打', 'Receipts of payments, prepayments, deposits and reversals; reprint any')} />
      <Space wrap style={{ marginBottom: 16 }}>
        <ProjectSelect allowClear value={query.projectId} onChange={(v) => setFilters({ projectId: v })} />
        <Input.Search allowClear placeholder={t('收据号或付款人', 'Receipt number or payer')} defaultValue={query.q} onSearch={(v) => setFilters({ q: v })} style={{ width: 220 }} />
        <DatePicker
          aria-label={t('日期', 'Date')}
          placeholder={t('日期', 'Date')}
          value={query.date ? dayjs(query.date) : null}
          onChange={(d) => setFilters({ date: d ? d.format('YYYY-MM-DD') : undefined })}
        />
        <Select allowClear style={{ width: 130 }} placeholder={t('收款方式', 'Method')} aria-label={t('收款方式', 'Method')} value={query.method} onChange={(v) => setFilters({ method: v })} options={labelOptions(PAYMENT_METHOD_LABELS, locale)} />
        <Select allowClear style={{ width: 120 }} placeholder={t('类型', 'Kind')} aria-label={t('类型', 'Kind')} value={query.kind} onChange={(v) => setFilters({ kind: v })} options={labelOptions(PAYMENT_KIND_LABELS, locale)} />
      </Space>
      <ErrorAlert error={list.error} />
      <Table<Payment> rowKey="id" size="middle" loading={list.isFetching} columns={columns} dataSource={list.data?.items} pagination={pagination(list.data?.total)} onChange={onTableChange as never} scroll={{ x: 1200 }} />
      <Modal
        open={!!reversing}
        title={t(`冲正收据 ${reversing?.receiptNumber ?? ''}`, `Reverse receipt ${reversing?.receiptNumber ?? ''}`)}
        okText={t('确认冲正', 'Reverse')}
        okButtonProps={{ danger: true, loading: reverse.isPending }}
        onCancel={() => setReversing(null)}
        onOk={() => form.validateFields().then((v) => reverse.mutate({ id: reversing!.id, reason: v.reason }))}
        destroyOnHidden
      >
        <Typography.Paragraph>
          {t(
            `将生成一张金额为 -¥${yuan(reversing?.amountFen ?? 0)} 的冲正收据（新收据号），原收据号不再使用；所冲账单恢复为未缴。已日结日期的收费，冲正计入今天。`,
            `A reversal receipt of -¥${yuan(reversing?.amountFen ?? 0)} (a new number) is issued; the original number is never reused and the bills it paid are owed again. A payment of a closed day is reversed in today's figures.`,
          )}
        </Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t('冲正原因', 'Reason')} rules={[{ required: true, min: 2, max: 200, message: t('请填写冲正原因（至少2个字）', 'Say why (at least 2 characters)') }]}>
            <Input.TextArea rows={2} maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
