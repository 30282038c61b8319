import { Suspense, useMemo, useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { Avatar, Button, Dropdown, Layout, Menu, Segmented, Spin, Typography, Grid } from 'antd';
import { LogoutOutlined, MenuFoldOutlined, MenuUnfoldOutlined, UserOutlined } from '@ant-design/icons';
import { useAuth } from '../auth/auth';
import { useI18n } from '../i18n/i18n';
import { api } from '../api/client';
import { MENU } from './menu';

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const { me, loading, can, logout } = useAuth();
  const { locale, setLocale, t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [collapsed, setCollapsed] = useState(false);

  const items = useMemo(
    () =>
      MENU.map((g) => ({ ...g, items: g.items.filter((i) => can(i.permission)) }))
        .filter((g) => g.items.length > 0)
        .map((g) => ({
          key: g.key,
          icon: g.icon,
          label: locale === 'en' ? g.en : g.zh,
          children: g.items.map((i) => ({ key: i.path, icon: i.icon, label: <Link to={i.path}>{locale === 'en' ? i.en : i.zh}</Link> })),
        })),
    [can, locale],
  );

  if (loading) return <Spin style={{ marginTop: '30vh', width: '100%' }} />;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;

  const selected = '/' + (location.pathname.split('/')[1] ?? '');
  const switchLocale = async (l: 'zh-CN' | 'en') => {
    setLocale(l);
    await api.patch('/api/auth/me', { locale: l }).catch(() => undefined);
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider collapsible collapsed={collapsed || !screens.md} trigger={null} width={220} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
        <Link to="/" style={{ display: 'block', padding: '16px 20px', fontWeight: 600, fontSize: 16, whiteSpace: 'nowrap', overflow: 'hidden' }}>
          {collapsed || !screens.md ? 'pd' : t('propdesk 客服中心', 'propdesk')}
        </Link>
        <Menu mode="inline" selectedKeys={[selected]} defaultOpenKeys={MENU.map((g) => g.key)} items={items} />
      </Sider>
      <Layout>
        <Header style={{ background: '#fff', padding: '0 16px', display: 'flex', alignItems: 'center', gap: 12, borderBottom: '1px solid #f0f0f0' }}>
          <Button type="text" aria-label={t('折叠菜单', 'Toggle menu')} icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />} onClick={() => setCollapsed(!collapsed)} />
          <div style={{ flex: 1 }} />
          <Segmented
            aria-label={t('语言', 'Language')}
            value={locale}
            onChange={(v) => switchLocale(v as 'zh-CN' | 'en')}
            options={[
              { label: '中文', value: 'zh-CN' },
              { label: 'EN', value: 'en' },
            ]}
          />
          <Dropdown
            menu={{
              items: [
                { key: 'account', icon: <UserOutlined />, label: t('我的账户', 'My account'), onClick: () => navigate('/account') },
                { key: 'logout', icon: <LogoutOutlined />, label: t('退出登录', 'Sign out'), onClick: async () => { await logout(); navigate('/login'); } },
              ],
            }}
          >
            <Button type="text" data-testid="user-menu">
              <Avatar size="small" icon={<UserOutlined />} /> <Typography.Text>{me.user.displayName}</Typography.Text>
            </Button>
          </Dropdown>
        </Header>
        <Content style={{ padding: screens.md ? 24 : 12 }}>
          <Suspense fallback={<Spin />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
