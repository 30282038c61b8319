import type { ReactNode } from 'react';
import type { Permission } from '@propdesk/contracts';
import {
  ApartmentOutlined, AuditOutlined, HomeOutlined, IdcardOutlined, SafetyOutlined, SettingOutlined, TeamOutlined, UserOutlined, BuildOutlined,
  CustomerServiceOutlined, PhoneOutlined, ProfileOutlined, SoundOutlined, WarningOutlined,
  ToolOutlined, FieldTimeOutlined, PartitionOutlined, LoginOutlined, LogoutOutlined, ExportOutlined, FormatPainterOutlined, CreditCardOutlined,
  ScanOutlined, UsergroupAddOutlined,
  DesktopOutlined, ScheduleOutlined, KeyOutlined, ContactsOutlined, AlertOutlined, NotificationOutlined, ControlOutlined, PhoneFilled,
  AccountBookOutlined, DashboardOutlined, EditOutlined, ExceptionOutlined, FileTextOutlined, TagsOutlined, ThunderboltOutlined,
  PayCircleOutlined, WalletOutlined, BankOutlined, LockOutlined,
  AimOutlined, LineChartOutlined,
} from '@ant-design/icons';

export interface MenuItem {
  path: string;
  zh: string;
  en: string;
  permission: Permission;
  icon: ReactNode;
}
export interface MenuGroup {
  key: string;
  zh: string;
  en: string;
  icon: ReactNode;
  items: MenuItem[];
}

/**
 * The center's work, grouped as in DESIGN.md: Service desk · Billing · Resident services · Front desk ·
 * Quality · Commercial · Reports · Settings. A group with nothing the user may open is hidden.
 */
export const MENU: MenuGroup[] = [
  {
    key: 'service-desk', zh: '服务台', en: 'Service desk', icon: <CustomerServiceOutlined />,
    items: [
      { path: '/tickets/new', zh: '电话受理', en: 'Intake', permission: 'tickets.create', icon: <PhoneOutlined /> },
      { path: '/tickets', zh: '工单', en: 'Tickets', permission: 'tickets.read', icon: <ProfileOutlined /> },
      { path: '/return-visits', zh: '回访', en: 'Return visits', permission: 'tickets.visit', icon: <SoundOutlined /> },
      { path: '/escalations', zh: '升级与超时', en: 'Escalations', permission: 'escalations.read', icon: <WarningOutlined /> },
      { path: '/work-orders', zh: '我的派工单', en: 'My work orders', permission: 'work_orders.read', icon: <ToolOutlined /> },
    ],
  },
  {
    key: 'billing', zh: '收费管理', en: 'Billing', icon: <AccountBookOutlined />,
    items: [
      { path: '/cashier', zh: '收费', en: 'Take payments', permission: 'billing.collect', icon: <PayCircleOutlined /> },
      { path: '/receipts', zh: '收据', en: 'Receipts', permission: 'billing.read', icon: <FileTextOutlined /> },
      { path: '/billing/bills', zh: '账单', en: 'Bills', permission: 'billing.read', icon: <FileTextOutlined /> },
      { path: '/collection/arrears', zh: '欠费与催缴', en: 'Arrears and reminders', permission: 'billing.read', icon: <AlertOutlined /> },
      { path: '/cashier/prepaid', zh: '预存与押金', en: 'Prepaid and deposits', permission: 'billing.read', icon: <WalletOutlined /> },
      { path: '/cashier/direct-debit', zh: '托收', en: 'Direct debit', permission: 'billing.read', icon: <BankOutlined /> },
      { path: '/cashier/daily-close', zh: '日结', en: 'Daily close', permission: 'billing.read', icon: <LockOutlined /> },
      { path: '/billing/readings', zh: '抄表录入', en: 'Meter readings', permission: 'billing.read_meters', icon: <EditOutlined /> },
      { path: '/billing/readings/held', zh: '抄表复核', en: 'Held readings', permission: 'billing.approve', icon: <ExceptionOutlined /> },
      { path: '/billing/runs', zh: '出账', en: 'Billing run', permission: 'billing.run', icon: <ThunderboltOutlined /> },
      { path: '/billing/reductions', zh: '减免审批', en: 'Reductions', permission: 'billing.read', icon: <ScheduleOutlined /> },
      { path: '/collection/report', zh: '收缴率报表', en: 'Collection report', permission: 'billing.read', icon: <LineChartOutlined /> },
      { path: '/collection/targets', zh: '收缴目标', en: 'Collection targets', permission: 'billing.read', icon: <AimOutlined /> },
      { path: '/billing/meters', zh: '仪表', en: 'Meters', permission: 'billing.read', icon: <DashboardOutlined /> },
      { path: '/billing/fee-items', zh: '收费项目', en: 'Fee items', permission: 'billing.read', icon: <TagsOutlined /> },
    ],
  },
  {
    key: 'resident-services', zh: '住户服务', en: 'Resident services', icon: <HomeOutlined />,
    items: [
      { path: '/residents', zh: '住户', en: 'Residents', permission: 'residents.read', icon: <IdcardOutlined /> },
      { path: '/units', zh: '房屋', en: 'Units', permission: 'units.read', icon: <HomeOutlined /> },
      { path: '/buildings', zh: '楼栋与责任区', en: 'Buildings and zones', permission: 'units.read', icon: <BuildOutlined /> },
      { path: '/move-ins', zh: '入伙办理', en: 'Move-ins', permission: 'resident_services.read', icon: <LoginOutlined /> },
      { path: '/move-outs', zh: '搬离办理', en: 'Move-outs', permission: 'resident_services.read', icon: <LogoutOutlined /> },
      { path: '/item-releases', zh: '物品放行', en: 'Item releases', permission: 'resident_services.read', icon: <ExportOutlined /> },
      { path: '/renovations', zh: '装修管理', en: 'Renovations', permission: 'resident_services.read', icon: <FormatPainterOutlined /> },
      { path: '/passes', zh: '出入证', en: 'Passes', permission: 'resident_services.read', icon: <CreditCardOutlined /> },
    ],
  },
  {
    key: 'front-desk', zh: '前台与门岗', en: 'Front desk and gate', icon: <DesktopOutlined />,
    items: [
      { path: '/frontdesk/today', zh: '今日前台', en: "Today's desk", permission: 'desk.read', icon: <DesktopOutlined /> },
      { path: '/frontdesk/roster', zh: '排班', en: 'Duty roster', permission: 'desk.read', icon: <ScheduleOutlined /> },
      { path: '/frontdesk/calls', zh: '来电登记', en: 'Call log', permission: 'calls.read', icon: <PhoneFilled /> },
      { path: '/frontdesk/keys', zh: '钥匙管理', en: 'Key register', permission: 'keys.read', icon: <KeyOutlined /> },
      { path: '/frontdesk/directory', zh: '通讯录', en: 'Phone directory', permission: 'directory.read', icon: <ContactsOutlined /> },
      { path: '/frontdesk/incidents', zh: '突发事件', en: 'Incidents', permission: 'incidents.read', icon: <AlertOutlined /> },
      { path: '/frontdesk/notices', zh: '通知与指令', en: 'Notices', permission: 'notices.read', icon: <NotificationOutlined /> },
      { path: '/visitors', zh: '来访登记', en: 'Visitors', permission: 'visitors.manage', icon: <UsergroupAddOutlined /> },
      { path: '/gate', zh: '门岗核验', en: 'Gate check', permission: 'gate.verify', icon: <ScanOutlined /> },
      { path: '/frontdesk/desks', zh: '前台设置', en: 'Desk settings', permission: 'desk.manage', icon: <ControlOutlined /> },
    ],
  },
  {
    key: 'settings', zh: '系统设置', en: 'Settings', icon: <SettingOutlined />,
    items: [
      { path: '/org', zh: '组织架构', en: 'Org tree', permission: 'org.read', icon: <ApartmentOutlined /> },
      { path: '/users', zh: '员工', en: 'Staff', permission: 'users.read', icon: <UserOutlined /> },
      { path: '/teams', zh: '班组', en: 'Teams', permission: 'teams.read', icon: <TeamOutlined /> },
      { path: '/roles', zh: '角色权限', en: 'Roles', permission: 'users.read', icon: <SafetyOutlined /> },
      { path: '/audit', zh: '操作日志', en: 'Audit log', permission: 'audit.read', icon: <AuditOutlined /> },
      { path: '/settings/sla', zh: '服务时限与日历', en: 'SLA and calendar', permission: 'sla.manage', icon: <FieldTimeOutlined /> },
      { path: '/settings/categories', zh: '工单分类', en: 'Ticket categories', permission: 'sla.manage', icon: <PartitionOutlined /> },
    ],
  },
];

export const ALL_ITEMS = MENU.flatMap((g) => g.items);

/**
 * The permission a page of the menu needs, for its own address and the pages under it (a ticket's
 * detail under /tickets); the longest menu path wins (/tickets/new over /tickets). Null for pages
 * outside the menu (home, account, print views), which check for themselves.
 */
export function pagePermission(pathname: string): Permission | null {
  let best: MenuItem | null = null;
  for (const item of MENU.flatMap((g) => g.items)) {
    const matches = pathname === item.path || pathname.startsWith(`${item.path}/`);
    if (matches && (!best || item.path.length > best.path.length)) best = item;
  }
  return best?.permission ?? null;
}
