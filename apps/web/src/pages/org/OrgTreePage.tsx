import { useMemo, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { App, Button, Card, Col, Descriptions, Empty, Form, Input, Modal, Row, Select, Space, Tag, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { BankOutlined, BuildOutlined, ClusterOutlined, CustomerServiceOutlined, EditOutlined, HomeOutlined, PlusOutlined, ShopOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Phone, type CreateOrgUnitBody, type OrgUnit, type OrgUnitKind, type Page } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { label, options, ORG_KINDS, PROJECT_TYPES } from '../../i18n/terms';
import { ErrorAlert, PageHeader } from '../../components/common';
import { formatInstant, showSaveError, zodRule } from '../units/shared';

/** The tree's shape (the server enforces the same): group → company → center → project → building. */
const CHILD_KIND: Record<OrgUnitKind, OrgUnitKind | null> = {
  group: 'company',
  company: 'center',
  center: 'project',
  project: 'building',
  building: null,
};
const CHILDREN_EN: Record<OrgUnitKind, string> = { group: 'Groups', company: 'Companies', center: 'Service centers', project: 'Projects', building: 'Buildings' };
/** Short tags for the tree (the details say it in full). */
const PROJECT_TAG: Record<string, [string, string]> = { residential: ['小区', 'Community'], mall: ['商场', 'Mall'] };
const KIND_ORDER: OrgUnitKind[] = ['group', 'company', 'center', 'project', 'building'];
const KIND_COLORS: Record<OrgUnitKind, string> = { group: 'purple', company: 'geekblue', center: 'blue', project: 'cyan', building: 'default' };

function kindIcon(n: OrgUnit): ReactNode {
  switch (n.kind) {
    case 'group':
      return <ClusterOutlined />;
    case 'company':
      return <BankOutlined />;
    case 'center':
      return <CustomerServiceOutlined />;
    case 'project':
      return n.projectType === 'mall' ? <ShopOutlined /> : <HomeOutlined />;
    default:
      return <BuildOutlined />;
  }
}

/** Every node the user may see (the API pages at 200). */
async function fetchAllOrgUnits(): Promise<OrgUnit[]> {
  const all: OrgUnit[] = [];
  for (let page = 1; page < 1000; page++) {
    const p = await api.get<Page<OrgUnit>>('/api/org-units', { page, pageSize: 200 });
    all.push(...p.items);
    if (all.length >= p.total || p.items.length === 0) break;
  }
  return all;
}

/** 组织架构: the org tree on the left, the chosen node's details and actions on the right. */
export default function OrgTreePage() {
  const { t, locale } = useI18n();
  const { can, me } = useAuth();
  const [params, setParams] = useSearchParams();
  const [filter, setFilter] = useState('');
  const [dialog, setDialog] = useState<{ mode: 'edit' | 'child'; node: OrgUnit } | null>(null);
  const nodes = useQuery({ queryKey: ['org-units', 'all'], queryFn: fetchAllOrgUnits });

  const { byId, children, roots } = useMemo(() => {
    const items = nodes.data ?? [];
    const byId = new Map(items.map((n) => [n.id, n]));
    const children = new Map<string, OrgUnit[]>();
    const roots: OrgUnit[] = [];
    for (const n of items) {
      if (n.parentId && byId.has(n.parentId)) {
        const list = children.get(n.parentId) ?? [];
        list.push(n);
        children.set(n.parentId, list);
      } else roots.push(n);
    }
    const order = (a: OrgUnit, b: OrgUnit) =>
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.name.localeCompare(b.name, 'zh-CN', { numeric: true });
    roots.sort(order);
    for (const list of children.values()) list.sort(order);
    return { byId, children, roots };
  }, [nodes.data]);

  // Start where the user works (the node their role is granted at), else at the top.
  const home = me?.scopes.find((id) => byId.has(id));
  const selectedId = params.get('id') ?? home ?? roots[0]?.id;
  const selected = selectedId ? byId.get(selectedId) : undefined;

  // Filtering keeps a match's ancestors so it stays in place in the tree.
  const needle = filter.trim().toLowerCase();
  const treeData = useMemo(() => {
    const build = (n: OrgUnit): DataNode | null => {
      const kids = (children.get(n.id) ?? []).map(build).filter((x): x is DataNode => x !== null);
      const hit = !needle || n.name.toLowerCase().includes(needle) || (n.code ?? '').toLowerCase().includes(needle);
      if (!hit && kids.length === 0) return null;
      return {
        key: n.id,
        icon: kindIcon(n),
        title: (
          <span style={{ whiteSpace: 'nowrap' }}>
            <span style={hit && needle ? { fontWeight: 600 } : undefined}>{n.name}</span>{' '}
            <Tag color={KIND_COLORS[n.kind]} style={{ marginInlineEnd: 0 }}>
              {n.kind === 'project' && n.projectType ? label(PROJECT_TAG, n.projectType, locale) : label(ORG_KINDS, n.kind, locale)}
            </Tag>
          </span>
        ),
        children: kids,
        isLeaf: kids.length === 0,
      };
    };
    return roots.map(build).filter((x): x is DataNode => x !== null);
  }, [roots, children, needle, locale]);

  // Open down to the projects; buildings show when a project is opened (or when filtering).
  const [expanded, setExpanded] = useState<string[] | null>(null);
  const defaultExpanded = useMemo(() => (nodes.data ?? []).filter((n) => n.kind !== 'project' && n.kind !== 'building').map((n) => n.id), [nodes.data]);
  const ancestorsOf = (id: string | undefined) => {
    const out: string[] = [];
    let n = id ? byId.get(id) : undefined;
    while (n?.parentId && byId.has(n.parentId)) {
      out.push(n.parentId);
      n = byId.get(n.parentId);
    }
    return out;
  };
  const expandedKeys = needle ? [...byId.keys()] : [...new Set([...(expanded ?? defaultExpanded), ...(expanded ? [] : ancestorsOf(selectedId))])];

  return (
    <div>
      <PageHeader title={t('组织架构', 'Org tree')} sub={t('集团 → 公司 → 客服中心 → 项目（小区/商场）→ 楼栋', 'Group → company → service center → project (community / mall) → building')} />
      <ErrorAlert error={nodes.error} />
      <Row gutter={[16, 16]}>
        <Col xs={24} md={11} xl={9}>
          <Card loading={nodes.isLoading} styles={{ body: { overflowX: 'auto' } }}>
            <Input.Search
              allowClear
              aria-label={t('查找节点', 'Find a node')}
              placeholder={t('按名称或编码查找', 'Find by name or code')}
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              style={{ marginBottom: 12 }}
            />
            {treeData.length === 0 ? (
              <Empty description={needle ? t('没有匹配的节点', 'No matching node') : t('没有可查看的节点', 'Nothing to show')} />
            ) : (
              <Tree
                style={{ minWidth: 'max-content' }}
                showIcon
                showLine
                blockNode
                treeData={treeData}
                selectedKeys={selectedId ? [selectedId] : []}
                expandedKeys={expandedKeys}
                onExpand={(keys) => setExpanded(keys.map(String))}
                onSelect={(keys) => keys[0] && setParams({ id: String(keys[0]) })}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} md={13} xl={15}>
          {selected ? (
            <NodeDetails
              node={selected}
              parent={selected.parentId ? byId.get(selected.parentId) : undefined}
              childCount={children.get(selected.id)?.length ?? 0}
              onSelect={(id) => setParams({ id })}
              onEdit={() => setDialog({ mode: 'edit', node: selected })}
              onAddChild={() => setDialog({ mode: 'child', node: selected })}
              canManage={can('org.manage')}
            />
          ) : (
            !nodes.isLoading && (
              <Card>
                <Empty description={t('在左侧选择一个节点', 'Choose a node on the left')} />
              </Card>
            )
          )}
        </Col>
      </Row>
      {dialog && (
        <OrgUnitModal
          mode={dialog.mode}
          node={dialog.node}
          onClose={() => setDialog(null)}
          onCreated={(n) => {
            setExpanded((prev) => [...new Set([...(prev ?? expandedKeys), dialog.node.id])]);
            setParams({ id: n.id });
          }}
        />
      )}
    </div>
  );
}

function NodeDetails(props: {
  node: OrgUnit;
  parent?: OrgUnit;
  childCount: number;
  canManage: boolean;
  onSelect(id: string): void;
  onEdit(): void;
  onAddChild(): void;
}) {
  const { t, locale } = useI18n();
  const { node, parent } = props;
  const childKind = CHILD_KIND[node.kind];
  const items = [
    { key: 'kind', label: t('类型', 'Kind'), children: label(ORG_KINDS, node.kind, locale) },
    ...(node.kind === 'project' ? [{ key: 'projectType', label: t('项目类型', 'Project type'), children: label(PROJECT_TYPES, node.projectType, locale) || '—' }] : []),
    { key: 'name', label: t('名称', 'Name'), children: node.name },
    { key: 'code', label: t('编码', 'Code'), children: node.code || '—' },
    {
      key: 'parent',
      label: t('上级', 'Parent'),
      children: parent ? (
        <Typography.Link onClick={() => props.onSelect(parent.id)}>{parent.name}</Typography.Link>
      ) : (
        '—'
      ),
    },
    ...(childKind ? [{ key: 'children', label: t(`下级${label(ORG_KINDS, childKind, 'zh-CN')}`, `${CHILDREN_EN[childKind]} below`), children: props.childCount }] : []),
    { key: 'address', label: t('地址', 'Address'), children: node.address || '—' },
    { key: 'phone', label: t('电话', 'Phone'), children: node.phone || '—' },
    { key: 'timezone', label: t('时区', 'Time zone'), children: node.timezone },
    { key: 'updated', label: t('更新时间', 'Updated'), children: formatInstant(node.updatedAt) },
  ];
  return (
    <Card
      title={
        <Space>
          {kindIcon(node)}
          <span>{node.name}</span>
          <Tag color={KIND_COLORS[node.kind]}>{label(ORG_KINDS, node.kind, locale)}</Tag>
        </Space>
      }
      extra={
        props.canManage && (
          <Space wrap>
            <Button icon={<EditOutlined />} onClick={props.onEdit}>
              {t('编辑', 'Edit')}
            </Button>
            {childKind && (
              <Button type="primary" icon={<PlusOutlined />} onClick={props.onAddChild}>
                {t(`新增下级${label(ORG_KINDS, childKind, 'zh-CN')}`, `Add ${label(ORG_KINDS, childKind, 'en').toLowerCase()}`)}
              </Button>
            )}
          </Space>
        )
      }
    >
      <Descriptions bordered size="small" column={{ xs: 1, lg: 2 }} items={items} />
      {node.kind === 'project' && (
        <Space style={{ marginTop: 16 }} wrap>
          <Link to={`/units?projectId=${node.id}`}>{t('查看房屋', 'See its units')}</Link>
          <Link to={`/buildings?projectId=${node.id}`}>{t('楼栋与责任区', 'Buildings and zones')}</Link>
          <Link to={`/residents?projectId=${node.id}`}>{t('查看住户', 'See its residents')}</Link>
        </Space>
      )}
      {node.kind === 'building' && node.projectId && (
        <Space style={{ marginTop: 16 }}>
          <Link to={`/units?projectId=${node.projectId}&buildingId=${node.id}`}>{t('查看该楼栋的房屋', 'See the units of this building')}</Link>
        </Space>
      )}
    </Card>
  );
}

interface OrgForm {
  name: string;
  code?: string;
  projectType?: 'residential' | 'mall';
  address?: string;
  phone?: string;
  timezone?: string;
}

/** Edit a node, or add a child of the one kind allowed under it. */
function OrgUnitModal(props: { mode: 'edit' | 'child'; node: OrgUnit; onClose(): void; onCreated(n: OrgUnit): void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<OrgForm>();
  const { node, mode } = props;
  const kind: OrgUnitKind = mode === 'edit' ? node.kind : CHILD_KIND[node.kind]!;
  const kindLabel = label(ORG_KINDS, kind, locale);
  const clean = (s?: string) => (s?.trim() ? s.trim() : undefined);

  const save = useMutation({
    mutationFn: (v: OrgForm) => {
      if (mode === 'edit') {
        return api.patch<OrgUnit>(`/api/org-units/${node.id}`, {
          name: v.name.trim(),
          code: clean(v.code) ?? null,
          address: clean(v.address) ?? null,
          phone: clean(v.phone) ?? null,
          ...(kind === 'project' && v.projectType ? { projectType: v.projectType } : {}),
          ...(clean(v.timezone) ? { timezone: clean(v.timezone) } : {}),
        });
      }
      const body: CreateOrgUnitBody = {
        kind,
        parentId: node.id,
        name: v.name.trim(),
        ...(clean(v.code) ? { code: clean(v.code) } : {}),
        ...(kind === 'project' ? { projectType: v.projectType ?? 'residential' } : {}),
        ...(clean(v.address) ? { address: clean(v.address) } : {}),
        ...(clean(v.phone) ? { phone: clean(v.phone) } : {}),
      };
      return api.post<OrgUnit>('/api/org-units', body);
    },
    onSuccess: (n) => {
      message.success(mode === 'edit' ? t('已保存', 'Saved') : t(`已新增${kindLabel}：${n.name}`, `${kindLabel} "${n.name}" added`));
      void qc.invalidateQueries({ queryKey: ['org-units'] });
      void qc.invalidateQueries({ queryKey: ['buildings'] });
      if (mode === 'child') props.onCreated(n);
      props.onClose();
    },
    onError: (e) => showSaveError(e, form, t, locale),
  });

  return (
    <Modal
      open
      title={mode === 'edit' ? t(`编辑${kindLabel} · ${node.name}`, `Edit ${kindLabel.toLowerCase()} · ${node.name}`) : t(`在“${node.name}”下新增${kindLabel}`, `Add a ${kindLabel.toLowerCase()} under "${node.name}"`)}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={t('保存', 'Save')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form<OrgForm>
        name="orgUnit"
        form={form}
        layout="vertical"
        initialValues={
          mode === 'edit'
            ? { name: node.name, code: node.code ?? '', projectType: node.projectType ?? undefined, address: node.address ?? '', phone: node.phone ?? '', timezone: node.timezone }
            : { projectType: 'residential' }
        }
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="name"
          label={t('名称', 'Name')}
          rules={[
            { required: true, whitespace: true, message: t('请输入名称', 'Enter the name') },
            { max: 100, message: t('最多 100 个字符', 'At most 100 characters') },
          ]}
        >
          <Input />
        </Form.Item>
        {kind === 'project' && (
          <Form.Item name="projectType" label={t('项目类型', 'Project type')} rules={[{ required: true }]}>
            <Select options={options(PROJECT_TYPES, locale)} />
          </Form.Item>
        )}
        <Form.Item name="code" label={t('编码', 'Code')} rules={[{ max: 32, message: t('最多 32 个字符', 'At most 32 characters') }]}>
          <Input />
        </Form.Item>
        {kind !== 'building' && (
          <>
            <Form.Item name="address" label={t('地址', 'Address')} rules={[{ max: 200, message: t('最多 200 个字符', 'At most 200 characters') }]}>
              <Input />
            </Form.Item>
            <Form.Item name="phone" label={t('电话', 'Phone')} rules={[zodRule(Phone, t('请输入手机号或带区号的座机号', 'Enter a mobile number or a landline with area code'))]}>
              <Input placeholder="0755-86001234" />
            </Form.Item>
          </>
        )}
        {mode === 'edit' && (
          <Form.Item name="timezone" label={t('时区', 'Time zone')} rules={[{ max: 64 }]}>
            <Input placeholder="Asia/Shanghai" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
