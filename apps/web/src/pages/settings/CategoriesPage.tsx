/**
 * 工单分类: the category tree of each kind (水电 / 门窗 / 电梯 … for repairs). The group-wide tree
 * every project sees is kept by whoever manages SLAs at the group root; each project adds its own
 * categories (at the root or under any category). Categories are retired, never deleted: old
 * tickets keep theirs.
 */
import { useEffect, useMemo, useState } from 'react';
import { App, Button, Empty, Form, Input, InputNumber, Modal, Radio, Space, Table, Tabs, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, PlusOutlined, StopOutlined, UndoOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrgUnit, Page, TicketCategory, TicketKind } from '@propdesk/contracts';
import { api, ApiError } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';
import { label } from '../../i18n/terms';
import { ErrorAlert, PageHeader, ProjectSelect, useProjects } from '../../components/common';
import { useListParams } from '../../components/list';
import { showSaveError } from '../units/shared';
import { TICKET_KINDS } from '../tickets/labels';

const KINDS: TicketKind[] = ['repair', 'complaint', 'consultation', 'suggestion', 'help', 'praise'];

type Node = TicketCategory & { children?: Node[] };

/** The flat list as a tree (children under parentId), keeping the server's order (sort, then name). */
function toTree(items: TicketCategory[]): Node[] {
  const ids = new Set(items.map((c) => c.id));
  const byParent = new Map<string | null, TicketCategory[]>();
  for (const c of items) {
    const p = c.parentId && ids.has(c.parentId) ? c.parentId : null;
    byParent.set(p, [...(byParent.get(p) ?? []), c]);
  }
  const build = (p: string | null): Node[] =>
    (byParent.get(p) ?? []).map((c) => {
      const children = build(c.id);
      return children.length ? { ...c, children } : { ...c };
    });
  return build(null);
}

/** Group-wide categories change only for someone granted sla.manage at the group root. */
function useMayManageGroupWide(): boolean {
  const { me, can } = useAuth();
  const groups = useQuery({
    queryKey: ['org-units', 'groups'],
    queryFn: () => api.get<Page<OrgUnit>>('/api/org-units', { kind: 'group', pageSize: 10 }),
    enabled: can('sla.manage') && can('org.read'),
    staleTime: 5 * 60_000,
  });
  return can('sla.manage') && (groups.data?.items ?? []).some((g) => g.parentId === null && (me?.scopes ?? []).includes(g.id));
}

interface EditState {
  mode: 'create' | 'edit';
  parent?: Node | null;
  node?: Node;
}

export default function CategoriesPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const projects = useProjects();
  const { query, setFilters } = useListParams();
  const projectId = query.projectId ?? projects.data?.items[0]?.id;
  const kind = (KINDS.includes(query.kind as TicketKind) ? query.kind : 'repair') as TicketKind;
  const manage = can('sla.manage');
  const groupWide = useMayManageGroupWide();
  const list = useQuery({
    queryKey: ['ticket-categories', 'settings', { kind, projectId }],
    queryFn: () => api.get<{ items: TicketCategory[] }>('/api/ticket-categories', { kind, projectId }),
    enabled: !!projectId,
  });
  const tree = useMemo(() => toTree(list.data?.items ?? []), [list.data]);
  const parents = useMemo(() => (list.data?.items ?? []).filter((c) => (list.data?.items ?? []).some((x) => x.parentId === c.id)).map((c) => c.id), [list.data]);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [edit, setEdit] = useState<EditState | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const mayChange = (c: TicketCategory) => manage && (c.projectId === null ? groupWide : true);
  const name = (c: TicketCategory) => (locale === 'en' ? c.nameEn || c.name : c.name);
  const changed = () => void qc.invalidateQueries({ queryKey: ['ticket-categories'] });

  const toggleActive = async (c: TicketCategory) => {
    setBusyId(c.id);
    try {
      await api.patch<TicketCategory>(`/api/ticket-categories/${c.id}`, { active: !c.active });
      message.success(c.active ? t(`已停用“${name(c)}”`, `Retired "${name(c)}"`) : t(`已启用“${name(c)}”`, `Revived "${name(c)}"`));
      changed();
    } catch (e) {
      showSaveError(e, null, t, locale);
    } finally {
      setBusyId(null);
    }
  };

  const groupOnlyTip = t('集团通用分类由集团管理员维护', 'Group-wide categories are kept at the group level');
  const columns: TableColumnsType<Node> = [
    {
      title: t('名称', 'Name'), key: 'name',
      render: (_: unknown, c) => (
        <span style={{ opacity: c.active ? 1 : 0.5 }}>
          <Typography.Text strong delete={!c.active}>{c.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ marginLeft: 8 }}>{c.nameEn}</Typography.Text>
        </span>
      ),
    },
    {
      title: t('范围', 'Scope'), dataIndex: 'projectId', width: 120,
      render: (p: string | null) => (p === null ? <Tag color="blue">{t('集团通用', 'Group-wide')}</Tag> : <Tag color="green">{t('本项目', 'This project')}</Tag>),
    },
    { title: t('排序', 'Order'), dataIndex: 'sort', width: 80, align: 'right' },
    {
      title: t('状态', 'Status'), dataIndex: 'active', width: 90,
      render: (a: boolean) => (a ? <Tag color="success">{t('启用', 'Active')}</Tag> : <Tag>{t('已停用', 'Retired')}</Tag>),
    },
    ...(manage
      ? [
          {
            title: t('操作', 'Actions'), key: 'actions', width: 280,
            render: (_: unknown, c: Node) => {
              const own = mayChange(c);
              return (
                <Space size={0} wrap>
                  <Button type="link" size="small" icon={<PlusOutlined />} disabled={!c.active} onClick={() => setEdit({ mode: 'create', parent: c })}
                    aria-label={t(`在“${c.name}”下添加子类`, `Add a sub-category under "${c.nameEn}"`)}>
                    {t('子类', 'Child')}
                  </Button>
                  <Tooltip title={own ? undefined : groupOnlyTip}>
                    <Button type="link" size="small" icon={<EditOutlined />} disabled={!own} onClick={() => setEdit({ mode: 'edit', node: c })}
                      aria-label={t(`编辑“${c.name}”`, `Edit "${c.nameEn}"`)}>
                      {t('编辑', 'Edit')}
                    </Button>
                  </Tooltip>
                  <Tooltip title={own ? undefined : groupOnlyTip}>
                    <Button type="link" size="small" danger={c.active} disabled={!own} loading={busyId === c.id} icon={c.active ? <StopOutlined /> : <UndoOutlined />}
                      onClick={() => toggleActive(c)} aria-label={c.active ? t(`停用“${c.name}”`, `Retire "${c.nameEn}"`) : t(`启用“${c.name}”`, `Revive "${c.nameEn}"`)}>
                      {c.active ? t('停用', 'Retire') : t('启用', 'Revive')}
                    </Button>
                  </Tooltip>
                </Space>
              );
            },
          },
        ]
      : []),
  ];

  return (
    <div>
      <PageHeader
        title={t('工单分类', 'Ticket categories')}
        sub={t('受理时按类型选择的分类树；停用后不再可选，已有工单保留原分类', 'The tree intake picks from, per kind; a retired category can no longer be chosen, old tickets keep it')}
        extra={
          <>
            <ProjectSelect value={projectId} onChange={(v) => setFilters({ projectId: v })} placeholder={t('选择项目', 'Choose a project')} />
            {manage && projectId && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEdit({ mode: 'create', parent: null })}>
                {t('新增一级分类', 'New top-level category')}
              </Button>
            )}
          </>
        }
      />
      <Tabs activeKey={kind} onChange={(k) => setFilters({ kind: k })} items={KINDS.map((k) => ({ key: k, label: label(TICKET_KINDS, k, locale) }))} />
      <ErrorAlert error={list.error} />
      {!projectId && !projects.isLoading ? (
        <Empty description={t('没有可设置的项目', 'No project to set up')} />
      ) : (
        <Table<Node>
          rowKey="id"
          size="middle"
          loading={list.isLoading}
          columns={columns}
          dataSource={tree}
          pagination={false}
          scroll={{ x: 720 }}
          expandable={{
            expandedRowKeys: parents.filter((id) => !collapsed.has(id)),
            onExpand: (open, c) =>
              setCollapsed((s) => {
                const n = new Set(s);
                if (open) n.delete(c.id);
                else n.add(c.id);
                return n;
              }),
          }}
          locale={{ emptyText: t('该类型还没有分类', 'No categories for this kind yet') }}
        />
      )}
      {edit && projectId && (
        <CategoryDialog state={edit} kind={kind} projectId={projectId} groupWide={groupWide} onClose={() => setEdit(null)} onDone={() => { setEdit(null); changed(); }} />
      )}
    </div>
  );
}

interface CategoryForm {
  name: string;
  nameEn: string;
  sort: number;
  scope: 'project' | 'group';
}

function CategoryDialog({ state, kind, projectId, groupWide, onClose, onDone }: {
  state: EditState;
  kind: TicketKind;
  projectId: string;
  groupWide: boolean;
  onClose(): void;
  onDone(): void;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<CategoryForm>();
  const [busy, setBusy] = useState(false);
  const parent = state.parent ?? null;
  const node = state.node;
  // Under a project's own category only the project's own may hang; a group-wide one takes either.
  const scopeChoice = state.mode === 'create' && groupWide && (parent === null || parent.projectId === null);
  const siblings = (parent?.children ?? []).length;

  useEffect(() => {
    if (node) form.setFieldsValue({ name: node.name, nameEn: node.nameEn, sort: node.sort });
    else form.setFieldsValue({ sort: (siblings + 1) * 10, scope: 'project' });
  }, [node, siblings, form]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      if (state.mode === 'edit' && node) {
        await api.patch(`/api/ticket-categories/${node.id}`, { name: v.name.trim(), nameEn: v.nameEn.trim(), sort: v.sort });
        message.success(t('分类已保存', 'Category saved'));
      } else {
        await api.post('/api/ticket-categories', {
          kind,
          projectId: scopeChoice && v.scope === 'group' ? null : projectId,
          parentId: parent?.id ?? null,
          name: v.name.trim(),
          nameEn: v.nameEn.trim(),
          sort: v.sort,
        });
        message.success(t('分类已添加', 'Category added'));
      }
      onDone();
    } catch (e) {
      showSaveError(e, null, t, locale);
      // On the fields, in the user's language: the server's own words where a detail has none in Chinese.
      if (e instanceof ApiError && Array.isArray(e.details)) {
        const fields = (e.details as { path?: string; message?: string; messageZh?: string }[])
          .filter((d) => typeof d.path === 'string' && d.path.startsWith('body.'))
          .map((d) => ({ name: d.path!.slice(5).split('.'), errors: [locale === 'en' ? (d.message ?? e.message) : (d.messageZh ?? e.message)] }));
        if (fields.length) form.setFields(fields as never);
      }
    } finally {
      setBusy(false);
    }
  };

  const title =
    state.mode === 'edit'
      ? t(`编辑分类“${node?.name ?? ''}”`, `Edit "${node?.nameEn ?? ''}"`)
      : parent
        ? t(`在“${parent.name}”下添加子类`, `New sub-category under "${parent.nameEn}"`)
        : t(`新增一级分类（${label(TICKET_KINDS, kind, 'zh-CN')}）`, `New top-level category (${label(TICKET_KINDS, kind, 'en')})`);
  return (
    <Modal open title={title} onCancel={onClose} onOk={submit} confirmLoading={busy} okText={t('保存', 'Save')} cancelText={t('取消', 'Cancel')} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="name" label={t('中文名称', 'Chinese name')} rules={[{ required: true, whitespace: true, message: t('请填写中文名称', 'Enter the Chinese name') }, { max: 60 }]}>
          <Input maxLength={60} placeholder={t('如：水电', 'e.g. 水电')} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('英文名称', 'English name')} rules={[{ required: true, whitespace: true, message: t('请填写英文名称', 'Enter the English name') }, { max: 60 }]}>
          <Input maxLength={60} placeholder={t('如：Water & electricity', 'e.g. Water & electricity')} />
        </Form.Item>
        <Form.Item name="sort" label={t('排序（小的在前）', 'Order (smaller first)')} rules={[{ required: true, message: t('请填写排序号', 'Enter the order') }, { type: 'integer', min: 0, max: 10000 }]}>
          <InputNumber min={0} max={10000} precision={0} style={{ width: 160 }} />
        </Form.Item>
        {scopeChoice && (
          <Form.Item name="scope" label={t('适用范围', 'Applies to')}>
            <Radio.Group
              options={[
                { value: 'project', label: t('仅本项目', 'This project only') },
                { value: 'group', label: t('集团通用（所有项目）', 'Group-wide (every project)') },
              ]}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
