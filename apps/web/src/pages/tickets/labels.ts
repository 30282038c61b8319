/** The service desk's codes in both languages, and the colours their tags wear. */
type Labels = Record<string, [zh: string, en: string]>;

export const TICKET_KINDS: Labels = {
  repair: ['报修', 'Repair'],
  complaint: ['投诉', 'Complaint'],
  consultation: ['咨询', 'Consultation'],
  suggestion: ['建议', 'Suggestion'],
  help: ['求助', 'Help'],
  praise: ['表扬', 'Praise'],
};

export const TICKET_STATUSES: Labels = {
  new: ['待处理', 'New'],
  dispatched: ['已派工', 'Dispatched'],
  in_progress: ['处理中', 'In progress'],
  on_hold: ['挂起', 'On hold'],
  resolved: ['已完成', 'Resolved'],
  visited: ['已回访', 'Visited'],
  closed: ['已关闭', 'Closed'],
  cancelled: ['已取消', 'Cancelled'],
  reopened: ['重新打开', 'Reopened'],
};

export const CHANNELS: Labels = {
  phone: ['电话', 'Phone'],
  walk_in: ['来访', 'Walk-in'],
  letter: ['来函', 'Letter'],
  online: ['线上', 'Online'],
  other: ['其他', 'Other'],
};

export const PRIORITIES: Labels = {
  urgent: ['紧急', 'Urgent'],
  high: ['高', 'High'],
  normal: ['普通', 'Normal'],
  low: ['低', 'Low'],
};

export const OUTCOMES: Labels = {
  satisfied: ['满意', 'Satisfied'],
  basically_satisfied: ['基本满意', 'Basically satisfied'],
  unsatisfied: ['不满意', 'Unsatisfied'],
  unreachable: ['无法联系', 'Unreachable'],
};

/** SLA targets, and what an escalation is about. */
export const TARGETS: Labels = {
  response: ['响应', 'Response'],
  arrival: ['到场', 'Arrival'],
  resolution: ['解决', 'Resolution'],
  major: ['重大投诉', 'Major complaint'],
};

export const ESCALATION_REASONS: Labels = {
  warning: ['即将超时', 'Close to the limit'],
  breach: ['已超时', 'Breached'],
  major: ['重大投诉', 'Major complaint'],
};

export const WORK_ORDER_STATUSES: Labels = {
  issued: ['已派单', 'Issued'],
  accepted: ['已接单', 'Accepted'],
  working: ['维修中', 'Working'],
  done: ['已完工', 'Done'],
  returned: ['已退单', 'Returned'],
  transferred: ['已转单', 'Transferred'],
};

export const QUEUES: Labels = {
  mine: ['我的', 'Mine'],
  unassigned: ['待派工', 'Unassigned'],
  overdue: ['已超时', 'Overdue'],
  due_today: ['今日到期', 'Due today'],
  awaiting_visit: ['待回访', 'Awaiting visit'],
  escalated: ['已升级', 'Escalated'],
};

/** Timeline event types (the server's `ticket_events.type`). Unknown ones show as their code. */
export const EVENT_TYPES: Labels = {
  created: ['受理', 'Taken in'],
  dispatch: ['派工', 'Dispatched'],
  dispatched: ['派工', 'Dispatched'],
  start: ['开始处理', 'Work started'],
  started: ['开始处理', 'Work started'],
  work_done: ['完工', 'Work done'],
  work_returned: ['退单', 'Work order returned'],
  accept: ['接单', 'Work order accepted'],
  transfer_work: ['转单', 'Work order transferred'],
  assign: ['指派维修人员', 'Technician assigned'],
  hold: ['挂起', 'Put on hold'],
  resume: ['恢复', 'Resumed'],
  resolve: ['办结', 'Resolved'],
  resolved: ['办结', 'Resolved'],
  answered: ['当场答复', 'Answered at intake'],
  visit: ['回访', 'Return visit'],
  reopen: ['重新打开', 'Reopened'],
  cancel: ['取消', 'Cancelled'],
  close: ['关闭', 'Closed'],
  transfer: ['联动转出', 'Transferred to another center'],
  comment: ['备注', 'Note'],
  file: ['附件', 'File attached'],
  reply: ['答复住户', 'Reply to the resident'],
  escalation: ['升级', 'Escalated'],
  escalation_ack: ['升级已确认', 'Escalation acknowledged'],
  status: ['状态变更', 'Status changed'],
};

export const STATUS_COLORS: Record<string, string> = {
  new: 'blue',
  dispatched: 'cyan',
  in_progress: 'geekblue',
  on_hold: 'orange',
  resolved: 'green',
  visited: 'lime',
  closed: 'default',
  cancelled: 'default',
  reopened: 'magenta',
};

export const KIND_COLORS: Record<string, string> = {
  repair: 'blue',
  complaint: 'red',
  consultation: 'purple',
  suggestion: 'cyan',
  help: 'orange',
  praise: 'green',
};

export const PRIORITY_COLORS: Record<string, string> = { urgent: 'red', high: 'volcano', normal: 'default', low: 'default' };

export const WORK_ORDER_COLORS: Record<string, string> = {
  issued: 'blue',
  accepted: 'cyan',
  working: 'geekblue',
  done: 'green',
  returned: 'orange',
  transferred: 'default',
};

export const OUTCOME_COLORS: Record<string, string> = { satisfied: 'green', basically_satisfied: 'lime', unsatisfied: 'red', unreachable: 'default' };
