import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { App, Button, Card, Col, DatePicker, Drawer, Form, Input, Row, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, DownloadOutlined, PlusOutlined, SearchOutlined, UserAddOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { IdNumber, Phone, type CreateResidentBody, type Page, type Resident, type Unit, type UnitDetail } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { label, options, RELATIONS } from '../../i18n/terms';
import { ErrorAlert, PageHeader, ProjectSelect, useProjects } from '../../components/common';
import { useListParams } from '../../components/list';
import { ProjectImportButton, showSaveError, UnitPicker, unitTitle, useDefaultProject, zodRule } from '../units/shared';

/** Digits only (up to a whole mobile number) are a phone tail; anything else is a name or unit number. */
function searchFilters(text: string): { q?: string; phoneTail?: string } {
  const s = text.trim();
  if (/^\d{1,11}$/.test(s)) return { phoneTail: s, q: undefined };
  return { q: s || undefined, phoneTail: undefined };
}

/** 住户: the front desk's search — a caller gives a name, the last digits of a phone or a unit number. */
export default function ResidentsPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const qc = useQueryClient();
  const projects = useProjects();
  const { query, setFilters, onTableChange, pagination, sortOrder } = useListParams();
  const [creating, setCreating] = useState(false);

  // The box searches as the user types (after a short pause) and at once on Enter.
  const applied = query.phoneTail ?? query.q ?? '';
  const [text, setText] = useState(applied);
  const appliedRef = useRef(applied);
  appliedRef.current = applied;
  useEffect(() => {
    if (text.trim() === appliedRef.current) return;
    const h = setTimeout(() => setFilters(searchFilters(text)), 400);
    return () => clearTimeout(h);
  }, [text, setFilters]);
  useEffect(() => {
    // Back/forward or a link changed the URL: show what is searched.
    setText((cur) => (cur.trim() === applied ? cur : applied));
  }, [applied]);

  const list = useQuery({
    queryKey: ['residents', 'list', query],
    queryFn: () => api.get<Page<Resident>>('/api/residents', query),
    placeholderData: keepPreviousData,
  });
  const unitFilter = useQuery({
    queryKey: ['units', 'detail', query.unitId],
    queryFn: () => api.get<UnitDetail>(`/api/units/${query.unitId}`),
    enabled: !!query.unitId,
  });
  const { page: _p, pageSize: _s, ...exportQuery } = query;
  const manyProjects = (projects.data?.items.length ?? 0) > 1;
  const projectName = (id: string) => projects.data?.items.find((p) => p.id === id)?.name ?? '';
  const detailLink = (id: string) => ({ to: `/residents/${id}`, state: { back: location.search } });

  const columns: TableColumnsType<Resident> = [
    {
      title: t('姓名', 'Name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: sortOrder('name'),
      render: (v: string, r) => (
        <Link {...detailLink(r.id)} onClick={(e) => e.stopPropagation()} style={{ fontWeight: 500 }}>
          {v}
        </Link>
      ),
    },
    { title: t('手机', 'Phone'), dataIndex: 'phone', key: 'phone' },
    {
      title: t('证件号', 'ID number'),
      dataIndex: 'idNumber',
      key: 'idNumber',
      render: (v: string | null) => (v ? <Typography.Text code>{v}</Typography.Text> : '—'),
    },
    {
      title: t('房屋', 'Units'),
      key: 'units',
      render: (_: unknown, r) => {
        const current = r.units.filter((u) => !u.endDate);
        const past = r.units.length - current.length;
        return (
          <Space size={[4, 4]} wrap>
            {current.map((u) => (
              <Tag key={u.linkId} color={u.relation === 'owner' ? 'blue' : u.relation === 'tenant' ? 'gold' : 'default'}>
                {unitTitle(u)} {label(RELATIONS, u.relation, locale)}
              </Tag>
            ))}
            {past > 0 && <Typography.Text type="secondary">{t(`另有 ${past} 条历史`, `+${past} past`)}</Typography.Text>}
            {r.units.length === 0 && '—'}
          </Space>
        );
      },
    },
    ...(manyProjects ? [{ title: t('项目', 'Project'), key: 'project', render: (_: unknown, r: Resident) => projectName(r.projectId) }] : []),
  ];

  return (
    <div>
      <PageHeader
        title={t('住户', 'Residents')}
        extra={
          <>
            {can('residents.import') && (
              <ProjectImportButton
                projectId={query.projectId}
                title={t('导入住户', 'Import residents')}
                templateUrl="/api/residents/import/template"
                uploadUrl="/api/residents/import"
                onDone={() => void qc.invalidateQueries({ queryKey: ['residents'] })}
              />
            )}
            <Button icon={<DownloadOutlined />} onClick={() => api.download('/api/residents/export', exportQuery)}>
              {t('导出', 'Export')}
            </Button>
            {can('residents.manage') && (
              <Button type="primary" icon={<UserAddOutlined />} onClick={() => setCreating(true)}>
                {t('新建住户', 'New resident')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 12, marginBottom: 8 }}>
          <Input.Search
            size="large"
            autoFocus
            allowClear
            aria-label={t('搜索住户', 'Search residents')}
            placeholder={t('姓名 / 手机尾号 / 房号', 'Name / phone tail / unit')}
            enterButton={
              <>
                <SearchOutlined /> {t('查找', 'Search')}
              </>
            }
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => setFilters(searchFilters(v))}
            style={{ flex: '1 1 280px', maxWidth: 520 }}
          />
          <ProjectSelect allowClear value={query.projectId} onChange={(v) => setFilters({ projectId: v })} />
          <Select
            allowClear
            aria-label={t('按关系筛选', 'Filter by relation')}
            style={{ minWidth: 130 }}
            placeholder={t('全部关系', 'All relations')}
            value={query.relation}
            options={options(RELATIONS, locale)}
            onChange={(v) => setFilters({ relation: v })}
          />
          {query.unitId && (
            <Tag closable onClose={() => setFilters({ unitId: undefined })} style={{ padding: '4px 8px' }}>
              {t('房屋：', 'Unit: ')}
              {unitFilter.data ? unitTitle(unitFilter.data) : '…'}
            </Tag>
          )}
        </div>
        <UnitSuggestions
          text={applied}
          projectId={query.projectId}
          onPick={(unitId) => {
            setText('');
            setFilters({ unitId, q: undefined, phoneTail: undefined });
          }}
        />
        <ErrorAlert error={list.error} />
        <Table<Resident>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items}
          loading={list.isFetching}
          pagination={pagination(list.data?.total)}
          onChange={onTableChange as never}
          onRow={(r) => ({ onClick: () => navigate(`/residents/${r.id}`, { state: { back: location.search } }), style: { cursor: 'pointer' } })}
          locale={{ emptyText: applied ? t('没有找到匹配的住户', 'No resident matches') : t('暂无住户', 'No residents yet') }}
          scroll={{ x: 760 }}
        />
      </Card>
      <NewResidentDrawer open={creating} projectId={query.projectId} onClose={() => setCreating(false)} />
    </div>
  );
}

interface ResidentForm {
  projectId: string;
  name: string;
  phone: string;
  idNumber?: string;
  note?: string;
  units?: { unitId?: string; relation?: string; startDate?: Dayjs | null }[];
}

function NewResidentDrawer(props: { open: boolean; projectId?: string; onClose(): void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<ResidentForm>();
  const initialProject = useDefaultProject(props.projectId);
  const projectId = Form.useWatch('projectId', form) ?? initialProject;

  const create = useMutation({
    mutationFn: (v: ResidentForm) => {
      const body: CreateResidentBody = {
        projectId: v.projectId,
        name: v.name.trim(),
        phone: v.phone.trim(),
        ...(v.idNumber?.trim() ? { idNumber: v.idNumber.trim() } : {}),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        units: (v.units ?? [])
          .filter((u) => u.unitId)
          .map((u) => ({
            unitId: u.unitId!,
            relation: u.relation as CreateResidentBody['units'][number]['relation'],
            ...(u.startDate ? { startDate: u.startDate.format('YYYY-MM-DD') } : {}),
          })),
      };
      return api.post<Resident>('/api/residents', body);
    },
    onSuccess: (r) => {
      message.success(t(`已新建住户 ${r.name}`, `Resident ${r.name} created`));
      void qc.invalidateQueries({ queryKey: ['residents'] });
      void qc.invalidateQueries({ queryKey: ['units'] });
      props.onClose();
      navigate(`/residents/${r.id}`);
    },
    onError: (e) => showSaveError(e, form, t, locale),
  });

  return (
    <Drawer
      open={props.open}
      title={t('新建住户', 'New resident')}
      size={560}
      onClose={props.onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={props.onClose}>{t('取消', 'Cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()}>
            {t('保存', 'Save')}
          </Button>
        </Space>
      }
    >
      <Form<ResidentForm>
        name="newResident"
        form={form}
        layout="vertical"
        initialValues={{ projectId: initialProject, units: [{ relation: 'owner' }] }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="projectId" label={t('项目', 'Project')} rules={[{ required: true, message: t('请选择项目', 'Choose a project') }]}>
          <ProjectSelect
            placeholder={t('选择项目', 'Choose a project')}
            style={{ width: '100%' }}
            onChange={() => form.setFieldValue('units', (form.getFieldValue('units') ?? []).map((u: object) => ({ ...u, unitId: undefined })))}
          />
        </Form.Item>
        <Row gutter={12}>
          <Col span={10}>
            <Form.Item
              name="name"
              label={t('姓名', 'Name')}
              rules={[
                { required: true, whitespace: true, message: t('请输入姓名', 'Enter the name') },
                { max: 100, message: t('最多 100 个字符', 'At most 100 characters') },
              ]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item
              name="phone"
              label={t('手机', 'Phone')}
              rules={[
                { required: true, message: t('请输入手机号', 'Enter the phone number') },
                zodRule(Phone, t('请输入 11 位手机号或带区号的座机号', 'Enter an 11-digit mobile or a landline with area code')),
              ]}
            >
              <Input inputMode="tel" placeholder="13812345678" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="idNumber"
          label={t('证件号（可选）', 'ID number (optional)')}
          rules={[zodRule(IdNumber, t('证件号为 5–30 位字母、数字或 -', 'An ID number is 5–30 letters, digits or -'))]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Typography.Text strong>{t('房屋', 'Units')}</Typography.Text>
        <Form.List name="units">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((f, i) => (
                <Row key={f.key} gutter={8} align="top">
                  <Col flex="auto">
                    <Form.Item
                      name={[f.name, 'unitId']}
                      label={t(`房屋 ${i + 1}`, `Unit ${i + 1}`)}
                      rules={[{ required: true, message: t('请选择房屋或删除此行', 'Choose a unit or remove the row') }]}
                    >
                      <UnitPicker projectId={projectId} />
                    </Form.Item>
                  </Col>
                  <Col flex="110px">
                    <Form.Item name={[f.name, 'relation']} label={t('关系', 'Relation')} rules={[{ required: true, message: t('请选择', 'Choose') }]}>
                      <Select options={options(RELATIONS, locale)} />
                    </Form.Item>
                  </Col>
                  <Col flex="140px">
                    <Form.Item name={[f.name, 'startDate']} label={t('起始日期', 'From')}>
                      <DatePicker style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col flex="32px" style={{ paddingTop: 30 }}>
                    <Button type="text" danger aria-label={t('删除此房屋', 'Remove this unit')} icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ relation: 'owner' })} style={{ marginBottom: 16 }}>
                {t('添加房屋', 'Add a unit')}
              </Button>
            </div>
          )}
        </Form.List>
        <Form.Item name="note" label={t('备注', 'Note')} rules={[{ max: 500, message: t('最多 500 个字符', 'At most 500 characters') }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** How a typed unit reads: "1201", "3栋 1201", "3栋1201", "S01", "L1-001". Null when it has no digit (a name). */
function unitSearch(text: string): { building?: string; number: string } | null {
  const s = text.trim();
  if (!/\d/.test(s)) return null;
  const m = /^(.*栋)\s*(\S+)$/.exec(s) ?? /^(\S+)\s+(\S+)$/.exec(s);
  return m ? { building: m[1]!.trim(), number: m[2]! } : { number: s };
}

/**
 * Digits at the desk may be a phone tail or a unit number: the list searches phones, and the units
 * whose number matches are offered here as one-click filters.
 */
function UnitSuggestions(props: { text: string; projectId?: string; onPick(unitId: string): void }) {
  const { t } = useI18n();
  const wanted = unitSearch(props.text);
  const units = useQuery({
    queryKey: ['units', 'suggest', props.projectId, wanted?.number],
    queryFn: () => api.get<Page<Unit>>('/api/units', { q: wanted!.number, projectId: props.projectId, pageSize: 50 }),
    enabled: !!wanted,
    staleTime: 30_000,
  });
  const matches = (units.data?.items ?? [])
    .filter((u) => u.number === wanted?.number || u.number.toLowerCase() === wanted?.number.toLowerCase())
    .filter((u) => !wanted?.building || u.buildingName.includes(wanted.building));
  return (
    <div style={{ minHeight: 24, marginBottom: 8 }}>
      {wanted && matches.length > 0 && (
        <Space size={[4, 4]} wrap>
          <Typography.Text type="secondary">{t('按房号查看：', 'By unit number:')}</Typography.Text>
          {matches.slice(0, 12).map((u) => (
            <Tag.CheckableTag key={u.id} checked={false} onChange={() => props.onPick(u.id)} style={{ border: '1px solid #d9d9d9' }}>
              {unitTitle(u)}
            </Tag.CheckableTag>
          ))}
          {matches.length > 12 && <Typography.Text type="secondary">…</Typography.Text>}
        </Space>
      )}
    </div>
  );
}
