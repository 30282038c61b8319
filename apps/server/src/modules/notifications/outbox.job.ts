import type { Database } from '../../db/database.js';
import { nowIso } from '../../lib/time.js';
import { notificationsRepository as repo } from './notifications.repository.js';
import type { OutboxMessage, OutboxSender } from './outbox.sender.js';

const CLAIM_STALE_MS = 5 * 60_000;

/** After this many failed attempts a message is marked 'failed' and left for a person to look at. */
export const OUTBOX_MAX_ATTEMPTS = 5;

export interface DeliveryResult {
  sent: number;
  /** Failed this time, will be tried again on a later run. */
  retrying: number;
  /** Failed for the last time. */
  failed: number;
}

/**
 * Sends pending outbox rows on the sender's channels, oldest first. Each attempt is claimed with
 * a conditional update before sending, so several server processes never send one message twice
 * (a crash between sending and recording can repeat a send: delivery is at least once).
 */
export async function deliverOutbox(database: Database, sender: OutboxSender, opts: { batchSize?: number; now?: () => string } = {}): Promise<DeliveryResult> {
  const db = database.db;
  const now = opts.now ?? nowIso;
  const result: DeliveryResult = { sent: 0, retrying: 0, failed: 0 };
  // A claim older than this belongs to a sender that died mid-send: the message is pending again.
  const staleBefore = new Date(Date.parse(now()) - CLAIM_STALE_MS).toISOString();
  const rows = await repo.pendingOutbox(db, [...sender.channels], opts.batchSize ?? 50, staleBefore);
  for (const row of rows) {
    if (!(await repo.claimAttempt(db, row.id, row.attempts, now(), staleBefore))) continue;
    const msg: OutboxMessage = { id: row.id, channel: row.channel as OutboxMessage['channel'], recipient: row.recipient, subject: row.subject, body: row.body };
    try {
      await sender.send(msg);
      await repo.markSent(db, row.id, now());
      result.sent++;
    } catch (err) {
      const giveUp = row.attempts + 1 >= OUTBOX_MAX_ATTEMPTS;
      await repo.markAttemptFailed(db, row.id, err instanceof Error ? err.message : String(err), giveUp);
      if (giveUp) result.failed++;
      else result.retrying++;
    }
  }
  return result;
}
