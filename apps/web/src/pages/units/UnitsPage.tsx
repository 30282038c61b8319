import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, type TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateUnitBody, Page, Unit, UnitDetail } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { formatArea, label, options, UNIT_KINDS, UNIT_STATES } from '../../i18n/terms';
import { UnitFields } from './UnitFields';
import { ErrorAlert, PageHeader, ProjectSelect } from '../../components/common';
import { useListParams } from '../../components/list';
import { ProjectImportButton, showSaveError, useBuildings, useDefaultProject, UnitStateTag } from './shared';

/** 房屋: every unit of the projects the user may see, filtered by project, building, kind, state. */
export default function UnitsPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { query, setFilters, onTableChange, pagination, sortOrder } = useListParams();
  const [search, setSearch] = useState(query.q ?? '');
  useEffect(() => setSearch(query.q ?? ''), [query.q]);
  const [creating, setCreating] = useState(false);
  const buildings = useBuildings(query.projectId);

  const list = useQuery({
    queryKey: ['units', 'list', query],
    queryFn: () => api.get<Page<Unit>>('/api/units', query),
    placeholderData: keepPreviousData,
  });

  const { page: _p, pageSize: _s, ...exportQuery } = query;

  const columns: TableColumnsType<Unit> = [
    { title: t('楼栋', 'Building'), dataIndex: 'buildingName', key: 'buildingName', sorter: true, sortOrder: sortOrder('buildingName') },
    {
      title: t('房号', 'Unit number'),
      dataIndex: 'number',
      key: 'number',
      sorter: true,
      sortOrder: sortOrder('number'),
      render: (v: string, u) => <Link to={`/units/${u.id}`} onClick={(e) => e.stopPropagation()}>{v}</Link>,
    },
    { title: t('楼层', 'Floor'), dataIndex: 'floor', key: 'floor', sorter: true, sortOrder: sortOrder('floor'), align: 'right', width: 90 },
    {
      title: t('建筑面积 (m²)', 'Gross area (m²)'),
      dataIndex: 'grossArea',
      key: 'grossArea',
      sorter: true,
      sortOrder: sortOrder('grossArea'),
      align: 'right',
      render: (v: number) => formatArea(v),
    },
    { title: t('类型', 'Kind'), dataIndex: 'kind', key: 'kind', sorter: true, sortOrder: sortOrder('kind'), render: (v: string) => label(UNIT_KINDS, v, locale) },
    { title: t('状态', 'State'), dataIndex: 'state', key: 'state', sorter: true, sortOrder: sortOrder('state'), render: (v: string) => <UnitStateTag state={v} /> },
  ];

  return (
    <div>
      <PageHeader
        title={t('房屋', 'Units')}
        extra={
          <>
            {can('units.import') && (
              <ProjectImportButton
                projectId={query.projectId}
                title={t('导入房屋', 'Import units')}
                templateUrl="/api/units/import/template"
                uploadUrl="/api/units/import"
                onDone={(r) => {
                  const created = (r.buildingsCreated as string[] | undefined) ?? [];
                  if (created.length) message.info(t(`同时新建了楼栋：${created.join('、')}`, `Buildings created too: ${created.join(', ')}`), 8);
                  void qc.invalidateQueries({ queryKey: ['units'] });
                  void qc.invalidateQueries({ queryKey: ['buildings'] });
                }}
              />
            )}
            <Button icon={<DownloadOutlined />} onClick={() => api.download('/api/units/export', exportQuery)}>
              {t('导出', 'Export')}
            </Button>
            {can('units.manage') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('新建房屋', 'New unit')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <ProjectSelect allowClear value={query.projectId} onChange={(v) => setFilters({ projectId: v, buildingId: undefined })} />
          <Select
            allowClear
            aria-label={t('按楼栋筛选', 'Filter by building')}
            style={{ minWidth: 140 }}
            placeholder={query.projectId ? t('全部楼栋', 'All buildings') : t('先选项目再选楼栋', 'Pick a project for buildings')}
            disabled={!query.projectId}
            value={query.buildingId}
            loading={buildings.isLoading && !!query.projectId}
            options={(buildings.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
            onChange={(v) => setFilters({ buildingId: v })}
          />
          <Select
            allowClear
            aria-label={t('按类型筛选', 'Filter by kind')}
            style={{ minWidth: 120 }}
            placeholder={t('全部类型', 'All kinds')}
            value={query.kind}
            options={options(UNIT_KINDS, locale)}
            onChange={(v) => setFilters({ kind: v })}
          />
          <Select
            allowClear
            aria-label={t('按状态筛选', 'Filter by state')}
            style={{ minWidth: 120 }}
            placeholder={t('全部状态', 'All states')}
            value={query.state}
            options={options(UNIT_STATES, locale)}
            onChange={(v) => setFilters({ state: v })}
          />
          <Input.Search
            allowClear
            aria-label={t('搜索房号', 'Search unit number')}
            placeholder={t('房号', 'Unit number')}
            style={{ width: 200 }}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => setFilters({ q: v.trim() })}
          />
        </Space>
        <ErrorAlert error={list.error} />
        <Table<Unit>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          pagination={pagination(list.data?.total)}
          onChange={onTableChange as never}
          onRow={(u) => ({ onClick: () => navigate(`/units/${u.id}`), style: { cursor: 'pointer' } })}
          scroll={{ x: 720 }}
        />
      </Card>
      <NewUnitModal open={creating} projectId={query.projectId} buildingId={query.buildingId} onClose={() => setCreating(false)} />
    </div>
  );
}

interface UnitForm {
  projectId: string;
  buildingId: string;
  number: string;
  floor: number;
  area: number;
  kind: string;
  state: string;
  note?: string;
}

function NewUnitModal(props: { open: boolean; projectId?: string; buildingId?: string; onClose(): void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<UnitForm>();
  const initialProject = useDefaultProject(props.projectId);
  const projectId = Form.useWatch('projectId', form) ?? initialProject;
  const buildings = useBuildings(projectId);
  const create = useMutation({
    mutationFn: (v: UnitForm) => {
      const body: CreateUnitBody = {
        buildingId: v.buildingId,
        number: v.number.trim(),
        floor: v.floor,
        grossArea: Math.round(v.area * 100),
        kind: v.kind as CreateUnitBody['kind'],
        state: v.state as CreateUnitBody['state'],
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      };
      return api.post<UnitDetail>('/api/units', body);
    },
    onSuccess: (u) => {
      message.success(t(`已新建房屋 ${u.buildingName} ${u.number}`, `Unit ${u.buildingName} ${u.number} created`));
      void qc.invalidateQueries({ queryKey: ['units'] });
      void qc.invalidateQueries({ queryKey: ['buildings'] });
      props.onClose();
      navigate(`/units/${u.id}`);
    },
    onError: (e) => showSaveError(e, form, t, locale),
  });
  return (
    <Modal
      open={props.open}
      title={t('新建房屋', 'New unit')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={t('保存', 'Save')}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form<UnitForm>
        name="newUnit"
        form={form}
        layout="vertical"
        initialValues={{ projectId: initialProject, buildingId: props.buildingId, kind: 'residence', state: 'vacant' }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="projectId" label={t('项目', 'Project')} rules={[{ required: true, message: t('请选择项目', 'Choose a project') }]}>
          <ProjectSelect placeholder={t('选择项目', 'Choose a project')} style={{ width: '100%' }} onChange={() => form.setFieldValue('buildingId', undefined)} />
        </Form.Item>
        <Form.Item name="buildingId" label={t('楼栋', 'Building')} rules={[{ required: true, message: t('请选择楼栋', 'Choose a building') }]}>
          <Select
            disabled={!projectId}
            placeholder={t('选择楼栋', 'Choose a building')}
            options={(buildings.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
            loading={buildings.isLoading && !!projectId}
          />
        </Form.Item>
        <UnitFields />
      </Form>
    </Modal>
  );
}
