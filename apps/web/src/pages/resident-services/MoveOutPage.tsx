/**
 * The move-out counter page: final readings, keys returned, what the unit owes (from the bill
 * ledger), completion — refused while money is owed unless a supervisor overrides with a reason —
 * and item-release slips created from it.
 */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Space, Spin, Table } from 'antd';
import { CheckCircleFilled, ClockCircleOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MoveOut } from '@propdesk/contracts';
import { api, ApiError } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert, PageHeader, toastError } from '../../components/common';
import { NewItemRelease } from './NewItemRelease';
import { MOVE_OUT_STEP, MOVE_STATUS, RELATION_LABELS, StateTag, fen, labelOf, milli, when } from './shared';

export default function MoveOutPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const qc = useQueryClient();
  const mo = useQuery({ queryKey: ['move-outs', 'one', id], queryFn: () => api.get<MoveOut>(`/api/move-outs/${id}`) });
  const [step, setStep] = useState<string | null>(null);
  const [override, setOverride] = useState(false);
  const [release, setRelease] = useState(false);
  const [form] = Form.useForm();
  const act = useMutation({
    mutationFn: (a: { url: string; body?: unknown }) => api.post<MoveOut>(a.url, a.body),
    onSuccess: (m) => {
      qc.setQueryData(['move-outs', 'one', id], m);
      void qc.invalidateQueries({ queryKey: ['move-outs'] });
      setStep(null);
      setOverride(false);
    },
    onError: (e) => {
      if (e instanceof ApiError) form.setFields(e.fieldErrors());
      toastError(e, t);
    },
  });
  if (mo.isLoading) return <Spin />;
  if (!mo.data) return <ErrorAlert error={mo.error} />;
  const m = mo.data;
  const editable = m.status === 'open' && can('resident_services.apply');
  const ready = Object.values(m.checklist).every((c) => c.done);
  return (
    <>
      <PageHeader title={<Space>{t('搬离办理', 'Move-out')} {m.number} <StateTag labels={MOVE_STATUS} code={m.status} /></Space>} sub={`${m.buildingName} ${m.unitNumber}`}
        extra={<>
          {can('resident_services.apply') && m.status !== 'cancelled' && <Button onClick={() => setRelease(true)}>{t('开具放行条', 'Item release slip')}</Button>}
          {editable && <Button type="primary" disabled={!ready} loading={act.isPending} onClick={() => act.mutate({ url: `/api/move-outs/${m.id}/complete` })}>{t('完成搬离', 'Complete move-out')}</Button>}
          {editable && m.outstandingFen > 0 && can('resident_services.approve') && <Button danger disabled={!ready} onClick={() => { form.resetFields(); setOverride(true); }}>{t('主管放行（欠费）', 'Supervisor override')}</Button>}
        </>} />
      {m.status === 'open' && m.outstandingFen > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t(`该房屋尚欠费 ${fen(m.outstandingFen)}，结清后方可办理搬离；特殊情况须主管审批并写明原因`, `The unit owes ${fen(m.outstandingFen)}: settle it first, or a supervisor overrides with a reason`)} />
      )}
      {m.status === 'completed' && <Alert type="success" showIcon style={{ marginBottom: 16 }} message={t(`已于 ${m.moveOutDate} 搬离；住户与房屋的关联已结束`, `Moved out on ${m.moveOutDate}; the people's links to the unit ended`) + (m.override ? t(`（欠费放行：${m.override.reason}，${m.override.by}）`, ` (override: ${m.override.reason}, ${m.override.by})`) : '')} />}
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('住户', 'People')}>{m.people.map((p) => `${p.name}（${labelOf(RELATION_LABELS, p.relation, locale)}）`).join('；') || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('办理时间', 'Opened')}>{when(m.createdAt)}</Descriptions.Item>
      </Descriptions>
      <Card title={t('搬离清单', 'Checklist')} size="small" style={{ marginBottom: 16 }}>
        <Table size="small" rowKey="step" pagination={false} dataSource={Object.entries(m.checklist).map(([s, c]) => ({ step: s, ...c }))}
          columns={[
            { title: t('事项', 'Step'), dataIndex: 'step', render: (s, r) => <Space>{r.done ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : <ClockCircleOutlined />}{labelOf(MOVE_OUT_STEP, s, locale)}</Space> },
            { title: t('记录', 'Record'), render: (_, r) => (r.step === 'meters' && m.meterReadings ? `${t('水', 'Water')} ${milli(m.meterReadings.waterMilli)} · ${t('电', 'Electricity')} ${milli(m.meterReadings.electricityMilli)} · ${t('气', 'Gas')} ${milli(m.meterReadings.gasMilli)}` : r.step === 'keys' && m.keysReturned ? `${m.keysReturned.count} · ${m.keysReturned.which}` : '') },
            { title: t('经办', 'Done by'), render: (_, r) => (r.done ? `${r.doneBy ?? ''} ${when(r.doneAt)}` : '') },
            { title: '', render: (_, r) => editable && <Button size="small" type={r.done ? 'default' : 'primary'} onClick={() => { form.resetFields(); setStep(r.step); }}>{r.done ? t('修改', 'Redo') : t('完成此项', 'Mark done')}</Button> },
          ]} />
      </Card>
      <Card title={t(`欠费明细（合计 ${fen(m.outstandingFen)}）`, `Outstanding charges (total ${fen(m.outstandingFen)})`)} size="small" style={{ marginBottom: 16 }}>
        <Table size="small" rowKey={(r) => `${r.billId}-${r.description}`} pagination={false} dataSource={m.outstanding} locale={{ emptyText: t('无欠费', 'Nothing owed') }}
          columns={[
            { title: t('账期', 'Period'), dataIndex: 'period' }, { title: t('项目', 'Item'), dataIndex: 'description' },
            { title: t('到期日', 'Due'), dataIndex: 'dueDate' }, { title: t('欠费', 'Owed'), dataIndex: 'outstandingFen', render: fen },
          ]} />
      </Card>
      {m.itemReleaseIds.length > 0 && <Card size="small" title={t('放行条', 'Item releases')}>{m.itemReleaseIds.map((rid) => <Link key={rid} to={`/item-releases/${rid}`} style={{ marginRight: 12 }}>{rid}</Link>)}</Card>}

      <Modal open={!!step} title={step ? labelOf(MOVE_OUT_STEP, step, locale) : ''} onCancel={() => setStep(null)} onOk={() => form.submit()} confirmLoading={act.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => act.mutate({
          url: `/api/move-outs/${m.id}/steps/${step}`,
          body: step === 'meters' ? { readings: { waterMilli: Math.round(v.water * 1000), electricityMilli: Math.round(v.electricity * 1000), gasMilli: v.gas == null ? null : Math.round(v.gas * 1000) }, note: v.note || undefined }
            : { keys: { count: v.count, which: v.which }, note: v.note || undefined },
        })}>
          {step === 'meters' ? <Space wrap>
            <Form.Item name="water" label={t('水表读数 (m³)', 'Water (m³)')} rules={[{ required: true }]}><InputNumber min={0} step={0.001} /></Form.Item>
            <Form.Item name="electricity" label={t('电表读数 (kWh)', 'Electricity (kWh)')} rules={[{ required: true }]}><InputNumber min={0} step={0.001} /></Form.Item>
            <Form.Item name="gas" label={t('燃气表读数 (m³)', 'Gas (m³)')}><InputNumber min={0} step={0.001} /></Form.Item>
          </Space> : <Space wrap>
            <Form.Item name="count" label={t('交回钥匙数量', 'Keys returned')} rules={[{ required: true }]}><InputNumber min={0} max={99} /></Form.Item>
            <Form.Item name="which" label={t('钥匙明细', 'Which keys')} rules={[{ required: true }]}><Input style={{ width: 280 }} /></Form.Item>
          </Space>}
          <Form.Item name="note" label={t('备注', 'Note')}><Input /></Form.Item>
        </Form>
      </Modal>
      <Modal open={override} title={t('欠费放行：主管审批', 'Override arrears (supervisor)')} onCancel={() => setOverride(false)} onOk={() => form.submit()} confirmLoading={act.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => act.mutate({ url: `/api/move-outs/${m.id}/complete`, body: { override: { reason: v.reason } } })}>
          <Form.Item name="reason" label={t('放行原因', 'Reason')} rules={[{ required: true, min: 2 }]}><Input.TextArea rows={3} /></Form.Item>
        </Form>
      </Modal>
      <NewItemRelease open={release} onClose={() => { setRelease(false); void mo.refetch(); }} preset={{ projectId: m.projectId, unitId: m.unitId, unitLabel: `${m.buildingName} ${m.unitNumber}`, moveOutId: m.id }} />
    </>
  );
}
