/**
 * Pure: the workflow of a work order (派工单).
 *
 *   issued 已派发 → accepted 已接单 → working 施工中 → done 已完工
 *   returned 退单 (from issued / accepted / working, with a reason: the ticket goes back to dispatch)
 *   transferred 转单 (from issued / accepted: this order ends, a new one is issued to the other team or technician)
 *
 * `assign` is the team leader naming the technician of an order nobody has accepted yet: the
 * same order, still issued.
 */
import type { Permission, WorkOrderStatus } from '@propdesk/contracts';
import { AppError } from '../../http/errors.js';

export const WORK_ORDER_ACTIONS = ['accept', 'start', 'finish', 'return', 'transfer', 'assign'] as const;
export type WorkOrderAction = (typeof WORK_ORDER_ACTIONS)[number];

const TRANSITIONS: Record<WorkOrderAction, { from: readonly WorkOrderStatus[]; to: WorkOrderStatus }> = {
  accept: { from: ['issued'], to: 'accepted' },
  start: { from: ['accepted'], to: 'working' },
  finish: { from: ['working'], to: 'done' },
  return: { from: ['issued', 'accepted', 'working'], to: 'returned' },
  transfer: { from: ['issued', 'accepted'], to: 'transferred' },
  assign: { from: ['issued'], to: 'issued' },
};

/**
 * The permission behind each action. Transfer and assign also belong to the team's leader
 * (a technician, who holds work_orders.work): see work-order.policy.
 */
export const WORK_ORDER_PERMISSION: Record<WorkOrderAction, Permission> = {
  accept: 'work_orders.work',
  start: 'work_orders.work',
  finish: 'work_orders.work',
  return: 'work_orders.work',
  transfer: 'work_orders.assign',
  assign: 'work_orders.assign',
};

/** Orders still in someone's hands. */
export const OPEN_WORK_ORDER_STATUSES: readonly WorkOrderStatus[] = ['issued', 'accepted', 'working'];

export function nextWorkOrderStatus(from: WorkOrderStatus, action: WorkOrderAction): WorkOrderStatus | null {
  const t = TRANSITIONS[action];
  return t.from.includes(from) ? t.to : null;
}

export function mayFireWorkOrder(from: WorkOrderStatus, action: WorkOrderAction): boolean {
  return nextWorkOrderStatus(from, action) !== null;
}

const STATUS_ZH: Record<WorkOrderStatus, string> = { issued: '已派发', accepted: '已接单', working: '施工中', done: '已完工', returned: '已退单', transferred: '已转单' };
const ACTION_ZH: Record<WorkOrderAction, string> = { accept: '接单', start: '开始施工', finish: '完工', return: '退单', transfer: '转单', assign: '指派' };

/** The next status, or 409 invalid_transition. */
export function requireWorkOrderNext(from: WorkOrderStatus, action: WorkOrderAction): WorkOrderStatus {
  const to = nextWorkOrderStatus(from, action);
  if (to === null) {
    throw new AppError(409, 'invalid_transition', {
      zh: `派工单当前状态为“${STATUS_ZH[from]}”，不能${ACTION_ZH[action]}`,
      en: `A work order that is ${from} cannot be given the action "${action}"`,
    }, { from, action });
  }
  return to;
}
