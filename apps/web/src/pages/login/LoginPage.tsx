import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Card, Form, Input, Segmented, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { useAuth } from '../../auth/auth';
import { useI18n } from '../../i18n/i18n';

export default function LoginPage() {
  const { me, login } = useAuth();
  const { t, locale, setLocale } = useI18n();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = params.get('next') || '/';
  if (me) return <Navigate to={next} replace />;

  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await login(v.username.trim(), v.password);
      navigate(next, { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('无法连接服务器', 'Cannot reach the server'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: 'linear-gradient(160deg,#e6f4ff,#f5f5f5)' }}>
      <Card style={{ width: 360, maxWidth: '92vw' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('物业客户服务中心', 'Customer service center')}
          </Typography.Title>
        </div>
        <Typography.Paragraph type="secondary">propdesk</Typography.Paragraph>
        <Segmented
          style={{ marginBottom: 16 }}
          value={locale}
          onChange={(v) => setLocale(v as 'zh-CN' | 'en')}
          options={[
            { label: '中文', value: 'zh-CN' },
            { label: 'EN', value: 'en' },
          ]}
        />
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="username" label={t('用户名', 'Username')} rules={[{ required: true, message: t('请输入用户名', 'Enter your username') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('密码', 'Password')} rules={[{ required: true, message: t('请输入密码', 'Enter your password') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('登录', 'Sign in')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
