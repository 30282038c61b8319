/** Pure rules for maintenance / reception / security teams (班组). */

import type { RemovalBlocker } from '../zones/zones.policy.js';

export interface TeamMembership {
  memberIds: string[];
  leaderId: string | null;
}

/**
 * The members and leader a team ends up with. The leader is always a member: a leader named
 * without being listed joins the team; a leader removed from the members stops leading it.
 */
export function resolveMembership(
  current: TeamMembership,
  change: { memberIds?: readonly string[]; leaderId?: string | null },
): TeamMembership {
  const members = [...new Set(change.memberIds ?? current.memberIds)];
  let leaderId = change.leaderId !== undefined ? change.leaderId : current.leaderId;
  if (change.leaderId != null && !members.includes(change.leaderId)) members.push(change.leaderId);
  if (leaderId !== null && !members.includes(leaderId)) leaderId = null;
  return { memberIds: members, leaderId };
}

/** Members to add and to remove to go from one list to the other (the rest stay untouched). */
export function membershipDiff(before: readonly string[], after: readonly string[]): { add: string[]; remove: string[] } {
  const b = new Set(before);
  const a = new Set(after);
  return { add: after.filter((id) => !b.has(id)), remove: before.filter((id) => !a.has(id)) };
}

/** What still points at a team (counted in the database) when someone asks to remove it. */
export interface TeamUsage {
  /** Names of the zones whose requests are routed to the team (zones.team_id). */
  zoneNames: string[];
  /** People on the team (team_members; the leader is one of them). */
  members: number;
  /** Work orders still in someone's hands (issued / accepted / working). */
  openWorkOrders: number;
  /** Finished, returned or transferred work orders: history. */
  closedWorkOrders: number;
  /** Tickets dispatched to the team or with a valid complaint against it: history. */
  tickets: number;
}

/**
 * Why a team cannot be removed; empty when it can. A zone routing to it, members or open work
 * orders must be dealt with first. Teams have no "inactive" state, and work orders and tickets
 * keep the team that did the work: a team with such history stays (it may be renamed).
 */
export function teamRemovalBlockers(usage: TeamUsage): RemovalBlocker[] {
  const blockers: RemovalBlocker[] = [];
  if (usage.zoneNames.length > 0) {
    const names = usage.zoneNames.map((n) => `“${n}”`).join('、');
    blockers.push({
      reason: 'zones', count: usage.zoneNames.length,
      zh: `它仍是责任区${names}的负责班组，请先给${usage.zoneNames.length > 1 ? '这些' : '该'}责任区改派班组`,
      en: `it is still the team of zone(s) ${usage.zoneNames.map((n) => `"${n}"`).join(', ')}: give ${usage.zoneNames.length > 1 ? 'those zones' : 'that zone'} another team first`,
    });
  }
  if (usage.members > 0) {
    blockers.push({
      reason: 'members', count: usage.members,
      zh: `还有 ${usage.members} 名成员，请先将他们移出班组`,
      en: `it still has ${usage.members} member(s): remove them from the team first`,
    });
  }
  if (usage.openWorkOrders > 0) {
    blockers.push({
      reason: 'open_work_orders', count: usage.openWorkOrders,
      zh: `还有 ${usage.openWorkOrders} 张未完成的派工单，请先完成或转派`,
      en: `${usage.openWorkOrders} work order(s) are still open: finish or transfer them first`,
    });
  }
  const history = usage.closedWorkOrders + usage.tickets;
  if (history > 0) {
    const zh = [usage.closedWorkOrders > 0 ? `${usage.closedWorkOrders} 张派工单` : '', usage.tickets > 0 ? `${usage.tickets} 张工单` : ''].filter(Boolean).join('、');
    const en = [usage.closedWorkOrders > 0 ? `${usage.closedWorkOrders} work order(s)` : '', usage.tickets > 0 ? `${usage.tickets} ticket(s)` : ''].filter(Boolean).join(' and ');
    blockers.push({
      reason: 'history', count: history,
      zh: `已有 ${zh}记录了该班组，为保留服务历史不能删除（可改名继续使用）`,
      en: `${en} record this team and their history must stay, so it cannot be removed (you may rename it instead)`,
    });
  }
  return blockers;
}
