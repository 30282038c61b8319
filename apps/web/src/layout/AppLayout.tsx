import { Suspense, useMemo, useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { Avatar, Badge, Button, Dropdown, Layout, Menu, Result, Segmented, Spin, Typography, Grid } from 'antd';
import { LogoutOutlined, MenuFoldOutlined, MenuUnfoldOutlined, UserOutlined } from '@ant-design/icons';
import { useAuth } from '../auth/auth';
import { useI18n } from '../i18n/i18n';
import { api } from '../api/client';
import { MENU, pagePermission } from './menu';
import { NotificationBell } from '../components/NotificationBell';
import { useTicketCounts, type QueueCounts } from '../components/ticketCounts';

/** The queue counts a menu item wears: red for what is late, blue for what waits. */
const MENU_BADGES: Record<string, { queue: keyof QueueCounts; color: string }[]> = {
  '/tickets': [
    { queue: 'overdue', color: '#ff4d4f' },
    { queue: 'unassigned', color: '#1677ff' },
  ],
  '/return-visits': [{ queue: 'awaiting_visit', color: '#1677ff' }],
  '/escalations': [{ queue: 'escalated', color: '#fa8c16' }],
};

const { Header, Sider, Content } = Layout;

export function AppLayout() {
  const { me, loading, can, logout } = useAuth();
  const { locale, setLocale, t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [collapsed, setCollapsed] = useState(false);
  const [openKeys, setOpenKeys] = useState<string[]>(() => MENU.map((g) => g.key));
  const counts = useTicketCounts();
  const needed = pagePermission(location.pathname);
  const pageAllowed = needed === null || can(needed);

  const items = useMemo(
    () =>
      MENU.map((g) => ({ ...g, items: g.items.filter((i) => can(i.permission)) }))
        .filter((g) => g.items.length > 0)
        .map((g) => ({
          key: g.key,
          icon: g.icon,
          label: locale === 'en' ? g.en : g.zh,
          children: g.items.map((i) => {
            const badges = (MENU_BADGES[i.path] ?? []).filter((b) => (counts.data?.[b.queue] ?? 0) > 0);
            return {
              key: i.path,
              icon: i.icon,
              label: (
                <Link to={i.path} aria-label={locale === 'en' ? i.en : i.zh} style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 4 }}>
                  <span>{locale === 'en' ? i.en : i.zh}</span>
                  {badges.length > 0 && (
                    <span style={{ display: 'inline-flex', gap: 2 }}>
                      {badges.map((b) => (
                        <Badge key={b.queue} count={counts.data?.[b.queue]} color={b.color} size="small" overflowCount={999} />
                      ))}
                    </span>
                  )}
                </Link>
              ),
            };
          }),
        })),
    [can, locale, counts.data],
  );

  if (loading) return <Spin style={{ marginTop: '30vh', width: '100%' }} />;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;

  // The menu item whose path is the longest prefix of this page's (/tickets/new is Intake, /tickets/123 is Tickets).
  const selected =
    MENU.flatMap((g) => g.items.map((i) => i.path))
      .filter((p) => location.pathname === p || location.pathname.startsWith(p + '/'))
      .sort((a, b) => b.length - a.length)[0] ?? '/' + (location.pathname.split('/')[1] ?? '');
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
        {/* Collapsed (and on phones) the groups must start closed, or each opens as a pop-up over the page. */}
        {collapsed || !screens.md ? (
          <Menu key="narrow" mode="inline" selectedKeys={[selected]} items={items} />
        ) : (
          <Menu key="wide" mode="inline" selectedKeys={[selected]} openKeys={openKeys} onOpenChange={setOpenKeys} items={items} />
        )}
      </Sider>
      <Layout>
        <Header style={{ background: '#fff', padding: screens.sm ? '0 16px' : '0 8px', display: 'flex', alignItems: 'center', gap: screens.sm ? 12 : 6, borderBottom: '1px solid #f0f0f0' }}>
          <Button type="text" aria-label={t('折叠菜单', 'Toggle menu')} icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />} onClick={() => setCollapsed(!collapsed)} />
          <div style={{ flex: 1 }} />
          <NotificationBell />
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
              <Avatar size="small" icon={<UserOutlined />} /> {screens.sm && <Typography.Text>{me.user.displayName}</Typography.Text>}
            </Button>
          </Dropdown>
        </Header>
        <Content style={{ padding: screens.md ? 24 : 12 }}>
          <Suspense fallback={<Spin />}>
            {pageAllowed ? (
              <Outlet />
            ) : (
              // Opened by address or an old link: say so, instead of a page whose every request is refused.
              <Result
                status="403"
                title={t('无权访问此页面', 'You may not open this page')}
                subTitle={t('您的角色没有此功能的权限，如需使用请联系主管授权。', 'Your role does not include this; ask your supervisor for access.')}
                extra={<Button type="primary" onClick={() => navigate('/')}>{t('返回首页', 'Back to home')}</Button>}
              />
            )}
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
