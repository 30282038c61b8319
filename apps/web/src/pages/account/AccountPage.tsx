import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Empty, Form, Input, Modal, Popconfirm, Radio, Row, Space, Table, Tag, Typography, message } from 'antd';
import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { PERMISSIONS, type ApiToken, type Locale, type User } from '@propdesk/contracts';
import { api } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { ErrorAlert, PageHeader } from '../../components/common';
import { useI18n } from '../../i18n/i18n';
import { usePermissions, useRoles } from '../roles/rolesApi';
import { formatInstant } from '../users/format';
import { showApiError } from '../users/formErrors';
import { useOrgUnits } from '../users/orgTree';
import { grantLabel } from '../users/userBits';

export default function AccountPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  if (!me) return null;
  return (
    <>
      <PageHeader title={t('我的账户', 'My account')} sub={me.user.username} />
      {me.user.mustChangePassword && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('您正在使用管理员设置的临时密码，请立即修改密码。', 'You are using a temporary password set by an administrator: please change it now.')}
        />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <ProfileCard />
        </Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <LanguageCard />
            <PasswordCard />
          </Space>
        </Col>
        <Col span={24}>
          <TokensCard />
        </Col>
      </Row>
    </>
  );
}

function ProfileCard() {
  const { t, locale } = useI18n();
  const { me, can, refresh } = useAuth();
  const [form] = Form.useForm<{ displayName: string }>();
  const [editing, setEditing] = useState(false);
  const perms = usePermissions();
  const orgs = useOrgUnits(can('org.read'));
  // My own grants, where I may read staff records; otherwise the scopes from /me.
  const self = useQuery({
    queryKey: ['users', me!.user.id],
    queryFn: () => api.get<User>(`/api/users/${me!.user.id}`),
    enabled: can('users.read'),
    retry: false,
  });
  const roles = useRoles(can('users.read'));
  const roleMap = useMemo(() => new Map((roles.data ?? []).map((r) => [r.id, r])), [roles.data]);
  const orgName = useMemo(() => new Map((orgs.data?.items ?? []).map((o) => [o.id, o.name])), [orgs.data]);

  const rename = useMutation({
    mutationFn: (v: { displayName: string }) => api.patch('/api/auth/me', { displayName: v.displayName.trim() }),
    onSuccess: async () => {
      message.success(t('已保存', 'Saved'));
      setEditing(false);
      await refresh();
    },
    onError: (e) => showApiError(e, t, form, locale),
  });

  if (!me) return null;
  const permLabel = (code: string) => {
    const p = perms.data?.find((x) => x.code === code);
    return p ? (locale === 'en' ? p.en : p.zh) : code;
  };

  return (
    <Card title={t('个人资料', 'Profile')}>
      <Descriptions
        column={1}
        items={[
          {
            key: 'name',
            label: t('姓名', 'Name'),
            children: editing ? (
              <Form form={form} layout="inline" initialValues={{ displayName: me.user.displayName }} onFinish={(v) => rename.mutate(v)}>
                <Form.Item
                  name="displayName"
                  rules={[
                    { required: true, whitespace: true, message: t('请输入姓名', 'Enter your name') },
                    { max: 100, message: t('最多 100 个字符', 'At most 100 characters') },
                  ]}
                >
                  <Input aria-label={t('姓名', 'Name')} />
                </Form.Item>
                <Space>
                  <Button type="primary" htmlType="submit" loading={rename.isPending}>
                    {t('保存', 'Save')}
                  </Button>
                  <Button onClick={() => setEditing(false)}>{t('取消', 'Cancel')}</Button>
                </Space>
              </Form>
            ) : (
              <Space>
                {me.user.displayName}
                <Button type="link" size="small" onClick={() => setEditing(true)}>
                  {t('修改', 'Change')}
                </Button>
              </Space>
            ),
          },
          { key: 'username', label: t('用户名', 'Username'), children: me.user.username },
          {
            key: 'roles',
            label: t('角色', 'Roles'),
            children: self.data ? (
              self.data.grants.length ? (
                <Space size={[0, 4]} wrap>
                  {self.data.grants.map((g) => (
                    <Tag key={g.id} color="blue">
                      {grantLabel(g, roleMap, locale)}
                    </Tag>
                  ))}
                </Space>
              ) : (
                <Typography.Text type="secondary">{t('无', 'None')}</Typography.Text>
              )
            ) : me.scopes.length ? (
              <Space size={[0, 4]} wrap>
                {me.scopes.map((s) => (
                  <Tag key={s}>{orgName.get(s) ?? s}</Tag>
                ))}
              </Space>
            ) : (
              <Typography.Text type="secondary">{t('无', 'None')}</Typography.Text>
            ),
          },
          {
            key: 'perms',
            label: t('我的权限', 'My permissions'),
            children: me.permissions.length ? (
              <Space size={[0, 4]} wrap>
                {orderedPermissions(me.permissions).map((p) => (
                  <Tag key={p} title={p}>
                    {permLabel(p)}
                  </Tag>
                ))}
              </Space>
            ) : (
              <Typography.Text type="secondary">{t('无', 'None')}</Typography.Text>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('角色在授予的组织节点及其下全部节点生效。需要调整请联系管理员。', 'A role applies at the org unit it was granted at and everywhere below. Ask an administrator to change it.')}
      </Typography.Paragraph>
    </Card>
  );
}

/** In the order of the permission list (by area), not alphabetically. */
function orderedPermissions(codes: string[]): string[] {
  const order = Object.keys(PERMISSIONS);
  const rank = (c: string) => (order.indexOf(c) < 0 ? order.length : order.indexOf(c));
  return [...codes].sort((a, b) => rank(a) - rank(b));
}

function LanguageCard() {
  const { t, locale, setLocale } = useI18n();
  const qc = useQueryClient();
  const change = useMutation({
    mutationFn: (l: Locale) => api.patch('/api/auth/me', { locale: l }),
    onMutate: (l) => setLocale(l),
    onSuccess: (_r, l) => {
      message.success(l === 'en' ? 'Language saved: English' : '已保存界面语言：中文');
      qc.invalidateQueries({ queryKey: ['me'] });
    },
    onError: (e) => showApiError(e, t),
  });
  return (
    <Card title={t('界面语言', 'Language')}>
      <Radio.Group
        aria-label={t('界面语言', 'Language')}
        value={locale}
        onChange={(e) => change.mutate(e.target.value as Locale)}
        options={[
          { value: 'zh-CN', label: '中文（简体）' },
          { value: 'en', label: 'English' },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
        {t('语言偏好保存在您的账号中，在任何浏览器登录都生效。', 'Saved with your account: it follows you to every browser.')}
      </Typography.Paragraph>
    </Card>
  );
}

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

function PasswordCard() {
  const { t, locale } = useI18n();
  const { refresh } = useAuth();
  const [form] = Form.useForm<PasswordValues>();
  const change = useMutation({
    mutationFn: (v: PasswordValues) => api.post('/api/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword }),
    onSuccess: async () => {
      message.success(t('密码已修改，其他设备上的登录已退出', 'Password changed; your other sessions were signed out'));
      form.resetFields();
      await refresh();
    },
    onError: (e) => showApiError(e, t, form, locale),
  });
  return (
    <Card title={t('修改密码', 'Change password')}>
      <Form form={form} layout="vertical" onFinish={(v) => change.mutate(v)} style={{ maxWidth: 420 }}>
        <Form.Item name="currentPassword" label={t('当前密码', 'Current password')} rules={[{ required: true, message: t('请输入当前密码', 'Enter your current password') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('新密码', 'New password')}
          rules={[
            { required: true, message: t('请输入新密码', 'Enter a new password') },
            { min: 8, max: 200, message: t('至少 8 位', 'At least 8 characters') },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('确认新密码', 'Confirm the new password')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('请再次输入新密码', 'Enter the new password again') },
            ({ getFieldValue }) => ({
              validator: (_r, v) => (!v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('两次输入的新密码不一致', 'The two new passwords differ')))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t('修改密码', 'Change password')}
        </Button>
      </Form>
    </Card>
  );
}

function TokensCard() {
  const { t, locale } = useI18n();
  const qc = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [form] = Form.useForm<{ name: string }>();
  const tokens = useQuery({ queryKey: ['tokens'], queryFn: () => api.get<{ items: ApiToken[] }>('/api/auth/tokens') });

  const create = useMutation({
    mutationFn: (v: { name: string }) => api.post<{ id: string; token: string }>('/api/auth/tokens', { name: v.name.trim() }),
    onSuccess: (r, v) => {
      setCreating(false);
      form.resetFields();
      setCreated({ name: v.name.trim(), token: r.token });
      qc.invalidateQueries({ queryKey: ['tokens'] });
    },
    onError: (e) => showApiError(e, t, form, locale),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete(`/api/auth/tokens/${id}`),
    onSuccess: () => {
      message.success(t('令牌已吊销', 'The token was revoked'));
      qc.invalidateQueries({ queryKey: ['tokens'] });
    },
    onError: (e) => showApiError(e, t),
  });

  return (
    <Card
      title={t('API 令牌', 'API tokens')}
      extra={
        <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('新建令牌', 'New token')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        {t(
          '令牌供脚本和其他系统以您的身份调用接口（请求头 Authorization: Bearer <令牌>），拥有与您相同的权限。不用时请吊销。',
          'A token lets a script or another system call the API as you (header Authorization: Bearer <token>), with your permissions. Revoke it when it is no longer needed.',
        )}
      </Typography.Paragraph>
      <ErrorAlert error={tokens.error} />
      <Table<ApiToken>
        rowKey="id"
        size="small"
        loading={tokens.isFetching}
        dataSource={tokens.data?.items}
        pagination={false}
        locale={{ emptyText: <Empty description={t('还没有令牌', 'No tokens yet')} /> }}
        columns={[
          { title: t('名称', 'Name'), dataIndex: 'name' },
          { title: t('前缀', 'Prefix'), dataIndex: 'prefix', render: (p: string) => <Typography.Text code>{p}…</Typography.Text> },
          { title: t('创建时间', 'Created'), dataIndex: 'createdAt', render: (v: string) => formatInstant(v) },
          {
            title: t('最近使用', 'Last used'),
            dataIndex: 'lastUsedAt',
            render: (v: string | null) => (v ? formatInstant(v) : <Typography.Text type="secondary">{t('从未使用', 'Never')}</Typography.Text>),
          },
          {
            title: t('操作', 'Actions'),
            key: 'actions',
            width: 100,
            render: (_v, tok) => (
              <Popconfirm
                title={t(`吊销令牌「${tok.name}」？`, `Revoke the token "${tok.name}"?`)}
                description={t('使用此令牌的脚本将立即无法访问。', 'Scripts using it will lose access at once.')}
                okText={t('吊销', 'Revoke')}
                okButtonProps={{ danger: true }}
                cancelText={t('取消', 'Cancel')}
                onConfirm={() => revoke.mutateAsync(tok.id)}
              >
                <Button type="link" danger size="small">
                  {t('吊销', 'Revoke')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Modal
        title={t('新建 API 令牌', 'New API token')}
        open={creating}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okText={t('创建', 'Create')}
        cancelText={t('取消', 'Cancel')}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
          <Form.Item
            name="name"
            label={t('令牌名称', 'Token name')}
            extra={t('写明用途，便于日后识别', 'Say what it is for, so you recognise it later')}
            rules={[
              { required: true, whitespace: true, message: t('请输入名称', 'Enter a name') },
              { max: 100, message: t('最多 100 个字符', 'At most 100 characters') },
            ]}
          >
            <Input placeholder={t('如：报表导出脚本', 'e.g. Report export script')} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        title={t('令牌已创建', 'Token created')}
        open={created !== null}
        onCancel={() => setCreated(null)}
        footer={
          <Button type="primary" onClick={() => setCreated(null)}>
            {t('我已保存令牌', 'I have saved the token')}
          </Button>
        }
        mask={{ closable: false }}
      >
        {created && (
          <>
            <Alert
              type="warning"
              showIcon
              icon={<KeyOutlined />}
              style={{ marginBottom: 16 }}
              title={t('请立即复制并妥善保存：关闭后将无法再次查看此令牌。', 'Copy it now and keep it safe: it will not be shown again once you close this.')}
            />
            <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
              {created.name}
            </Typography.Paragraph>
            <Typography.Paragraph
              copyable={{ text: created.token, tooltips: [t('复制', 'Copy'), t('已复制', 'Copied')] }}
              code
              data-testid="new-token"
              style={{ fontSize: 14, padding: '8px 12px', background: '#fafafa', border: '1px solid #f0f0f0', borderRadius: 6, wordBreak: 'break-all' }}
            >
              {created.token}
            </Typography.Paragraph>
          </>
        )}
      </Modal>
    </Card>
  );
}
