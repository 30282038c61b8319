/** 出入证: worker and vehicle passes — issue, filter, revoke with a reason, print as cards with QR. */
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button, Checkbox, DatePicker, Form, Input, Modal, Select, Space, Table } from 'antd';
import { PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type { Page, Pass } from '@propdesk/contracts';
import { api, ApiError } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert, PageHeader, ProjectSelect, toastError } from '../../components/common';
import { useListParams } from '../../components/list';
import { UnitPicker, useDefaultProject } from '../units/shared';
import { PASS_KIND, StateTag, VERIFY_STATUS, labelOf } from './shared';

export default function PassesPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { query, setFilters, onTableChange, pagination } = useListParams({ sort: '-createdAt' });
  const list = useQuery({ queryKey: ['passes', query], queryFn: () => api.get<Page<Pass>>('/api/passes', query) });
  const [selected, setSelected] = useState<string[]>([]);
  const [open, setOpen] = useState(false);
  const [revoking, setRevoking] = useState<Pass | null>(null);
  const [form] = Form.useForm();
  const defaultProject = useDefaultProject(undefined);
  const projectId = Form.useWatch('projectId', form) ?? defaultProject;
  const kind = Form.useWatch('kind', form);
  const onError = (e: unknown) => {
    if (e instanceof ApiError) form.setFields(e.fieldErrors());
    toastError(e, t);
  };
  const create = useMutation({
    mutationFn: (v: Record<string, unknown> & { validity: [Dayjs, Dayjs] }) => api.post<Pass>('/api/passes', {
      projectId: v.projectId, kind: v.kind, holderName: v.holderName, idNumber: v.idNumber || undefined, phone: v.phone || undefined, company: v.company || undefined,
      unitId: v.unitId || undefined, plate: v.plate || undefined, validFrom: v.validity[0].format('YYYY-MM-DD'), validTo: v.validity[1].format('YYYY-MM-DD'),
    }),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: ['passes'] }); setOpen(false); },
    onError,
  });
  const revoke = useMutation({
    mutationFn: (v: { reason: string }) => api.post<Pass>(`/api/passes/${revoking!.id}/revoke`, v),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: ['passes'] }); setRevoking(null); },
    onError,
  });
  return (
    <>
      <PageHeader title={t('出入证', 'Passes')} sub={t('施工人员出入证、车辆出入证', 'Worker and vehicle passes')}
        extra={<>
          <Button icon={<PrinterOutlined />} disabled={selected.length === 0} onClick={() => navigate(`/print/passes?ids=${selected.join(',')}`)}>{t(`打印所选（${selected.length}）`, `Print selected (${selected.length})`)}</Button>
          {can('resident_services.apply') && <Button type="primary" icon={<PlusOutlined />} onClick={() => { form.resetFields(); setOpen(true); }}>{t('办理出入证', 'New pass')}</Button>}
        </>} />
      <Space wrap style={{ marginBottom: 12 }}>
        <ProjectSelect allowClear value={query.projectId} onChange={(v) => setFilters({ projectId: v })} />
        <Select allowClear placeholder={t('类型', 'Kind')} aria-label={t('类型', 'Kind')} style={{ width: 160 }} value={query.kind} onChange={(v) => setFilters({ kind: v })}
          options={Object.keys(PASS_KIND).map((k) => ({ value: k, label: labelOf(PASS_KIND, k, locale) }))} />
        <Select allowClear placeholder={t('状态', 'Status')} aria-label={t('状态', 'Status')} style={{ width: 120 }} value={query.status} onChange={(v) => setFilters({ status: v })}
          options={[{ value: 'active', label: t('有效', 'Active') }, { value: 'revoked', label: t('已注销', 'Revoked') }]} />
        <Checkbox checked={query.validToday === 'true'} onChange={(e) => setFilters({ validToday: e.target.checked ? 'true' : undefined })}>{t('仅今日有效', 'Valid today only')}</Checkbox>
        <Input.Search allowClear placeholder={t('搜索姓名、证号、车牌、单位', 'Search name, number, plate, company')} defaultValue={query.q} onSearch={(v) => setFilters({ q: v })} style={{ width: 260 }} />
      </Space>
      <ErrorAlert error={list.error} />
      <Table<Pass> rowKey="id" loading={list.isLoading} dataSource={list.data?.items} pagination={pagination(list.data?.total)} onChange={onTableChange as never}
        rowSelection={{ selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]) }}
        columns={[
          { title: t('证号', 'Number'), dataIndex: 'number', key: 'number', sorter: true },
          { title: t('类型', 'Kind'), dataIndex: 'kind', render: (k) => labelOf(PASS_KIND, k, locale) },
          { title: t('持证人', 'Holder'), render: (_, p) => `${p.holderName} ${p.idNumberMasked ?? ''}` },
          { title: t('单位 / 房屋', 'Company / unit'), render: (_, p) => [p.company, p.unitLabel].filter(Boolean).join(' · ') },
          { title: t('车牌', 'Plate'), dataIndex: 'plate' },
          { title: t('有效期', 'Valid'), key: 'validTo', sorter: true, render: (_, p) => `${p.validFrom} ~ ${p.validTo}` },
          { title: t('当前', 'Now'), dataIndex: 'currentStatus', render: (s) => <StateTag labels={VERIFY_STATUS} code={s} /> },
          { title: '', render: (_, p) => p.status === 'active' && can('resident_services.apply') && <Button size="small" danger onClick={() => { form.resetFields(); setRevoking(p); }}>{t('注销', 'Revoke')}</Button> },
        ]} />
      <Modal open={open} title={t('办理出入证', 'New pass')} onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden width={640}>
        <Form form={form} layout="vertical" preserve={false} initialValues={{ projectId: defaultProject, kind: 'worker', validity: [dayjs(), dayjs().add(30, 'day')] }} onFinish={(v) => create.mutate(v)}>
          <Space wrap>
            <Form.Item name="projectId" label={t('项目', 'Project')} rules={[{ required: true }]}><ProjectSelect /></Form.Item>
            <Form.Item name="kind" label={t('类型', 'Kind')} rules={[{ required: true }]}><Select style={{ width: 160 }} options={Object.keys(PASS_KIND).map((k) => ({ value: k, label: labelOf(PASS_KIND, k, locale) }))} /></Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="holderName" label={t('持证人', 'Holder')} rules={[{ required: true }]}><Input style={{ width: 140 }} /></Form.Item>
            <Form.Item name="idNumber" label={t('证件号', 'ID number')}><Input style={{ width: 200 }} /></Form.Item>
            <Form.Item name="phone" label={t('电话', 'Phone')}><Input style={{ width: 140 }} /></Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="company" label={t('单位', 'Company')}><Input style={{ width: 200 }} /></Form.Item>
            <Form.Item name="unitId" label={t('房屋', 'Unit')}><UnitPicker projectId={projectId} /></Form.Item>
            {kind === 'vehicle' && <Form.Item name="plate" label={t('车牌号', 'Plate')} rules={[{ required: true }]}><Input style={{ width: 130 }} /></Form.Item>}
          </Space>
          <Form.Item name="validity" label={t('有效期', 'Validity')} rules={[{ required: true }]}><DatePicker.RangePicker /></Form.Item>
        </Form>
      </Modal>
      <Modal open={!!revoking} title={t(`注销出入证 ${revoking?.number ?? ''}`, `Revoke pass ${revoking?.number ?? ''}`)} onCancel={() => setRevoking(null)} onOk={() => form.submit()} confirmLoading={revoke.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => revoke.mutate(v)}>
          <Form.Item name="reason" label={t('注销原因', 'Reason')} rules={[{ required: true, min: 2 }]}><Input.TextArea rows={3} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
