/**
 * The background jobs of a server process: the escalation scan and the resume of due holds every
 * minute, the outbox delivery every 30 seconds. Started by main.ts after listen (never by buildApp: tests build apps
 * and must not run timers). Every process of a scaled-out installation runs them; job leases and
 * conditional updates in the database make sure the work is done once.
 */
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { nowIso } from '../lib/time.js';
import { escalationScan } from '../modules/escalations/escalations.scan.js';
import { deliverOutbox } from '../modules/notifications/outbox.job.js';
import { resumeDueHolds } from '../modules/tickets/ticket.jobs.js';
import { outboxSenderFor, type OutboxSender } from '../modules/notifications/outbox.sender.js';

/** The slice of a (pino) logger the jobs use. */
export interface JobLog {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface JobsHandle {
  /** Stops the timers and waits for running jobs to finish (call before closing the database). */
  stop(): Promise<void>;
}

export interface JobOptions {
  escalationEveryMs?: number;
  holdResumeEveryMs?: number;
  outboxEveryMs?: number;
  /** First run after start (default 5 s: let the server settle). */
  firstRunAfterMs?: number;
  sender?: OutboxSender;
}

export function startJobs(database: Database, config: Config, log: JobLog, opts: JobOptions = {}): JobsHandle {
  if (!config.jobs) {
    log.info({}, 'background jobs are off (PROPDESK_JOBS=0)');
    return { stop: async () => {} };
  }
  const sender = opts.sender ?? outboxSenderFor(config);
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<void>>();
  let stopped = false;

  /** Runs `job` every `ms`, never two of the same job at once in this process; errors are logged, not thrown. */
  const every = (name: string, ms: number, job: () => Promise<void>) => {
    let busy = false;
    const tick = () => {
      if (stopped || busy) return;
      busy = true;
      const p = job()
        .catch((err: unknown) => log.error({ err, job: name }, `background job ${name} failed`))
        .finally(() => {
          busy = false;
          running.delete(p);
        });
      running.add(p);
    };
    // unref: the timers alone never keep the process alive.
    timers.push(setTimeout(tick, opts.firstRunAfterMs ?? 5_000).unref(), setInterval(tick, ms).unref());
  };

  every('escalation_scan', opts.escalationEveryMs ?? 60_000, async () => {
    const r = await escalationScan(database, nowIso());
    if (r.recorded > 0) log.info({ job: 'escalation_scan', ...r }, `${r.recorded} escalation(s) recorded`);
    if (r.failed > 0) log.error({ job: 'escalation_scan', ...r }, `${r.failed} ticket(s) could not be escalated: ${r.firstError}`);
  });
  every('hold_resume', opts.holdResumeEveryMs ?? 60_000, async () => {
    const r = await resumeDueHolds(database, nowIso());
    if (r.resumed > 0) log.info({ job: 'hold_resume', ...r }, `${r.resumed} ticket(s) resumed from hold`);
    if (r.failed > 0) log.error({ job: 'hold_resume', ...r }, `${r.failed} ticket(s) could not be resumed: ${r.firstError}`);
  });
  if (sender.channels.size > 0) {
    every('deliver_outbox', opts.outboxEveryMs ?? 30_000, async () => {
      const r = await deliverOutbox(database, sender);
      if (r.sent + r.retrying + r.failed > 0) log.info({ job: 'deliver_outbox', ...r }, 'outbox delivered');
    });
  }

  return {
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      await Promise.allSettled([...running]);
    },
  };
}
