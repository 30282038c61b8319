import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Drawer, Form, Input, Select, Space, Table, Tag, Tooltip, message } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page, User } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { ErrorAlert, PageHeader } from '../../components/common';
import { useListParams } from '../../components/list';
import { useI18n } from '../../i18n/i18n';
import { roleName, useRoles } from '../roles/rolesApi';
import { grantLabel, UserStateTag } from './userBits';
import { showApiError } from './formErrors';
import { OrgTreeSelect } from './orgTree';
import { toCreateBody, UserFormFields, type UserFormValues } from './UserForm';

export default function UsersPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { query, setFilters, onTableChange, pagination, sortOrder } = useListParams({ sort: 'username' });
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<UserFormValues>();

  const list = useQuery({
    queryKey: ['users', query],
    queryFn: () => api.get<Page<User>>('/api/users', query),
    placeholderData: (prev) => prev,
  });
  const roles = useRoles();
  const roleMap = useMemo(() => new Map((roles.data ?? []).map((r) => [r.id, r])), [roles.data]);

  const create = useMutation({
    mutationFn: (v: UserFormValues) => api.post<User>('/api/users', toCreateBody(v)),
    onSuccess: (u) => {
      message.success(t(`已创建员工 ${u.displayName}`, `Created ${u.displayName}`));
      qc.invalidateQueries({ queryKey: ['users'] });
      setCreating(false);
      form.resetFields();
      navigate(`/users/${u.id}`);
    },
    onError: (e) => showApiError(e, t, form, locale),
  });

  return (
    <>
      <PageHeader
        title={t('员工', 'Staff')}
        sub={t('员工账号、岗位档案与角色授权', 'Staff accounts, profiles and role grants')}
        extra={
          can('users.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('新建员工', 'New staff member')}
            </Button>
          )
        }
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          key={query.q ?? ''}
          defaultValue={query.q}
          placeholder={t('搜索用户名或姓名', 'Search username or name')}
          aria-label={t('搜索用户名或姓名', 'Search username or name')}
          onSearch={(v) => setFilters({ q: v.trim() })}
          style={{ width: 240 }}
        />
        <OrgTreeSelect
          allowClear
          value={query.orgUnitId}
          onChange={(v) => setFilters({ orgUnitId: v })}
          placeholder={t('全部组织', 'All org units')}
          aria-label={t('按组织筛选', 'Filter by org unit')}
        />
        <Select
          allowClear
          style={{ minWidth: 160 }}
          value={query.roleId}
          onChange={(v) => setFilters({ roleId: v })}
          placeholder={t('全部角色', 'All roles')}
          aria-label={t('按角色筛选', 'Filter by role')}
          loading={roles.isLoading}
          options={(roles.data ?? []).map((r) => ({ value: r.id, label: roleName(r, locale) }))}
        />
        <Select
          allowClear
          style={{ minWidth: 120 }}
          value={query.active}
          onChange={(v) => setFilters({ active: v })}
          placeholder={t('全部状态', 'Any state')}
          aria-label={t('按状态筛选', 'Filter by state')}
          options={[
            { value: 'true', label: t('在用', 'Active') },
            { value: 'false', label: t('已停用', 'Deactivated') },
          ]}
        />
      </Space>
      <ErrorAlert error={list.error} />
      <Table<User>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={pagination(list.data?.total)}
        onChange={onTableChange as never}
        onRow={(u) => ({ onClick: () => navigate(`/users/${u.id}`), style: { cursor: 'pointer' } })}
        scroll={{ x: 900 }}
        columns={[
          {
            title: t('用户名', 'Username'),
            dataIndex: 'username',
            key: 'username',
            sorter: true,
            sortOrder: sortOrder('username'),
            render: (v: string, u) => (
              <Link to={`/users/${u.id}`} onClick={(e) => e.stopPropagation()}>
                {v}
              </Link>
            ),
          },
          { title: t('姓名', 'Name'), dataIndex: 'displayName', key: 'displayName', sorter: true, sortOrder: sortOrder('displayName') },
          { title: t('岗位', 'Position'), dataIndex: 'position', key: 'position', sorter: true, sortOrder: sortOrder('position') },
          { title: t('所属组织', 'Org unit'), dataIndex: 'orgUnitName', key: 'orgUnitName' },
          {
            title: t('角色', 'Roles'),
            key: 'roles',
            render: (_v, u) =>
              u.grants.length === 0 ? (
                <Tooltip title={t('未授予角色，登录后无任何权限', 'No role: after signing in they can do nothing')}>
                  <Tag color="orange">{t('无角色', 'No role')}</Tag>
                </Tooltip>
              ) : (
                <Space size={[0, 4]} wrap>
                  {u.grants.map((g) => (
                    <Tag key={g.id} color="blue">
                      {grantLabel(g, roleMap, locale)}
                    </Tag>
                  ))}
                </Space>
              ),
          },
          { title: t('状态', 'State'), key: 'state', render: (_v, u) => <UserStateTag user={u} /> },
        ]}
      />
      <Drawer
        title={t('新建员工', 'New staff member')}
        open={creating}
        size={520}
        onClose={() => setCreating(false)}
        destroyOnHidden
        extra={
          <Space>
            <Button onClick={() => setCreating(false)}>{t('取消', 'Cancel')}</Button>
            <Button type="primary" loading={create.isPending} onClick={() => form.submit()}>
              {t('创建', 'Create')}
            </Button>
          </Space>
        }
      >
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} initialValues={{ skills: [] }}>
          <UserFormFields mode="create" />
        </Form>
      </Drawer>
    </>
  );
}
