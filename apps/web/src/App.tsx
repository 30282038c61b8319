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
import PrintRoute from './components/PrintRoute';

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
const MoveInsPage = lazy(() => import('./pages/resident-services/MoveInsPage'));
const MoveInPage = lazy(() => import('./pages/resident-services/MoveInPage'));
const MoveOutsPage = lazy(() => import('./pages/resident-services/MoveOutsPage'));
const MoveOutPage = lazy(() => import('./pages/resident-services/MoveOutPage'));
const ItemReleasesPage = lazy(() => import('./pages/resident-services/ItemReleasesPage'));
const ItemReleasePage = lazy(() => import('./pages/resident-services/ItemReleasePage'));
const RenovationsPage = lazy(() => import('./pages/resident-services/RenovationsPage'));
const RenovationPage = lazy(() => import('./pages/resident-services/RenovationPage'));
const PassesPage = lazy(() => import('./pages/resident-services/PassesPage'));
const VisitorsPage = lazy(() => import('./pages/resident-services/VisitorsPage'));
const GatePage = lazy(() => import('./pages/resident-services/GatePage'));
const DeskTodayPage = lazy(() => import('./pages/frontdesk/DeskTodayPage'));
const RosterPage = lazy(() => import('./pages/frontdesk/RosterPage'));
const DesksPage = lazy(() => import('./pages/frontdesk/DesksPage'));
const KeysPage = lazy(() => import('./pages/frontdesk/KeysPage'));
const CallsPage = lazy(() => import('./pages/frontdesk/CallsPage'));
const DirectoryPage = lazy(() => import('./pages/frontdesk/DirectoryPage'));
const IncidentsPage = lazy(() => import('./pages/frontdesk/IncidentsPage'));
const NoticesPage = lazy(() => import('./pages/frontdesk/NoticesPage'));
const FeeItemsPage = lazy(() => import('./pages/billing/FeeItemsPage'));
const MetersPage = lazy(() => import('./pages/billing/MetersPage'));
const MeterReadingsPage = lazy(() => import('./pages/billing/MeterReadingsPage'));
const HeldReadingsPage = lazy(() => import('./pages/billing/HeldReadingsPage'));
const BillingRunPage = lazy(() => import('./pages/billing/BillingRunPage'));
const BillsPage = lazy(() => import('./pages/billing/BillsPage'));
const BillDetailPage = lazy(() => import('./pages/billing/BillDetailPage'));
const ReductionsPage = lazy(() => import('./pages/billing/ReductionsPage'));
const CashierPage = lazy(() => import('./pages/cashier/CashierPage'));
const ReceiptsPage = lazy(() => import('./pages/cashier/ReceiptsPage'));
const PrepaidDepositsPage = lazy(() => import('./pages/cashier/PrepaidDepositsPage'));
const DirectDebitPage = lazy(() => import('./pages/cashier/DirectDebitPage'));
const DailyClosePage = lazy(() => import('./pages/cashier/DailyClosePage'));
const ArrearsPage = lazy(() => import('./pages/collection/ArrearsPage'));
const CollectionTargetsPage = lazy(() => import('./pages/collection/CollectionTargetsPage'));
const CollectionReportPage = lazy(() => import('./pages/collection/CollectionReportPage'));

// Print views (outside the layout, see components/PrintRoute).
const WorkOrderPrintPage = lazy(() => import('./pages/work-orders/WorkOrderPrintPage'));
const ResidentPrintPage = lazy(() => import('./pages/resident-services/ResidentPrintPage'));
const ReceiptPrintPage = lazy(() => import('./pages/cashier/ReceiptPrintPage'));
const DunningLettersPrintPage = lazy(() => import('./pages/collection/DunningLettersPrintPage'));

// People who asked their system for less motion get none: no sliding menus, fading dialogs or
// growing option lists (the browser tests ask for it too, so a click never lands mid-animation).
const REDUCED_MOTION = typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });

function Themed() {
  const { locale } = useI18n();
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1677ff', borderRadius: 6, motion: !REDUCED_MOTION } }}>
      <AntApp>
        <AuthProvider>
          <BrowserRouter>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route path="/work-orders/:id/print" element={<PrintRoute page={WorkOrderPrintPage} />} />
              <Route path="/print/:kind/:id?" element={<PrintRoute page={ResidentPrintPage} />} />
              <Route path="/receipts/:id/print" element={<PrintRoute page={ReceiptPrintPage} />} />
              <Route path="/collection/letters" element={<PrintRoute page={DunningLettersPrintPage} />} />
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
                <Route path="move-ins" element={<MoveInsPage />} />
                <Route path="move-ins/:id" element={<MoveInPage />} />
                <Route path="move-outs" element={<MoveOutsPage />} />
                <Route path="move-outs/:id" element={<MoveOutPage />} />
                <Route path="item-releases" element={<ItemReleasesPage />} />
                <Route path="item-releases/:id" element={<ItemReleasePage />} />
                <Route path="renovations" element={<RenovationsPage />} />
                <Route path="renovations/:id" element={<RenovationPage />} />
                <Route path="passes" element={<PassesPage />} />
                <Route path="visitors" element={<VisitorsPage />} />
                <Route path="gate" element={<GatePage />} />
                <Route path="frontdesk/today" element={<DeskTodayPage />} />
                <Route path="frontdesk/roster" element={<RosterPage />} />
                <Route path="frontdesk/desks" element={<DesksPage />} />
                <Route path="frontdesk/keys" element={<KeysPage />} />
                <Route path="frontdesk/calls" element={<CallsPage />} />
                <Route path="frontdesk/directory" element={<DirectoryPage />} />
                <Route path="frontdesk/incidents" element={<IncidentsPage />} />
                <Route path="frontdesk/notices" element={<NoticesPage />} />
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
                <Route path="collection/arrears" element={<ArrearsPage />} />
                <Route path="collection/targets" element={<CollectionTargetsPage />} />
                <Route path="collection/report" element={<CollectionReportPage />} />
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
