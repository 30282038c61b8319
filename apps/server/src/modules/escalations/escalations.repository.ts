import type { Tx } from '../../db/database.js';
import { applyPaging, applySort, containsCi, startsWith } from '../../db/query.js';
import type { EscalationsTable, TicketEventsTable } from '../../db/schema.js';

export type EscalationRow = EscalationsTable & { ticket_number: string; ticket_title: string };

const SORT_COLUMNS = { at: 'e.at', level: 'e.level', dueAt: 'e.due_at', acknowledgedAt: 'e.acknowledged_at', ticketNumber: 't.number' };

/** What the scan needs to judge a ticket's SLA targets. */
const SCAN_COLUMNS = [
  'id', 'project_id', 'number', 'kind', 'priority', 'status', 'sla_clock',
  'response_due_at', 'arrival_due_at', 'resolution_due_at', 'responded_at', 'arrived_at', 'resolved_at',
  // The escalation cycle: a reopened ticket's new targets escalate anew.
  'reopen_count',
] as const;

function selectEscalations(db: Tx) {
  return db.selectFrom('escalations as e').innerJoin('tickets as t', 't.id', 'e.ticket_id').selectAll('e').select(['t.number as ticket_number', 't.title as ticket_title']);
}

/** Every SQL statement about escalations (and the ticket columns the escalation job reads). */
export const escalationsRepository = {
  /**
   * Inserts the escalation unless this (ticket, cycle, target, reason, level) exists. `on conflict do
   * nothing` instead of catching the error: on PostgreSQL a failed insert aborts the transaction.
   * Returns whether this call inserted it.
   */
  async insertOnce(db: Tx, row: EscalationsTable): Promise<boolean> {
    const r = await db
      .insertInto('escalations')
      .values(row)
      .onConflict((oc) => oc.columns(['ticket_id', 'cycle', 'target', 'reason', 'level']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  },

  /** Raises the ticket's escalation level, never lowers it. */
  async raiseTicketLevel(db: Tx, ticketId: string, level: number): Promise<void> {
    await db.updateTable('tickets').set({ escalation_level: level }).where('id', '=', ticketId).where('escalation_level', '<', level).execute();
  },

  projectTimezone(db: Tx, projectId: string) {
    return db.selectFrom('org_units').select('timezone').where('id', '=', projectId).executeTakeFirst();
  },

  async insertTicketEvent(db: Tx, row: TicketEventsTable): Promise<void> {
    await db.insertInto('ticket_events').values(row).execute();
  },

  /**
   * One batch of open tickets in one status with a due time not yet met, in id order after
   * `afterId` (keyset paging on the (status, id) index).
   */
  openTicketsWithDueTimes(db: Tx, status: string, afterId: string, limit: number) {
    return db
      .selectFrom('tickets')
      .select(SCAN_COLUMNS)
      .where('status', '=', status)
      .where('id', '>', afterId)
      .where((eb) =>
        eb.or([
          eb.and([eb('response_due_at', 'is not', null), eb('responded_at', 'is', null)]),
          eb.and([eb('arrival_due_at', 'is not', null), eb('arrived_at', 'is', null)]),
          eb.and([eb('resolution_due_at', 'is not', null), eb('resolved_at', 'is', null)]),
        ]),
      )
      .orderBy('id')
      .limit(limit)
      .execute();
  },

  /** The ticket as it is now, read again inside the recording transaction. */
  ticketForScan(db: Tx, id: string) {
    return db.selectFrom('tickets').select(SCAN_COLUMNS).where('id', '=', id).executeTakeFirst();
  },

  /** Escalations already recorded for these tickets, every cycle (one query per batch). */
  recordedFor(db: Tx, ticketIds: string[]) {
    if (ticketIds.length === 0) return Promise.resolve([]);
    return db.selectFrom('escalations').select(['ticket_id', 'cycle', 'target', 'reason', 'level']).where('ticket_id', 'in', ticketIds).execute();
  },

  async list(
    db: Tx,
    f: { projectIds: string[]; level?: number; acknowledged?: boolean; q?: string },
    p: { page: number; pageSize: number; sort?: string },
  ): Promise<{ rows: EscalationRow[]; total: number }> {
    if (f.projectIds.length === 0) return { rows: [], total: 0 };
    const base = db
      .selectFrom('escalations as e')
      .innerJoin('tickets as t', 't.id', 'e.ticket_id')
      .where('e.project_id', 'in', f.projectIds)
      .$if(f.level !== undefined, (q) => q.where('e.level', '=', f.level!))
      .$if(f.acknowledged === true, (q) => q.where('e.acknowledged_at', 'is not', null))
      .$if(f.acknowledged === false, (q) => q.where('e.acknowledged_at', 'is', null))
      .$if(!!f.q, (q) => q.where((eb) => eb.or([startsWith('t.number', f.q!.toUpperCase()), containsCi('t.title', f.q!)])));
    const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const q = applySort(base.selectAll('e').select(['t.number as ticket_number', 't.title as ticket_title']), p.sort, SORT_COLUMNS, '-at', new Set(['dueAt', 'acknowledgedAt']));
    const rows = await applyPaging(q, p).execute();
    return { rows, total: Number(n) };
  },

  findById(db: Tx, id: string): Promise<EscalationRow | undefined> {
    return selectEscalations(db).where('e.id', '=', id).executeTakeFirst();
  },

  /** Acknowledges once: 0 when someone already did. */
  async acknowledge(db: Tx, id: string, userId: string, at: string): Promise<number> {
    const r = await db
      .updateTable('escalations')
      .set({ acknowledged_by: userId, acknowledged_at: at })
      .where('id', '=', id)
      .where('acknowledged_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  },
};
