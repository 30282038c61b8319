import type { Tx } from '../../db/database.js';
import { applyPaging, applySort, containsCi } from '../../db/query.js';
import type { CallsTable } from '../../db/schema.js';

export type CallRow = CallsTable & { ticket_number: string | null; taken_by_name: string | null };
const SORT = { at: 'c.at', callbackDueAt: 'c.callback_due_at' };

function selectCalls(db: Tx) {
  return db.selectFrom('calls as c').leftJoin('tickets as t', 't.id', 'c.ticket_id').leftJoin('users as u', 'u.id', 'c.taken_by');
}

/** Every SQL statement about the call log. */
export const callsRepository = {
  async list(db: Tx, f: { projectIds: string[]; q?: string; callbackPending?: boolean; overdueBefore?: string }, p: { page: number; pageSize: number; sort?: string }): Promise<{ rows: CallRow[]; total: number }> {
    if (f.projectIds.length === 0) return { rows: [], total: 0 };
    const base = selectCalls(db).where('c.project_id', 'in', f.projectIds)
      .$if(!!f.q, (q) => q.where((eb) => eb.or([containsCi('c.number', f.q!), containsCi('c.caller_name', f.q!), containsCi('c.key_points', f.q!)])))
      .$if(f.callbackPending === true, (q) => q.where('c.callback_needed', '=', 1).where('c.callback_done_at', 'is', null))
      .$if(!!f.overdueBefore, (q) => q.where('c.callback_needed', '=', 1).where('c.callback_done_at', 'is', null).where('c.callback_due_at', '<', f.overdueBefore!));
    const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await applyPaging(applySort(base.selectAll('c').select(['t.number as ticket_number', 'u.display_name as taken_by_name']), p.sort, SORT, '-at'), p).execute();
    return { rows, total: Number(n) };
  },

  findById(db: Tx, id: string): Promise<CallRow | undefined> {
    return selectCalls(db).selectAll('c').select(['t.number as ticket_number', 'u.display_name as taken_by_name']).where('c.id', '=', id).executeTakeFirst();
  },

  /** Callbacks still owed in the projects, soonest first (the desk view). */
  pendingCallbacks(db: Tx, projectIds: string[]): Promise<CallRow[]> {
    if (projectIds.length === 0) return Promise.resolve([]);
    return selectCalls(db).selectAll('c').select(['t.number as ticket_number', 'u.display_name as taken_by_name'])
      .where('c.project_id', 'in', projectIds).where('c.callback_needed', '=', 1).where('c.callback_done_at', 'is', null).orderBy('c.callback_due_at').limit(50).execute();
  },

  residentByPhone(db: Tx, projectId: string, phone: string) {
    return db.selectFrom('residents').select(['id', 'name']).where('project_id', '=', projectId).where('phone', '=', phone).orderBy('id').executeTakeFirst();
  },

  async insert(db: Tx, row: CallsTable) {
    await db.insertInto('calls').values(row).execute();
  },

  async markCallbackDone(db: Tx, id: string, at: string, note: string): Promise<boolean> {
    const r = await db.updateTable('calls').set({ callback_done_at: at, callback_note: note }).where('id', '=', id).where('callback_needed', '=', 1).where('callback_done_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /** Links the ticket once: a call becomes at most one ticket. */
  async linkTicket(db: Tx, id: string, ticketId: string): Promise<boolean> {
    const r = await db.updateTable('calls').set({ ticket_id: ticketId }).where('id', '=', id).where('ticket_id', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
};
