import { lazy } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { AuthProvider } from './auth/auth';
import { LocaleProvider, useI18n } from './i18n/i18n';
import { AppLayout } from './layout/AppLayout';
import LoginPage from './pages/login/LoginPage';
import HomePage from './pages/home/HomePage';

// Pages load on demand: the first screen stays small.
const ResidentsPage = lazy(() => import('./pages/residents/ResidentsPage'));
const ResidentDetailPage = lazy(() => import('./pages/residents/ResidentDetailPage'));
const UnitsPage = lazy(() => import('./pages/units/UnitsPage'));
const UnitDetailPage = lazy(() => import('./pages/units/UnitDetailPage'));
const BuildingsZonesPage = lazy(() => import('./pages/units/BuildingsZonesPage'));
const OrgTreePage = lazy(() => import('./pages/org/OrgTreePage'));
const UsersPage = lazy(() => import('./pages/users/UsersPage'));
const UserDetailPage = lazy(() => import('./pages/users/UserDetailPage'));
const TeamsPage = lazy(() => import('./pages/teams/TeamsPage'));
const RolesPage = lazy(() => import('./pages/roles/RolesPage'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage'));
const AccountPage = lazy(() => import('./pages/account/AccountPage'));

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });

function Themed() {
  const { locale } = useI18n();
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1677ff', borderRadius: 6 } }}>
      <AntApp>
        <AuthProvider>
          <BrowserRouter>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route element={<AppLayout />}>
                <Route index element={<HomePage />} />
                <Route path="residents" element={<ResidentsPage />} />
                <Route path="residents/:id" element={<ResidentDetailPage />} />
                <Route path="units" element={<UnitsPage />} />
                <Route path="units/:id" element={<UnitDetailPage />} />
                <Route path="buildings" element={<BuildingsZonesPage />} />
                <Route path="org" element={<OrgTreePage />} />
                <Route path="users" element={<UsersPage />} />
                <Route path="users/:id" element={<UserDetailPage />} />
                <Route path="teams" element={<TeamsPage />} />
                <Route path="roles" element={<RolesPage />} />
                <Route path="audit" element={<AuditPage />} />
                <Route path="account" element={<AccountPage />} />
                <Route path="*" element={<Navigate to="/" replace />} />
              </Route>
            </Routes>
          </BrowserRouter>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export default function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <LocaleProvider>
        <Themed />
      </LocaleProvider>
    </QueryClientProvider>
  );
}
