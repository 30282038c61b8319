import type { ReactNode } from 'react';
import type { Permission } from '@propdesk/contracts';
import {
  ApartmentOutlined, AuditOutlined, HomeOutlined, IdcardOutlined, SafetyOutlined, SettingOutlined, TeamOutlined, UserOutlined, BuildOutlined,
  CustomerServiceOutlined, PhoneOutlined, ProfileOutlined, SoundOutlined, WarningOutlined,
  ToolOutlined, FieldTimeOutlined, PartitionOutlined,
  AccountBookOutlined, PayCircleOutlined, FileTextOutlined, WalletOutlined, BankOutlined, LockOutlined,
  DashboardOutlined, EditOutlined, ExceptionOutlined, ScheduleOutlined, TagsOutlined, ThunderboltOutlined,
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
      { path: '/cashier/prepaid', zh: '预存与押金', en: 'Prepaid and deposits', permission: 'billing.read', icon: <WalletOutlined /> },
      { path: '/cashier/direct-debit', zh: '托收', en: 'Direct debit', permission: 'billing.read', icon: <BankOutlined /> },
      { path: '/cashier/daily-close', zh: '日结', en: 'Daily close', permission: 'billing.read', icon: <LockOutlined /> },
      { path: '/billing/bills', zh: '账单', en: 'Bills', permission: 'billing.read', icon: <FileTextOutlined /> },
      { path: '/billing/runs', zh: '出账', en: 'Billing run', permission: 'billing.run', icon: <ThunderboltOutlined /> },
      { path: '/billing/readings', zh: '抄表录入', en: 'Meter readings', permission: 'billing.read_meters', icon: <EditOutlined /> },
      { path: '/billing/readings/held', zh: '抄表复核', en: 'Held readings', permission: 'billing.approve', icon: <ExceptionOutlined /> },
      { path: '/billing/reductions', zh: '减免审批', en: 'Reductions', permission: 'billing.read', icon: <ScheduleOutlined /> },
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
