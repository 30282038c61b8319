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
// The printable work order: outside the layout, with its own sign-in check.
import WorkOrderPrintRoute from './pages/work-orders/PrintRoute';
import ReceiptPrintRoute from './pages/cashier/ReceiptPrintRoute';

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
const IntakePage = lazy(() => import('./pages/tickets/IntakePage'));
const TicketsPage = lazy(() => import('./pages/tickets/TicketsPage'));
const TicketDetailPage = lazy(() => import('./pages/tickets/TicketDetailPage'));
const ReturnVisitsPage = lazy(() => import('./pages/tickets/ReturnVisitsPage'));
const EscalationsPage = lazy(() => import('./pages/escalations/EscalationsPage'));
const WorkOrdersPage = lazy(() => import('./pages/work-orders/WorkOrdersPage'));
const WorkOrderDetailPage = lazy(() => import('./pages/work-orders/WorkOrderDetailPage'));
const WorkOrderByCodePage = lazy(() => import('./pages/work-orders/WorkOrderByCodePage'));
const SlaSettingsPage = lazy(() => import('./pages/settings/SlaSettingsPage'));
const CategoriesPage = lazy(() => import('./pages/settings/CategoriesPage'));
const CashierPage = lazy(() => import('./pages/cashier/CashierPage'));
const ReceiptsPage = lazy(() => import('./pages/cashier/ReceiptsPage'));
const PrepaidDepositsPage = lazy(() => import('./pages/cashier/PrepaidDepositsPage'));
const DirectDebitPage = lazy(() => import('./pages/cashier/DirectDebitPage'));
const DailyClosePage = lazy(() => import('./pages/cashier/DailyClosePage'));
const FeeItemsPage = lazy(() => import('./pages/billing/FeeItemsPage'));
const MetersPage = lazy(() => import('./pages/billing/MetersPage'));
const MeterReadingsPage = lazy(() => import('./pages/billing/MeterReadingsPage'));
const HeldReadingsPage = lazy(() => import('./pages/billing/HeldReadingsPage'));
const BillingRunPage = lazy(() => import('./pages/billing/BillingRunPage'));
const BillsPage = lazy(() => import('./pages/billing/BillsPage'));
const BillDetailPage = lazy(() => import('./pages/billing/BillDetailPage'));
const ReductionsPage = lazy(() => import('./pages/billing/ReductionsPage'));

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
              <Route path="/work-orders/:id/print" element={<WorkOrderPrintRoute />} />
              <Route path="/receipts/:id/print" element={<ReceiptPrintRoute />} />
              <Route element={<AppLayout />}>
                <Route index element={<HomePage />} />
                <Route path="tickets" element={<TicketsPage />} />
                <Route path="tickets/new" element={<IntakePage />} />
                <Route path="tickets/:id" element={<TicketDetailPage />} />
                <Route path="return-visits" element={<ReturnVisitsPage />} />
                <Route path="escalations" element={<EscalationsPage />} />
                <Route path="work-orders" element={<WorkOrdersPage />} />
                <Route path="work-orders/by-code/:code" element={<WorkOrderByCodePage />} />
                <Route path="work-orders/:id" element={<WorkOrderDetailPage />} />
                <Route path="settings/sla" element={<SlaSettingsPage />} />
                <Route path="billing/fee-items" element={<FeeItemsPage />} />
                <Route path="billing/meters" element={<MetersPage />} />
                <Route path="billing/readings" element={<MeterReadingsPage />} />
                <Route path="billing/readings/held" element={<HeldReadingsPage />} />
                <Route path="billing/runs" element={<BillingRunPage />} />
                <Route path="billing/bills" element={<BillsPage />} />
                <Route path="billing/bills/:id" element={<BillDetailPage />} />
                <Route path="billing/reductions" element={<ReductionsPage />} />
                <Route path="settings/categories" element={<CategoriesPage />} />
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
                <Route path="cashier" element={<CashierPage />} />
                <Route path="receipts" element={<ReceiptsPage />} />
                <Route path="cashier/prepaid" element={<PrepaidDepositsPage />} />
                <Route path="cashier/direct-debit" element={<DirectDebitPage />} />
                <Route path="cashier/daily-close" element={<DailyClosePage />} />
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
