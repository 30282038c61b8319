/** One item release: owner's confirmation, approval or rejection, the slip to print, the gate's record. */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Button, Descriptions, Form, Input, Modal, Select, Space, Spin, Table } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ItemRelease } from '@propdesk/contracts';
import { api, ApiError } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert, PageHeader, toastError } from '../../components/common';
import { CONFIRMATION_METHOD, RELATION_LABELS, RELEASE_STATUS, StateTag, labelOf, when } from './shared';

export default function ItemReleasePage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const qc = useQueryClient();
  const r = useQuery({ queryKey: ['item-releases', 'one', id], queryFn: () => api.get<ItemRelease>(`/api/item-releases/${id}`) });
  const [dialog, setDialog] = useState<null | 'owner' | 'reject' | 'cancel'>(null);
  const [form] = Form.useForm();
  const act = useMutation({
    mutationFn: (a: { url: string; body?: unknown }) => api.post<ItemRelease>(a.url, a.body),
    onSuccess: (x) => {
      qc.setQueryData(['item-releases', 'one', id], x);
      void qc.invalidateQueries({ queryKey: ['item-releases'] });
      setDialog(null);
    },
    onError: (e) => {
      if (e instanceof ApiError) form.setFields(e.fieldErrors());
      toastError(e, t);
    },
  });
  if (r.isLoading) return <Spin />;
  if (!r.data) return <ErrorAlert error={r.error} />;
  const x = r.data;
  const base = `/api/item-releases/${x.id}`;
  return (
    <>
      <PageHeader title={<Space>{t('放行条', 'Item release')} {x.number} <StateTag labels={RELEASE_STATUS} code={x.status} /></Space>} sub={`${x.buildingName} ${x.unitNumber}`}
        extra={<>
          {x.status === 'awaiting_owner' && can('resident_services.apply') && <Button type="primary" onClick={() => { form.resetFields(); setDialog('owner'); }}>{t('登记业主确认', 'Record owner\'s confirmation')}</Button>}
          {x.status === 'submitted' && can('resident_services.approve') && <Button type="primary" loading={act.isPending} onClick={() => act.mutate({ url: `${base}/approve` })}>{t('批准', 'Approve')}</Button>}
          {(x.status === 'submitted' || x.status === 'awaiting_owner') && can('resident_services.approve') && <Button danger onClick={() => { form.resetFields(); setDialog('reject'); }}>{t('驳回', 'Reject')}</Button>}
          {['awaiting_owner', 'submitted', 'approved'].includes(x.status) && can('resident_services.apply') && <Button onClick={() => { form.resetFields(); setDialog('cancel'); }}>{t('取消', 'Cancel')}</Button>}
          {(x.status === 'approved' || x.status === 'released') && x.qrCode && <Link to={`/print/item-releases/${x.id}`}><Button icon={<PrinterOutlined />}>{t('打印放行条', 'Print slip')}</Button></Link>}
        </>} />
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('申请人', 'Applicant')}>{x.applicantName}（{labelOf(RELATION_LABELS, x.applicantRelation, locale)}）{x.applicantPhone}</Descriptions.Item>
        <Descriptions.Item label={t('计划日期', 'Planned date')}>{x.plannedDate}</Descriptions.Item>
        <Descriptions.Item label={t('车牌号', 'Plate')}>{x.plate ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('业主确认', 'Owner\'s confirmation')}>{x.ownerConfirmation ? `${x.ownerConfirmation.ownerName} · ${labelOf(CONFIRMATION_METHOD, x.ownerConfirmation.method, locale)}${x.ownerConfirmation.note ? ` · ${x.ownerConfirmation.note}` : ''}（${x.ownerConfirmation.recordedBy ?? ''} ${when(x.ownerConfirmation.recordedAt)}）` : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('审批', 'Decision')}>{x.decidedBy ? `${x.decidedBy} ${when(x.decidedAt)}` : '—'}{x.rejectReason ? ` · ${x.rejectReason}` : ''}</Descriptions.Item>
        <Descriptions.Item label={t('放行', 'Released')}>{x.releasedAt ? `${x.releasedGate ?? ''} ${x.releasedBy ?? ''} ${when(x.releasedAt)}` : '—'}</Descriptions.Item>
      </Descriptions>
      <Table style={{ marginTop: 16 }} size="small" rowKey="name" pagination={false} dataSource={x.items}
        columns={[{ title: t('物品', 'Item'), dataIndex: 'name' }, { title: t('数量', 'Quantity'), dataIndex: 'quantity' }]} />
      <Modal open={!!dialog} title={dialog === 'owner' ? t('登记业主确认', 'Owner\'s confirmation') : dialog === 'reject' ? t('驳回放行申请', 'Reject') : t('取消放行申请', 'Cancel')}
        onCancel={() => setDialog(null)} onOk={() => form.submit()} confirmLoading={act.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ method: 'phone' }} onFinish={(v) => act.mutate(dialog === 'owner'
          ? { url: `${base}/owner-confirmation`, body: { ownerName: v.ownerName, method: v.method, note: v.note || undefined } }
          : { url: `${base}/${dialog}`, body: { reason: v.reason } })}>
          {dialog === 'owner' ? <>
            <Form.Item name="ownerName" label={t('确认业主', 'Owner who confirmed')} rules={[{ required: true }]}><Input /></Form.Item>
            <Form.Item name="method" label={t('确认方式', 'How')} rules={[{ required: true }]}><Select options={Object.keys(CONFIRMATION_METHOD).map((k) => ({ value: k, label: labelOf(CONFIRMATION_METHOD, k, locale) }))} /></Form.Item>
            <Form.Item name="note" label={t('确认说明', 'Note')}><Input /></Form.Item>
          </> : <Form.Item name="reason" label={t('原因', 'Reason')} rules={[{ required: true, min: 2 }]}><Input.TextArea rows={3} /></Form.Item>}
        </Form>
      </Modal>
    </>
  );
}
