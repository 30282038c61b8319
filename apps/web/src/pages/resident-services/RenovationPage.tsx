/** One renovation, as a counter page: its state, the next steps the user may take, inspections, extensions, money. */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { App, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Radio, Select, Space, Spin, Steps, Table, Tag } from 'antd';
import { MinusCircleOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { PAYMENT_METHOD_LABELS, type AttachmentList, type Renovation } from '@propdesk/contracts';
import { Attachments } from '../../components/Attachments';
import { api, ApiError } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert, PageHeader, toastError } from '../../components/common';
import { label, UNIT_STATES } from '../../i18n/terms';
import { RENOVATION_STATUS, StateTag, fen, toFen, when } from './shared';

type Dialog = null | 'approve' | 'reject' | 'pay' | 'inspect' | 'acceptance' | 'extend' | 'refund' | 'cancel';
const FLOW = ['submitted', 'approved', 'paid', 'in_progress', 'accepted', 'closed'];

export default function RenovationPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['renovations', 'one', id], queryFn: () => api.get<Renovation>(`/api/renovations/${id}`) });
  const [dialog, setDialog] = useState<Dialog>(null);
  const files = useQuery({ queryKey: ['files', 'renovation', id], queryFn: () => api.get<AttachmentList>(`/api/renovations/${id}/files`) });
  const photoOptions = (files.data?.items ?? []).filter((f) => f.mime.startsWith('image/')).map((f) => ({ value: f.id, label: f.name }));
  const [form] = Form.useForm();
  const act = useMutation({
    mutationFn: (a: { action: string; body?: unknown }) => api.post<Renovation>(`/api/renovations/${id}/${a.action}`, a.body),
    onSuccess: (r, a) => {
      qc.setQueryData(['renovations', 'one', id], r);
      void qc.invalidateQueries({ queryKey: ['renovations'] });
      void qc.invalidateQueries({ queryKey: ['passes'] });
      void qc.invalidateQueries({ queryKey: ['units'] });
      // The deposit is billing money: its receipt (and the refund's) is in the cashier's day.
      if (r.deposit && (a.action === 'pay' || a.action === 'refund')) {
        void qc.invalidateQueries({ queryKey: ['deposits'] });
        void qc.invalidateQueries({ queryKey: ['payments'] });
        const receipt = a.action === 'pay' ? r.deposit.receiptNumber : r.deposit.refundReceiptNumber;
        message.success(a.action === 'pay' ? t(`押金已收，收据号 ${receipt}`, `Deposit taken, receipt ${receipt}`) : t(`押金已退，退款收据号 ${receipt}`, `Deposit refunded, receipt ${receipt}`));
      }
      setDialog(null);
    },
    onError: (e) => { if (e instanceof ApiError) form.setFields(e.fieldErrors()); toastError(e, t); },
  });
  if (q.isLoading) return <Spin />;
  if (!q.data) return <ErrorAlert error={q.error} />;
  const r = q.data;
  const s = r.status;
  const apply = can('resident_services.apply');
  const approve = can('resident_services.approve');
  // Taking and paying back the deposit is money at the till (the server asks billing.collect too).
  const collect = can('billing.collect');
  const methods = Object.entries(PAYMENT_METHOD_LABELS).filter(([m]) => m !== 'direct_debit').map(([value, l]) => ({ value, label: locale === 'en' ? l.en : l.zh }));
  const receiptLink = (paymentId: string, number: string) => <Link to={`/receipts/${paymentId}/print`}><PrinterOutlined /> {t(`收据 ${number}`, `Receipt ${number}`)}</Link>;
  const works = s === 'in_progress' || s === 'rework';
  const pending = r.extensions.find((e) => e.status === 'pending');
  const open = (d: Dialog) => { form.resetFields(); setDialog(d); };
  const violations = (v: { violations?: { description: string; deadline: dayjs.Dayjs; photoFileIds?: string[] }[] }) =>
    (v.violations ?? []).map((x) => ({ description: x.description, deadline: x.deadline.format('YYYY-MM-DD'), photoFileIds: x.photoFileIds ?? [] }));
  const submit = (v: Record<string, unknown> & { fees?: { name: string; yuan: number }[]; deductions?: { reason: string; yuan: number }[] }) => {
    switch (dialog) {
      case 'approve': return act.mutate({ action: 'approve', body: { conditions: v.conditions || undefined } });
      case 'reject': return act.mutate({ action: 'reject', body: { reason: v.reason } });
      case 'cancel': return act.mutate({ action: 'cancel', body: { reason: v.reason } });
      case 'pay': return act.mutate({ action: 'pay', body: { depositFen: toFen(v.deposit as number), method: v.method, fees: (v.fees ?? []).map((f) => ({ name: f.name, amountFen: toFen(f.yuan) })), note: v.note || undefined } });
      case 'inspect': return act.mutate({ action: 'inspect', body: { findings: v.findings, violations: violations(v as never) } });
      case 'acceptance': return act.mutate({ action: 'acceptance', body: { passed: v.passed, findings: v.findings, violations: violations(v as never) } });
      case 'extend': return act.mutate({ action: 'extend', body: { newEndDate: (v.newEndDate as dayjs.Dayjs).format('YYYY-MM-DD'), reason: v.reason } });
      case 'refund': return act.mutate({ action: 'refund', body: { method: v.method, deductions: (v.deductions ?? []).map((d) => ({ reason: d.reason, amountFen: toFen(d.yuan) })) } });
    }
  };
  const violationList = (
    <Form.List name="violations">
      {(fields, { add, remove }) => (<>
        {fields.map((f, i) => (
          <Space key={f.key} align="start" wrap>
            <Form.Item name={[f.name, 'description']} label={t(`违规/整改项 ${i + 1}`, `Violation ${i + 1}`)} rules={[{ required: true, min: 2 }]}><Input style={{ width: 260 }} /></Form.Item>
            <Form.Item name={[f.name, 'deadline']} label={t(`整改期限 ${i + 1}`, `Deadline ${i + 1}`)} rules={[{ required: true }]}><DatePicker /></Form.Item>
            <Form.Item name={[f.name, 'photoFileIds']} label={t(`照片 ${i + 1}`, `Photos ${i + 1}`)}><Select mode="multiple" style={{ minWidth: 160 }} options={photoOptions} placeholder={t('先在下方上传照片', 'Upload photos below first')} /></Form.Item>
            <Button type="text" aria-label={t('删除', 'Remove')} icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} style={{ marginTop: 30 }} />
          </Space>
        ))}
        <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ deadline: dayjs().add(3, 'day') })} style={{ marginBottom: 16 }}>{t('添加违规/整改项', 'Add a violation')}</Button>
      </>)}
    </Form.List>
  );
  return (
    <>
      <PageHeader title={<Space>{t('装修申请', 'Renovation')} {r.number} <StateTag labels={RENOVATION_STATUS} code={s} /></Space>} sub={`${r.buildingName} ${r.unitNumber} · ${r.ownerName}`}
        extra={<>
          {r.permitNumber && <Link to={`/print/renovations/${r.id}`}><Button icon={<PrinterOutlined />}>{t('打印装修许可证', 'Print permit')}</Button></Link>}
          {r.passIds.length > 0 && <Link to={`/print/passes?ids=${r.passIds.join(',')}`}><Button icon={<PrinterOutlined />}>{t('打印施工人员出入证', 'Print worker passes')}</Button></Link>}
          {s === 'submitted' && approve && <><Button type="primary" onClick={() => open('approve')}>{t('批准', 'Approve')}</Button><Button danger onClick={() => open('reject')}>{t('驳回', 'Reject')}</Button></>}
          {s === 'approved' && collect && <Button type="primary" onClick={() => open('pay')}>{t('收取押金与费用', 'Take deposit and fees')}</Button>}
          {s === 'paid' && apply && <Button type="primary" loading={act.isPending} onClick={() => act.mutate({ action: 'issue-permit' })}>{t('发放许可证与出入证', 'Issue permit and passes')}</Button>}
          {works && apply && <><Button onClick={() => open('inspect')}>{t('巡查记录', 'Inspection')}</Button><Button type="primary" onClick={() => open('acceptance')}>{s === 'rework' ? t('复验', 'Re-inspection') : t('竣工验收', 'Acceptance')}</Button></>}
          {['approved', 'paid', 'in_progress', 'rework'].includes(s) && apply && !pending && <Button onClick={() => open('extend')}>{t('申请延期', 'Extension')}</Button>}
          {pending && approve && <><Button onClick={() => act.mutate({ action: 'decide-extension', body: { extensionId: pending.id, approve: true } })}>{t(`批准延期至 ${pending.newEndDate}`, `Approve extension to ${pending.newEndDate}`)}</Button>
            <Button danger onClick={() => act.mutate({ action: 'decide-extension', body: { extensionId: pending.id, approve: false } })}>{t('驳回延期', 'Reject extension')}</Button></>}
          {s === 'accepted' && collect && <Button type="primary" onClick={() => open('refund')}>{t('退还押金', 'Refund deposit')}</Button>}
          {['submitted', 'approved', 'paid'].includes(s) && apply && <Button onClick={() => open('cancel')}>{t('取消', 'Cancel')}</Button>}
        </>} />
      <Steps size="small" style={{ marginBottom: 16 }} current={Math.max(0, FLOW.indexOf(s === 'rework' ? 'in_progress' : s))} status={['rejected', 'cancelled'].includes(s) ? 'error' : undefined}
        items={[t('申请', 'Applied'), t('审核通过', 'Approved'), t('已缴费', 'Paid'), t('施工中', 'Works'), t('验收合格', 'Accepted'), t('退押结案', 'Closed')].map((title) => ({ title }))} />
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('房屋状态', 'Unit state')}><Link to={`/units/${r.unitId}`}>{r.buildingName} {r.unitNumber}</Link> <Tag color={r.unitState === 'renovating' ? 'orange' : undefined}>{label(UNIT_STATES, r.unitState, locale)}</Tag></Descriptions.Item>
        <Descriptions.Item label={t('业主', 'Owner')}>{r.ownerName} {r.ownerPhone}</Descriptions.Item>
        <Descriptions.Item label={t('装修公司', 'Contractor')}>{r.contractorCompany}{r.contractorLicense ? `（${r.contractorLicense}）` : ''}</Descriptions.Item>
        <Descriptions.Item label={t('现场负责人', 'Person in charge')}>{r.personInCharge} {r.personInChargePhone}</Descriptions.Item>
        <Descriptions.Item label={t('工期', 'Dates')}>{r.plannedStart} ~ {r.approvedEnd}{r.approvedEnd !== r.plannedEnd ? t(`（原 ${r.plannedEnd}）`, ` (was ${r.plannedEnd})`) : ''}</Descriptions.Item>
        <Descriptions.Item label={t('施工范围', 'Scope')} span={2}>{r.scope}</Descriptions.Item>
        <Descriptions.Item label={t('施工人员', 'Workers')} span={2}>{r.workers.map((w) => `${w.name}${w.trade ? `（${w.trade}）` : ''} ${w.idNumberMasked}`).join('；')}</Descriptions.Item>
        <Descriptions.Item label={t('审批条件', 'Conditions')}>{r.conditions ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('驳回原因', 'Rejected because')}>{r.rejectReason ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('押金 / 费用', 'Deposit / fees')}>{r.depositFen !== null ? <>{`${t('押金', 'Deposit')} ${fen(r.depositFen)}；${r.fees.map((f) => `${f.name} ${fen(f.amountFen)}`).join('；')}`} {r.deposit && receiptLink(r.deposit.paymentId, r.deposit.receiptNumber)}</> : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('许可证', 'Permit')}>{r.permitNumber ? `${r.permitNumber}（${when(r.permitIssuedAt)}）` : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('退押金', 'Refund')} span={2}>{r.refundFen !== null ? <>{`${fen(r.refundFen)}${r.deductions.length ? t('，扣款：', '; deductions: ') + r.deductions.map((d) => `${d.reason} ${fen(d.amountFen)}`).join('；') : ''}`} {r.deposit?.refundPaymentId && r.deposit.refundReceiptNumber && receiptLink(r.deposit.refundPaymentId, r.deposit.refundReceiptNumber)}</> : '—'}</Descriptions.Item>
      </Descriptions>
      <Card size="small" title={t('巡查与验收', 'Inspections and acceptance')} style={{ marginBottom: 16 }}>
        <Table size="small" rowKey="id" pagination={false} dataSource={r.inspections} locale={{ emptyText: t('暂无记录', 'None yet') }}
          columns={[
            { title: t('时间', 'When'), dataIndex: 'at', render: when },
            { title: t('类型', 'Kind'), dataIndex: 'kind', render: (k) => (k === 'acceptance' ? t('验收', 'Acceptance') : t('巡查', 'Routine')) },
            { title: t('结果', 'Result'), dataIndex: 'result', render: (x) => <Tag color={x === 'ok' || x === 'passed' ? 'success' : 'error'}>{({ ok: t('正常', 'OK'), violations: t('有违规', 'Violations'), passed: t('合格', 'Passed'), failed: t('不合格', 'Failed') } as Record<string, string>)[x]}</Tag> },
            { title: t('情况', 'Findings'), dataIndex: 'findings' },
            { title: t('违规/整改（期限）', 'Violations (deadline)'), render: (_, i) => i.violations.map((v, k) => <div key={k}>{v.description}（{v.deadline}）{v.photoFileIds.map((f, n) => <a key={f} href={`/api/files/${f}`} target="_blank" rel="noreferrer" style={{ marginLeft: 6 }}>{t(`照片${n + 1}`, `photo ${n + 1}`)}</a>)}</div>) },
            { title: t('检查人', 'Inspector'), dataIndex: 'inspector' },
          ]} />
      </Card>
      <Card size="small" title={t('图纸、资料与照片', 'Drawings, documents and photos')} style={{ marginBottom: 16 }}>
        <Attachments owner="renovation" id={r.id} canUpload={apply && !['closed', 'rejected', 'cancelled'].includes(s)} />
      </Card>
      {r.extensions.length > 0 && <Card size="small" title={t('延期', 'Extensions')}>
        <Table size="small" rowKey="id" pagination={false} dataSource={r.extensions}
          columns={[{ title: t('延至', 'To'), dataIndex: 'newEndDate' }, { title: t('原因', 'Reason'), dataIndex: 'reason' }, { title: t('状态', 'Status'), dataIndex: 'status', render: (x) => ({ pending: t('待审批', 'Pending'), approved: t('已批准', 'Approved'), rejected: t('已驳回', 'Rejected') } as Record<string, string>)[x] }, { title: t('审批', 'Decided'), render: (_, e) => (e.decidedBy ? `${e.decidedBy} ${when(e.decidedAt)}` : '') }]} />
      </Card>}
      <Modal open={!!dialog} title={dialog ? ({ approve: t('批准（可附条件）', 'Approve (with conditions)'), reject: t('驳回', 'Reject'), cancel: t('取消申请', 'Cancel'), pay: t('收取押金与费用', 'Take the deposit and fees'), inspect: t('巡查记录', 'Inspection'), acceptance: t('验收', 'Acceptance'), extend: t('申请延期', 'Extension'), refund: t('退还押金', 'Refund the deposit') } as Record<string, string>)[dialog] : ''}
        onCancel={() => setDialog(null)} onOk={() => form.submit()} confirmLoading={act.isPending} width={680} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ fees: [{ name: '垃圾清运费', yuan: 300 }], deposit: 2000, method: 'cash', passed: true, violations: [], deductions: [] }}>
          {dialog === 'approve' && <Form.Item name="conditions" label={t('审批条件', 'Conditions')}><Input.TextArea rows={3} /></Form.Item>}
          {(dialog === 'reject' || dialog === 'cancel') && <Form.Item name="reason" label={t('原因', 'Reason')} rules={[{ required: true, min: 2 }]}><Input.TextArea rows={3} /></Form.Item>}
          {dialog === 'pay' && <>
            <Space align="start" wrap>
              <Form.Item name="deposit" label={t('装修押金（元）', 'Deposit (yuan)')} rules={[{ required: true }]}><InputNumber min={0} precision={2} /></Form.Item>
              <Form.Item name="method" label={t('付款方式', 'Payment method')} rules={[{ required: true }]}><Select style={{ width: 140 }} options={methods} /></Form.Item>
            </Space>
            <p>{t('押金作为收费押金入账，出具收据并计入本人当日日结；费用记在申请上。', 'The deposit is booked as a billing deposit with a receipt, in your day and daily close; the fees are recorded on the application.')}</p>
            <Form.List name="fees">{(fields, { add, remove }) => (<>
              {fields.map((f, i) => <Space key={f.key} align="start">
                <Form.Item name={[f.name, 'name']} label={t(`费用 ${i + 1}`, `Fee ${i + 1}`)} rules={[{ required: true }]}><Input /></Form.Item>
                <Form.Item name={[f.name, 'yuan']} label={t(`金额（元）${i + 1}`, `Amount (yuan) ${i + 1}`)} rules={[{ required: true }]}><InputNumber min={0} precision={2} /></Form.Item>
                <Button type="text" aria-label={t('删除', 'Remove')} icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} style={{ marginTop: 30 }} />
              </Space>)}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 16 }}>{t('添加费用', 'Add a fee')}</Button>
            </>)}</Form.List>
            <Form.Item name="note" label={t('备注', 'Note')}><Input /></Form.Item>
          </>}
          {dialog === 'inspect' && <><Form.Item name="findings" label={t('巡查情况', 'Findings')} rules={[{ required: true }]}><Input.TextArea rows={2} /></Form.Item>{violationList}</>}
          {dialog === 'acceptance' && <>
            <Form.Item name="passed" label={t('验收结论', 'Result')}><Radio.Group options={[{ value: true, label: t('合格', 'Passed') }, { value: false, label: t('不合格，需整改', 'Failed: rework') }]} /></Form.Item>
            <Form.Item name="findings" label={t('验收情况', 'Findings')} rules={[{ required: true }]}><Input.TextArea rows={2} /></Form.Item>{violationList}
          </>}
          {dialog === 'extend' && <>
            <Form.Item name="newEndDate" label={t('延期至', 'New end date')} rules={[{ required: true }]}><DatePicker /></Form.Item>
            <Form.Item name="reason" label={t('延期原因', 'Reason')} rules={[{ required: true, min: 2 }]}><Input /></Form.Item>
          </>}
          {dialog === 'refund' && <Form.Item name="method" label={t('退款方式', 'Refund method')} rules={[{ required: true }]}><Select style={{ width: 140 }} options={methods} /></Form.Item>}
          {dialog === 'refund' && <Form.List name="deductions">{(fields, { add, remove }) => (<>
            <p>{r.deposit
              ? t(`押金 ${fen(r.depositFen)}（收据 ${r.deposit.receiptNumber}），扣款后余额退还并出具退款收据；如有扣款请逐项写明原因`, `Deposit ${fen(r.depositFen)} (receipt ${r.deposit.receiptNumber}); the rest after deductions is refunded with a refund receipt. List each deduction with its reason`)
              : t(`押金 ${fen(r.depositFen)}，如有扣款请逐项写明原因`, `Deposit ${fen(r.depositFen)}; list each deduction with its reason`)}</p>
            {fields.map((f, i) => <Space key={f.key} align="start">
              <Form.Item name={[f.name, 'reason']} label={t(`扣款原因 ${i + 1}`, `Reason ${i + 1}`)} rules={[{ required: true, min: 2 }]}><Input style={{ width: 260 }} /></Form.Item>
              <Form.Item name={[f.name, 'yuan']} label={t(`金额（元）${i + 1}`, `Amount (yuan) ${i + 1}`)} rules={[{ required: true }]}><InputNumber min={0.01} precision={2} /></Form.Item>
              <Button type="text" aria-label={t('删除', 'Remove')} icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} style={{ marginTop: 30 }} />
            </Space>)}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>{t('添加扣款', 'Add a deduction')}</Button>
          </>)}</Form.List>}
        </Form>
      </Modal>
    </>
  );
}
