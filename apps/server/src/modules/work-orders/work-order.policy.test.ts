import { describe, expect, it } from 'vitest';
import type { Grant } from '../auth/auth.policy.js';
import { mayAssign, mayView, mayWork, workOrderVisibility, type Crew, type OrderRef } from './work-order.policy.js';

const grant = (path: string, permissions: string[]): Grant => ({ orgUnitId: 'x', path, permissions: new Set(permissions) });
const projects = [{ id: 'pa', path: '/g/c/ctr/pa/' }, { id: 'pb', path: '/g/c/ctr/pb/' }];
const TECH = ['work_orders.read', 'work_orders.work'];
const DESK = ['tickets.read', 'work_orders.read'];

describe('who sees which work orders', () => {
  it('gives the desk every order of its projects, a technician only his own', () => {
    expect(workOrderVisibility([grant('/g/c/ctr/pa/', DESK)], projects)).toEqual({ allProjectIds: ['pa'], ownProjectIds: [] });
    expect(workOrderVisibility([grant('/g/c/ctr/pa/', TECH)], projects)).toEqual({ allProjectIds: [], ownProjectIds: ['pa'] });
    expect(workOrderVisibility([grant('/g/c/ctr/', ['work_orders.read', 'work_orders.assign'])], projects)).toEqual({ allProjectIds: ['pa', 'pb'], ownProjectIds: [] });
    expect(workOrderVisibility([grant('/g/c/ctr/pa/', ['tickets.read'])], projects)).toEqual({ allProjectIds: [], ownProjectIds: [] });
  });

  const vis = { allProjectIds: [], ownProjectIds: ['pa'] };
  const me: Crew = { userId: 'me', ledTeamIds: ['led'], memberTeamIds: ['mine', 'led'] };
  it.each<[OrderRef, boolean, string]>([
    [{ project_id: 'pa', team_id: 'other', technician_id: 'me', status: 'working' }, true, 'his own'],
    [{ project_id: 'pa', team_id: 'mine', technician_id: 'colleague', status: 'accepted' }, false, 'a colleague\'s'],
    [{ project_id: 'pa', team_id: 'mine', technician_id: null, status: 'issued' }, true, 'his team\'s pool'],
    [{ project_id: 'pa', team_id: 'mine', technician_id: null, status: 'returned' }, false, 'an unassigned order that left the pool'],
    [{ project_id: 'pa', team_id: 'led', technician_id: 'colleague', status: 'accepted' }, true, 'any order of the team he leads'],
    [{ project_id: 'pb', team_id: 'led', technician_id: 'me', status: 'working' }, false, 'anything in a project he has no grant in'],
  ])('%o → %s (%s)', (order, visible) => {
    expect(mayView(order, vis, me)).toBe(visible);
  });
});

describe('who may act on a work order', () => {
  const team = { leaderId: 'lead', memberIds: ['lead', 'a', 'b'] };
  const order = (technician_id: string | null) => ({ project_id: 'pa', team_id: 't', technician_id, status: 'issued' });
  it('lets the technician and the leader work it; a member only accepts an order nobody was named for', () => {
    expect(mayWork('finish', order('a'), team, 'a')).toBe(true);
    expect(mayWork('finish', order('a'), team, 'lead')).toBe(true);
    expect(mayWork('finish', order('a'), team, 'b')).toBe(false);
    expect(mayWork('accept', order(null), team, 'b')).toBe(true);
    expect(mayWork('accept', order(null), team, 'stranger')).toBe(false);
    expect(mayWork('start', order(null), team, 'b')).toBe(false);
    expect(mayWork('accept', order('a'), team, 'b')).toBe(false);
  });

  it('lets the leader or an assigner transfer and assign', () => {
    expect(mayAssign(order('a'), team, 'lead', [])).toBe(true);
    expect(mayAssign(order('a'), team, 'a', [])).toBe(false);
    expect(mayAssign(order('a'), team, 'sup', ['pa'])).toBe(true);
    expect(mayAssign(order('a'), team, 'sup', ['pb'])).toBe(false);
  });
});
