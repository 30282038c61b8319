import { describe, expect, it } from 'vitest';
import { TicketKind, TicketStatus } from '@propdesk/contracts';
import { ACTION_PERMISSION, initialStatus, mayFire, nextState, requireNext, TICKET_ACTIONS, visitResult, type TicketAction, type TicketState } from './ticket.state.js';

/**
 * The expected workflow, written out by hand per kind (not derived from the code under test):
 * "action: from>to …". Every (status, action) pair NOT listed must be refused.
 * On hold, the ticket had been dispatched (repair, help) or was new (the other kinds).
 */
const SHARED = `
hold: new>on_hold dispatched>on_hold in_progress>on_hold reopened>on_hold
cancel: new>cancelled dispatched>cancelled on_hold>cancelled reopened>cancelled
transfer: new>new dispatched>dispatched in_progress>in_progress on_hold>on_hold resolved>resolved visited>visited reopened>reopened
comment: new>new dispatched>dispatched in_progress>in_progress on_hold>on_hold resolved>resolved visited>visited reopened>reopened cancelled>cancelled
`;
const EXPECTED: Record<TicketKind, string> = {
  repair: `${SHARED}
dispatch: new>dispatched reopened>dispatched
start: dispatched>in_progress
work_done: in_progress>resolved
work_returned: dispatched>new in_progress>new on_hold>on_hold
resume: on_hold>dispatched
visit: resolved>visited
reopen: resolved>reopened visited>reopened
close: visited>closed`,
  help: `${SHARED}
dispatch: new>dispatched reopened>dispatched
start: dispatched>in_progress
work_done: in_progress>resolved
work_returned: dispatched>new in_progress>new on_hold>on_hold
resume: on_hold>dispatched
resolve: new>resolved reopened>resolved
reopen: resolved>reopened
close: resolved>closed`,
  complaint: `${SHARED}
resume: on_hold>new
resolve: new>resolved reopened>resolved
visit: resolved>visited
reopen: resolved>reopened visited>reopened
close: visited>closed`,
  consultation: `${SHARED}
resume: on_hold>new
resolve: new>resolved reopened>resolved
reopen: resolved>reopened
close: resolved>closed`,
  suggestion: `${SHARED}
resume: on_hold>new
resolve: new>resolved reopened>resolved
reopen: resolved>reopened
close: resolved>closed`,
  praise: `${SHARED}
resume: on_hold>new
resolve: new>resolved reopened>resolved
reopen: resolved>reopened
close: resolved>closed`,
};

function parse(spec: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of spec.split('\n').filter((l) => l.trim())) {
    const [action, pairs] = line.split(':') as [string, string];
    for (const pair of pairs.trim().split(/\s+/)) {
      const [from, to] = pair.split('>') as [string, string];
      out.set(`${from}|${action.trim()}`, to);
    }
  }
  return out;
}

const stateOf = (kind: TicketKind, status: TicketStatus): TicketState => ({
  kind,
  status,
  statusBeforeHold: status === 'on_hold' ? (kind === 'repair' || kind === 'help' ? 'dispatched' : 'new') : null,
  reopenCount: 0,
});

const eventOf = (action: TicketAction) =>
  action === 'visit' ? ({ action, outcome: 'satisfied', attempt: 1, maxAttempts: 3 } as const) : ({ action } as { action: Exclude<TicketAction, 'visit'> });

describe.each(TicketKind.options)('ticket workflow of a %s', (kind) => {
  const expected = parse(EXPECTED[kind]);
  const cases = TicketStatus.options.flatMap((status) => TICKET_ACTIONS.map((action) => [status, action] as const));

  it.each(cases)(`from %s, action %s`, (status, action) => {
    const want = expected.get(`${status}|${action}`) ?? null;
    const got = nextState(stateOf(kind, status), eventOf(action));
    expect(got?.status ?? null).toBe(want);
    expect(mayFire(stateOf(kind, status), action)).toBe(want !== null);
    if (want === null) {
      expect(() => requireNext(stateOf(kind, status), eventOf(action))).toThrow(expect.objectContaining({ status: 409, code: 'invalid_transition', details: { from: status, action } }));
    }
  });
});

describe('ticket workflow details', () => {
  it('remembers where a hold came from and resumes there', () => {
    const held = nextState({ kind: 'repair', status: 'in_progress', statusBeforeHold: null, reopenCount: 0 }, { action: 'hold' });
    expect(held).toEqual({ status: 'on_hold', statusBeforeHold: 'in_progress' });
    expect(nextState({ kind: 'repair', ...held!, reopenCount: 0 }, { action: 'resume' })).toEqual({ status: 'in_progress', statusBeforeHold: null });
    // A hold without a remembered state cannot resume (corrupt row): refused, not guessed.
    expect(nextState({ kind: 'repair', status: 'on_hold', statusBeforeHold: null, reopenCount: 0 }, { action: 'resume' })).toBeNull();
  });

  it('sends a returned work order back to "new", or to "reopened" when the resident had reopened it', () => {
    expect(nextState({ kind: 'repair', status: 'in_progress', statusBeforeHold: null, reopenCount: 0 }, { action: 'work_returned' })?.status).toBe('new');
    expect(nextState({ kind: 'repair', status: 'in_progress', statusBeforeHold: null, reopenCount: 1 }, { action: 'work_returned' })?.status).toBe('reopened');
    expect(nextState({ kind: 'help', status: 'dispatched', statusBeforeHold: null, reopenCount: 2 }, { action: 'work_returned' })?.status).toBe('reopened');
  });

  it('keeps a held ticket on hold when its work order is returned, resuming to "waiting for dispatch"', () => {
    expect(nextState({ kind: 'repair', status: 'on_hold', statusBeforeHold: 'in_progress', reopenCount: 0 }, { action: 'work_returned' })).toEqual({ status: 'on_hold', statusBeforeHold: 'new' });
    expect(nextState({ kind: 'repair', status: 'on_hold', statusBeforeHold: 'dispatched', reopenCount: 1 }, { action: 'work_returned' })).toEqual({ status: 'on_hold', statusBeforeHold: 'reopened' });
    // Held before any dispatch: there is no work order to return.
    expect(nextState({ kind: 'repair', status: 'on_hold', statusBeforeHold: 'new', reopenCount: 0 }, { action: 'work_returned' })).toBeNull();
    expect(nextState({ kind: 'complaint', status: 'on_hold', statusBeforeHold: 'new', reopenCount: 0 }, { action: 'work_returned' })).toBeNull();
  });

  it.each([
    ['satisfied', 1, 3, 'visited', 'satisfied'],
    ['basically_satisfied', 1, 3, 'visited', 'basically_satisfied'],
    ['unsatisfied', 1, 3, 'reopened', 'unsatisfied'],
    ['unreachable', 1, 3, 'resolved', null],
    ['unreachable', 2, 3, 'resolved', null],
    ['unreachable', 3, 3, 'visited', 'unreachable'],
    ['unreachable', 1, 1, 'visited', 'unreachable'],
  ] as const)('a return visit "%s" on attempt %i of %i leads to %s (satisfaction %s)', (outcome, attempt, max, status, satisfaction) => {
    expect(visitResult(outcome, attempt, max)).toEqual({ status, satisfaction });
    expect(nextState({ kind: 'complaint', status: 'resolved', statusBeforeHold: null, reopenCount: 0 }, { action: 'visit', outcome, attempt, maxAttempts: max })?.status).toBe(status);
  });

  it('resolves a consultation answered on the spot at intake; everything else starts new', () => {
    expect(initialStatus('consultation', true)).toBe('resolved');
    expect(initialStatus('consultation', false)).toBe('new');
    for (const kind of ['repair', 'complaint', 'suggestion', 'help', 'praise'] as const) expect(initialStatus(kind, true)).toBe('new');
  });

  it('names the permission of every action', () => {
    expect(ACTION_PERMISSION).toEqual({
      dispatch: 'tickets.dispatch', start: 'work_orders.work', work_done: 'work_orders.work', work_returned: 'work_orders.work',
      hold: 'tickets.handle', resume: 'tickets.handle', resolve: 'tickets.handle', reopen: 'tickets.handle', comment: 'tickets.handle',
      visit: 'tickets.visit', cancel: 'tickets.close', close: 'tickets.close', transfer: 'tickets.transfer',
    });
  });
});
