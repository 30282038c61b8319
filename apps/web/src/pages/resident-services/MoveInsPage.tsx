/** 入伙办理: the list of move-ins with filters, and the form that opens a new one at the counter. */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Form, Input, Modal, Progress, Select, Space, Table, Checkbox } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MoveIn, Page } from '@propdesk/contracts';
import { api, ApiError } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert, PageHeader, ProjectSelect, toastError } from '../../components/common';
import { useListParams } from '../../components/list';
import { UnitPicker, useDefaultProject } from '../units/shared';
import { MOVE_STATUS, RELATIONS_OPTIONS, StateTag, UTILITY_KIND, labelOf, when } from './shared';

export default function MoveInsPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const { query, setFilters, onTableChange, pagination } = useListParams({ sort: '-createdAt' });
  const list = useQuery({ queryKey: ['move-ins', query], queryFn: () => api.get<Page<MoveIn>>('/api/move-ins', query) });
  const [open, setOpen] = useState(false);
  return (
    <>
      <PageHeader
        title={t('入伙办理', 'Move-ins')}
        sub={t('入伙清单、水电燃气有线电视开户、托收', 'Checklist, utility accounts, direct debit')}
        extra={can('resident_services.apply') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>{t('办理入伙', 'New move-in')}</Button>}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <ProjectSelect allowClear value={query.projectId} onChange={(v) => setFilters({ projectId: v })} />
        <Select allowClear placeholder={t('状态', 'Status')} aria-label={t('状态', 'Status')} style={{ width: 140 }} value={query.status} onChange={(v) => setFilters({ status: v })}
          options={Object.keys(MOVE_STATUS).map((k) => ({ value: k, label: labelOf(MOVE_STATUS, k, locale) }))} />
        <Input.Search allowClear placeholder={t('搜索单号、房号、姓名', 'Search number, unit, name')} defaultValue={query.q} onSearch={(v) => setFilters({ q: v })} style={{ width: 260 }} />
      </Space>
      <ErrorAlert error={list.error} />
      <Table<MoveIn>
        rowKey="id" loading={list.isLoading} dataSource={list.data?.items} pagination={pagination(list.data?.total)} onChange={onTableChange as never}
        columns={[
          { title: t('单号', 'Number'), dataIndex: 'number', render: (v, r) => <Link to={`/move-ins/${r.id}`}>{v}</Link> },
          { title: t('房屋', 'Unit'), render: (_, r) => `${r.buildingName} ${r.unitNumber}` },
          { title: t('入伙人', 'People'), render: (_, r) => r.people.map((p) => p.name).join('、') },
          { title: t('进度', 'Progress'), render: (_, r) => <Progress percent={Math.round((r.progress.done / r.progress.total) * 100)} size="small" style={{ width: 120 }} /> },
          { title: t('开户', 'Accounts'), render: (_, r) => r.utilities.map((u) => `${labelOf(UTILITY_KIND, u.kind, locale)}${u.status === 'opened' ? '✓' : ''}`).join(' ') },
          { title: t('状态', 'Status'), dataIndex: 'status', render: (v) => <StateTag labels={MOVE_STATUS} code={v} /> },
          { title: t('办理时间', 'Opened'), dataIndex: 'createdAt', key: 'createdAt', sorter: true, render: when },
        ]}
      />
      <NewMoveIn open={open} onClose={() => setOpen(false)} />
    </>
  );
}

function NewMoveIn({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const defaultProject = useDefaultProject(undefined);
  const projectId = Form.useWatch('projectId', form) ?? defaultProject;
  const create = useMutation({
    mutationFn: (v: { unitId: string; people: { name: string; phone: string; idNumber?: string; relation: string }[]; utilities: string[] }) =>
      api.post<MoveIn>('/api/move-ins', { unitId: v.unitId, people: v.people.map((p) => ({ ...p, idNumber: p.idNumber || undefined })), utilities: v.utilities }),
    onSuccess: (m) => {
      void qc.invalidateQueries({ queryKey: ['move-ins'] });
      onClose();
      navigate(`/move-ins/${m.id}`);
    },
    onError: (e) => {
      if (e instanceof ApiError) form.setFields(e.fieldErrors());
      toastError(e, t);
    },
  });
  return (
    <Modal open={open} title={t('办理入伙', 'New move-in')} onCancel={onClose} onOk={() => form.submit()} okText={t('开始办理', 'Start')} confirmLoading={create.isPending} width={720} destroyOnHidden>
      <Form form={form} layout="vertical" name="move_in" preserve={false} onFinish={(v) => create.mutate(v)}
        initialValues={{ projectId: defaultProject, people: [{ relation: 'owner' }], utilities: ['water', 'electricity', 'gas', 'cable_tv'] }}>
        <Space wrap>
          <Form.Item name="projectId" label={t('项目', 'Project')} rules={[{ required: true }]}><ProjectSelect /></Form.Item>
          <Form.Item name="unitId" label={t('房屋', 'Unit')} rules={[{ required: true, message: t('请选择房屋', 'Choose the unit') }]}><UnitPicker projectId={projectId} /></Form.Item>
        </Space>
        <Form.List name="people">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="start" wrap>
                  <Form.Item name={[f.name, 'name']} label={t(`姓名 ${i + 1}`, `Name ${i + 1}`)} rules={[{ required: true, message: t('请填写姓名', 'Enter the name') }]}><Input style={{ width: 120 }} /></Form.Item>
                  <Form.Item name={[f.name, 'phone']} label={t(`手机 ${i + 1}`, `Phone ${i + 1}`)} rules={[{ required: true, pattern: /^1[3-9]\d{9}$/, message: t('请填写 11 位手机号', 'An 11-digit mobile number') }]}><Input style={{ width: 140 }} /></Form.Item>
                  <Form.Item name={[f.name, 'idNumber']} label={t(`证件号 ${i + 1}`, `ID number ${i + 1}`)}><Input style={{ width: 190 }} /></Form.Item>
                  <Form.Item name={[f.name, 'relation']} label={t(`身份 ${i + 1}`, `Relation ${i + 1}`)} rules={[{ required: true }]}><Select style={{ width: 100 }} options={RELATIONS_OPTIONS(locale)} /></Form.Item>
                  {fields.length > 1 && <Button type="text" aria-label={t('删除此人', 'Remove this person')} icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} style={{ marginTop: 30 }} />}
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ relation: 'family' })} style={{ marginBottom: 16 }}>{t('添加同住人', 'Add a person')}</Button>
            </>
          )}
        </Form.List>
        <Form.Item name="utilities" label={t('需开户', 'Accounts to open')}>
          <Checkbox.Group options={Object.keys(UTILITY_KIND).map((k) => ({ value: k, label: labelOf(UTILITY_KIND, k, locale) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
