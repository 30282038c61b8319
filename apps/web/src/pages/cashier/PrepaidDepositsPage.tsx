/** 预存与押金: a unit's prepaid balances per fee item (top up with a receipt), and deposits held and refunded. */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { App, Button, Card, Empty, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CashierUnit, Deposit, Page, PrepaidAccounts } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert, PageHeader, ProjectSelect } from '../../components/common';
import { useListParams } from '../../components/list';
import { showSaveError } from '../units/shared';
import { DEPOSIT_KIND_LABELS, labelOptions, PAYMENT_METHOD_LABELS, UnitSearch, useLabel, yuan } from './shared';

const METHODS_AT_DESK = ['direct_debit'];

function Prepaid() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [unit, setUnit] = useState<CashierUnit | null>(null);
  const accounts = useQuery({ queryKey: ['prepaid', unit?.id], queryFn: () => api.get<PrepaidAccounts>('/api/prepaid', { unitId: unit!.id }), enabled: !!unit });
  const [form] = Form.useForm<{ amount: number; method: string; payerName?: string }>();
  const topUp = useMutation({
    mutationFn: (v: { amount: number; method: string; payerName?: string }) =>
      api.post<{ id: string; receiptNumber: string; balanceFen: number }>('/api/prepaid', { unitId: unit!.id, amountFen: Math.round(v.amount * 100), method: v.method, payerName: v.payerName || undefined }),
    onSuccess: (r) => {
      message.success(t(`预存成功，收据号 ${r.receiptNumber}，余额 ¥${yuan(r.balanceFen)}`, `Prepaid; receipt ${r.receiptNumber}, balance ¥${yuan(r.balanceFen)}`));
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['prepaid'] });
      void qc.invalidateQueries({ queryKey: ['payments'] });
      navigate(`/receipts/${r.id}/print`);
    },
    onError: (e) => showSaveError(e, form, t, locale),
  });
  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <UnitSearch value={unit} onChange={setUnit} />
      </Card>
      <ErrorAlert error={accounts.error} />
      {unit && accounts.data && (
        <Space direction="vertical" style={{ width: '100%' }}>
          {accounts.data.accounts.length === 0 && <Empty description={t('该房屋没有预存款', 'The unit has no prepaid balance')} />}
          {accounts.data.accounts.map((a) => (
            <Card key={a.accountId} size="small" title={a.feeItemName ?? t('预存款（通用）', 'Prepaid (any fee item)')} extra={<Typography.Text strong>¥{yuan(a.balanceFen)}</Typography.Text>}>
              <Table
                size="small"
                rowKey="id"
                pagination={{ pageSize: 10 }}
                dataSource={a.entries}
                columns={[
                  { title: t('时间', 'When'), dataIndex: 'createdAt', render: (v: string) => v.slice(0, 16).replace('T', ' ') },
                  { title: t('类型', 'Kind'), dataIndex: 'kind', render: (v: string) => ({ top_up: t('预存', 'Top-up'), applied: t('抵扣账单', 'Applied to bills'), refund: t('退款', 'Refund'), reversal: t('冲正', 'Reversal') })[v] ?? v },
                  { title: t('金额', 'Amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => yuan(v) },
                  { title: t('余额', 'Balance'), dataIndex: 'balanceAfterFen', align: 'right', render: (v: number) => yuan(v) },
                  { title: t('收据号', 'Receipt'), dataIndex: 'receiptNumber', render: (v: string | null) => v ?? '—' },
                ]}
              />
            </Card>
          ))}
          {can('billing.collect') && (
            <Card size="small" title={t('预存', 'Top up')}>
              <Form form={form} layout="inline" initialValues={{ method: 'cash' }} onFinish={(v) => topUp.mutate(v)}>
                <Form.Item name="amount" label={t('金额（元）', 'Amount (yuan)')} rules={[{ required: true, message: t('请输入金额', 'Enter the amount') }]}>
                  <InputNumber min={0.01} precision={2} style={{ width: 140 }} />
                </Form.Item>
                <Form.Item name="method" label={t('方式', 'Method')}>
                  <Select style={{ width: 130 }} options={labelOptions(PAYMENT_METHOD_LABELS, locale, METHODS_AT_DESK)} />
                </Form.Item>
                <Form.Item name="payerName" label={t('付款人', 'Payer')}>
                  <Input style={{ width: 140 }} maxLength={100} />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={topUp.isPending}>
                  {t('预存并打印收据', 'Top up and print')}
                </Button>
              </Form>
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                {t('出账时预存款自动抵扣该房屋的新账单。', "Prepaid balances pay the unit's new bills automatically at each billing run.")}
              </Typography.Paragraph>
            </Card>
          )}
        </Space>
      )}
    </>
  );
}

function Deposits() {
  const { t, locale } = useI18n();
  const lbl = useLabel();
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { query, setFilters, onTableChange, pagination } = useListParams();
  const list = useQuery({ queryKey: ['deposits', query], queryFn: () => api.get<Page<Deposit>>('/api/deposits', query), placeholderData: keepPreviousData });
  const [taking, setTaking] = useState(false);
  const [unit, setUnit] = useState<CashierUnit | null>(null);
  const [refunding, setRefunding] = useState<Deposit | null>(null);
  const [takeForm] = Form.useForm();
  const [refundForm] = Form.useForm();
  const take = useMutation({
    mutationFn: (v: { projectId: string; kind: string; description: string; payerName: string; method: string; amount: number }) =>
      api.post<Deposit>('/api/deposits', { projectId: unit?.projectId ?? v.projectId, unitId: unit?.id, kind: v.kind, description: v.description, payerName: v.payerName, method: v.method, amountFen: Math.round(v.amount * 100) }),
    onSuccess: (d) => {
      message.success(t(`押金已收，收据号 ${d.receiptNumber}`, `Deposit taken, receipt ${d.receiptNumber}`));
      setTaking(false);
      takeForm.resetFields();
      void qc.invalidateQueries({ queryKey: ['deposits'] });
      void qc.invalidateQueries({ queryKey: ['payments'] });
      navigate(`/receipts/${d.paymentId}/print`);
    },
    onError: (e) => showSaveError(e, takeForm, t, locale),
  });
  const refund = useMutation({
    mutationFn: (v: { method: string; deduction?: number; deductionReason?: string }) =>
      api.post<Deposit>(`/api/deposits/${refunding!.id}/refund`, { method: v.method, deductionFen: Math.round((v.deduction ?? 0) * 100), deductionReason: v.deductionReason || undefined }),
    onSuccess: (d) => {
      message.success(t(`已退押金，收据号 ${d.refundReceiptNumber}`, `Deposit refunded, receipt ${d.refundReceiptNumber}`));
      setRefunding(null);
      refundForm.resetFields();
      void qc.invalidateQueries({ queryKey: ['deposits'] });
      void qc.invalidateQueries({ queryKey: ['payments'] });
      if (d.refundPaymentId) navigate(`/receipts/${d.refundPaymentId}/print`);
    },
    onError: (e) => showSaveError(e, refundForm, t, locale),
  });
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <ProjectSelect allowClear value={query.projectId} onChange={(v) => setFilters({ projectId: v })} />
        <Select allowClear style={{ width: 120 }} placeholder={t('状态', 'Status')} aria-label={t('状态', 'Status')} value={query.status} onChange={(v) => setFilters({ status: v })} options={[{ value: 'held', label: t('在押', 'Held') }, { value: 'refunded', label: t('已退', 'Refunded') }]} />
        <Input.Search allowClear placeholder={t('交款人或说明', 'Payer or description')} defaultValue={query.q} onSearch={(v) => setFilters({ q: v })} style={{ width: 220 }} />
        {can('billing.collect') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setTaking(true)}>
            {t('收押金', 'Take a deposit')}
          </Button>
        )}
      </Space>
      <ErrorAlert error={list.error} />
      <Table<Deposit>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={pagination(list.data?.total)}
        onChange={onTableChange as never}
        columns={[
          { title: t('收据号', 'Receipt'), dataIndex: 'receiptNumber', width: 150 },
          { title: t('类型', 'Kind'), dataIndex: 'kind', render: (v: string) => lbl(DEPOSIT_KIND_LABELS, v) },
          { title: t('说明', 'Description'), dataIndex: 'description' },
          { title: t('房屋', 'Unit'), dataIndex: 'unitLabel', render: (v: string | null) => v ?? '—' },
          { title: t('交款人', 'Payer'), dataIndex: 'payerName' },
          { title: t('金额（元）', 'Amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => yuan(v) },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            render: (v: string, d) =>
              v === 'held' ? <Tag color="blue">{t('在押', 'Held')}</Tag> : (
                <Space direction="vertical" size={0}>
                  <Tag>{t('已退', 'Refunded')} {d.refundReceiptNumber}</Tag>
                  {d.deductionFen > 0 && <Typography.Text type="secondary">{t(`扣 ${yuan(d.deductionFen)}：${d.deductionReason ?? ''}`, `kept ${yuan(d.deductionFen)}: ${d.deductionReason ?? ''}`)}</Typography.Text>}
                </Space>
              ),
          },
          {
            title: t('操作', 'Actions'),
            key: 'a',
            // A renovation's deposit is refunded from the renovation, which it closes.
            render: (_: unknown, d) => (d.source === 'renovation' && d.sourceId ? <Link to={`/renovations/${d.sourceId}`}>{t('装修申请', 'Renovation')}</Link>
              : d.status === 'held' && can('billing.collect') ? <Button size="small" onClick={() => setRefunding(d)}>{t('退押金', 'Refund')}</Button> : null),
          },
        ]}
      />
      <Modal open={taking} title={t('收押金', 'Take a deposit')} onCancel={() => setTaking(false)} onOk={() => takeForm.submit()} okButtonProps={{ loading: take.isPending }} destroyOnHidden>
        <Form form={takeForm} layout="vertical" initialValues={{ kind: 'renovation', method: 'cash' }} onFinish={(v) => take.mutate(v)}>
          <Form.Item label={t('房屋（可不选）', 'Unit (optional)')}>
            <UnitSearch value={unit} onChange={setUnit} style={{ width: '100%' }} />
          </Form.Item>
          {!unit && (
            <Form.Item name="projectId" label={t('项目', 'Project')} rules={[{ required: true, message: t('请选择项目', 'Choose the project') }]}>
              <ProjectSelect />
            </Form.Item>
          )}
          <Form.Item name="kind" label={t('押金类型', 'Kind')}>
            <Select options={labelOptions(DEPOSIT_KIND_LABELS, locale)} />
          </Form.Item>
          <Form.Item name="description" label={t('说明', 'Description')} rules={[{ required: true, max: 200 }]}>
            <Input placeholder={t('如：1栋1202 装修押金', 'e.g. renovation deposit for 1-1202')} />
          </Form.Item>
          <Form.Item name="payerName" label={t('交款人', 'Payer')} rules={[{ required: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Space>
            <Form.Item name="amount" label={t('金额（元）', 'Amount (yuan)')} rules={[{ required: true }]}>
              <InputNumber min={0.01} precision={2} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="method" label={t('方式', 'Method')}>
              <Select style={{ width: 140 }} options={labelOptions(PAYMENT_METHOD_LABELS, locale, METHODS_AT_DESK)} />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
      <Modal open={!!refunding} title={t(`退押金 ${refunding?.receiptNumber ?? ''}`, `Refund deposit ${refunding?.receiptNumber ?? ''}`)} onCancel={() => setRefunding(null)} onOk={() => refundForm.submit()} okButtonProps={{ loading: refund.isPending }} destroyOnHidden>
        <Typography.Paragraph>{t(`押金 ¥${yuan(refunding?.amountFen ?? 0)}，扣款后余额退还并出具退款收据。`, `Deposit ¥${yuan(refunding?.amountFen ?? 0)}; what is left after deductions is refunded with a refund receipt.`)}</Typography.Paragraph>
        <Form form={refundForm} layout="vertical" initialValues={{ method: 'cash' }} onFinish={(v) => refund.mutate(v)}>
          <Form.Item name="deduction" label={t('扣款（元）', 'Deduction (yuan)')}>
            <InputNumber min={0} max={(refunding?.amountFen ?? 0) / 100} precision={2} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate>
            {({ getFieldValue }) => (
              <Form.Item name="deductionReason" label={t('扣款原因', 'Reason for the deduction')} rules={[{ required: (getFieldValue('deduction') ?? 0) > 0, min: 2, max: 200, message: t('有扣款时须填写原因', 'Say why money is kept back') }]}>
                <Input />
              </Form.Item>
            )}
          </Form.Item>
          <Form.Item name="method" label={t('退款方式', 'Refund method')}>
            <Select style={{ width: 160 }} options={labelOptions(PAYMENT_METHOD_LABELS, locale, METHODS_AT_DESK)} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export default function PrepaidDepositsPage() {
  const { t } = useI18n();
  const [tab, setTab] = useState('prepaid');
  return (
    <>
      <PageHeader title={t('预存与押金', 'Prepaid and deposits')} />
      <Tabs activeKey={tab} onChange={setTab} items={[{ key: 'prepaid', label: t('预存款', 'Prepaid'), children: <Prepaid /> }, { key: 'deposits', label: t('押金', 'Deposits'), children: <Deposits /> }]} />
    </>
  );
}
