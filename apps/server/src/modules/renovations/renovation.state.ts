/**
 * Pure: the renovation application (装修申请) from review to deposit refund.
 *
 *   submitted 待审核 ─approve(conditions)→ approved 已批准 ─pay(deposit, fees)→ paid 已缴费
 *     ─issue_permit→ in_progress 施工中 (permit 装修许可证 + worker passes for the approved dates)
 *     ─acceptance passed→ accepted 验收合格 ─refund(deductions)→ closed 已结案
 *     ─acceptance failed→ rework 整改中 ─acceptance (re-inspection)→ accepted | rework
 *   submitted ─reject(reasons)→ rejected · submitted/approved/paid ─cancel→ cancelled
 *   inspect (日常巡查) and extend / decide_extension (延期) keep the status.
 *
 * The unit is 装修中 (renovating) while the works run (in_progress, rework) and gets its state back
 * when they end; the deposit is billing's (a deposit with its receipt, refunded with another).
 */
import type { Permission, RenovationStatus, UnitState } from '@propdesk/contracts';
import { AppError } from '../../http/errors.js';

export const RENOVATION_ACTIONS = ['approve', 'reject', 'pay', 'issue_permit', 'inspect', 'acceptance', 'extend', 'decide_extension', 'refund', 'cancel'] as const;
export type RenovationAction = (typeof RENOVATION_ACTIONS)[number];

const WORKS: readonly RenovationStatus[] = ['in_progress', 'rework'];
const FROM: Record<RenovationAction, readonly RenovationStatus[]> = {
  approve: ['submitted'],
  reject: ['submitted'],
  pay: ['approved'],
  issue_permit: ['paid'],
  inspect: WORKS,
  acceptance: WORKS,
  extend: ['approved', 'paid', ...WORKS],
  decide_extension: ['approved', 'paid', ...WORKS],
  refund: ['accepted'],
  cancel: ['submitted', 'approved', 'paid'],
};

/**
 * Reviews and extensions are decisions (supervisor); taking and paying back the deposit is money at
 * the till, so only a collector (billing.collect: it lands in her daily close); the rest is the
 * desk's and the inspector's work.
 */
export const RENOVATION_PERMISSION: Record<RenovationAction, Permission> = {
  approve: 'resident_services.approve',
  reject: 'resident_services.approve',
  pay: 'billing.collect',
  issue_permit: 'resident_services.apply',
  inspect: 'resident_services.apply',
  acceptance: 'resident_services.apply',
  extend: 'resident_services.apply',
  decide_extension: 'resident_services.approve',
  refund: 'billing.collect',
  cancel: 'resident_services.apply',
};

/** Applications that still hold the unit (one at a time per unit). */
export const OPEN_RENOVATION_STATUSES: readonly RenovationStatus[] = ['submitted', 'approved', 'paid', 'in_progress', 'rework', 'accepted'];
export const isOpenRenovation = (s: RenovationStatus) => OPEN_RENOVATION_STATUSES.includes(s);

export function nextRenovationStatus(from: RenovationStatus, action: RenovationAction, opts: { passed?: boolean } = {}): RenovationStatus | null {
  if (!FROM[action].includes(from)) return null;
  switch (action) {
    case 'approve': return 'approved';
    case 'reject': return 'rejected';
    case 'pay': return 'paid';
    case 'issue_permit': return 'in_progress';
    case 'acceptance': return opts.passed ? 'accepted' : 'rework';
    case 'refund': return 'closed';
    case 'cancel': return 'cancelled';
    default: return from;
  }
}

const STATUS_ZH: Record<RenovationStatus, string> = {
  submitted: '待审核', approved: '已批准', paid: '已缴费', in_progress: '施工中', rework: '整改中', accepted: '验收合格', closed: '已结案', rejected: '已驳回', cancelled: '已取消',
};
const ACTION_ZH: Record<RenovationAction, string> = {
  approve: '批准', reject: '驳回', pay: '登记缴费', issue_permit: '发放许可证', inspect: '巡查', acceptance: '验收', extend: '申请延期', decide_extension: '审批延期', refund: '退押金', cancel: '取消',
};

export function requireRenovationNext(from: RenovationStatus, action: RenovationAction, opts: { passed?: boolean } = {}): RenovationStatus {
  const to = nextRenovationStatus(from, action, opts);
  if (to === null) {
    throw new AppError(409, 'invalid_transition', {
      zh: `装修申请当前状态为“${STATUS_ZH[from]}”，不能${ACTION_ZH[action]}`,
      en: `A renovation that is ${from} cannot be given the action "${action}"`,
    }, { from, action });
  }
  return to;
}

/** Deposit refund: the deposit minus the deductions, which may not exceed it. */
export function refundOf(depositFen: number, deductions: readonly { amountFen: number }[]): number | null {
  const deducted = deductions.reduce((s, d) => s + d.amountFen, 0);
  return deducted > depositFen ? null : depositFen - deducted;
}

/** What a status change does to the unit: the works start (it becomes 装修中), end (it gets its state back), or neither. */
export function worksChange(from: RenovationStatus, to: RenovationStatus): 'start' | 'end' | null {
  const before = WORKS.includes(from);
  const after = WORKS.includes(to);
  if (!before && after) return 'start';
  if (before && !after) return 'end';
  return null;
}

/**
 * Works start: the unit becomes renovating and the renovation keeps what it was. A unit already
 * marked renovating by hand had no other state to keep (null: it will be vacant after).
 */
export function unitStateAtStart(current: UnitState): { state: UnitState; before: UnitState | null } {
  return { state: 'renovating', before: current === 'renovating' ? null : current };
}

/**
 * Works end: the unit goes back to the state kept at the start. Kept rather than recomputed from
 * resident links, because the state is what staff recorded (imported and hand-edited units are
 * often occupied with no residents on file: recomputing would wrongly make them vacant). If the
 * unit is no longer renovating, something newer set it meanwhile (a move-in or move-out completed
 * during the works, or staff edited it): that newer fact stays (null: leave it).
 */
export function unitStateAtEnd(current: UnitState, before: UnitState | null): UnitState | null {
  if (current !== 'renovating') return null;
  return before ?? 'vacant';
}

/** The billing deposit's deduction: the sum of the renovation's deductions and their reasons in one line (the deposit keeps 200 characters). */
export function depositDeduction(deductions: readonly { reason: string; amountFen: number }[]): { deductionFen: number; deductionReason?: string } {
  const deductionFen = deductions.reduce((s, d) => s + d.amountFen, 0);
  if (deductionFen === 0) return { deductionFen };
  const reason = deductions.map((d) => `${d.reason} ${(d.amountFen / 100).toFixed(2)}`).join('；');
  return { deductionFen, deductionReason: reason.length > 200 ? `${reason.slice(0, 199)}…` : reason };
}
