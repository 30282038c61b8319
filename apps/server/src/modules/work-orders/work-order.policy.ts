/**
 * Pure: who sees and who may act on a work order.
 *
 * Seeing: in a project where the actor reads tickets or assigns work (desk, supervisors), every
 * work order; where he only reads work orders (a technician), his own orders, every order of the
 * teams he leads, and the orders issued to one of his teams that nobody has been named for yet
 * (the team's pool: one member accepts, and from then on it is that member's alone).
 */
import type { Permission } from '@propdesk/contracts';
import type { Grant } from '../auth/auth.policy.js';
import { ticketScope } from '../tickets/ticket.policy.js';

export interface WorkOrderVisibility {
  /** Projects where every work order shows. */
  allProjectIds: string[];
  /** Projects where only the actor's own (and his teams') orders show. */
  ownProjectIds: string[];
}

/** The actor as a member of maintenance teams. */
export interface Crew {
  userId: string;
  ledTeamIds: string[];
  memberTeamIds: string[];
}

export interface OrderRef {
  project_id: string;
  team_id: string;
  technician_id: string | null;
  status: string;
}

export interface TeamRef {
  leaderId: string | null;
  memberIds: readonly string[];
}

const projectsWith = (grants: readonly Grant[], projects: readonly { id: string; path: string }[], p: Permission) => ticketScope(grants, projects, p).projectIds;

export function workOrderVisibility(grants: readonly Grant[], projects: readonly { id: string; path: string }[]): WorkOrderVisibility {
  const read = projectsWith(grants, projects, 'work_orders.read');
  const full = new Set([...projectsWith(grants, projects, 'tickets.read'), ...projectsWith(grants, projects, 'work_orders.assign')]);
  return { allProjectIds: read.filter((id) => full.has(id)), ownProjectIds: read.filter((id) => !full.has(id)) };
}

export function mayView(o: OrderRef, vis: WorkOrderVisibility, crew: Crew): boolean {
  if (vis.allProjectIds.includes(o.project_id)) return true;
  if (!vis.ownProjectIds.includes(o.project_id)) return false;
  return o.technician_id === crew.userId || crew.ledTeamIds.includes(o.team_id) || (o.technician_id === null && o.status === 'issued' && crew.memberTeamIds.includes(o.team_id));
}

/**
 * Accept, start, finish, return: the order's technician, or the team's leader (on his behalf);
 * an order nobody was named for may be accepted by any member of its team.
 */
export function mayWork(action: 'accept' | 'start' | 'finish' | 'return', o: OrderRef, team: TeamRef, userId: string): boolean {
  if (o.technician_id === userId || team.leaderId === userId) return true;
  return action === 'accept' && o.technician_id === null && team.memberIds.includes(userId);
}

/** Transfer (转单) and naming the technician: the team's leader, or whoever assigns work in the project. */
export function mayAssign(o: OrderRef, team: TeamRef, userId: string, assignProjectIds: readonly string[]): boolean {
  return team.leaderId === userId || assignProjectIds.includes(o.project_id);
}
