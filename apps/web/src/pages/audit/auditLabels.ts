/** Words for the audit log's entity and action codes, in both languages (the code is shown too). */
type Labels = Record<string, [zh: string, en: string]>;

export const AUDIT_ENTITIES: Labels = {
  user: ['员工', 'Staff'],
  role: ['角色', 'Role'],
  team: ['班组', 'Team'],
  org_unit: ['组织节点', 'Org unit'],
  unit: ['房屋', 'Unit'],
  zone: ['责任区', 'Zone'],
  resident: ['住户', 'Resident'],
  ticket: ['工单', 'Ticket'],
  work_order: ['派工单', 'Work order'],
  ticket_category: ['工单分类', 'Ticket category'],
  escalation: ['升级', 'Escalation'],
  calendar: ['工作日历', 'Work calendar'],
  sla_policies: ['时限规则', 'SLA policies'],
  api_token: ['API 令牌', 'API token'],
};

/** Whole action codes whose words are not "verb + record". */
const ACTIONS: Labels = {
  'auth.login': ['登录', 'Signed in'],
  'auth.logout': ['退出登录', 'Signed out'],
  'auth.login_failed': ['登录失败', 'Sign-in failed'],
  'auth.locked': ['登录失败过多，账号锁定', 'Locked after failed sign-ins'],
  'auth.password_changed': ['修改本人密码', 'Changed own password'],
  'user.update_self': ['修改个人设置', 'Changed own settings'],
  'user.grant_role': ['授予角色', 'Granted a role'],
  'user.revoke_role': ['撤销角色', 'Revoked a role'],
  'user.unlock': ['解除账号锁定', 'Unlocked the account'],
  'user.add_training': ['添加培训记录', 'Added a training'],
  'token.create': ['新建 API 令牌', 'Created an API token'],
  'token.revoke': ['吊销 API 令牌', 'Revoked an API token'],
  'resident.reveal_id': ['查看完整证件号', 'Revealed the full ID number'],
  'resident.link_unit': ['关联房屋', 'Linked to a unit'],
  'resident.end_unit': ['结束房屋关系', 'Ended a unit link'],
  'ticket.escalate': ['工单升级', 'Escalated the ticket'],
  'ticket.escalated': ['工单升级', 'Ticket escalated'],
  'escalation.acknowledge': ['确认升级', 'Acknowledged the escalation'],
  'work_order.issued': ['派工', 'Work order issued'],
  'sla_policies.replace': ['更新时限规则', 'Replaced the SLA policies'],
};

const VERBS: Labels = {
  create: ['新建', 'Created'],
  update: ['修改', 'Updated'],
  delete: ['删除', 'Deleted'],
  import: ['导入', 'Imported'],
};

const SUBJECTS: Labels = { ...AUDIT_ENTITIES, token: AUDIT_ENTITIES.api_token! };

/** "user.update" → "修改员工" / "Updated staff"; null when the code has no known words. */
export function actionLabel(action: string, locale: string): string | null {
  const en = locale === 'en';
  const whole = ACTIONS[action];
  if (whole) return en ? whole[1] : whole[0];
  const dot = action.indexOf('.');
  if (dot < 0) return null;
  const subject = SUBJECTS[action.slice(0, dot)];
  const verb = VERBS[action.slice(dot + 1)];
  if (!subject || !verb) return null;
  return en ? `${verb[1]} ${subject[1].toLowerCase()}` : `${verb[0]}${subject[0]}`;
}

export function entityLabel(entity: string, locale: string): string {
  const l = AUDIT_ENTITIES[entity];
  return l ? (locale === 'en' ? l[1] : l[0]) : entity;
}

/** The console page of a record, where it has one. */
export function entityPath(entity: string, id: string | null): string | null {
  if (!id) return null;
  switch (entity) {
    case 'user':
      return `/users/${id}`;
    case 'unit':
      return `/units/${id}`;
    case 'resident':
      return `/residents/${id}`;
    default:
      return null;
  }
}
