import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { App, Button, Card, Descriptions, Form, Input, Modal, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BillDetail, BillLine, BillTierLine } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert, PageHeader, toastError } from '../../components/common';
import { formatInstant, showSaveError } from '../units/shared';
import { LABELS, labelOf, milli, parseYuan, rateYuan, StatusTag, yuan } from './shared';

/** 账单详情: the bill's lines (tier breakdown of metered ones), voids and reductions. */
export default function BillDetailPage() {
  const { id } = useParams();
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const bill = useQuery({ queryKey: ['bills', 'detail', id], queryFn: () => api.get<BillDetail>(`/api/bills/${id}`) });
  const [voiding, setVoiding] = useState<BillLine | null>(null);
  const [reducing, setReducing] = useState<BillLine | null>(null);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['bills'] });
    void qc.invalidateQueries({ queryKey: ['reductions'] });
  };
  const review = useMutation({
    mutationFn: ({ line, decision }: { line: BillLine; decision: 'approve' | 'reject' }) => api.post<BillLine>(`/api/reductions/${line.id}/${decision}`, {}),
    onSuccess: (l) => {
      message.success(l.status === 'approved' ? t('减免已批准', 'Reduction approved') : t('减免已驳回', 'Reduction rejected'));
      refresh();
    },
    onError: (e) => toastError(e, t),
  });

  if (bill.error) return <ErrorAlert error={bill.error} />;
  const b = bill.data;
  const columns: TableColumnsType<BillLine> = [
    { title: t('内容', 'Description'), dataIndex: 'description', render: (v: string, l) => (l.status === 'void' ? <Typography.Text delete>{v}</Typography.Text> : v) },
    { title: t('类别', 'Kind'), dataIndex: 'kind', render: (v: string) => labelOf(LABELS.lineKind, v, locale) },
    {
      title: t('数量 × 单价', 'Quantity × price'),
      key: 'qty',
      render: (_: unknown, l) => {
        if (l.quantityMilli === null) return '';
        if (l.tiers) return `${milli(l.quantityMilli)} ${t('（阶梯）', '(tiered)')}`;
        return l.rateCentiFen !== null ? `${milli(l.quantityMilli)} × ${rateYuan(l.rateCentiFen)}` : milli(l.quantityMilli);
      },
    },
    { title: t('金额（元）', 'Amount (yuan)'), dataIndex: 'amountFen', align: 'right', render: (v: number) => yuan(v) },
    { title: t('已收', 'Paid'), dataIndex: 'paidFen', align: 'right', render: (v: number) => yuan(v) },
    { title: t('减免', 'Reduced'), dataIndex: 'creditedFen', align: 'right', render: (v: number) => (v ? yuan(v) : '') },
    { title: t('欠缴', 'Owed'), dataIndex: 'owedFen', align: 'right', render: (v: number) => <strong>{yuan(v)}</strong> },
    { title: t('期限', 'Due'), dataIndex: 'dueDate' },
    { title: t('状态', 'Status'), dataIndex: 'status', render: (v: string, l) => <span title={l.voidReason ?? l.reason ?? ''}><StatusTag status={v} labels={LABELS.lineStatus} /></span> },
    {
      title: t('操作', 'Actions'),
      key: 'actions',
      render: (_: unknown, l) => (
        <Space size={4} wrap>
          {l.kind !== 'reduction' && l.status !== 'void' && l.paidFen === 0 && l.creditedFen === 0 && can('billing.void') && (
            <Button size="small" danger onClick={() => setVoiding(l)}>{t('作废', 'Void')}</Button>
          )}
          {l.kind !== 'reduction' && l.status !== 'void' && l.owedFen > 0 && can('billing.reduce') && (
            <Button size="small" onClick={() => setReducing(l)}>{t('申请减免', 'Request reduction')}</Button>
          )}
          {l.kind === 'reduction' && l.status === 'pending' && can('billing.approve') && (
            <>
              <Button size="small" type="primary" onClick={() => review.mutate({ line: l, decision: 'approve' })}>{t('批准', 'Approve')}</Button>
              <Button size="small" onClick={() => review.mutate({ line: l, decision: 'reject' })}>{t('驳回', 'Reject')}</Button>
            </>
          )}
        </Space>
      ),
    },
  ];
  const tierColumns: TableColumnsType<BillTierLine> = [
    { title: t('阶梯', 'Tier'), dataIndex: 'tier', render: (v: number) => t(`第${v}档`, `Tier ${v}`) },
    { title: t('累计区间', 'Cumulative range'), key: 'range', render: (_: unknown, r) => `${milli(r.fromMilli)} – ${milli(r.toMilli)}` },
    { title: t('用量', 'Quantity'), dataIndex: 'quantityMilli', align: 'right', render: (v: number) => milli(v) },
    { title: t('单价（元）', 'Price (yuan)'), dataIndex: 'priceCentiFen', align: 'right', render: (v: number) => rateYuan(v) },
    { title: t('金额（元）', 'Amount (yuan)'), dataIndex: 'amountFen', align: 'right', render: (v: number) => yuan(v) },
  ];
  return (
    <div>
      <PageHeader
        title={b ? t(`账单 ${b.buildingName ?? ''} ${b.unitNumber} · ${b.period}`, `Bill ${b.buildingName ?? ''} ${b.unitNumber} · ${b.period}`) : t('账单', 'Bill')}
        extra={<Link to={b ? `/billing/bills?unitId=${b.unitId}` : '/billing/bills'}>{t('该户全部账单', "All of this unit's bills")}</Link>}
      />
      <Card loading={bill.isLoading} style={{ marginBottom: 16 }}>
        {b && (
          <Descriptions column={{ xs: 1, md: 3 }} size="small">
            <Descriptions.Item label={t('房屋', 'Unit')}><Link to={`/units/${b.unitId}`}>{`${b.buildingName ?? ''} ${b.unitNumber}`}</Link></Descriptions.Item>
            <Descriptions.Item label={t('月份', 'Period')}>{b.period}</Descriptions.Item>
            <Descriptions.Item label={t('状态', 'Status')}><StatusTag status={b.status} labels={LABELS.billStatus} /></Descriptions.Item>
            <Descriptions.Item label={t('应收（元）', 'Total (yuan)')}>{yuan(b.totalFen)}</Descriptions.Item>
            <Descriptions.Item label={t('已收（元）', 'Paid (yuan)')}>{yuan(b.paidFen)}</Descriptions.Item>
            <Descriptions.Item label={t('欠缴（元）', 'Owed (yuan)')}><strong>{yuan(b.owedFen)}</strong></Descriptions.Item>
            <Descriptions.Item label={t('缴费期限', 'Due')}>{b.dueDate}</Descriptions.Item>
            <Descriptions.Item label={t('出账时间', 'Issued')}>{formatInstant(b.createdAt)}</Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      <Card title={t('账单明细', 'Lines')}>
        {/* Mounted once the lines are there, so the tier breakdowns start expanded. */}
        {b && <Table<BillLine>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={b?.lines}
          pagination={false}
          scroll={{ x: 1000 }}
          expandable={{
            rowExpandable: (l) => !!l.tiers && l.tiers.length > 0,
            expandedRowRender: (l) => <Table<BillTierLine> rowKey="tier" size="small" pagination={false} columns={tierColumns} dataSource={l.tiers ?? []} />,
            defaultExpandAllRows: true,
          }}
        />}
      </Card>
      {voiding && (
        <ReasonModal
          title={t(`作废：${voiding.description}`, `Void: ${voiding.description}`)}
          label={t('作废原因', 'Reason for voiding')}
          onClose={() => setVoiding(null)}
          submit={(v) => api.post<BillLine>(`/api/bill-lines/${voiding.id}/void`, { reason: v.reason })}
          onDone={() => { message.success(t('已作废', 'Voided')); refresh(); }}
        />
      )}
      {reducing && (
        <ReasonModal
          title={t(`申请减免：${reducing.description}`, `Request a reduction: ${reducing.description}`)}
          label={t('减免原因', 'Reason for the reduction')}
          amountMax={reducing.owedFen}
          onClose={() => setReducing(null)}
          submit={(v) => api.post<BillLine>(`/api/bill-lines/${reducing.id}/reductions`, { amountFen: parseYuan(v.amount)!, reason: v.reason })}
          onDone={() => { message.success(t('已提交减免申请，待审批', 'Reduction requested; it awaits approval')); refresh(); }}
        />
      )}
    </div>
  );
}

function ReasonModal(props: { title: string; label: string; amountMax?: number; onClose(): void; submit(v: { reason: string; amount?: string }): Promise<unknown>; onDone(): void }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<{ reason: string; amount?: string }>();
  const m = useMutation({
    mutationFn: props.submit,
    onSuccess: () => {
      props.onDone();
      props.onClose();
    },
    onError: (e) => showSaveError(e, form, t, locale),
  });
  return (
    <Modal open title={props.title} onCancel={props.onClose} onOk={() => form.submit()} okText={t('提交', 'Submit')} confirmLoading={m.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" name="reason" onFinish={(v) => m.mutate(v)}>
        {props.amountMax !== undefined && (
          <Form.Item
            name="amount"
            label={t(`减免金额（元，最多 ${yuan(props.amountMax)}）`, `Amount (yuan, at most ${yuan(props.amountMax)})`)}
            rules={[
              { required: true, message: t('请填写金额', 'Give the amount') },
              { validator: (_, v) => { const f = parseYuan(v); return f !== null && f > 0 && f <= props.amountMax! ? Promise.resolve() : Promise.reject(new Error(t('金额不正确', 'Not a valid amount'))); } },
            ]}
          >
            <Input inputMode="decimal" />
          </Form.Item>
        )}
        <Form.Item name="reason" label={props.label} rules={[{ required: true, min: 2, max: 200, message: t('请填写原因（2–200 字）', 'Give the reason (2–200 characters)') }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
