import type { ReactNode } from 'react';
import type { Permission } from '@propdesk/contracts';
import { ApartmentOutlined, AuditOutlined, HomeOutlined, IdcardOutlined, SafetyOutlined, SettingOutlined, TeamOutlined, UserOutlined, BuildOutlined } from '@ant-design/icons';

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
    ],
  },
];

export const ALL_ITEMS = MENU.flatMap((g) => g.items);
