import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  Alert, Button, Card, DatePicker, Descriptions, Drawer, Empty, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Spin, Table, Tag, Typography, message,
} from 'antd';
import { ArrowLeftOutlined, AuditOutlined, EditOutlined, KeyOutlined, PlusOutlined, UnlockOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import type { AddTrainingBody, User } from '@propdesk/contracts';
import { api, ApiError } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { ErrorAlert, PageHeader } from '../../components/common';
import { useI18n } from '../../i18n/i18n';
import { EDUCATION, label } from '../../i18n/terms';
import { roleName, usePermissions, useRoles } from '../roles/rolesApi';
import { formatInstant, isLocked } from './format';
import { showApiError } from './formErrors';
import { OrgTreeSelect } from './orgTree';
import { grantLabel, UserStateTag } from './userBits';
import { fromUser, toUpdateBody, UserFormFields, type UserFormValues } from './UserForm';

export default function UserDetailPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const { can, me } = useAuth();
  const qc = useQueryClient();
  const manage = can('users.manage');
  const [editing, setEditing] = useState(false);
  const [granting, setGranting] = useState(false);
  const [training, setTraining] = useState(false);
  const [resetting, setResetting] = useState(false);

  const q = useQuery({ queryKey: ['users', id], queryFn: () => api.get<User>(`/api/users/${id}`) });
  const roles = useRoles();
  const roleMap = useMemo(() => new Map((roles.data ?? []).map((r) => [r.id, r])), [roles.data]);
  const refresh = () => qc.invalidateQueries({ queryKey: ['users'] });

  const setActive = useMutation({
    mutationFn: (active: boolean) => api.patch<User>(`/api/users/${id}`, { active }),
    onSuccess: (_u, active) => {
      message.success(active ? t('账号已启用', 'The account is active again') : t('账号已停用，该员工无法再登录', 'The account is deactivated: they can no longer sign in'));
      refresh();
    },
    onError: (e) => showApiError(e, t),
  });
  const unlock = useMutation({
    mutationFn: () => api.post(`/api/users/${id}/unlock`),
    onSuccess: () => {
      message.success(t('已解除锁定', 'Unlocked'));
      refresh();
    },
    onError: (e) => showApiError(e, t),
  });
  const revoke = useMutation({
    mutationFn: (grantId: string) => api.delete(`/api/users/${id}/roles/${grantId}`),
    onSuccess: () => {
      message.success(t('已撤销授权', 'The grant was revoked'));
      refresh();
    },
    onError: (e) => showApiError(e, t),
  });

  if (q.isLoading) return <Spin />;
  if (q.error || !q.data)
    return (
      <>
        <BackLink />
        <ErrorAlert error={q.error} />
      </>
    );
  const u = q.data;
  const locked = isLocked(u.lockedUntil);
  const isSelf = me?.user.id === u.id;
  const certExpired = u.healthCertExpiry ? dayjs(u.healthCertExpiry).isBefore(dayjs(), 'day') : false;
  const certSoon = !certExpired && u.healthCertExpiry ? dayjs(u.healthCertExpiry).isBefore(dayjs().add(30, 'day'), 'day') : false;
  const dash = <Typography.Text type="secondary">—</Typography.Text>;

  return (
    <>
      <BackLink />
      <PageHeader
        title={
          <Space wrap>
            {u.displayName}
            <UserStateTag user={u} />
            {u.mustChangePassword && <Tag color="gold">{t('待修改临时密码', 'Must change the temporary password')}</Tag>}
          </Space>
        }
        sub={u.username}
        extra={
          <>
            {can('audit.read') && (
              <Link to={`/audit?entity=user&entityId=${u.id}`}>
                <Button icon={<AuditOutlined />}>{t('操作日志', 'Audit log')}</Button>
              </Link>
            )}
            {manage && locked && (
              <Button icon={<UnlockOutlined />} loading={unlock.isPending} onClick={() => unlock.mutate()}>
                {t('解除锁定', 'Unlock')}
              </Button>
            )}
            {manage && (
              <Button icon={<KeyOutlined />} onClick={() => setResetting(true)}>
                {t('重置密码', 'Reset password')}
              </Button>
            )}
            {manage && !isSelf && (
              <Popconfirm
                title={u.active ? t('停用此账号？', 'Deactivate this account?') : t('启用此账号？', 'Activate this account?')}
                description={u.active ? t('停用后该员工无法登录，其授权保留。', 'They will not be able to sign in; their grants are kept.') : undefined}
                okText={t('确定', 'OK')}
                cancelText={t('取消', 'Cancel')}
                onConfirm={() => setActive.mutateAsync(!u.active)}
              >
                <Button danger={u.active} loading={setActive.isPending}>
                  {u.active ? t('停用', 'Deactivate') : t('启用', 'Activate')}
                </Button>
              </Popconfirm>
            )}
            {manage && (
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('编辑', 'Edit')}
              </Button>
            )}
          </>
        }
      />

      <Card title={t('档案', 'Profile')} style={{ marginBottom: 16 }}>
        <Descriptions
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'username', label: t('用户名', 'Username'), children: u.username },
            { key: 'name', label: t('姓名', 'Name'), children: u.displayName },
            { key: 'phone', label: t('手机号', 'Phone'), children: u.phone ?? dash },
            { key: 'position', label: t('岗位', 'Position'), children: u.position ?? dash },
            { key: 'org', label: t('所属组织', 'Org unit'), children: u.orgUnitName ?? dash },
            { key: 'education', label: t('学历', 'Education'), children: u.education ? label(EDUCATION, u.education, locale) : dash },
            { key: 'birth', label: t('出生日期', 'Date of birth'), children: u.birthDate ?? dash },
            {
              key: 'cert',
              label: t('健康证有效期至', 'Health certificate valid until'),
              children: u.healthCertExpiry ? (
                <Space>
                  {u.healthCertExpiry}
                  {certExpired && <Tag color="red">{t('已过期', 'Expired')}</Tag>}
                  {certSoon && <Tag color="orange">{t('30 天内到期', 'Expires within 30 days')}</Tag>}
                </Space>
              ) : (
                dash
              ),
            },
            { key: 'years', label: t('从业年限', 'Years of experience'), children: u.experienceYears ?? dash },
            {
              key: 'skills',
              label: t('技能', 'Skills'),
              children: u.skills.length ? (
                <Space size={[0, 4]} wrap>
                  {u.skills.map((s) => (
                    <Tag key={s}>{s}</Tag>
                  ))}
                </Space>
              ) : (
                dash
              ),
            },
            { key: 'locale', label: t('界面语言', 'Language'), children: u.locale === 'en' ? 'English' : '中文' },
            ...(locked ? [{ key: 'locked', label: t('锁定至', 'Locked until'), children: formatInstant(u.lockedUntil) }] : []),
            { key: 'created', label: t('创建时间', 'Created'), children: formatInstant(u.createdAt) },
            { key: 'updated', label: t('更新时间', 'Updated'), children: formatInstant(u.updatedAt) },
          ]}
        />
      </Card>

      <Card
        title={t('角色授权', 'Role grants')}
        style={{ marginBottom: 16 }}
        extra={
          manage && (
            <Button icon={<PlusOutlined />} onClick={() => setGranting(true)}>
              {t('授予角色', 'Grant a role')}
            </Button>
          )
        }
      >
        <Typography.Paragraph type="secondary">
          {t('角色在授予的组织节点及其下全部节点生效。', 'A role applies at the org unit it was granted at and everywhere below it.')}
        </Typography.Paragraph>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={u.grants}
          locale={{ emptyText: <Empty description={t('尚未授予角色：该员工登录后无任何权限', 'No role yet: after signing in they can do nothing')} /> }}
          columns={[
            {
              title: t('角色', 'Role'),
              key: 'role',
              render: (_v, g) => {
                const r = roleMap.get(g.roleId);
                return r ? roleName(r, locale) : g.roleName;
              },
            },
            { title: t('角色代码', 'Code'), dataIndex: 'roleCode', render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
            { title: t('授权范围', 'Where'), dataIndex: 'orgUnitName' },
            ...(manage
              ? [
                  {
                    title: t('操作', 'Actions'),
                    key: 'actions',
                    width: 100,
                    render: (_v: unknown, g: User['grants'][number]) => (
                      <Popconfirm
                        title={t(`撤销「${grantLabel(g, roleMap, locale)}」？`, `Revoke "${grantLabel(g, roleMap, locale)}"?`)}
                        okText={t('撤销', 'Revoke')}
                        okButtonProps={{ danger: true }}
                        cancelText={t('取消', 'Cancel')}
                        onConfirm={() => revoke.mutateAsync(g.id)}
                      >
                        <Button type="link" danger size="small">
                          {t('撤销', 'Revoke')}
                        </Button>
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>

      <Card
        title={t('培训记录', 'Trainings')}
        extra={
          manage && (
            <Button icon={<PlusOutlined />} onClick={() => setTraining(true)}>
              {t('添加培训', 'Add a training')}
            </Button>
          )
        }
      >
        <Table
          rowKey={(_r, i) => String(i)}
          size="small"
          pagination={false}
          dataSource={u.trainings}
          locale={{ emptyText: <Empty description={t('暂无培训记录', 'No trainings yet')} /> }}
          columns={[
            { title: t('课程', 'Course'), dataIndex: 'name' },
            { title: t('日期', 'Date'), dataIndex: 'date', width: 140, render: (v?: string) => v ?? dash },
            { title: t('学时', 'Hours'), dataIndex: 'hours', width: 100, render: (v?: number) => v ?? dash },
          ]}
        />
      </Card>

      {manage && (
        <>
          <EditDrawer user={u} open={editing} onClose={() => setEditing(false)} onSaved={refresh} />
          <GrantDialog userId={u.id} open={granting} onClose={() => setGranting(false)} onSaved={refresh} />
          <TrainingDialog userId={u.id} open={training} onClose={() => setTraining(false)} onSaved={refresh} />
          <ResetPasswordDialog user={u} open={resetting} onClose={() => setResetting(false)} onSaved={refresh} />
        </>
      )}
    </>
  );
}

function BackLink() {
  const { t } = useI18n();
  return (
    <Link to="/users" style={{ display: 'inline-block', marginBottom: 8 }}>
      <ArrowLeftOutlined /> {t('返回员工列表', 'Back to staff')}
    </Link>
  );
}

interface DialogProps {
  open: boolean;
  onClose(): void;
  onSaved(): void;
}

function EditDrawer({ user, open, onClose, onSaved }: DialogProps & { user: User }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<UserFormValues>();
  const save = useMutation({
    mutationFn: (v: UserFormValues) => api.patch<User>(`/api/users/${user.id}`, toUpdateBody(v)),
    onSuccess: () => {
      message.success(t('已保存', 'Saved'));
      onSaved();
      onClose();
    },
    onError: (e) => showApiError(e, t, form, locale),
  });
  return (
    <Drawer
      title={t(`编辑员工：${user.displayName}`, `Edit ${user.displayName}`)}
      open={open}
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
      <Form form={form} layout="vertical" initialValues={fromUser(user)} onFinish={(v) => save.mutate(v)}>
        <UserFormFields mode="edit" />
      </Form>
    </Drawer>
  );
}

/** Why the server refused a grant, with the permissions the granter lacks when it says so. */
function GrantError({ error }: { error: unknown }) {
  const { t, locale } = useI18n();
  const perms = usePermissions();
  if (!error) return null;
  if (!(error instanceof ApiError)) return <ErrorAlert error={error} />;
  const d = error.details as { missing?: string[] } | undefined;
  const missing = d && !Array.isArray(d) && Array.isArray(d.missing) ? d.missing : [];
  const labelOf = (code: string) => {
    const p = perms.data?.find((x) => x.code === code);
    return p ? (locale === 'en' ? p.en : p.zh) : code;
  };
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={
        <>
          <div>{error.message}</div>
          {missing.length > 0 && (
            <div style={{ marginTop: 8 }}>
              <Typography.Text type="secondary">{t('即：', 'That is:')}</Typography.Text>{' '}
              {missing.map((m) => (
                <Tag key={m} style={{ marginBottom: 4 }}>
                  {labelOf(m)}
                </Tag>
              ))}
            </div>
          )}
        </>
      }
    />
  );
}

function GrantDialog({ userId, open, onClose, onSaved }: DialogProps & { userId: string }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<{ roleId: string; orgUnitId: string }>();
  const roles = useRoles();
  const grant = useMutation({
    mutationFn: (v: { roleId: string; orgUnitId: string }) => api.post(`/api/users/${userId}/roles`, v),
    onSuccess: () => {
      message.success(t('已授予角色', 'The role was granted'));
      onSaved();
      close();
    },
    onError: (e) => {
      if (e instanceof ApiError && Array.isArray(e.details)) showApiError(e, t, form, locale);
    },
  });
  const close = () => {
    grant.reset();
    form.resetFields();
    onClose();
  };
  return (
    <Modal
      title={t('授予角色', 'Grant a role')}
      open={open}
      onCancel={close}
      onOk={() => form.submit()}
      okText={t('授予', 'Grant')}
      cancelText={t('取消', 'Cancel')}
      confirmLoading={grant.isPending}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t(
          '角色在所选节点及其下全部节点生效：授予在客服中心，即覆盖该中心的所有项目和楼栋。您只能授予自己在该节点拥有的权限。',
          'A role reaches the chosen node and its whole subtree: granted at a service center, it covers all of its projects and buildings. You can only grant permissions you hold there yourself.',
        )}
      />
      <GrantError error={grant.error} />
      <Form form={form} layout="vertical" onFinish={(v) => grant.mutate(v)} onValuesChange={() => grant.error && grant.reset()}>
        <Form.Item name="roleId" label={t('角色', 'Role')} rules={[{ required: true, message: t('请选择角色', 'Choose a role') }]}>
          <Select
            loading={roles.isLoading}
            placeholder={t('选择角色', 'Choose a role')}
            showSearch={{ optionFilterProp: 'label' }}
            options={(roles.data ?? []).map((r) => ({ value: r.id, label: `${roleName(r, locale)} (${r.code})` }))}
          />
        </Form.Item>
        <Form.Item
          name="orgUnitId"
          label={t('授权节点', 'At org unit')}
          extra={t('楼栋不能单独授权', 'Roles are not granted at a single building')}
          rules={[{ required: true, message: t('请选择组织节点', 'Choose an org unit') }]}
        >
          <OrgTreeSelect disableKinds={['building']} aria-label={t('授权节点', 'At org unit')} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function TrainingDialog({ userId, open, onClose, onSaved }: DialogProps & { userId: string }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<{ name: string; date?: Dayjs | null; hours?: number | null }>();
  const add = useMutation({
    mutationFn: (v: { name: string; date?: Dayjs | null; hours?: number | null }) => {
      const body: AddTrainingBody = { name: v.name.trim() };
      if (v.date) body.date = v.date.format('YYYY-MM-DD');
      if (v.hours != null) body.hours = v.hours;
      return api.post(`/api/users/${userId}/trainings`, body);
    },
    onSuccess: () => {
      message.success(t('已添加培训记录', 'The training was added'));
      onSaved();
      form.resetFields();
      onClose();
    },
    onError: (e) => showApiError(e, t, form, locale),
  });
  return (
    <Modal
      title={t('添加培训', 'Add a training')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('添加', 'Add')}
      cancelText={t('取消', 'Cancel')}
      confirmLoading={add.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => add.mutate(v)}>
        <Form.Item
          name="name"
          label={t('课程名称', 'Course')}
          rules={[
            { required: true, whitespace: true, message: t('请输入课程名称', 'Enter the course') },
            { max: 200, message: t('最多 200 个字符', 'At most 200 characters') },
          ]}
        >
          <Input placeholder={t('如：客户服务礼仪', 'e.g. Customer service etiquette')} />
        </Form.Item>
        <Form.Item name="date" label={t('日期', 'Date')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="hours" label={t('学时', 'Hours')}>
          <InputNumber min={0} max={10000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ResetPasswordDialog({ user, open, onClose, onSaved }: DialogProps & { user: User }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<{ password: string; confirm: string }>();
  const reset = useMutation({
    mutationFn: (v: { password: string }) => api.patch(`/api/users/${user.id}`, { password: v.password }),
    onSuccess: () => {
      message.success(t('已设置临时密码，该员工下次登录须修改密码', 'Temporary password set: they must change it at their next sign-in'));
      onSaved();
      form.resetFields();
      onClose();
    },
    onError: (e) => showApiError(e, t, form, locale),
  });
  return (
    <Modal
      title={t(`重置密码：${user.displayName}`, `Reset the password of ${user.displayName}`)}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('设置临时密码', 'Set the temporary password')}
      cancelText={t('取消', 'Cancel')}
      confirmLoading={reset.isPending}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('设置一个临时密码并线下告知本人；该员工下次登录后须立即修改。', 'Set a temporary password and tell the person directly; they must change it after signing in.')}
      />
      <Form form={form} layout="vertical" onFinish={(v) => reset.mutate(v)}>
        <Form.Item
          name="password"
          label={t('临时密码', 'Temporary password')}
          rules={[
            { required: true, message: t('请输入临时密码', 'Enter a temporary password') },
            { min: 8, max: 200, message: t('至少 8 位', 'At least 8 characters') },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('确认临时密码', 'Confirm the temporary password')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('请再次输入', 'Enter it again') },
            ({ getFieldValue }) => ({
              validator: (_r, v) => (!v || v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('两次输入不一致', 'The two entries differ')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
