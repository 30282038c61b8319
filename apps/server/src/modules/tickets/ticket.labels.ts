/** Words for the service desk's codes, in both languages (exports and messages). */
import type { Channel, Priority, TicketKind, TicketStatus, VisitOutcome } from '@propdesk/contracts';
import type { Localized } from '../../http/errors.js';

export const KIND_LABELS: Record<TicketKind, Localized> = {
  repair: { zh: '报修', en: 'Repair' },
  complaint: { zh: '投诉', en: 'Complaint' },
  consultation: { zh: '咨询', en: 'Consultation' },
  suggestion: { zh: '建议', en: 'Suggestion' },
  help: { zh: '求助', en: 'Help' },
  praise: { zh: '表扬', en: 'Praise' },
};

export const CHANNEL_LABELS: Record<Channel, Localized> = {
  phone: { zh: '电话', en: 'Phone' },
  walk_in: { zh: '来访', en: 'Walk-in' },
  letter: { zh: '来函', en: 'Letter' },
  online: { zh: '线上', en: 'Online' },
  other: { zh: '其他', en: 'Other' },
};

export const STATUS_LABELS: Record<TicketStatus, Localized> = {
  new: { zh: '待处理', en: 'New' },
  dispatched: { zh: '已派工', en: 'Dispatched' },
  in_progress: { zh: '处理中', en: 'In progress' },
  on_hold: { zh: '挂起', en: 'On hold' },
  resolved: { zh: '已完成', en: 'Resolved' },
  visited: { zh: '已回访', en: 'Visited' },
  closed: { zh: '已关闭', en: 'Closed' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
  reopened: { zh: '重新打开', en: 'Reopened' },
};

export const PRIORITY_LABELS: Record<Priority, Localized> = {
  urgent: { zh: '紧急', en: 'Urgent' },
  high: { zh: '高', en: 'High' },
  normal: { zh: '普通', en: 'Normal' },
  low: { zh: '低', en: 'Low' },
};

export const OUTCOME_LABELS: Record<VisitOutcome, Localized> = {
  satisfied: { zh: '满意', en: 'Satisfied' },
  basically_satisfied: { zh: '基本满意', en: 'Basically satisfied' },
  unsatisfied: { zh: '不满意', en: 'Unsatisfied' },
  unreachable: { zh: '无法联系', en: 'Unreachable' },
};

/** The label of a code in the caller's language (the code itself when unknown). */
export function label<K extends string>(labels: Record<K, Localized>, code: string | null, locale: string): string {
  if (code === null) return '';
  const l = labels[code as K];
  return l ? (locale === 'en' ? l.en : l.zh) : code;
}
