/** 搬离办理: list with filters, and opening a move-out for a unit. */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Form, Input, Modal, Select, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MoveOut, Page } from '@propdesk/contracts';
import { api, ApiError } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert, PageHeader, ProjectSelect, toastError } from '../../components/common';
import { useListParams } from '../../components/list';
import { UnitPicker, useDefaultProject } from '../units/shared';
import { MOVE_STATUS, StateTag, fen, labelOf, when } from './shared';

export default function MoveOutsPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const { query, setFilters, onTableChange, pagination } = useListParams({ sort: '-createdAt' });
  const list = useQuery({ queryKey: ['move-outs', query], queryFn: () => api.get<Page<MoveOut>>('/api/move-outs', query) });
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const defaultProject = useDefaultProject(undefined);
  const projectId = Form.useWatch('projectId', form) ?? defaultProject;
  const create = useMutation({
    mutationFn: (v: { unitId: string; note?: string }) => api.post<MoveOut>('/api/move-outs', { unitId: v.unitId, note: v.note || undefined }),
    onSuccess: (m) => {
      void qc.invalidateQueries({ queryKey: ['move-outs'] });
      navigate(`/move-outs/${m.id}`);
    },
    onError: (e) => {
      if (e instanceof ApiError) form.setFields(e.fieldErrors());
      toastError(e, t);
    },
  });
  return (
    <>
      <PageHeader title={t('搬离办理', 'Move-outs')} sub={t('最终表底数、欠费核查、交回钥匙、大件物品放行', 'Final readings, arrears, keys, item release')}
        extra={can('resident_services.apply') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>{t('办理搬离', 'New move-out')}</Button>} />
      <Space wrap style={{ marginBottom: 12 }}>
        <ProjectSelect allowClear value={query.projectId} onChange={(v) => setFilters({ projectId: v })} />
        <Select allowClear placeholder={t('状态', 'Status')} aria-label={t('状态', 'Status')} style={{ width: 140 }} value={query.status} onChange={(v) => setFilters({ status: v })}
          options={Object.keys(MOVE_STATUS).map((k) => ({ value: k, label: labelOf(MOVE_STATUS, k, locale) }))} />
        <Input.Search allowClear placeholder={t('搜索单号、房号、姓名', 'Search number, unit, name')} defaultValue={query.q} onSearch={(v) => setFilters({ q: v })} style={{ width: 260 }} />
      </Space>
      <ErrorAlert error={list.error} />
      <Table<MoveOut> rowKey="id" loading={list.isLoading} dataSource={list.data?.items} pagination={pagination(list.data?.total)} onChange={onTableChange as never}
        columns={[
          { title: t('单号', 'Number'), dataIndex: 'number', render: (v, r) => <Link to={`/move-outs/${r.id}`}>{v}</Link> },
          { title: t('房屋', 'Unit'), render: (_, r) => `${r.buildingName} ${r.unitNumber}` },
          { title: t('住户', 'People'), render: (_, r) => r.people.map((p) => p.name).join('、') },
          { title: t('欠费', 'Owed'), dataIndex: 'outstandingFen', render: (v: number) => (v > 0 ? <span style={{ color: '#cf1322' }}>{fen(v)}</span> : fen(0)) },
          { title: t('状态', 'Status'), dataIndex: 'status', render: (v) => <StateTag labels={MOVE_STATUS} code={v} /> },
          { title: t('办理时间', 'Opened'), dataIndex: 'createdAt', key: 'createdAt', sorter: true, render: when },
        ]} />
      <Modal open={open} title={t('办理搬离', 'New move-out')} onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" preserve={false} initialValues={{ projectId: defaultProject }} onFinish={(v) => create.mutate(v)}>
          <Form.Item name="projectId" label={t('项目', 'Project')} rules={[{ required: true }]}><ProjectSelect /></Form.Item>
          <Form.Item name="unitId" label={t('房屋', 'Unit')} rules={[{ required: true }]}><UnitPicker projectId={projectId} /></Form.Item>
          <Form.Item name="note" label={t('备注', 'Note')}><Input /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
