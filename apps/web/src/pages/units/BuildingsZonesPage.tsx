import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Col, Empty, Form, Input, Modal, Row, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Building, CreateZoneBody, OrgUnit, Page, Team, UpdateZoneBody, Zone } from '@propdesk/contracts';
import { api, ApiError } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { label, TEAM_KINDS } from '../../i18n/terms';
import { ErrorAlert, PageHeader, ProjectSelect, useProjects } from '../../components/common';
import { RemoveAction } from '../../components/RemoveAction';
import { showSaveError, useBuildings } from './shared';

/** 楼栋与责任区: a project's buildings, and the zones that group them under a maintenance team. */
export default function BuildingsZonesPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const projects = useProjects();
  const [params, setParams] = useSearchParams();
  const firstProject = projects.data?.items[0]?.id;
  const projectId = params.get('projectId') ?? firstProject;
  const project = projects.data?.items.find((p) => p.id === projectId);

  const buildings = useBuildings(projectId);
  const zones = useQuery({
    queryKey: ['zones', 'list', { projectId }],
    queryFn: () => api.get<Page<Zone>>('/api/zones', { projectId, pageSize: 200 }),
    enabled: !!projectId,
  });
  const [newBuilding, setNewBuilding] = useState(false);
  const [zoneForm, setZoneForm] = useState<{ zone: Zone | null } | null>(null);

  const buildingColumns: TableColumnsType<Building> = [
    {
      title: t('楼栋', 'Building'),
      dataIndex: 'name',
      render: (v: string, b) => <Link to={`/units?projectId=${b.projectId}&buildingId=${b.id}`}>{v}</Link>,
    },
    { title: t('编码', 'Code'), dataIndex: 'code', render: (v: string | null) => v || '—' },
    { title: t('房屋数', 'Units'), dataIndex: 'unitCount', align: 'right' },
    {
      title: t('责任区', 'Zone'),
      dataIndex: 'zoneName',
      render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('未划分', 'None')}</Typography.Text>,
    },
  ];
  const zoneColumns: TableColumnsType<Zone> = [
    { title: t('责任区', 'Zone'), dataIndex: 'name' },
    {
      title: t('楼栋', 'Buildings'),
      key: 'buildings',
      render: (_: unknown, z) =>
        z.buildings.length ? z.buildings.map((b) => <Tag key={b.id}>{b.name}</Tag>) : <Typography.Text type="secondary">{t('无', 'None')}</Typography.Text>,
    },
    {
      title: t('维修班', 'Maintenance team'),
      dataIndex: 'teamName',
      render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('未指定', 'Not assigned')}</Typography.Text>,
    },
    ...(can('units.manage')
      ? [
          {
            title: t('操作', 'Actions'),
            key: 'actions',
            width: 180,
            render: (_: unknown, z: Zone) => (
              <Space size={4}>
                <Button size="small" icon={<EditOutlined />} onClick={() => setZoneForm({ zone: z })}>
                  {t('编辑', 'Edit')}
                </Button>
                <RemoveAction path={`/api/zones/${z.id}`} name={z.name} queryKey={['zones']} what={{ zh: '责任区', en: 'zone' }} />
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <div>
      <PageHeader
        title={t('楼栋与责任区', 'Buildings and zones')}
        sub={t('责任区把楼栋分给维修班：报修按楼栋自动派给对应班组', 'Zones give buildings to maintenance teams: repairs in a building go to its team')}
        extra={
          <ProjectSelect
            value={projectId}
            placeholder={t('选择项目', 'Choose a project')}
            onChange={(v) => setParams(v ? { projectId: v } : {})}
            style={{ minWidth: 220 }}
          />
        }
      />
      {!projectId && !projects.isLoading ? (
        <Card>
          <Empty description={t('没有可查看的项目', 'No project to show')} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={11}>
            <Card
              title={t('楼栋', 'Buildings')}
              extra={
                can('org.manage') && (
                  <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setNewBuilding(true)} disabled={!projectId}>
                    {t('新建楼栋', 'New building')}
                  </Button>
                )
              }
            >
              <ErrorAlert error={buildings.error} />
              <Table<Building>
                rowKey="id"
                size="middle"
                columns={buildingColumns}
                dataSource={buildings.data?.items}
                loading={buildings.isLoading}
                pagination={false}
                locale={{ emptyText: t('还没有楼栋', 'No buildings yet') }}
              />
            </Card>
          </Col>
          <Col xs={24} xl={13}>
            <Card
              title={t('责任区', 'Zones')}
              extra={
                can('units.manage') && (
                  <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setZoneForm({ zone: null })} disabled={!projectId}>
                    {t('新建责任区', 'New zone')}
                  </Button>
                )
              }
            >
              <ErrorAlert error={zones.error} />
              <Table<Zone>
                rowKey="id"
                size="middle"
                columns={zoneColumns}
                dataSource={zones.data?.items}
                loading={zones.isLoading}
                pagination={false}
                locale={{ emptyText: t('还没有责任区', 'No zones yet') }}
              />
            </Card>
          </Col>
        </Row>
      )}
      {projectId && (
        <NewBuildingModal open={newBuilding} project={project} projectId={projectId} onClose={() => setNewBuilding(false)} />
      )}
      {projectId && zoneForm && (
        <ZoneModal zone={zoneForm.zone} projectId={projectId} buildings={buildings.data?.items ?? []} onClose={() => setZoneForm(null)} />
      )}
    </div>
  );
}

function NewBuildingModal(props: { open: boolean; projectId: string; project?: OrgUnit; onClose(): void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ name: string; code?: string }>();
  const create = useMutation({
    mutationFn: (v: { name: string; code?: string }) =>
      api.post<OrgUnit>('/api/org-units', { kind: 'building', parentId: props.projectId, name: v.name.trim(), ...(v.code?.trim() ? { code: v.code.trim() } : {}) }),
    onSuccess: (b) => {
      message.success(t(`已新建楼栋 ${b.name}`, `Building ${b.name} created`));
      void qc.invalidateQueries({ queryKey: ['buildings'] });
      void qc.invalidateQueries({ queryKey: ['org-units'] });
      props.onClose();
    },
    onError: (e) => showSaveError(e, form, t, locale),
  });
  return (
    <Modal
      open={props.open}
      title={t(`新建楼栋 · ${props.project?.name ?? ''}`, `New building · ${props.project?.name ?? ''}`)}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={t('保存', 'Save')}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form name="newBuilding" form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
        <Form.Item
          name="name"
          label={t('楼栋名称', 'Building name')}
          rules={[
            { required: true, whitespace: true, message: t('请输入楼栋名称', 'Enter the building name') },
            { max: 100, message: t('最多 100 个字符', 'At most 100 characters') },
          ]}
        >
          <Input placeholder={t('如 7栋', 'e.g. Block 7')} />
        </Form.Item>
        <Form.Item name="code" label={t('编码（可选）', 'Code (optional)')} rules={[{ max: 32, message: t('最多 32 个字符', 'At most 32 characters') }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface ZoneForm {
  name: string;
  teamId?: string | null;
  buildingIds: string[];
}

function ZoneModal(props: { zone: Zone | null; projectId: string; buildings: Building[]; onClose(): void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<ZoneForm>();
  const [conflict, setConflict] = useState<string | null>(null);
  const { zone } = props;
  const teams = useQuery({
    queryKey: ['teams', 'list', { projectId: props.projectId }],
    queryFn: () => api.get<Page<Team>>('/api/teams', { projectId: props.projectId, pageSize: 200 }),
  });
  useEffect(() => setConflict(null), [zone]);

  // Maintenance teams first: they are the ones a zone is for.
  const teamOptions = [...(teams.data?.items ?? [])]
    .sort((a, b) => Number(b.kind === 'maintenance') - Number(a.kind === 'maintenance') || a.name.localeCompare(b.name))
    .map((tm) => ({ value: tm.id, label: tm.kind === 'maintenance' ? tm.name : `${tm.name}（${label(TEAM_KINDS, tm.kind, locale)}）` }));
  if (zone?.teamId && zone.teamName && !teamOptions.some((o) => o.value === zone.teamId)) teamOptions.unshift({ value: zone.teamId, label: zone.teamName });

  const save = useMutation({
    mutationFn: (v: ZoneForm) => {
      if (zone) {
        const body: UpdateZoneBody = { name: v.name.trim(), teamId: v.teamId ?? null, buildingIds: v.buildingIds ?? [] };
        return api.patch<Zone>(`/api/zones/${zone.id}`, body);
      }
      const body: CreateZoneBody = { projectId: props.projectId, name: v.name.trim(), teamId: v.teamId ?? null, buildingIds: v.buildingIds ?? [] };
      return api.post<Zone>('/api/zones', body);
    },
    onSuccess: (z) => {
      message.success(zone ? t('已保存', 'Saved') : t(`已新建责任区 ${z.name}`, `Zone ${z.name} created`));
      void qc.invalidateQueries({ queryKey: ['zones'] });
      void qc.invalidateQueries({ queryKey: ['buildings'] });
      void qc.invalidateQueries({ queryKey: ['units'] });
      props.onClose();
    },
    onError: (e) => {
      // A building already in another zone: the server says which; keep it in view in the dialog.
      if (e instanceof ApiError && e.status === 409) setConflict(e.message);
      showSaveError(e, form, t, locale);
    },
  });

  return (
    <Modal
      open
      title={zone ? t(`编辑责任区 · ${zone.name}`, `Edit zone · ${zone.name}`) : t('新建责任区', 'New zone')}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={t('保存', 'Save')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {conflict && <Alert type="error" showIcon title={conflict} style={{ marginBottom: 16 }} />}
      <Form<ZoneForm>
        name="zone"
        form={form}
        layout="vertical"
        initialValues={{ name: zone?.name ?? '', teamId: zone?.teamId ?? undefined, buildingIds: zone?.buildingIds ?? [] }}
        onFinish={(v) => {
          setConflict(null);
          save.mutate(v);
        }}
      >
        <Form.Item
          name="name"
          label={t('名称', 'Name')}
          rules={[
            { required: true, whitespace: true, message: t('请输入责任区名称', 'Enter the zone name') },
            { max: 100, message: t('最多 100 个字符', 'At most 100 characters') },
          ]}
        >
          <Input placeholder={t('如 东区', 'e.g. East')} />
        </Form.Item>
        <Form.Item name="teamId" label={t('维修班', 'Maintenance team')}>
          <Select allowClear loading={teams.isLoading} placeholder={t('选择班组', 'Choose a team')} options={teamOptions} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item name="buildingIds" label={t('楼栋', 'Buildings')} extra={t('一栋楼只能属于一个责任区', 'A building belongs to one zone at most')}>
          <Select
            mode="multiple"
            placeholder={t('选择楼栋', 'Choose buildings')}
            showSearch={{ optionFilterProp: 'name' }}
            optionLabelProp="name"
            options={props.buildings.map((b) => ({
              value: b.id,
              name: b.name,
              label: b.zoneId && b.zoneId !== zone?.id ? t(`${b.name}（已属${b.zoneName}）`, `${b.name} (in ${b.zoneName})`) : b.name,
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
