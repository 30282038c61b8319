import { useState } from 'react';
import { Alert, Button, Drawer, Form, Input, Space, Table, Tag, Typography, message } from 'antd';
import { EditOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateRoleBody, Role, UpdateRoleBody } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { ErrorAlert, PageHeader } from '../../components/common';
import { RemoveAction } from '../../components/RemoveAction';
import { useI18n } from '../../i18n/i18n';
import { showApiError } from '../users/formErrors';
import { PermissionChecklist } from './PermissionChecklist';
import { roleName, usePermissions, useRoles } from './rolesApi';

interface RoleFormValues {
  code: string;
  name: string;
  nameEn: string;
  permissions: string[];
}

export default function RolesPage() {
  const { t, locale } = useI18n();
  const { can } = useAuth();
  const qc = useQueryClient();
  const roles = useRoles();
  const perms = usePermissions();
  const [editing, setEditing] = useState<Role | 'new' | null>(null);
  const manage = can('roles.manage');
  const total = perms.data?.length;

  return (
    <>
      <PageHeader
        title={t('角色权限', 'Roles')}
        sub={t('角色是一组权限；在组织节点上授予员工后，在该节点及其下全部节点生效', 'A role is a set of permissions; granted to staff at an org unit, it applies there and everywhere below')}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('新建角色', 'New role')}
            </Button>
          )
        }
      />
      <ErrorAlert error={roles.error} />
      <Table<Role>
        rowKey="id"
        loading={roles.isFetching}
        dataSource={roles.data}
        pagination={false}
        expandable={{
          expandRowByClick: true,
          expandedRowRender: (r) => <PermissionChecklist value={r.permissions} disabled />,
        }}
        columns={[
          { title: t('名称', 'Name'), dataIndex: 'name', key: 'name' },
          { title: t('英文名称', 'English name'), dataIndex: 'nameEn', key: 'nameEn' },
          { title: t('代码', 'Code'), dataIndex: 'code', key: 'code', render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
          {
            title: t('类型', 'Type'),
            dataIndex: 'builtin',
            key: 'builtin',
            render: (b: boolean) =>
              b ? (
                <Tag icon={<LockOutlined />} color="default">
                  {t('内置', 'Built-in')}
                </Tag>
              ) : (
                <Tag color="blue">{t('自定义', 'Custom')}</Tag>
              ),
          },
          {
            title: t('权限数', 'Permissions'),
            key: 'count',
            render: (_v, r) => (total ? `${r.permissions.length} / ${total}` : r.permissions.length),
          },
          ...(manage
            ? [
                {
                  title: t('操作', 'Actions'),
                  key: 'actions',
                  width: 180,
                  // Built-in roles can be neither edited nor removed: no actions for them.
                  render: (_v: unknown, r: Role) =>
                    r.builtin ? (
                      <Typography.Text type="secondary">{t('不可编辑', 'Not editable')}</Typography.Text>
                    ) : (
                      <Space size={0}>
                        <Button
                          type="link"
                          size="small"
                          icon={<EditOutlined />}
                          aria-label={t(`编辑 ${r.name}`, `Edit ${r.nameEn}`)}
                          onClick={(e) => {
                            e.stopPropagation();
                            setEditing(r);
                          }}
                        >
                          {t('编辑', 'Edit')}
                        </Button>
                        <RemoveAction path={`/api/roles/${r.id}`} name={roleName(r, locale)} queryKey={['roles']} what={{ zh: '角色', en: 'role' }} />
                      </Space>
                    ),
                },
              ]
            : []),
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('点击一行查看该角色的权限。内置角色随系统提供，不能修改或删除；需要不同的权限组合时请新建角色。仍授予员工的角色要先收回才能删除。', 'Click a row to see the role’s permissions. Built-in roles come with the system and can be neither changed nor deleted; create a role for a different set. A role still granted to staff must be revoked before it can be deleted.')}
      </Typography.Paragraph>
      {manage && <RoleDrawer role={editing} onClose={() => setEditing(null)} onSaved={() => qc.invalidateQueries({ queryKey: ['roles'] })} />}
    </>
  );
}

function RoleDrawer({ role, onClose, onSaved }: { role: Role | 'new' | null; onClose(): void; onSaved(): void }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<RoleFormValues>();
  const existing = role && role !== 'new' ? role : null;
  const save = useMutation({
    mutationFn: (v: RoleFormValues) => {
      if (existing) {
        const body: UpdateRoleBody = { name: v.name.trim(), nameEn: v.nameEn.trim(), permissions: v.permissions as UpdateRoleBody['permissions'] };
        return api.patch<Role>(`/api/roles/${existing.id}`, body);
      }
      const body: CreateRoleBody = { code: v.code.trim(), name: v.name.trim(), nameEn: v.nameEn.trim(), permissions: v.permissions as CreateRoleBody['permissions'] };
      return api.post<Role>('/api/roles', body);
    },
    onSuccess: () => {
      message.success(t('已保存', 'Saved'));
      onSaved();
      onClose();
    },
    onError: (e) => showApiError(e, t, form, locale),
  });
  return (
    <Drawer
      title={existing ? t(`编辑角色：${existing.name}`, `Edit role: ${existing.nameEn}`) : t('新建角色', 'New role')}
      open={role !== null}
      size={760}
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
      {existing && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('修改立即对所有持有此角色的员工生效。', 'Changes apply at once to everyone holding this role.')}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={existing ? { code: existing.code, name: existing.name, nameEn: existing.nameEn, permissions: existing.permissions } : { permissions: [] }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item
          name="code"
          label={t('代码', 'Code')}
          extra={existing ? t('角色代码创建后不能更改', 'A role’s code never changes') : t('小写字母开头，可含数字和下划线，如 night_guard', 'Starts with a lower-case letter; digits and _ allowed, e.g. night_guard')}
          rules={[
            { required: true, whitespace: true, message: t('请输入代码', 'Enter a code') },
            { min: 2, max: 40, message: t('2–40 个字符', '2–40 characters') },
            { pattern: /^[a-z][a-z0-9_]*$/, message: t('只能用小写字母、数字和下划线，且以字母开头', 'Lower-case letters, digits and _, starting with a letter') },
          ]}
        >
          <Input disabled={!!existing} autoComplete="off" />
        </Form.Item>
        <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
          <Form.Item
            name="name"
            label={t('中文名称', 'Chinese name')}
            style={{ flex: 1, minWidth: 200 }}
            rules={[
              { required: true, whitespace: true, message: t('请输入中文名称', 'Enter the Chinese name') },
              { max: 100, message: t('最多 100 个字符', 'At most 100 characters') },
            ]}
          >
            <Input placeholder={t('如：夜班保安', 'e.g. 夜班保安')} />
          </Form.Item>
          <Form.Item
            name="nameEn"
            label={t('英文名称', 'English name')}
            style={{ flex: 1, minWidth: 200 }}
            rules={[
              { required: true, whitespace: true, message: t('请输入英文名称', 'Enter the English name') },
              { max: 100, message: t('最多 100 个字符', 'At most 100 characters') },
            ]}
          >
            <Input placeholder={t('如：Night guard', 'e.g. Night guard')} />
          </Form.Item>
        </div>
        <Form.Item
          name="permissions"
          label={t('权限', 'Permissions')}
          rules={[{ type: 'array', min: 1, required: true, message: t('至少选择一项权限', 'Choose at least one permission') }]}
        >
          <PermissionChecklist />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
