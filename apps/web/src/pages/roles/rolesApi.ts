import { useQuery } from '@tanstack/react-query';
import { PERMISSIONS, type Page, type Role } from '@propdesk/contracts';
import { api } from '../../api/client';

export interface PermissionInfo {
  code: string;
  zh: string;
  en: string;
}

/** A list answered either as a page ({items}) or as a bare array. */
function itemsOf<T>(r: Page<T> | { items: T[] } | T[]): T[] {
  return Array.isArray(r) ? r : r.items;
}

export function useRoles(enabled = true) {
  return useQuery({
    queryKey: ['roles'],
    queryFn: async () => itemsOf(await api.get<Page<Role> | Role[]>('/api/roles', { pageSize: 200 })),
    staleTime: 60_000,
    enabled,
  });
}

/** The permission list with labels; falls back to the list the contracts ship. */
export function usePermissions() {
  return useQuery({
    queryKey: ['permissions'],
    queryFn: async (): Promise<PermissionInfo[]> => {
      try {
        return itemsOf(await api.get<{ items: PermissionInfo[] } | PermissionInfo[]>('/api/permissions'));
      } catch {
        return Object.entries(PERMISSIONS).map(([code, l]) => ({ code, zh: l.zh, en: l.en }));
      }
    },
    staleTime: 5 * 60_000,
  });
}

/** Groups of the permission checklist, by the code's prefix. */
export const PERMISSION_GROUPS: { prefix: string; zh: string; en: string }[] = [
  { prefix: 'org', zh: '组织架构', en: 'Org tree' },
  { prefix: 'units', zh: '楼栋与房屋', en: 'Buildings and units' },
  { prefix: 'residents', zh: '住户', en: 'Residents' },
  { prefix: 'teams', zh: '班组', en: 'Teams' },
  { prefix: 'users', zh: '员工', en: 'Staff' },
  { prefix: 'roles', zh: '角色', en: 'Roles' },
  { prefix: 'audit', zh: '操作日志', en: 'Audit log' },
  { prefix: 'tickets', zh: '工单', en: 'Tickets' },
  { prefix: 'work_orders', zh: '派工单', en: 'Work orders' },
  { prefix: 'escalations', zh: '升级与超时', en: 'Escalations' },
  { prefix: 'sla', zh: '时限与日历', en: 'SLAs and calendars' },
];

export function groupPermissions(perms: PermissionInfo[]) {
  const known = new Set(PERMISSION_GROUPS.map((g) => g.prefix));
  const groups = PERMISSION_GROUPS.map((g) => ({ ...g, items: perms.filter((p) => p.code.split('.')[0] === g.prefix) }));
  const other = perms.filter((p) => !known.has(p.code.split('.')[0]!));
  if (other.length) groups.push({ prefix: 'other', zh: '其他', en: 'Other', items: other });
  return groups.filter((g) => g.items.length > 0);
}

/** A role's name in the current language. */
export function roleName(r: Pick<Role, 'name' | 'nameEn'>, locale: string): string {
  return locale === 'en' ? r.nameEn || r.name : r.name;
}
