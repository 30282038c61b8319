import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateMeterBody, Meter, Page } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert, PageHeader, ProjectSelect } from '../../components/common';
import { useListParams } from '../../components/list';
import { showSaveError, UnitPicker, useBuildings, useDefaultProject } from '../units/shared';
import { LABELS, labelOf, milli, optionsOf } from './shared';

/** 仪表: water and electricity meters of the units, and shared meters of public areas. */
export default function MetersPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const { query, setFilters, onTableChange, pagination } = useListParams();
  const [creating, setCreating] = useState(false);
  const buildings = useBuildings(query.projectId);
  const list = useQuery({ queryKey: ['meters', 'list', query], queryFn: () => api.get<Page<Meter>>('/api/meters', query), placeholderData: keepPreviousData });
  const columns: TableColumnsType<Meter> = [
    { title: t('表号', 'Number'), dataIndex: 'number' },
    { title: t('类型', 'Kind'), dataIndex: 'kind', render: (v: string) => labelOf(LABELS.meterKind, v, locale) },
    { title: t('楼栋', 'Building'), dataIndex: 'buildingName' },
    { title: t('房号 / 位置', 'Unit / location'), key: 'unit', render: (_: unknown, m) => m.unitNumber ?? <Tag>{t('公摊', 'Shared')} · {m.location}</Tag> },
    { title: t('位数', 'Digits'), dataIndex: 'digits', align: 'right', width: 80 },
    { title: t('最近读数', 'Latest reading'), key: 'last', align: 'right', render: (_: unknown, m) => (m.lastReading ? `${milli(m.lastReading.readingMilli)}（${m.lastReading.period}）` : '—') },
    { title: t('状态', 'State'), dataIndex: 'active', render: (v: boolean) => (v ? <Tag color="green">{t('在用', 'In use')}</Tag> : <Tag>{t('停用', 'Retired')}</Tag>) },
  ];
  return (
    <div>
      <PageHeader
        title={t('仪表', 'Meters')}
        extra={
          can('billing.configure') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('新建仪表', 'New meter')}
            </Button>
          )
        }
      />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <ProjectSelect allowClear value={query.projectId} onChange={(v) => setFilters({ projectId: v, buildingId: undefined })} />
          <Select allowClear aria-label={t('按楼栋筛选', 'Filter by building')} style={{ minWidth: 140 }} placeholder={t('全部楼栋', 'All buildings')} disabled={!query.projectId} value={query.buildingId} options={(buildings.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))} onChange={(v) => setFilters({ buildingId: v })} />
          <Select allowClear aria-label={t('按类型筛选', 'Filter by kind')} style={{ width: 120 }} placeholder={t('全部类型', 'All kinds')} value={query.kind} options={optionsOf(LABELS.meterKind, locale)} onChange={(v) => setFilters({ kind: v })} />
          <Input.Search allowClear placeholder={t('表号或房号', 'Meter or unit number')} aria-label={t('搜索仪表', 'Search meters')} defaultValue={query.q} onSearch={(v) => setFilters({ q: v.trim() })} style={{ width: 200 }} />
        </Space>
        <ErrorAlert error={list.error} />
        <Table<Meter> rowKey="id" size="middle" columns={columns} dataSource={list.data?.items} loading={list.isFetching} pagination={pagination(list.data?.total)} onChange={onTableChange as never} scroll={{ x: 800 }} />
      </Card>
      {creating && <NewMeterModal projectId={query.projectId} onClose={() => setCreating(false)} />}
    </div>
  );
}

interface MeterForm {
  projectId: string;
  shared: boolean;
  unitId?: string;
  buildingId?: string;
  location?: string;
  kind: string;
  number: string;
  digits: number;
}

function NewMeterModal({ projectId, onClose }: { projectId?: string; onClose(): void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<MeterForm>();
  const initialProject = useDefaultProject(projectId);
  const project = Form.useWatch('projectId', form) ?? initialProject;
  const shared = Form.useWatch('shared', form) ?? false;
  const buildings = useBuildings(project);
  const create = useMutation({
    mutationFn: (v: MeterForm) => {
      const body: CreateMeterBody = v.shared
        ? { projectId: v.projectId, kind: v.kind as CreateMeterBody['kind'], number: v.number.trim(), digits: v.digits, buildingId: v.buildingId ?? null, location: v.location?.trim() ?? null }
        : { projectId: v.projectId, kind: v.kind as CreateMeterBody['kind'], number: v.number.trim(), digits: v.digits, unitId: v.unitId! };
      return api.post<Meter>('/api/meters', body);
    },
    onSuccess: (m) => {
      message.success(t(`已新建仪表 ${m.number}`, `Meter ${m.number} created`));
      void qc.invalidateQueries({ queryKey: ['meters'] });
      onClose();
    },
    onError: (e) => showSaveError(e, form, t, locale),
  });
  return (
    <Modal open title={t('新建仪表', 'New meter')} onCancel={onClose} onOk={() => form.submit()} okText={t('保存', 'Save')} confirmLoading={create.isPending} destroyOnHidden>
      <Form<MeterForm> form={form} name="newMeter" layout="vertical" initialValues={{ projectId: initialProject, shared: false, kind: 'water', digits: 5 }} onFinish={(v) => create.mutate(v)}>
        <Form.Item name="projectId" label={t('项目', 'Project')} rules={[{ required: true, message: t('请选择项目', 'Choose a project') }]}>
          <ProjectSelect style={{ width: '100%' }} placeholder={t('选择项目', 'Choose a project')} />
        </Form.Item>
        <Form.Item name="shared" label={t('归属', 'Belongs to')}>
          <Select options={[{ value: false, label: t('房屋分户表', "A unit's meter") }, { value: true, label: t('公摊表（公共区域）', 'Shared meter (public area)') }]} />
        </Form.Item>
        {shared ? (
          <>
            <Form.Item name="buildingId" label={t('楼栋（可空）', 'Building (optional)')}>
              <Select allowClear options={(buildings.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))} />
            </Form.Item>
            <Form.Item name="location" label={t('安装位置', 'Location')} rules={[{ required: true, message: t('请填写位置', 'Give the location') }]}>
              <Input placeholder={t('如 1栋公共照明', 'e.g. building 1 public lighting')} />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="unitId" label={t('房屋', 'Unit')} rules={[{ required: true, message: t('请选择房屋', 'Choose the unit') }]}>
            <UnitPicker projectId={project} />
          </Form.Item>
        )}
        <Form.Item name="kind" label={t('表类型', 'Meter kind')} rules={[{ required: true }]}>
          <Select options={optionsOf(LABELS.meterKind, locale)} />
        </Form.Item>
        <Form.Item name="number" label={t('表号', 'Meter number')} rules={[{ required: true, max: 40, message: t('请填写表号', 'Give the meter number') }]}>
          <Input placeholder="W-1-101" />
        </Form.Item>
        <Form.Item name="digits" label={t('整数位数', 'Whole digits')} rules={[{ required: true }]}>
          <InputNumber min={3} max={10} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
