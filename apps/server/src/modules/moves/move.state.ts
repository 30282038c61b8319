/**
 * Pure: the move-in (入伙) and move-out (搬离) procedures — their checklists, the utility
 * accounts' small workflow (开户) and what completion needs.
 *
 *   utility: requested 待申请 → submitted 已提交 → opened 已开户 (account number)
 *                                            ↘ failed 未成功 (reason) → submitted (tried again)
 *   move:    open 办理中 → completed 已完成 | cancelled 已取消
 */
import type { MoveInStep, MoveOutStep, UtilityKind, UtilityStatus } from '@propdesk/contracts';
import { MOVE_IN_STEPS } from '@propdesk/contracts';
import { AppError } from '../../http/errors.js';

const UTILITY_NEXT: Record<UtilityStatus, readonly UtilityStatus[]> = {
  requested: ['submitted', 'failed'],
  submitted: ['opened', 'failed'],
  failed: ['submitted'],
  opened: [],
};

export function mayMoveUtility(from: UtilityStatus, to: UtilityStatus): boolean {
  return UTILITY_NEXT[from].includes(to);
}

const UTILITY_ZH: Record<UtilityKind, string> = { water: '水', electricity: '电', gas: '燃气', cable_tv: '有线电视' };
const UTILITY_STATUS_ZH: Record<UtilityStatus, string> = { requested: '待申请', submitted: '已提交', opened: '已开户', failed: '未成功' };

export function requireUtilityMove(kind: UtilityKind, from: UtilityStatus, to: UtilityStatus): void {
  if (!mayMoveUtility(from, to)) {
    throw new AppError(409, 'invalid_transition', {
      zh: `${UTILITY_ZH[kind]}开户当前为“${UTILITY_STATUS_ZH[from]}”，不能改为“${UTILITY_STATUS_ZH[to]}”`,
      en: `The ${kind} account is ${from} and cannot become ${to}`,
    }, { kind, from, to });
  }
}

export interface Check {
  done: boolean;
  doneAt: string | null;
  doneBy: string | null;
  note: string | null;
}

export function emptyChecklist<S extends string>(steps: readonly S[]): Record<S, Check> {
  return Object.fromEntries(steps.map((s) => [s, { done: false, doneAt: null, doneBy: null, note: null }])) as Record<S, Check>;
}

/** The steps still to do before a move-in may complete. */
export function missingMoveInSteps(checklist: Record<MoveInStep, Check>): MoveInStep[] {
  return MOVE_IN_STEPS.filter((s) => !checklist[s]?.done);
}

export function missingMoveOutSteps(checklist: Record<MoveOutStep, Check>): MoveOutStep[] {
  return (['meters', 'keys'] as const).filter((s) => !checklist[s]?.done);
}

/** An open procedure only: anything else is 409. */
export function requireOpen(status: string, what: { zh: string; en: string }): void {
  if (status !== 'open') {
    throw new AppError(409, 'invalid_transition', {
      zh: `该${what.zh}已${status === 'completed' ? '办结' : '取消'}，不能再修改`,
      en: `This ${what.en} is ${status} and can no longer change`,
    }, { from: status });
  }
}

/**
 * May a move-out complete? Only when the unit owes nothing — or a supervisor lets it go, with a
 * reason (the arrears stay on the ledger either way).
 */
export function arrearsDecision(outstandingFen: number, override: { reason: string } | undefined, mayOverride: boolean): 'ok' | 'blocked' | 'forbidden' | 'overridden' {
  if (outstandingFen <= 0) return 'ok';
  if (!override) return 'blocked';
  return mayOverride ? 'overridden' : 'forbidden';
}
