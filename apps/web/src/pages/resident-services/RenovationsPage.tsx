/** 装修管理: applications with filters; a new application (owner, contractor, workers, scope, dates). */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Checkbox, DatePicker, Form, Input, Modal, Select, Space, Table } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import type { Page, Renovation } from '@propdesk/contracts';
import { api, ApiError } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert, PageHeader, ProjectSelect, toastError } from '../../components/common';
import { useListParams } from '../../components/list';
import { UnitPicker, useDefaultProject } from '../units/shared';
import { RENOVATION_STATUS, StateTag, labelOf, when } from './shared';

export default function RenovationsPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { query, setFilters, onTableChange, pagination } = useListParams({ sort: '-createdAt' });
  const list = useQuery({ queryKey: ['renovations', query], queryFn: () => api.get<Page<Renovation>>('/api/renovations', query) });
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const defaultProject = useDefaultProject(undefined);
  const projectId = Form.useWatch('projectId', form) ?? defaultProject;
  const create = useMutation({
    mutationFn: (v: Record<string, unknown> & { dates: [Dayjs, Dayjs]; workers: { name: string; idNumber: string; phone?: string; trade?: string }[] }) => api.post<Renovation>('/api/renovations', {
      unitId: v.unitId, ownerName: v.ownerName, ownerPhone: v.ownerPhone, contractorCompany: v.contractorCompany, contractorLicense: v.contractorLicense || undefined,
      personInCharge: v.personInCharge, personInChargePhone: v.personInChargePhone, scope: v.scope,
      workers: v.workers.map((w) => ({ name: w.name, idNumber: w.idNumber, phone: w.phone || undefined, trade: w.trade || undefined })),
      plannedStart: v.dates[0].format('YYYY-MM-DD'), plannedEnd: v.dates[1].format('YYYY-MM-DD'),
    }),
    onSuccess: (r) => { void qc.invalidateQueries({ queryKey: ['renovations'] }); setOpen(false); navigate(`/renovations/${r.id}`); },
    onError: (e) => { if (e instanceof ApiError) form.setFields(e.fieldErrors()); toastError(e, t); },
  });
  return (
    <>
      <PageHeader title={t('装修管理', 'Renovations')} sub={t('申请、审核、缴费、许可证、巡查、验收、退押金', 'Application, review, fees, permit, inspections, acceptance, refund')}
        extra={can('resident_services.apply') && <Button type="primary" icon={<PlusOutlined />} onClick={() => { form.resetFields(); setOpen(true); }}>{t('装修申请', 'New application')}</Button>} />
      <Space wrap style={{ marginBottom: 12 }}>
        <ProjectSelect allowClear value={query.projectId} onChange={(v) => setFilters({ projectId: v })} />
        <Select allowClear placeholder={t('状态', 'Status')} aria-label={t('状态', 'Status')} style={{ width: 140 }} value={query.status} onChange={(v) => setFilters({ status: v })}
          options={Object.keys(RENOVATION_STATUS).map((k) => ({ value: k, label: labelOf(RENOVATION_STATUS, k, locale) }))} />
        <Checkbox checked={query.open === 'true'} onChange={(e) => setFilters({ open: e.target.checked ? 'true' : undefined })}>{t('仅未结案', 'Open only')}</Checkbox>
        <Input.Search allowClear placeholder={t('搜索单号、房号、业主、装修公司', 'Search number, unit, owner, contractor')} defaultValue={query.q} onSearch={(v) => setFilters({ q: v })} style={{ width: 280 }} />
      </Space>
      <ErrorAlert error={list.error} />
      <Table<Renovation> rowKey="id" loading={list.isLoading} dataSource={list.data?.items} pagination={pagination(list.data?.total)} onChange={onTableChange as never}
        columns={[
          { title: t('单号', 'Number'), dataIndex: 'number', render: (v, r) => <Link to={`/renovations/${r.id}`}>{v}</Link> },
          { title: t('房屋', 'Unit'), render: (_, r) => `${r.buildingName} ${r.unitNumber}` },
          { title: t('业主', 'Owner'), dataIndex: 'ownerName' },
          { title: t('装修公司', 'Contractor'), dataIndex: 'contractorCompany' },
          { title: t('工期', 'Dates'), key: 'plannedStart', sorter: true, render: (_, r) => `${r.plannedStart} ~ ${r.approvedEnd}` },
          { title: t('状态', 'Status'), dataIndex: 'status', render: (s) => <StateTag labels={RENOVATION_STATUS} code={s} /> },
          { title: t('申请时间', 'Applied'), dataIndex: 'createdAt', key: 'createdAt', sorter: true, render: when },
        ]} />
      <Modal open={open} title={t('装修申请', 'Renovation application')} onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={create.isPending} width={760} destroyOnHidden>
        <Form form={form} layout="vertical" preserve={false} initialValues={{ projectId: defaultProject, workers: [{}] }} onFinish={(v) => create.mutate(v)}>
          <Space wrap>
            <Form.Item name="projectId" label={t('项目', 'Project')} rules={[{ required: true }]}><ProjectSelect /></Form.Item>
            <Form.Item name="unitId" label={t('房屋', 'Unit')} rules={[{ required: true }]}><UnitPicker projectId={projectId} /></Form.Item>
            <Form.Item name="ownerName" label={t('业主', 'Owner')} rules={[{ required: true }]}><Input style={{ width: 120 }} /></Form.Item>
            <Form.Item name="ownerPhone" label={t('业主电话', 'Owner phone')} rules={[{ required: true }]}><Input style={{ width: 140 }} /></Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="contractorCompany" label={t('装修公司', 'Contractor')} rules={[{ required: true }]}><Input style={{ width: 240 }} /></Form.Item>
            <Form.Item name="contractorLicense" label={t('资质证号', 'License no.')}><Input style={{ width: 160 }} /></Form.Item>
            <Form.Item name="personInCharge" label={t('现场负责人', 'Person in charge')} rules={[{ required: true }]}><Input style={{ width: 120 }} /></Form.Item>
            <Form.Item name="personInChargePhone" label={t('负责人电话', 'Their phone')} rules={[{ required: true }]}><Input style={{ width: 140 }} /></Form.Item>
          </Space>
          <Form.List name="workers">
            {(fields, { add, remove }) => (<>
              {fields.map((f, i) => (
                <Space key={f.key} align="start" wrap>
                  <Form.Item name={[f.name, 'name']} label={t(`施工人员 ${i + 1}`, `Worker ${i + 1}`)} rules={[{ required: true }]}><Input style={{ width: 110 }} /></Form.Item>
                  <Form.Item name={[f.name, 'idNumber']} label={t(`身份证号 ${i + 1}`, `ID number ${i + 1}`)} rules={[{ required: true }]}><Input style={{ width: 190 }} /></Form.Item>
                  <Form.Item name={[f.name, 'trade']} label={t(`工种 ${i + 1}`, `Trade ${i + 1}`)}><Input style={{ width: 90 }} /></Form.Item>
                  {fields.length > 1 && <Button type="text" aria-label={t('删除施工人员', 'Remove worker')} icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} style={{ marginTop: 30 }} />}
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 16 }}>{t('添加施工人员', 'Add a worker')}</Button>
            </>)}
          </Form.List>
          <Form.Item name="scope" label={t('施工范围', 'Scope of work')} rules={[{ required: true, min: 2 }]}><Input.TextArea rows={2} /></Form.Item>
          <Form.Item name="dates" label={t('计划工期', 'Planned dates')} rules={[{ required: true }]}><DatePicker.RangePicker /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
