/**
 * Pure: the item-release slip (大件物品放行条).
 *
 *   awaiting_owner 待业主确认 (a tenant's application) → submitted 待审批 → approved 已批准 → released 已放行 (once)
 *   rejected 已驳回 (from awaiting_owner / submitted) · cancelled 已取消 (before release)
 */
import type { ItemReleaseStatus, Permission, Relation } from '@propdesk/contracts';
import { AppError } from '../../http/errors.js';

export const ITEM_RELEASE_ACTIONS = ['confirm_owner', 'approve', 'reject', 'release', 'cancel'] as const;
export type ItemReleaseAction = (typeof ITEM_RELEASE_ACTIONS)[number];

const TRANSITIONS: Record<ItemReleaseAction, { from: readonly ItemReleaseStatus[]; to: ItemReleaseStatus }> = {
  confirm_owner: { from: ['awaiting_owner'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'approved' },
  reject: { from: ['awaiting_owner', 'submitted'], to: 'rejected' },
  release: { from: ['approved'], to: 'released' },
  cancel: { from: ['awaiting_owner', 'submitted', 'approved'], to: 'cancelled' },
};

/** Guards release; the desk takes applications and the owner's word; staff with approval power decide. */
export const ITEM_RELEASE_PERMISSION: Record<ItemReleaseAction, Permission> = {
  confirm_owner: 'resident_services.apply',
  approve: 'resident_services.approve',
  reject: 'resident_services.approve',
  release: 'gate.verify',
  cancel: 'resident_services.apply',
};

/** A tenant's application waits for the owner's confirmation unless it came with it. */
export function initialReleaseStatus(relation: Relation, hasOwnerConfirmation: boolean): ItemReleaseStatus {
  return relation === 'tenant' && !hasOwnerConfirmation ? 'awaiting_owner' : 'submitted';
}

export function nextReleaseStatus(from: ItemReleaseStatus, action: ItemReleaseAction): ItemReleaseStatus | null {
  const t = TRANSITIONS[action];
  return t.from.includes(from) ? t.to : null;
}

const STATUS_ZH: Record<ItemReleaseStatus, string> = { awaiting_owner: '待业主确认', submitted: '待审批', approved: '已批准', released: '已放行', rejected: '已驳回', cancelled: '已取消' };
const ACTION_ZH: Record<ItemReleaseAction, string> = { confirm_owner: '登记业主确认', approve: '批准', reject: '驳回', release: '放行', cancel: '取消' };

export function requireReleaseNext(from: ItemReleaseStatus, action: ItemReleaseAction): ItemReleaseStatus {
  const to = nextReleaseStatus(from, action);
  if (to === null) {
    if (action === 'approve' && from === 'awaiting_owner') {
      throw new AppError(409, 'owner_confirmation_required', {
        zh: '租户申请放行须先登记业主确认（确认人与确认方式）', en: 'A tenant\'s application needs the owner\'s confirmation (who and how) before approval',
      });
    }
    throw new AppError(409, 'invalid_transition', {
      zh: `放行条当前状态为“${STATUS_ZH[from]}”，不能${ACTION_ZH[action]}`,
      en: `An item release that is ${from} cannot be given the action "${action}"`,
    }, { from, action });
  }
  return to;
}
