/** 来访登记: check visitors in and out, who is on site now, the day's record (community gate or the mall's office). */
import { useState } from 'react';
import { Button, DatePicker, Form, Input, InputNumber, Modal, Segmented, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { Page, Visit } from '@propdesk/contracts';
import { api, ApiError } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert, PageHeader, ProjectSelect, toastError } from '../../components/common';
import { useListParams } from '../../components/list';
import { UnitPicker, useDefaultProject } from '../units/shared';
import { shanghaiToday, when } from './shared';

export default function VisitorsPage() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const { query, setFilters, onTableChange, pagination } = useListParams({ sort: '-checkedInAt' });
  const view = query.onSite === 'true' ? 'onSite' : 'day';
  const params = view === 'onSite' ? { ...query, date: undefined } : { ...query, date: query.date ?? shanghaiToday() };
  const list = useQuery({ queryKey: ['visits', params], queryFn: () => api.get<Page<Visit>>('/api/visits', params), refetchInterval: 30_000 });
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const defaultProject = useDefaultProject(query.projectId);
  const projectId = Form.useWatch('projectId', form) ?? defaultProject;
  const checkIn = useMutation({
    mutationFn: (v: Record<string, unknown>) => api.post<Visit>('/api/visits', Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== ''))),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: ['visits'] }); setOpen(false); },
    onError: (e) => { if (e instanceof ApiError) form.setFields(e.fieldErrors()); toastError(e, t); },
  });
  const checkOut = useMutation({
    mutationFn: (id: string) => api.post<Visit>(`/api/visits/${id}/check-out`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['visits'] }),
    onError: (e) => toastError(e, t),
  });
  return (
    <>
      <PageHeader title={t('来访登记', 'Visitor register')} extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => { form.resetFields(); setOpen(true); }}>{t('访客登记', 'Check in a visitor')}</Button>} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented value={view} onChange={(v) => setFilters({ onSite: v === 'onSite' ? 'true' : undefined })}
          options={[{ value: 'onSite', label: t('当前在场', 'On site now') }, { value: 'day', label: t('当日记录', 'Day\'s record') }]} />
        <ProjectSelect allowClear value={query.projectId} onChange={(v) => setFilters({ projectId: v })} />
        {view === 'day' && <DatePicker allowClear={false} value={dayjs(params.date)} onChange={(d) => setFilters({ date: d?.format('YYYY-MM-DD') })} aria-label={t('日期', 'Date')} />}
        <Input.Search allowClear placeholder={t('搜索访客、电话、车牌、被访人', 'Search visitor, phone, plate, host')} defaultValue={query.q} onSearch={(v) => setFilters({ q: v })} style={{ width: 260 }} />
      </Space>
      <ErrorAlert error={list.error} />
      <Table<Visit> rowKey="id" loading={list.isLoading} dataSource={list.data?.items} pagination={pagination(list.data?.total)} onChange={onTableChange as never}
        columns={[
          { title: t('访客', 'Visitor'), render: (_, v) => <>{v.visitorName}{v.partySize > 1 && <Tag style={{ marginLeft: 6 }}>{t(`${v.partySize} 人`, `${v.partySize} people`)}</Tag>}</> },
          { title: t('电话', 'Phone'), dataIndex: 'phone' },
          { title: t('证件', 'ID'), dataIndex: 'idNumberMasked' },
          { title: t('车牌', 'Plate'), dataIndex: 'plate' },
          { title: t('被访', 'Visiting'), render: (_, v) => [v.hostUnitLabel, v.hostName].filter(Boolean).join(' · ') },
          { title: t('事由', 'Purpose'), dataIndex: 'purpose' },
          { title: t('进入', 'In'), dataIndex: 'checkedInAt', key: 'checkedInAt', sorter: true, render: (x, v) => `${when(x)} ${v.gate ?? ''}` },
          { title: t('离开', 'Out'), dataIndex: 'checkedOutAt', render: (x, v) => x ? when(x) : <Button size="small" loading={checkOut.isPending} onClick={() => checkOut.mutate(v.id)}>{t('离场', 'Check out')}</Button> },
        ]} />
      <Modal open={open} title={t('访客登记', 'Check in a visitor')} onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={checkIn.isPending} destroyOnHidden width={640}>
        <Form form={form} layout="vertical" preserve={false} initialValues={{ projectId: defaultProject, partySize: 1 }} onFinish={(v) => checkIn.mutate(v)}>
          <Space wrap>
            <Form.Item name="projectId" label={t('项目', 'Project')} rules={[{ required: true }]}><ProjectSelect /></Form.Item>
            <Form.Item name="gate" label={t('登记点', 'Where')}><Input placeholder={t('东门 / 管理处', 'East gate / office')} style={{ width: 150 }} /></Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="visitorName" label={t('访客姓名', 'Visitor name')} rules={[{ required: true }]}><Input style={{ width: 140 }} /></Form.Item>
            <Form.Item name="phone" label={t('电话', 'Phone')}><Input style={{ width: 140 }} /></Form.Item>
            <Form.Item name="idNumber" label={t('证件号（选填）', 'ID number (optional)')}><Input style={{ width: 200 }} /></Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="partySize" label={t('人数', 'Party size')}><InputNumber min={1} max={99} /></Form.Item>
            <Form.Item name="plate" label={t('车牌号', 'Plate')}><Input style={{ width: 130 }} /></Form.Item>
            <Form.Item name="hostUnitId" label={t('被访房屋', 'Unit visited')}><UnitPicker projectId={projectId} /></Form.Item>
            <Form.Item name="hostName" label={t('被访人 / 部门', 'Person / office visited')}><Input style={{ width: 160 }} /></Form.Item>
          </Space>
          <Form.Item name="purpose" label={t('来访事由', 'Purpose')} rules={[{ required: true }]}><Input /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
