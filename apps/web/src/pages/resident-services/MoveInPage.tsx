/**
 * The move-in counter page: the checklist with who did each step, the four utility accounts
 * (开户) moved on one by one, the direct-debit mandate (托收), progress, completion and the
 * printable confirmation.
 */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, Modal, Progress, Space, Spin, Table, Typography } from 'antd';
import { CheckCircleFilled, ClockCircleOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MoveIn } from '@propdesk/contracts';
import { api, ApiError } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert, PageHeader, toastError } from '../../components/common';
import { MOVE_IN_STEP, MOVE_STATUS, RELATION_LABELS, StateTag, UTILITY_KIND, UTILITY_STATUS, labelOf, milli, when } from './shared';

type StepForm = null | { step: string };
type UtilForm = null | { kind: string; to: 'opened' | 'failed' };

export default function MoveInPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const qc = useQueryClient();
  const mi = useQuery({ queryKey: ['move-ins', 'one', id], queryFn: () => api.get<MoveIn>(`/api/move-ins/${id}`) });
  const [stepForm, setStepForm] = useState<StepForm>(null);
  const [utilForm, setUtilForm] = useState<UtilForm>(null);
  const [ddOpen, setDdOpen] = useState(false);
  const [form] = Form.useForm();
  const act = useMutation({
    mutationFn: (a: { method: 'post' | 'patch'; url: string; body?: unknown }) => (a.method === 'post' ? api.post<MoveIn>(a.url, a.body) : api.patch<MoveIn>(a.url, a.body)),
    onSuccess: (m) => {
      qc.setQueryData(['move-ins', 'one', id], m);
      void qc.invalidateQueries({ queryKey: ['move-ins'] });
      setStepForm(null);
      setUtilForm(null);
      setDdOpen(false);
    },
    onError: (e) => {
      if (e instanceof ApiError) form.setFields(e.fieldErrors());
      toastError(e, t);
    },
  });
  if (mi.isLoading) return <Spin />;
  if (!mi.data) return <ErrorAlert error={mi.error} />;
  const m = mi.data;
  const editable = m.status === 'open' && can('resident_services.apply');
  const accountsEditable = m.status !== 'cancelled' && can('resident_services.apply');
  const missing = Object.entries(m.checklist).filter(([, c]) => !c.done).length;

  const submitStep = (v: Record<string, unknown>) => {
    const step = stepForm!.step;
    const body: Record<string, unknown> = { note: v.note || undefined };
    if (step === 'meters') body.readings = { waterMilli: Math.round(Number(v.water) * 1000), electricityMilli: Math.round(Number(v.electricity) * 1000), gasMilli: v.gas === undefined || v.gas === null ? null : Math.round(Number(v.gas) * 1000) };
    if (step === 'keys') body.keys = { count: v.count, which: v.which };
    act.mutate({ method: 'post', url: `/api/move-ins/${m.id}/steps/${step}`, body });
  };

  return (
    <>
      <PageHeader
        title={<Space>{t('入伙办理', 'Move-in')} {m.number} <StateTag labels={MOVE_STATUS} code={m.status} /></Space>}
        sub={`${m.buildingName} ${m.unitNumber}`}
        extra={<>
          <Link to={`/print/move-ins/${m.id}`}><Button icon={<PrinterOutlined />}>{t('打印入伙确认单', 'Print confirmation')}</Button></Link>
          {editable && <Button onClick={() => Modal.confirm({ title: t('取消此入伙手续？', 'Cancel this move-in?'), onOk: () => act.mutate({ method: 'post', url: `/api/move-ins/${m.id}/cancel` }) })}>{t('取消办理', 'Cancel')}</Button>}
          {editable && <Button type="primary" disabled={missing > 0} loading={act.isPending} onClick={() => act.mutate({ method: 'post', url: `/api/move-ins/${m.id}/complete` })}>{t('完成入伙', 'Complete move-in')}</Button>}
        </>}
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Progress percent={Math.round((m.progress.done / m.progress.total) * 100)} format={() => `${m.progress.done}/${m.progress.total}`} aria-label={t('办理进度', 'Progress')} />
          {m.status === 'completed' && <Alert type="success" showIcon message={t(`已于 ${m.moveInDate} 完成入伙，房屋已设为已入住`, `Completed on ${m.moveInDate}: the unit is occupied`)} />}
        </Space>
        <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginTop: 12 }}>
          <Descriptions.Item label={t('入伙人', 'People')}>{m.people.map((p) => `${p.name}（${labelOf(RELATION_LABELS, p.relation, locale)}）${p.phone}`).join('；')}</Descriptions.Item>
          <Descriptions.Item label={t('办理人', 'Opened by')}>{m.createdBy} {when(m.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('托收', 'Direct debit')}>{m.directDebit ? `${m.directDebit.bank} ${m.directDebit.accountMasked}（${m.directDebit.accountHolder}）` : t('未办理', 'None')}</Descriptions.Item>
        </Descriptions>
      </Card>

      <Card title={t('入伙清单', 'Checklist')} size="small" style={{ marginBottom: 16 }}>
        <Table size="small" rowKey="step" pagination={false}
          dataSource={Object.entries(m.checklist).map(([step, c]) => ({ step, ...c }))}
          columns={[
            { title: t('事项', 'Step'), dataIndex: 'step', render: (s, r) => <Space>{r.done ? <CheckCircleFilled style={{ color: '#52c41a' }} /> : <ClockCircleOutlined />}{labelOf(MOVE_IN_STEP, s, locale)}</Space> },
            { title: t('记录', 'Record'), render: (_, r) => r.step === 'meters' && m.meterReadings ? t(`水 ${milli(m.meterReadings.waterMilli)} 电 ${milli(m.meterReadings.electricityMilli)} 气 ${milli(m.meterReadings.gasMilli)}`, `Water ${milli(m.meterReadings.waterMilli)} Electricity ${milli(m.meterReadings.electricityMilli)} Gas ${milli(m.meterReadings.gasMilli)}`)
              : r.step === 'keys' && m.keys ? t(`${m.keys.count} 把：${m.keys.which}`, `${m.keys.count}: ${m.keys.which}`) : r.note ?? '' },
            { title: t('经办', 'Done by'), render: (_, r) => (r.done ? `${r.doneBy ?? ''} ${when(r.doneAt)}` : '') },
            { title: '', render: (_, r) => editable && <Button size="small" type={r.done ? 'default' : 'primary'} onClick={() => { form.resetFields(); setStepForm({ step: r.step }); }}>{r.done ? t('修改', 'Redo') : t('完成此项', 'Mark done')}</Button> },
          ]}
        />
      </Card>

      <Card title={t('开户（水、电、燃气、有线电视）', 'Utility accounts')} size="small" style={{ marginBottom: 16 }}
        extra={editable && !m.directDebit && <Button size="small" onClick={() => { form.resetFields(); setDdOpen(true); }}>{t('登记托收', 'Direct-debit mandate')}</Button>}>
        <Table size="small" rowKey="kind" pagination={false} dataSource={m.utilities}
          columns={[
            { title: t('项目', 'Account'), dataIndex: 'kind', render: (k) => labelOf(UTILITY_KIND, k, locale) },
            { title: t('状态', 'Status'), dataIndex: 'status', render: (s) => <StateTag labels={UTILITY_STATUS} code={s} /> },
            { title: t('户号 / 原因', 'Account no. / reason'), render: (_, u) => u.accountNumber ?? u.failureReason ?? '' },
            { title: t('更新', 'Updated'), render: (_, u) => `${u.updatedBy ?? ''} ${when(u.updatedAt)}` },
            {
              title: '', render: (_, u) => accountsEditable && (
                <Space>
                  {(u.status === 'requested' || u.status === 'failed') && <Button size="small" aria-label={t(`${labelOf(UTILITY_KIND, u.kind, 'zh-CN')}已提交`, `${u.kind} submitted`)} onClick={() => act.mutate({ method: 'patch', url: `/api/move-ins/${m.id}/utility-accounts/${u.kind}`, body: { status: 'submitted' } })}>{t('已提交', 'Submitted')}</Button>}
                  {u.status === 'submitted' && <Button size="small" type="primary" aria-label={t(`${labelOf(UTILITY_KIND, u.kind, 'zh-CN')}已开户`, `${u.kind} opened`)} onClick={() => { form.resetFields(); setUtilForm({ kind: u.kind, to: 'opened' }); }}>{t('已开户', 'Opened')}</Button>}
                  {(u.status === 'requested' || u.status === 'submitted') && <Button size="small" danger onClick={() => { form.resetFields(); setUtilForm({ kind: u.kind, to: 'failed' }); }}>{t('未成功', 'Failed')}</Button>}
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <Modal open={!!stepForm} title={stepForm ? labelOf(MOVE_IN_STEP, stepForm.step, locale) : ''} onCancel={() => setStepForm(null)} onOk={() => form.submit()} confirmLoading={act.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={submitStep}>
          {stepForm?.step === 'meters' && <Space wrap>
            <Form.Item name="water" label={t('水表读数 (m³)', 'Water (m³)')} rules={[{ required: true }]}><InputNumber min={0} step={0.001} /></Form.Item>
            <Form.Item name="electricity" label={t('电表读数 (kWh)', 'Electricity (kWh)')} rules={[{ required: true }]}><InputNumber min={0} step={0.001} /></Form.Item>
            <Form.Item name="gas" label={t('燃气表读数 (m³)', 'Gas (m³)')}><InputNumber min={0} step={0.001} /></Form.Item>
          </Space>}
          {stepForm?.step === 'keys' && <Space wrap>
            <Form.Item name="count" label={t('钥匙数量', 'Number of keys')} rules={[{ required: true }]}><InputNumber min={0} max={99} /></Form.Item>
            <Form.Item name="which" label={t('钥匙明细', 'Which keys')} rules={[{ required: true }]}><Input placeholder={t('入户门×2、信箱×1、门禁卡×2', 'Front door ×2, mailbox ×1, access card ×2')} style={{ width: 300 }} /></Form.Item>
          </Space>}
          <Form.Item name="note" label={t('备注', 'Note')}><Input /></Form.Item>
        </Form>
      </Modal>

      <Modal open={!!utilForm} title={utilForm ? `${labelOf(UTILITY_KIND, utilForm.kind, locale)} · ${labelOf(UTILITY_STATUS, utilForm.to, locale)}` : ''} onCancel={() => setUtilForm(null)} onOk={() => form.submit()} confirmLoading={act.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => act.mutate({ method: 'patch', url: `/api/move-ins/${m.id}/utility-accounts/${utilForm!.kind}`, body: utilForm!.to === 'opened' ? { status: 'opened', accountNumber: v.value } : { status: 'failed', reason: v.value } })}>
          <Form.Item name="value" label={utilForm?.to === 'opened' ? t('户号', 'Account number') : t('原因', 'Reason')} rules={[{ required: true }]}><Input /></Form.Item>
        </Form>
      </Modal>

      <Modal open={ddOpen} title={t('登记托收（银行代扣）', 'Direct-debit mandate')} onCancel={() => setDdOpen(false)} onOk={() => form.submit()} confirmLoading={act.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => act.mutate({ method: 'post', url: `/api/move-ins/${m.id}/direct-debit`, body: v })}>
          <Form.Item name="bank" label={t('开户银行', 'Bank')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="accountNumber" label={t('银行账号', 'Account number')} rules={[{ required: true, pattern: /^\d{8,30}$/, message: t('8–30 位数字', '8–30 digits') }]}><Input /></Form.Item>
          <Form.Item name="accountHolder" label={t('户名', 'Account holder')} rules={[{ required: true }]}><Input /></Form.Item>
        </Form>
      </Modal>
      {m.status === 'open' && missing > 0 && <Typography.Text type="secondary">{t(`还有 ${missing} 项清单未完成`, `${missing} checklist steps to go`)}</Typography.Text>}
    </>
  );
}
