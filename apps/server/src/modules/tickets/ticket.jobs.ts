/**
 * The hold-resume job: a ticket put on hold until a time (挂起，恢复时间) goes back to work by
 * itself when that time comes, through the same path as a person's resume (its timeline entry
 * shows 系统 / System). Safe with several server processes on one database:
 *   - a job lease lets one process run it per minute (the others skip);
 *   - should two runs overlap anyway, or a person resume the ticket at the same moment, the
 *     version check of the resume lets exactly one of them change it; the others skip it.
 */
import type { Database } from '../../db/database.js';
import { AppError } from '../../http/errors.js';
import { PROCESS_HOLDER, takeJobLease } from '../../jobs/leases.js';
import { ticketRepository } from './ticket.repository.js';
import { SYSTEM } from './ticket.service.js';
import { resumeHeld } from './ticket.transitions.js';

export const HOLD_RESUME_JOB = 'hold_resume';
/** A little under the one-minute interval, so the next minute's run finds the lease free. */
export const HOLD_RESUME_LEASE_SECONDS = 55;

export interface HoldResumeOptions {
  /** Lease holder (default: this process). */
  holder?: string;
  batchSize?: number;
}

export interface HoldResumeResult {
  /** false: another process holds the lease, nothing was done. */
  leased: boolean;
  /** Due holds found. */
  examined: number;
  /** Tickets this call resumed. */
  resumed: number;
  /** Tickets someone else resumed, cancelled or changed first (left as they are). */
  skipped: number;
  /** Tickets that could not be resumed (tried again next minute); the first error. */
  failed: number;
  firstError?: string;
}

/** The job as the runner calls it: take the minute's lease, then resume what is due. */
export async function resumeDueHolds(database: Database, now: string, opts: HoldResumeOptions = {}): Promise<HoldResumeResult> {
  const leased = await takeJobLease(database.db, HOLD_RESUME_JOB, opts.holder ?? PROCESS_HOLDER, now, HOLD_RESUME_LEASE_SECONDS);
  if (!leased) return { leased: false, examined: 0, resumed: 0, skipped: 0, failed: 0 };
  return { leased: true, ...(await resumeHolds(database, now, opts.batchSize)) };
}

/**
 * Resumes every ticket on hold whose resume time is at or before `now`, in batches, one
 * transaction each (without the lease: also what tests run concurrently).
 */
export async function resumeHolds(database: Database, now: string, batchSize = 200): Promise<Omit<HoldResumeResult, 'leased'>> {
  let examined = 0;
  let resumed = 0;
  let skipped = 0;
  let failed = 0;
  let firstError: string | undefined;
  let afterId = '';
  for (;;) {
    // Read outside any transaction: on SQLite a query on `db` inside one would wait forever.
    const batch = await ticketRepository.dueHolds(database.db, now, afterId, batchSize);
    if (batch.length === 0) break;
    afterId = batch[batch.length - 1]!.id;
    examined += batch.length;
    for (const t of batch) {
      try {
        if (await resumeOne(database, t.id, now)) resumed++;
        else skipped++;
      } catch (err) {
        // 409: someone resumed or changed it between our read and our update; that change stands.
        if (err instanceof AppError && err.status === 409) {
          skipped++;
          continue;
        }
        failed++;
        firstError ??= `${t.number}: ${err instanceof Error ? err.message : String(err)}`;
      }
    }
    if (batch.length < batchSize) break;
  }
  return { examined, resumed, skipped, failed, ...(firstError ? { firstError } : {}) };
}

/** Resumes one ticket if it is still on hold and due; false when it no longer is. */
async function resumeOne(database: Database, id: string, now: string): Promise<boolean> {
  return database.db.transaction().execute(async (tx) => {
    const t = await ticketRepository.findRaw(tx, id);
    if (!t || t.status !== 'on_hold' || t.hold_until === null || t.hold_until > now) return false;
    // The clocks count again from the end of the hold the desk agreed, not from when the job got to it.
    await resumeHeld(tx, SYSTEM, t, t.hold_until, { automatic: true, holdUntil: t.hold_until });
    return true;
  });
}
