/**
 * The escalation job: every minute, find open tickets whose SLA targets reach the warning share
 * or are breached, and record each escalation once. Safe with several server processes on one
 * database:
 *   - a job lease lets one process scan per minute (the others skip);
 *   - should two scans overlap anyway (an expired lease, a slow scan), the unique key on
 *     (ticket, cycle, target, reason, level) lets exactly one record each escalation, and the
 *     ticket's level only ever rises within a cycle (`where escalation_level < level`).
 * The cycle is the ticket's reopen_count: reopening sets new due times and the level back to 0,
 * so the new targets escalate again.
 */
import type { Priority, SlaTarget, TicketKind } from '@propdesk/contracts';
import type { Database } from '../../db/database.js';
import { PROCESS_HOLDER, takeJobLease } from '../../jobs/leases.js';
import type { ClockKind } from '../sla/sla.clock.js';
import { loadSlaSetup, type SlaSetup } from '../sla/sla.service.js';
import { ESCALATING_STATUSES, escalationKey, escalationsDue, type DueEscalation } from './escalations.policy.js';
import { escalationsRepository as repo } from './escalations.repository.js';
import { recordEscalation } from './escalations.service.js';

export const ESCALATION_JOB = 'escalation_scan';
/** A little under the one-minute interval, so the next minute's run finds the lease free. */
export const ESCALATION_LEASE_SECONDS = 55;

export interface ScanOptions {
  /** Lease holder (default: this process). */
  holder?: string;
  batchSize?: number;
}

export interface ScanResult {
  /** false: another process holds the lease, nothing was done. */
  leased: boolean;
  /** Open tickets with a due time not yet met that were examined. */
  examined: number;
  /** Escalations this call recorded. */
  recorded: number;
  /** Tickets that could not be judged or recorded (skipped, tried again next minute); the first error. */
  failed: number;
  firstError?: string;
}

type ScanRow = Awaited<ReturnType<typeof repo.openTicketsWithDueTimes>>[number];

/** What the policy says this ticket has earned by `now`. */
function dueFor(t: ScanRow, setup: SlaSetup, now: string): DueEscalation[] {
  const policy = setup.policyFor(t.kind as TicketKind, t.priority as Priority);
  const lengths: Record<SlaTarget, number | null> = { response: policy.responseMinutes, arrival: policy.arrivalMinutes, resolution: policy.resolutionMinutes };
  return escalationsDue(
    {
      status: t.status,
      clock: (t.sla_clock as ClockKind | null) ?? policy.clock,
      dueAt: { response: t.response_due_at, arrival: t.arrival_due_at, resolution: t.resolution_due_at },
      metAt: { response: t.responded_at, arrival: t.arrived_at, resolution: t.resolved_at },
      lengthMinutes: lengths,
    },
    setup.calendar,
    policy.warnPercent,
    now,
  );
}

/** The job as the runner calls it: take the minute's lease, then scan. */
export async function escalationScan(database: Database, now: string, opts: ScanOptions = {}): Promise<ScanResult> {
  const leased = await takeJobLease(database.db, ESCALATION_JOB, opts.holder ?? PROCESS_HOLDER, now, ESCALATION_LEASE_SECONDS);
  if (!leased) return { leased: false, examined: 0, recorded: 0, failed: 0 };
  return { leased: true, ...(await scanEscalations(database, now, opts.batchSize)) };
}

/**
 * The scan itself, without the lease (also what tests run concurrently to show that the unique
 * key alone keeps every escalation single).
 */
export async function scanEscalations(database: Database, now: string, batchSize = 500): Promise<Omit<ScanResult, 'leased'>> {
  const db = database.db;
  const setups = new Map<string, SlaSetup>();
  // Read outside any transaction: on SQLite a query on `db` inside one would wait forever.
  const setupOf = async (projectId: string) => {
    let s = setups.get(projectId);
    if (!s) setups.set(projectId, (s = await loadSlaSetup(db, projectId)));
    return s;
  };
  let examined = 0;
  let recorded = 0;
  let failed = 0;
  let firstError: string | undefined;
  for (const status of ESCALATING_STATUSES) {
    let afterId = '';
    for (;;) {
      const batch = await repo.openTicketsWithDueTimes(db, status, afterId, batchSize);
      if (batch.length === 0) break;
      afterId = batch[batch.length - 1]!.id;
      examined += batch.length;
      const done = new Set((await repo.recordedFor(db, batch.map((t) => t.id))).map((e) => `${e.ticket_id}|${e.cycle}|${escalationKey(e)}`));
      for (const t of batch) {
        // One ticket that cannot be judged (bad data, a lost connection) must not hold up the others.
        try {
          recorded += await escalateTicket(database, t, await setupOf(t.project_id), now, done);
        } catch (err) {
          failed++;
          firstError ??= `${t.number}: ${err instanceof Error ? err.message : String(err)}`;
        }
      }
      if (batch.length < batchSize) break;
    }
  }
  return { examined, recorded, failed, ...(firstError ? { firstError } : {}) };
}

/** Records what the ticket has earned and not yet got, in one transaction; the number recorded. */
async function escalateTicket(database: Database, t: ScanRow, setup: SlaSetup, now: string, done: ReadonlySet<string>): Promise<number> {
  // Only this cycle's escalations count as already recorded: the earlier cycles' targets were other due times.
  const fresh = dueFor(t, setup, now).filter((e) => !done.has(`${t.id}|${t.reopen_count}|${escalationKey(e)}`));
  if (fresh.length === 0) return 0;
  return database.db.transaction().execute(async (tx) => {
    // Judge the ticket as it is now: it may have been resolved or put on hold since the batch was read.
    const current = await repo.ticketForScan(tx, t.id);
    if (!current) return 0;
    let n = 0;
    for (const e of dueFor(current, setup, now)) {
      const input = { ticketId: current.id, projectId: current.project_id, ticketNumber: current.number, cycle: current.reopen_count, level: e.level, target: e.target, reason: e.reason, dueAt: e.dueAt, actor: null };
      if (await recordEscalation(tx, input)) n++;
    }
    return n;
  });
}
