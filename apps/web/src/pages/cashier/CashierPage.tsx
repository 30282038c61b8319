/**
 * 收费: the cashier finds a unit (number, owner name or phone tail), sees every outstanding line
 * oldest first with the late fee to date, chooses lines or just an amount, the method, the cash
 * tendered (change shown), confirms, and prints the receipt.
 */
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { App, Button, Card, Checkbox, Descriptions, Empty, Form, Input, Modal, Radio, Result, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CashierUnit, CreatePaymentBody, Outstanding, OutstandingLine, PaymentMethod, PaymentResult } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert, PageHeader, toastError } from '../../components/common';
import { fenOf, labelOptions, PAYMENT_METHOD_LABELS, UnitSearch, yuan } from './shared';

export default function CashierPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [unit, setUnit] = useState<CashierUnit | null>(null);
  const unitId = unit?.id ?? params.get('unitId') ?? undefined;
  const outstanding = useQuery({
    queryKey: ['payments', 'outstanding', unitId],
    queryFn: () => api.get<Outstanding>('/api/payments/outstanding', { unitId }),
    enabled: !!unitId,
  });
  const data = outstanding.data;
  const [selected, setSelected] = useState<string[]>([]);
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [amount, setAmount] = useState('');
  const [tendered, setTendered] = useState('');
  const [keepAsPrepaid, setKeepAsPrepaid] = useState(false);
  const [payer, setPayer] = useState('');
  const [done, setDone] = useState<PaymentResult | null>(null);

  // A new unit (or fresh figures): everything selected, the amount what it all comes to.
  useEffect(() => {
    if (!data) return;
    setSelected(data.lines.map((l) => l.billLineId));
    setAmount(data.totals.dueFen > 0 ? yuan(data.totals.dueFen).replace(/,/g, '') : '');
    setTendered('');
    setPayer(data.unit.owners[0] ?? '');
  }, [data]);

  const selectedDue = useMemo(
    () => (data?.lines ?? []).filter((l) => selected.includes(l.billLineId)).reduce((s, l) => s + l.outstandingFen + l.lateFeeFen, 0),
    [data, selected],
  );
  const onSelect = (keys: string[]) => {
    setSelected(keys);
    const due = (data?.lines ?? []).filter((l) => keys.includes(l.billLineId)).reduce((s, l) => s + l.outstandingFen + l.lateFeeFen, 0);
    setAmount(due > 0 ? yuan(due).replace(/,/g, '') : '');
  };
  const amountFen = fenOf(amount);
  const tenderedFen = method === 'cash' && tendered ? fenOf(tendered) : null;
  const changeFen = amountFen !== null && tenderedFen !== null ? tenderedFen - amountFen : null;

  const pay = useMutation({
    mutationFn: (body: CreatePaymentBody) => api.post<PaymentResult>('/api/payments', body),
    onSuccess: (r) => {
      setDone(r);
      message.success(t(`收款成功，收据号 ${r.receiptNumber}`, `Payment taken, receipt ${r.receiptNumber}`));
      void qc.invalidateQueries({ queryKey: ['payments'] });
      void qc.invalidateQueries({ queryKey: ['cashier'] });
      void qc.invalidateQueries({ queryKey: ['bills'] });
      void qc.invalidateQueries({ queryKey: ['arrears'] });
    },
    onError: (e) => toastError(e, t),
  });

  const submit = () => {
    if (!data || amountFen === null || amountFen <= 0) {
      message.error(t('请输入正确的收款金额（元，最多两位小数）', 'Enter the amount in yuan with at most two decimals'));
      return;
    }
    if (tenderedFen !== null && tenderedFen < amountFen) {
      message.error(t('实收现金不足', 'The cash tendered does not cover the amount'));
      return;
    }
    const all = selected.length === data.lines.length;
    if (!all && selected.length === 0 && data.lines.length > 0) {
      message.error(t('请选择要收取的费用', 'Choose the lines to pay'));
      return;
    }
    pay.mutate({
      unitId: data.unit.id,
      method,
      amountFen,
      // Everything chosen: oldest first; otherwise the chosen lines in their (oldest first) order.
      billLineIds: all ? undefined : data.lines.filter((l) => selected.includes(l.billLineId)).map((l) => l.billLineId),
      tenderedFen: tenderedFen ?? undefined,
      keepExcessAsPrepaid: method === 'cash' && keepAsPrepaid ? true : undefined,
      payerName: payer.trim() || undefined,
    });
  };

  const columns: TableColumnsType<OutstandingLine> = [
    { title: t('账期', 'Period'), dataIndex: 'period', width: 90 },
    {
      title: t('费用', 'Charge'),
      dataIndex: 'description',
      render: (v: string, l) => (
        <Space size={4}>
          {l.kind === 'late_fee' && <Tag color="orange">{t('滞纳金', 'Late fee')}</Tag>}
          {v}
        </Space>
      ),
    },
    { title: t('应缴日', 'Due'), dataIndex: 'dueDate', width: 110 },
    { title: t('金额', 'Amount'), dataIndex: 'amountFen', align: 'right', width: 100, render: (v: number) => yuan(v) },
    { title: t('已缴/减免', 'Paid / reduced'), key: 'paid', align: 'right', width: 110, render: (_: unknown, l) => yuan(l.paidFen + l.creditedFen) },
    { title: t('欠费', 'Owed'), dataIndex: 'outstandingFen', align: 'right', width: 100, render: (v: number) => <b>{yuan(v)}</b> },
    {
      title: t('滞纳金（至今）', 'Late fee to date'),
      dataIndex: 'lateFeeFen',
      align: 'right',
      width: 130,
      render: (v: number, l) => (v > 0 ? <Typography.Text type="danger">{yuan(v)}{' '}<small>({t(`逾期${l.overdueDays}天`, `${l.overdueDays} d late`)})</small></Typography.Text> : '—'),
    },
  ];

  return (
    <>
      <PageHeader title={t('收费', 'Take payments')} sub={t('按房号、业主姓名或手机尾号查找房屋', 'Find the unit by number, owner name or phone tail')} />
      <Card style={{ marginBottom: 16 }}>
        <UnitSearch
          autoFocus
          value={unit ?? (data ? data.unit : null)}
          onChange={(u) => {
            setUnit(u);
            setDone(null);
            setParams(u ? { unitId: u.id } : {});
          }}
        />
      </Card>
      <ErrorAlert error={outstanding.error} />
      {data && (
        <Card
          title={
            <Space wrap>
              <span data-testid="cashier-unit">{data.unit.label}</span>
              {data.unit.owners.length > 0 && <Typography.Text type="secondary">{data.unit.owners.join('、')}</Typography.Text>}
            </Space>
          }
          extra={t(`滞纳金计至 ${data.asOf}`, `Late fees to ${data.asOf}`)}
        >
          {data.prepaid.some((p) => p.balanceFen > 0) && (
            <Descriptions size="small" style={{ marginBottom: 12 }} items={data.prepaid.map((p) => ({ key: p.accountId, label: p.feeItemName ?? t('预存款（通用）', 'Prepaid (any item)'), children: `¥${yuan(p.balanceFen)}` }))} />
          )}
          {data.lines.length === 0 ? (
            <Empty description={t('该房屋没有欠费', 'The unit owes nothing')} data-testid="no-outstanding" />
          ) : (
            <>
              <Table<OutstandingLine>
                rowKey="billLineId"
                size="small"
                pagination={false}
                columns={columns}
                dataSource={data.lines}
                rowSelection={{ selectedRowKeys: selected, onChange: (keys) => onSelect(keys as string[]) }}
                summary={() => (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0} colSpan={6}>{t('合计', 'Total')}</Table.Summary.Cell>
                    <Table.Summary.Cell index={1} align="right"><b>{yuan(data.totals.outstandingFen)}</b></Table.Summary.Cell>
                    <Table.Summary.Cell index={2} align="right">{yuan(data.totals.lateFeeFen)}</Table.Summary.Cell>
                  </Table.Summary.Row>
                )}
              />
              <Typography.Paragraph style={{ marginTop: 12 }}>
                {t('所选应收（含滞纳金）：', 'Chosen, with late fees: ')}
                <Typography.Text strong style={{ fontSize: 18 }} data-testid="selected-due">¥{yuan(selectedDue)}</Typography.Text>
              </Typography.Paragraph>
            </>
          )}
          {data.lines.length > 0 && can('billing.collect') && (
            <Form layout="vertical" style={{ maxWidth: 640 }} onFinish={submit}>
              <Form.Item label={t('收款方式', 'Method')}>
                <Radio.Group optionType="button" value={method} onChange={(e) => setMethod(e.target.value as PaymentMethod)} options={labelOptions(PAYMENT_METHOD_LABELS, locale, ['direct_debit'])} />
              </Form.Item>
              <Space wrap align="start">
                <Form.Item label={t('收款金额（元）', 'Amount (yuan)')} required htmlFor="pay-amount">
                  <Input id="pay-amount" value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" style={{ width: 180 }} status={amount && amountFen === null ? 'error' : undefined} />
                </Form.Item>
                {method === 'cash' && (
                  <Form.Item label={t('实收现金（元）', 'Cash tendered (yuan)')} htmlFor="pay-tendered">
                    <Input id="pay-tendered" value={tendered} onChange={(e) => setTendered(e.target.value)} inputMode="decimal" style={{ width: 180 }} />
                  </Form.Item>
                )}
                {method === 'cash' && (
                  <Form.Item label={t('找零', 'Change')}>
                    <Typography.Text strong style={{ fontSize: 18, lineHeight: '32px' }} data-testid="change">{changeFen !== null && changeFen >= 0 ? `¥${yuan(changeFen)}` : '—'}</Typography.Text>
                  </Form.Item>
                )}
              </Space>
              <Form.Item label={t('付款人', 'Payer')} htmlFor="pay-payer">
                <Input id="pay-payer" value={payer} onChange={(e) => setPayer(e.target.value)} maxLength={100} style={{ width: 240 }} />
              </Form.Item>
              {method === 'cash' && (
                <Form.Item>
                  <Checkbox checked={keepAsPrepaid} onChange={(e) => setKeepAsPrepaid(e.target.checked)}>
                    {t('超出应收的部分转为预存款（不找零）', 'Keep any amount beyond what is owed as prepaid (no change)')}
                  </Checkbox>
                </Form.Item>
              )}
              {method !== 'cash' && amountFen !== null && amountFen > selectedDue && (
                <Typography.Paragraph type="warning">{t(`超出部分 ¥${yuan(amountFen - selectedDue)} 将转为预存款`, `The ¥${yuan(amountFen - selectedDue)} beyond what is owed goes to prepaid`)}</Typography.Paragraph>
              )}
              <Button type="primary" htmlType="submit" size="large" loading={pay.isPending}>
                {t('确认收款', 'Confirm payment')}
              </Button>
            </Form>
          )}
        </Card>
      )}
      <Modal open={!!done} footer={null} onCancel={() => setDone(null)} title={t('收款成功', 'Payment taken')} destroyOnHidden>
        {done && (
          <Result
            status="success"
            title={t(`收据号 ${done.receiptNumber}`, `Receipt ${done.receiptNumber}`)}
            subTitle={[
              t(`实收 ¥${yuan(done.amountFen)}`, `Received ¥${yuan(done.amountFen)}`),
              done.changeFen > 0 ? t(`找零 ¥${yuan(done.changeFen)}`, `change ¥${yuan(done.changeFen)}`) : null,
              done.lateFeeFen > 0 ? t(`含滞纳金 ¥${yuan(done.lateFeeFen)}`, `incl. late fees ¥${yuan(done.lateFeeFen)}`) : null,
              done.prepaidFen > 0 ? t(`转预存 ¥${yuan(done.prepaidFen)}`, `¥${yuan(done.prepaidFen)} to prepaid`) : null,
            ].filter(Boolean).join('，')}
            extra={[
              <Button key="print" type="primary" icon={<PrinterOutlined />} onClick={() => navigate(`/receipts/${done.id}/print`)}>
                {t('打印收据', 'Print the receipt')}
              </Button>,
              <Button key="close" onClick={() => setDone(null)}>{t('关闭', 'Close')}</Button>,
            ]}
          />
        )}
      </Modal>
    </>
  );
}
