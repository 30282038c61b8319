import { describe, expect, it } from 'vitest';
import type { CreateTicketBody } from '@propdesk/contracts';
import type { Grant } from '../auth/auth.policy.js';
import { endOfLocalDay, inTicketScope, intakeProblems, isOverdue, localDate, localDateTime, ticketNumber, ticketScope, titleFrom, visitProblems, workOrderNumber } from './ticket.policy.js';

const grant = (path: string, ...permissions: string[]): Grant => ({ orgUnitId: path.split('/').filter(Boolean).at(-1)!, path, permissions: new Set(permissions) });
const projects = [
  { id: 'pa', path: '/g/c/ctr1/pa/' },
  { id: 'pb', path: '/g/c/ctr1/pb/' },
  { id: 'pc', path: '/g/c/ctr2/pc/' },
];

describe('numbers and business dates', () => {
  it('writes BX-YYYYMMDD-NNNN with the kind prefix, and PG- for work orders', () => {
    expect(ticketNumber('repair', '2026-11-29', 7)).toBe('BX-20261129-0007');
    expect(ticketNumber('complaint', '2026-11-29', 1)).toBe('TS-20261129-0001');
    expect(ticketNumber('consultation', '2026-01-02', 12)).toBe('ZX-20260102-0012');
    expect(ticketNumber('suggestion', '2026-01-02', 9999)).toBe('JY-20260102-9999');
    expect(ticketNumber('help', '2026-01-02', 10000)).toBe('QZ-20260102-10000');
    expect(ticketNumber('praise', '2026-01-02', 3)).toBe('BY-20260102-0003');
    expect(workOrderNumber('2026-11-29', 3)).toBe('PG-20261129-0003');
  });

  it('takes the date in the project\'s zone: 17:30 UTC is already tomorrow in Shanghai', () => {
    expect(localDate('2026-11-29T15:59:59.000Z', 'Asia/Shanghai')).toBe('2026-11-29');
    expect(localDate('2026-11-29T16:00:00.000Z', 'Asia/Shanghai')).toBe('2026-11-30');
    expect(localDate('2026-11-29T16:00:00.000Z', 'Europe/London')).toBe('2026-11-29');
    expect(endOfLocalDay('2026-11-29T03:00:00.000Z', 'Asia/Shanghai')).toBe('2026-11-29T16:00:00.000Z');
    expect(localDateTime('2026-11-29T11:41:00.000Z', 'Asia/Shanghai')).toBe('2026-11-29 19:41');
    expect(localDateTime(null, 'Asia/Shanghai')).toBe('');
  });

  it('makes a title from the first line of the description', () => {
    expect(titleFrom('水管漏水\n楼下渗水')).toBe('水管漏水');
    expect(titleFrom('x'.repeat(80))).toBe(`${'x'.repeat(59)}…`);
  });
});

describe('ticket scope', () => {
  it('reaches the projects under a grant, and the centers a supervisor is granted at (联动)', () => {
    const rec = ticketScope([grant('/g/c/ctr1/pa/', 'tickets.read')], projects, 'tickets.read');
    expect(rec).toEqual({ projectIds: ['pa'], centerIds: [] });
    const sup = ticketScope([grant('/g/c/ctr1/', 'tickets.read')], projects, 'tickets.read');
    expect(sup).toEqual({ projectIds: ['pa', 'pb'], centerIds: ['ctr1'] });
    const admin = ticketScope([grant('/g/', 'tickets.read')], projects, 'tickets.read');
    expect(admin.projectIds).toEqual(['pa', 'pb', 'pc']);
    expect(admin.centerIds.sort()).toEqual(['ctr1', 'ctr2']);
    expect(ticketScope([grant('/g/c/ctr1/', 'tickets.create')], projects, 'tickets.read')).toEqual({ projectIds: [], centerIds: [] });
  });

  it('lets a center see a ticket handed to it, but not a project\'s receptionist of another project', () => {
    const handed = { project_id: 'pa', center_id: 'ctr2' };
    expect(inTicketScope(ticketScope([grant('/g/c/ctr2/', 'tickets.read')], projects, 'tickets.read'), handed)).toBe(true);
    expect(inTicketScope(ticketScope([grant('/g/c/ctr2/pc/', 'tickets.read')], projects, 'tickets.read'), handed)).toBe(false);
    expect(inTicketScope(ticketScope([grant('/g/c/ctr1/pa/', 'tickets.read')], projects, 'tickets.read'), handed)).toBe(true);
    expect(inTicketScope(ticketScope([grant('/g/c/ctr1/pb/', 'tickets.read')], projects, 'tickets.read'), handed)).toBe(false);
  });
});

describe('intake rules', () => {
  const base = { projectId: 'pa', kind: 'repair', channel: 'phone', priority: 'normal', major: false, description: '漏水', unitId: 'u1', requesterResidentId: 'r1' } as CreateTicketBody;
  const paths = (b: Partial<CreateTicketBody>) => intakeProblems({ ...base, ...b } as CreateTicketBody).map((p) => p.path);

  it('accepts a repair of a unit by a known resident, or a public area by name and phone', () => {
    expect(paths({})).toEqual([]);
    expect(paths({ unitId: undefined, location: '大门', requesterResidentId: undefined, requesterName: '王', requesterPhone: '13800000000' })).toEqual([]);
    expect(paths({ kind: 'consultation', unitId: undefined, answer: '周一至周五' })).toEqual([]);
  });

  it.each([
    [{ location: '大门' }, 'body.location'],
    [{ zoneId: 'z1' }, 'body.zoneId'],
    [{ unitId: undefined }, 'body.unitId'],
    [{ requesterResidentId: undefined }, 'body.requesterResidentId'],
    [{ requesterResidentId: undefined, requesterName: '王' }, 'body.requesterPhone'],
    [{ major: true }, 'body.major'],
    [{ answer: '好' }, 'body.answer'],
    [{ kind: 'complaint', paid: true }, 'body.paid'],
    [{ unitId: undefined, location: '大门', paid: false }, 'body.paid'],
    [{ appointmentTo: '2026-12-01T10:00:00Z' }, 'body.appointmentFrom'],
    [{ appointmentFrom: '2026-12-01T10:00:00Z', appointmentTo: '2026-12-01T10:00:00Z' }, 'body.appointmentTo'],
  ] as [Partial<CreateTicketBody>, string][])('refuses %o at %s', (patch, path) => {
    expect(paths(patch)).toEqual([path]);
  });

  it('lets a complaint be major and carry no place', () => {
    expect(paths({ kind: 'complaint', major: true, unitId: undefined })).toEqual([]);
  });
});

describe('return visit rules', () => {
  it('rates only a reached resident, the technician only of a repair, a valid complaint only of a complaint against someone', () => {
    expect(visitProblems('repair', { outcome: 'satisfied', serviceRating: 5, technicianRating: 4 })).toEqual([]);
    expect(visitProblems('repair', { outcome: 'unreachable', serviceRating: 5 }).map((p) => p.path)).toEqual(['body.serviceRating']);
    expect(visitProblems('complaint', { outcome: 'satisfied', technicianRating: 4 }).map((p) => p.path)).toEqual(['body.technicianRating']);
    expect(visitProblems('complaint', { outcome: 'satisfied', validComplaint: { againstTeamId: 't1' } })).toEqual([]);
    expect(visitProblems('complaint', { outcome: 'satisfied', validComplaint: {} }).map((p) => p.path)).toEqual(['body.validComplaint.againstUserId']);
    expect(visitProblems('repair', { outcome: 'satisfied', validComplaint: { againstUserId: 'u1' } }).map((p) => p.path)).toEqual(['body.validComplaint']);
  });
});

describe('overdue', () => {
  const open = { status: 'new', response_due_at: '2026-11-29T02:00:00.000Z', arrival_due_at: null, resolution_due_at: '2026-11-30T02:00:00.000Z', responded_at: null, arrived_at: null, resolved_at: null };
  it('is a due time passed with its target unmet, while the ticket is open', () => {
    expect(isOverdue(open, '2026-11-29T01:59:00.000Z')).toBe(false);
    expect(isOverdue(open, '2026-11-29T02:01:00.000Z')).toBe(true);
    expect(isOverdue({ ...open, responded_at: '2026-11-29T01:00:00.000Z' }, '2026-11-29T02:01:00.000Z')).toBe(false);
    expect(isOverdue({ ...open, responded_at: '2026-11-29T01:00:00.000Z' }, '2026-11-30T02:01:00.000Z')).toBe(true);
    for (const status of ['on_hold', 'resolved', 'visited', 'closed', 'cancelled']) expect(isOverdue({ ...open, status }, '2026-12-30T00:00:00.000Z')).toBe(false);
  });
});
