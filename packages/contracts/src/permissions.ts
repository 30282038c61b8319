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
  'tickets.read': { zh: '查看工单', en: 'View tickets' },
  'tickets.create': { zh: '受理报修投诉咨询', en: 'Take requests (intake)' },
  'tickets.handle': { zh: '处理工单（挂起、完成、备注）', en: 'Handle tickets (hold, resolve, notes)' },
  'tickets.dispatch': { zh: '派工', en: 'Dispatch work orders' },
  'tickets.visit': { zh: '回访', en: 'Make return visits' },
  'tickets.close': { zh: '关闭与取消工单', en: 'Close and cancel tickets' },
  'tickets.transfer': { zh: '跨中心联动转单', en: 'Transfer tickets between centers' },
  'work_orders.read': { zh: '查看派工单', en: 'View work orders' },
  'work_orders.work': { zh: '接单与完工', en: 'Work on work orders' },
  'work_orders.assign': { zh: '改派与转单', en: 'Assign and transfer work orders' },
  'escalations.read': { zh: '查看升级与超时', en: 'View escalations' },
  'sla.manage': { zh: '维护时限、工作日历与分类', en: 'Manage SLAs, calendars and categories' },
  'billing.read': { zh: '查看账单、收费与欠费', en: 'View bills, payments and arrears' },
  'billing.configure': { zh: '维护收费项目、仪表与催缴', en: 'Manage fee items, meters and targets' },
  'billing.read_meters': { zh: '录入抄表读数', en: 'Enter meter readings' },
  'billing.run': { zh: '出账', en: 'Run billing' },
  'billing.collect': { zh: '收费、预存与押金', en: 'Take payments, prepayments and deposits' },
  'billing.void': { zh: '作废账单行', en: 'Void bill lines' },
  'billing.reduce': { zh: '申请减免', en: 'Propose reductions' },
  'billing.approve': { zh: '审批减免与抄表异常', en: 'Approve reductions and held readings' },
  'billing.reverse': { zh: '冲正收费', en: 'Reverse payments' },
  'billing.dunning': { zh: '催缴', en: 'Send payment reminders' },
  'billing.targets': { zh: '下达收缴目标', en: 'Set collection targets' },
  'resident_services.read': { zh: '查看入伙、搬离、装修、放行与出入证', en: 'View move-ins, move-outs, renovations, releases and passes' },
  'resident_services.apply': { zh: '办理入伙、搬离、装修申请、放行申请与出入证', en: 'Handle move-ins, move-outs, renovation and release applications, passes' },
  'resident_services.approve': { zh: '审批放行与装修、欠费搬离放行', en: 'Approve releases and renovations, override arrears at move-out' },
  'gate.verify': { zh: '门岗核验出入证与放行条', en: 'Check passes and release slips at the gate' },
  'visitors.manage': { zh: '来访登记', en: 'Register visitors' },
  'desk.read': { zh: '查看前台：排班、值班、交接班、检查表', en: 'View the front desk: roster, duty, handovers, checklists' },
  'desk.manage': { zh: '维护前台、营业时间、排班与检查表模板', en: 'Manage desks, opening hours, the roster and checklist templates' },
  'desk.work': { zh: '前台值班：代岗、交接班、勾选检查表', en: 'Work the desk: covers, handovers, checklist ticks' },
  'keys.read': { zh: '查看钥匙登记', en: 'View the key register' },
  'keys.lend': { zh: '钥匙借出与归还', en: 'Lend and take back keys' },
  'keys.manage': { zh: '维护钥匙登记', en: 'Manage the key register' },
  'calls.read': { zh: '查看来电登记', en: 'View the call log' },
  'calls.log': { zh: '登记来电与回复', en: 'Log calls and call back' },
  'directory.read': { zh: '查看通讯录', en: 'View the phone directory' },
  'directory.manage': { zh: '维护通讯录', en: 'Manage the phone directory' },
  'directory.reveal': { zh: '查看保密电话（留痕）', en: 'Reveal confidential numbers (audited)' },
  'incidents.read': { zh: '查看突发事件', en: 'View incidents' },
  'incidents.report': { zh: '上报与处置突发事件', en: 'Report and handle incidents' },
  'incidents.acknowledge': { zh: '确认突发事件上报', en: 'Acknowledge incident escalations' },
  'notices.read': { zh: '查看通知与上报', en: 'View notices and reports' },
  'notices.publish': { zh: '下发通知与指令', en: 'Publish notices and instructions' },
} as const;

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_CODES = Object.keys(PERMISSIONS) as Permission[];

/** The roles every installation starts with (code → permissions). */
export const BUILTIN_ROLES: Record<string, { zh: string; en: string; permissions: Permission[] }> = {
  admin: { zh: '系统管理员', en: 'Administrator', permissions: PERMISSION_CODES },
  center_director: {
    zh: '客服中心主任',
    en: 'Center director',
    permissions: [
      'org.read', 'units.read', 'residents.read', 'residents.reveal_id', 'teams.read', 'users.read', 'users.manage', 'audit.read',
      'tickets.read', 'tickets.close', 'tickets.transfer', 'work_orders.read', 'escalations.read', 'sla.manage',
      'billing.read', 'billing.configure', 'billing.run', 'billing.void', 'billing.approve', 'billing.reverse', 'billing.dunning',
      'billing.targets', 'resident_services.read', 'resident_services.approve', 'visitors.manage',
      // The director oversees the desk, hears of incidents and may see managers' numbers.
      'desk.read', 'keys.read', 'calls.read', 'directory.read', 'directory.reveal', 'incidents.read', 'incidents.report',
      'incidents.acknowledge', 'notices.read', 'notices.publish',
    ],
  },
  reception_supervisor: {
    zh: '接待主管',
    en: 'Reception supervisor',
    permissions: [
      'org.read', 'units.read', 'units.manage', 'units.import', 'residents.read', 'residents.manage',
      'residents.import', 'residents.reveal_id', 'teams.read', 'teams.manage', 'users.read',
      // The lead receptionist onboards and trains new receptionists; grants stay within her own permissions.
      'users.manage',
      'tickets.read', 'tickets.create', 'tickets.handle', 'tickets.dispatch', 'tickets.visit', 'tickets.close', 'tickets.transfer',
      'work_orders.read', 'work_orders.assign', 'escalations.read', 'sla.manage',
      'billing.read', 'billing.read_meters', 'billing.reduce', 'billing.dunning',
      'resident_services.read', 'resident_services.apply', 'resident_services.approve', 'gate.verify', 'visitors.manage',
      // Plans the roster, proposes rest days, keeps the directory current, carries notices down (上传下达).
      'desk.read', 'desk.manage', 'desk.work', 'keys.read', 'keys.lend', 'keys.manage', 'calls.read', 'calls.log',
      'directory.read', 'directory.manage', 'directory.reveal', 'incidents.read', 'incidents.report', 'incidents.acknowledge',
      'notices.read', 'notices.publish',
    ],
  },
  receptionist: {
    zh: '接待员',
    en: 'Receptionist',
    permissions: [
      'org.read', 'units.read', 'residents.read', 'residents.manage', 'teams.read',
      'tickets.read', 'tickets.create', 'tickets.handle', 'tickets.dispatch', 'tickets.visit', 'work_orders.read',
      'resident_services.read', 'resident_services.apply', 'visitors.manage',
      // Works the desk; managers' numbers stay masked for her (公司管理人员电话不得外泄).
      'desk.read', 'desk.work', 'keys.read', 'keys.lend', 'calls.read', 'calls.log', 'directory.read',
      'incidents.read', 'incidents.report', 'notices.read',
    ],
  },
  cashier: {
    zh: '收费员',
    en: 'Cashier',
    permissions: [
      'org.read', 'units.read', 'residents.read', 'notices.read',
      'billing.read', 'billing.read_meters', 'billing.collect', 'billing.reduce', 'billing.dunning',
      // Takes and pays back the renovation deposit (装修押金) at the till: she finds the application.
      'resident_services.read',
    ],
  },
  technician: {
    zh: '维修工',
    en: 'Technician',
    permissions: ['org.read', 'units.read', 'teams.read', 'work_orders.read', 'work_orders.work', 'notices.read'],
  },
  guard: {
    zh: '保安',
    en: 'Guard',
    permissions: [
      'org.read', 'units.read', 'gate.verify', 'visitors.manage',
      'keys.read', 'keys.lend', 'incidents.read', 'incidents.report', 'notices.read',
    ],
  },
};
