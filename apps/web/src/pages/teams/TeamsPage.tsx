import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { Button, Drawer, Form, Input, Select, Space, Table, Tag, Typography, message } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateTeamBody, Page, Team, UpdateTeamBody, User } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { ErrorAlert, PageHeader, ProjectSelect, useProjects } from '../../components/common';
import { RemoveAction } from '../../components/RemoveAction';
import { useListParams } from '../../components/list';
import { useI18n } from '../../i18n/i18n';
import { label, options, TEAM_KINDS } from '../../i18n/terms';
import { showApiError } from '../users/formErrors';

interface TeamFormValues {
  projectId: string;
  name: string;
  kind: Team['kind'];
  memberIds: string[];
  leaderId?: string | null;
}

export default function TeamsPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const qc = useQueryClient();
  const { query, setFilters, onTableChange, pagination, sortOrder } = useListParams();
  const [editing, setEditing] = useState<Team | 'new' | null>(null);

  const list = useQuery({
    queryKey: ['teams', query],
    queryFn: () => api.get<Page<Team>>('/api/teams', query),
    placeholderData: (prev) => prev,
  });
  const projects = useProjects();
  const projectName = useMemo(() => new Map((projects.data?.items ?? []).map((p) => [p.id, p.name])), [projects.data]);
  const manage = can('teams.manage');

  return (
    <>
      <PageHeader
        title={t('班组', 'Teams')}
        sub={t('维修班、接待组、保安队等班组及其成员', 'Maintenance, reception, security and other teams and their members')}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('新建班组', 'New team')}
            </Button>
          )
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          key={query.q ?? ''}
          defaultValue={query.q}
          placeholder={t('搜索班组名称', 'Search team name')}
          aria-label={t('搜索班组名称', 'Search team name')}
          onSearch={(v) => setFilters({ q: v.trim() })}
          style={{ width: 220 }}
        />
        <ProjectSelect allowClear value={query.projectId} onChange={(v) => setFilters({ projectId: v })} />
        <Select
          allowClear
          style={{ minWidth: 140 }}
          value={query.kind}
          onChange={(v) => setFilters({ kind: v })}
          placeholder={t('全部类型', 'All kinds')}
          aria-label={t('班组类型', 'Team kind')}
          options={options(TEAM_KINDS, locale)}
        />
      </Space>
      <ErrorAlert error={list.error} />
      <Table<Team>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={pagination(list.data?.total)}
        onChange={onTableChange as never}
        scroll={{ x: 800 }}
        columns={[
          { title: t('班组', 'Team'), dataIndex: 'name', key: 'name', sorter: true, sortOrder: sortOrder('name') },
          { title: t('类型', 'Kind'), dataIndex: 'kind', key: 'kind', sorter: true, sortOrder: sortOrder('kind'), render: (k: string) => <Tag>{label(TEAM_KINDS, k, locale)}</Tag> },
          { title: t('项目', 'Project'), dataIndex: 'projectId', key: 'project', render: (id: string) => projectName.get(id) ?? id },
          {
            title: t('班长', 'Leader'),
            dataIndex: 'leaderName',
            key: 'leader',
            render: (v: string | null, team) => (v && team.leaderId ? <Link to={`/users/${team.leaderId}`}>{v}</Link> : <Typography.Text type="secondary">{t('未指定', 'None')}</Typography.Text>),
          },
          {
            title: t('成员', 'Members'),
            key: 'members',
            render: (_v, team) =>
              team.members.length === 0 ? (
                <Typography.Text type="secondary">{t('暂无成员', 'No members')}</Typography.Text>
              ) : (
                <Space size={[0, 4]} wrap>
                  {team.members.map((m) => (
                    <Tag key={m.userId} color={m.userId === team.leaderId ? 'blue' : undefined}>
                      <Link to={`/users/${m.userId}`}>{m.displayName}</Link>
                    </Tag>
                  ))}
                </Space>
              ),
          },
          { title: t('人数', 'Size'), key: 'size', width: 80, render: (_v, team) => team.members.length },
          ...(manage
            ? [
                {
                  title: t('操作', 'Actions'),
                  key: 'actions',
                  width: 180,
                  render: (_v: unknown, team: Team) => (
                    <Space size={0}>
                      <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(team)} aria-label={t(`编辑 ${team.name}`, `Edit ${team.name}`)}>
                        {t('编辑', 'Edit')}
                      </Button>
                      <RemoveAction path={`/api/teams/${team.id}`} name={team.name} queryKey={['teams']} what={{ zh: '班组', en: 'team' }} />
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {manage && (
        <TeamDrawer
          team={editing}
          defaultProjectId={query.projectId}
          projectName={editing && editing !== 'new' ? projectName.get(editing.projectId) : undefined}
          onClose={() => setEditing(null)}
          onSaved={() => qc.invalidateQueries({ queryKey: ['teams'] })}
        />
      )}
    </>
  );
}

function TeamDrawer(props: { team: Team | 'new' | null; defaultProjectId?: string; projectName?: string; onClose(): void; onSaved(): void }) {
  const { team, defaultProjectId, projectName, onClose, onSaved } = props;
  const { t, locale } = useI18n();
  const [form] = Form.useForm<TeamFormValues>();
  const isNew = team === 'new';
  const existing = team && team !== 'new' ? team : null;
  const memberIds = Form.useWatch('memberIds', form) ?? [];

  // Staff who can be members: every active user the manager sees (a center runs a few dozen people).
  const users = useQuery({
    queryKey: ['users', { pageSize: 200, active: 'true', sort: 'displayName' }],
    queryFn: () => api.get<Page<User>>('/api/users', { pageSize: 200, active: 'true', sort: 'displayName' }),
    enabled: team !== null,
    staleTime: 30_000,
  });
  const people = useMemo(() => {
    const m = new Map<string, { name: string; extra?: string }>();
    for (const u of users.data?.items ?? []) m.set(u.id, { name: u.displayName, extra: [u.position, u.orgUnitName].filter(Boolean).join(' · ') });
    for (const x of existing?.members ?? []) if (!m.has(x.userId)) m.set(x.userId, { name: x.displayName });
    if (existing?.leaderId && existing.leaderName && !m.has(existing.leaderId)) m.set(existing.leaderId, { name: existing.leaderName });
    return m;
  }, [users.data, existing]);
  const memberOptions = [...people].map(([id, p]) => ({ value: id, label: p.extra ? `${p.name}（${p.extra}）` : p.name }));
  const leaderOptions = memberIds.filter((id) => people.has(id)).map((id) => ({ value: id, label: people.get(id)!.name }));

  const save = useMutation({
    mutationFn: (v: TeamFormValues) => {
      if (existing) {
        const body: UpdateTeamBody = { name: v.name.trim(), kind: v.kind, memberIds: v.memberIds ?? [], leaderId: v.leaderId || null };
        return api.patch<Team>(`/api/teams/${existing.id}`, body);
      }
      const body: CreateTeamBody = { projectId: v.projectId, name: v.name.trim(), kind: v.kind, memberIds: v.memberIds ?? [], leaderId: v.leaderId || null };
      return api.post<Team>('/api/teams', body);
    },
    onSuccess: () => {
      message.success(t('已保存', 'Saved'));
      onSaved();
      onClose();
    },
    onError: (e) => showApiError(e, t, form, locale),
  });

  const initial: Partial<TeamFormValues> = existing
    ? {
        projectId: existing.projectId,
        name: existing.name,
        kind: existing.kind,
        // A leader recorded without membership is shown as a member, so the leader stays one of them.
        memberIds: [...new Set([...existing.members.map((m) => m.userId), ...(existing.leaderId ? [existing.leaderId] : [])])],
        leaderId: existing.leaderId,
      }
    : { projectId: defaultProjectId, kind: 'maintenance', memberIds: [] };

  return (
    <Drawer
      title={isNew ? t('新建班组', 'New team') : t(`编辑班组：${existing?.name ?? ''}`, `Edit ${existing?.name ?? ''}`)}
      open={team !== null}
      size={520}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('取消', 'Cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t('保存', 'Save')}
          </Button>
        </Space>
      }
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => save.mutate(v)}
        onValuesChange={(changed: Partial<TeamFormValues>) => {
          // The leader is one of the members: dropping them from the team clears the leader.
          if (changed.memberIds && !changed.memberIds.includes(form.getFieldValue('leaderId'))) form.setFieldValue('leaderId', null);
        }}
      >
        {existing ? (
          <Form.Item label={t('项目', 'Project')} extra={t('班组所属项目不能更改', 'A team stays in its project')}>
            <Typography.Text>{projectName ?? existing.projectId}</Typography.Text>
          </Form.Item>
        ) : (
          <Form.Item name="projectId" label={t('项目', 'Project')} rules={[{ required: true, message: t('请选择项目', 'Choose a project') }]}>
            <ProjectSelect style={{ width: '100%' }} placeholder={t('选择项目', 'Choose a project')} />
          </Form.Item>
        )}
        <Form.Item
          name="name"
          label={t('班组名称', 'Team name')}
          rules={[
            { required: true, whitespace: true, message: t('请输入班组名称', 'Enter the team name') },
            { max: 100, message: t('最多 100 个字符', 'At most 100 characters') },
          ]}
        >
          <Input placeholder={t('如：维修一班', 'e.g. Maintenance team 1')} />
        </Form.Item>
        <Form.Item name="kind" label={t('类型', 'Kind')} rules={[{ required: true }]}>
          <Select options={options(TEAM_KINDS, locale)} />
        </Form.Item>
        <Form.Item name="memberIds" label={t('成员', 'Members')} rules={[{ type: 'array', max: 200, message: t('最多 200 人', 'At most 200 members') }]}>
          <Select mode="multiple" loading={users.isLoading} options={memberOptions} showSearch={{ optionFilterProp: 'label' }} placeholder={t('选择员工', 'Choose staff')} />
        </Form.Item>
        <Form.Item name="leaderId" label={t('班长', 'Leader')} extra={t('从成员中选择', 'One of the members')}>
          <Select allowClear options={leaderOptions} placeholder={memberIds.length ? t('选择班长', 'Choose the leader') : t('请先添加成员', 'Add members first')} disabled={memberIds.length === 0} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
