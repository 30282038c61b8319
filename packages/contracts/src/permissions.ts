/**
 * The permission list. A role is a named set of these; a role is granted to a user at an org
 * node and reaches that node's whole subtree. Labels are shown when admins build roles.
 */
export const PERMISSIONS = {
  'org.read': { zh: '查看组织架构', en: 'View the org tree' },
  'org.manage': { zh: '维护组织架构', en: 'Manage the org tree' },
  'units.read': { zh: '查看楼栋与房屋', en: 'View buildings and units' },
  'units.manage': { zh: '维护房屋与责任区', en: 'Manage units and zones' },
  'units.import': { zh: '导入房屋', en: 'Import units' },
  'residents.read': { zh: '查看住户', en: 'View residents' },
  'residents.manage': { zh: '维护住户', en: 'Manage residents' },
  'residents.import': { zh: '导入住户', en: 'Import residents' },
  'residents.reveal_id': { zh: '查看完整证件号', en: 'Reveal full ID numbers' },
  'teams.read': { zh: '查看班组', en: 'View teams' },
  'teams.manage': { zh: '维护班组', en: 'Manage teams' },
  'users.read': { zh: '查看员工', en: 'View staff' },
  'users.manage': { zh: '维护员工与授权', en: 'Manage staff and grants' },
  'roles.manage': { zh: '维护角色', en: 'Manage roles' },
  'audit.read': { zh: '查看操作日志', en: 'View the audit log' },
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_CODES = Object.keys(PERMISSIONS) as Permission[];

/** The roles every installation starts with (code → permissions). */
export const BUILTIN_ROLES: Record<string, { zh: string; en: string; permissions: Permission[] }> = {
  admin: { zh: '系统管理员', en: 'Administrator', permissions: PERMISSION_CODES },
  center_director: {
    zh: '客服中心主任',
    en: 'Center director',
    permissions: ['org.read', 'units.read', 'residents.read', 'residents.reveal_id', 'teams.read', 'users.read', 'users.manage', 'audit.read'],
  },
  reception_supervisor: {
    zh: '接待主管',
    en: 'Reception supervisor',
    permissions: [
      'org.read', 'units.read', 'units.manage', 'units.import', 'residents.read', 'residents.manage',
      'residents.import', 'residents.reveal_id', 'teams.read', 'teams.manage', 'users.read',
      // The lead receptionist onboards and trains new receptionists; grants stay within her own permissions.
      'users.manage',
    ],
  },
  receptionist: {
    zh: '接待员',
    en: 'Receptionist',
    permissions: ['org.read', 'units.read', 'residents.read', 'residents.manage', 'teams.read'],
  },
  cashier: { zh: '收费员', en: 'Cashier', permissions: ['org.read', 'units.read', 'residents.read'] },
  technician: { zh: '维修工', en: 'Technician', permissions: ['org.read', 'units.read', 'teams.read'] },
  guard: { zh: '保安', en: 'Guard', permissions: ['org.read', 'units.read'] },
};
