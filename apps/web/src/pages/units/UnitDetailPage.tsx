import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { App, Breadcrumb, Button, Card, Col, Descriptions, Form, Modal, Row, Skeleton, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UnitDetail, UpdateUnitBody, Zone } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { formatArea, label, RELATIONS, UNIT_KINDS } from '../../i18n/terms';
import { UnitFields } from './UnitFields';
import { ErrorAlert, PageHeader, useProjects } from '../../components/common';
import { formatInstant, retryUnlessClientError, showSaveError, unitTitle, UnitStateTag } from './shared';

type Occupant = UnitDetail['occupants'][number];

/** One unit: its facts, the zone and maintenance team that look after it, and who lives or lived there. */
export default function UnitDetailPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const projects = useProjects();
  const [editing, setEditing] = useState(false);
  const unit = useQuery({ queryKey: ['units', 'detail', id], queryFn: () => api.get<UnitDetail>(`/api/units/${id}`), retry: retryUnlessClientError });
  const zoneId = unit.data?.zoneId ?? undefined;
  const zone = useQuery({ queryKey: ['zones', 'detail', zoneId], queryFn: () => api.get<Zone>(`/api/zones/${zoneId}`), enabled: !!zoneId });

  const u = unit.data;
  const projectName = u ? (projects.data?.items.find((p) => p.id === u.projectId)?.name ?? '') : '';
  const crumbs = (
    <Breadcrumb
      style={{ marginBottom: 8 }}
      items={[{ title: <Link to="/units">{t('房屋', 'Units')}</Link> }, { title: u ? unitTitle(u) : '…' }]}
    />
  );
  if (unit.error)
    return (
      <div>
        {crumbs}
        <ErrorAlert error={unit.error} />
      </div>
    );
  if (!u) return <Skeleton active />;

  // Current occupants first, then the history (latest move-out first).
  const occupants = [...u.occupants].sort((a, b) =>
    (a.endDate ? 1 : 0) - (b.endDate ? 1 : 0) || (b.endDate ?? '').localeCompare(a.endDate ?? '') || (a.startDate ?? '').localeCompare(b.startDate ?? ''),
  );
  const columns: TableColumnsType<Occupant> = [
    {
      title: t('姓名', 'Name'),
      dataIndex: 'name',
      render: (v: string, o) => <Link to={`/residents/${o.residentId}`}>{v}</Link>,
    },
    { title: t('手机', 'Phone'), dataIndex: 'phone' },
    { title: t('关系', 'Relation'), dataIndex: 'relation', render: (v: string) => label(RELATIONS, v, locale) },
    { title: t('起始日期', 'From'), dataIndex: 'startDate', render: (v: string | null) => v ?? '—' },
    { title: t('结束日期', 'Until'), dataIndex: 'endDate', render: (v: string | null) => v ?? '—' },
    {
      title: t('状态', 'Status'),
      key: 'status',
      render: (_: unknown, o) => (o.endDate ? <Tag>{t('已迁出', 'Moved out')}</Tag> : <Tag color="green">{t('在住', 'Current')}</Tag>),
    },
  ];
  const current = occupants.filter((o) => !o.endDate).length;

  return (
    <div>
      {crumbs}
      <PageHeader
        title={unitTitle(u)}
        sub={projectName}
        extra={
          can('units.manage') && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('编辑', 'Edit')}
            </Button>
          )
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t('房屋信息', 'Unit facts')}>
            <Descriptions
              column={{ xs: 1, sm: 2 }}
              items={[
                { key: 'project', label: t('项目', 'Project'), children: projectName || '—' },
                { key: 'building', label: t('楼栋', 'Building'), children: u.buildingName },
                { key: 'number', label: t('房号', 'Unit number'), children: u.number },
                { key: 'floor', label: t('楼层', 'Floor'), children: u.floor },
                { key: 'area', label: t('建筑面积', 'Gross area'), children: `${formatArea(u.grossArea)} m²` },
                { key: 'kind', label: t('类型', 'Kind'), children: label(UNIT_KINDS, u.kind, locale) },
                { key: 'state', label: t('状态', 'State'), children: <UnitStateTag state={u.state} /> },
                { key: 'note', label: t('备注', 'Note'), children: u.note || '—' },
                { key: 'updated', label: t('更新时间', 'Updated'), children: formatInstant(u.updatedAt) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('责任区与维修班', 'Zone and maintenance team')}>
            <Descriptions
              column={1}
              items={[
                {
                  key: 'zone',
                  label: t('责任区', 'Zone'),
                  children: u.zoneName ?? <Typography.Text type="secondary">{t('未划入责任区', 'Not in any zone')}</Typography.Text>,
                },
                {
                  key: 'team',
                  label: t('维修班', 'Maintenance team'),
                  children: !u.zoneId ? '—' : zone.isLoading ? '…' : (zone.data?.teamName ?? <Typography.Text type="secondary">{t('未指定', 'Not assigned')}</Typography.Text>),
                },
              ]}
            />
            <Link to={`/buildings?projectId=${u.projectId}`}>{t('查看楼栋与责任区', 'See buildings and zones')}</Link>
          </Card>
        </Col>
      </Row>
      <Card
        style={{ marginTop: 16 }}
        title={t(`住户（在住 ${current} 人）`, `Residents (${current} current)`)}
        extra={<Link to={`/residents?unitId=${u.id}`}>{t('在住户列表中查看', 'Open in the residents list')}</Link>}
      >
        <Table<Occupant>
          rowKey="linkId"
          size="middle"
          columns={columns}
          dataSource={occupants}
          pagination={false}
          onRow={(o) => ({ style: o.endDate ? { color: 'rgba(0,0,0,0.45)' } : undefined })}
          locale={{ emptyText: t('暂无住户', 'No residents yet') }}
          scroll={{ x: 640 }}
        />
      </Card>
      <EditUnitModal unit={u} open={editing} onClose={() => setEditing(false)} />
    </div>
  );
}

interface EditForm {
  number: string;
  floor: number;
  area: number;
  kind: string;
  state: string;
  note?: string;
}

function EditUnitModal({ unit, open, onClose }: { unit: UnitDetail; open: boolean; onClose(): void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<EditForm>();
  const save = useMutation({
    mutationFn: (v: EditForm) => {
      const body: UpdateUnitBody = {
        number: v.number.trim(),
        floor: v.floor,
        grossArea: Math.round(v.area * 100),
        kind: v.kind as UpdateUnitBody['kind'],
        state: v.state as UpdateUnitBody['state'],
        note: v.note?.trim() ? v.note.trim() : null,
      };
      return api.patch<UnitDetail>(`/api/units/${unit.id}`, body);
    },
    onSuccess: () => {
      message.success(t('已保存', 'Saved'));
      void qc.invalidateQueries({ queryKey: ['units'] });
      void qc.invalidateQueries({ queryKey: ['buildings'] });
      onClose();
    },
    onError: (e) => showSaveError(e, form, t, locale),
  });
  return (
    <Modal open={open} title={t('编辑房屋', 'Edit unit')} onCancel={onClose} onOk={() => form.submit()} okText={t('保存', 'Save')} confirmLoading={save.isPending} destroyOnHidden>
      <Form<EditForm>
        name="editUnit"
        form={form}
        layout="vertical"
        initialValues={{ number: unit.number, floor: unit.floor, area: unit.grossArea / 100, kind: unit.kind, state: unit.state, note: unit.note ?? '' }}
        onFinish={(v) => save.mutate(v)}
      >
        <UnitFields />
      </Form>
    </Modal>
  );
}
