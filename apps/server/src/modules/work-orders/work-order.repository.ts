import type { Expression, SqlBool } from 'kysely';
import type { Tx } from '../../db/database.js';
import { applyPaging, applySort } from '../../db/query.js';
import type { WorkOrdersTable } from '../../db/schema.js';

/** A work order with what the technician reads on it (the ticket's place, requester and description). */
export type WorkOrderRow = WorkOrdersTable & {
  ticket_number: string;
  team_name: string | null;
  technician_name: string | null;
  unit_number: string | null;
  building_name: string | null;
  location: string | null;
  requester_name: string | null;
  requester_phone: string | null;
  description: string;
  appointment_from: string | null;
  appointment_to: string | null;
  paid: number | null;
  kind: string;
  priority: string;
  category_name: string | null;
  category_name_en: string | null;
};

/**
 * Which work orders a list may show. Projects in `allProjectIds`: every order; projects in
 * `ownProjectIds`: only the user's own orders and those of the teams he leads.
 */
export interface WorkOrderFilter {
  allProjectIds: string[];
  ownProjectIds: string[];
  userId: string;
  ledTeamIds: string[];
  /** Teams the user is a member of: their unassigned issued orders are his pool. */
  memberTeamIds: string[];
  projectId?: string;
  technicianId?: string;
  teamId?: string;
  status?: string[];
  ticketId?: string;
}

const SORT_COLUMNS: Record<string, string> = {
  issuedAt: 'w.issued_at',
  updatedAt: 'w.updated_at',
  number: 'w.number',
  status: 'w.status',
  finishedAt: 'w.finished_at',
};

function selectRows(db: Tx) {
  return db
    .selectFrom('work_orders as w')
    .innerJoin('tickets as t', 't.id', 'w.ticket_id')
    .leftJoin('teams as tm', 'tm.id', 'w.team_id')
    .leftJoin('users as tech', 'tech.id', 'w.technician_id')
    .leftJoin('units as u', 'u.id', 't.unit_id')
    .leftJoin('org_units as b', 'b.id', 't.building_id')
    .leftJoin('ticket_categories as c', 'c.id', 't.category_id')
    .selectAll('w')
    .select([
      't.number as ticket_number', 'tm.name as team_name', 'tech.display_name as technician_name', 'u.number as unit_number', 'b.name as building_name',
      't.location', 't.requester_name', 't.requester_phone', 't.description', 't.appointment_from', 't.appointment_to', 't.paid',
      't.kind', 't.priority', 'c.name as category_name', 'c.name_en as category_name_en',
    ]);
}

function filtered(db: Tx, f: WorkOrderFilter) {
  return db.selectFrom('work_orders as w').where((eb) => {
    const visible: Expression<SqlBool>[] = [];
    if (f.allProjectIds.length > 0) visible.push(eb('w.project_id', 'in', f.allProjectIds));
    if (f.ownProjectIds.length > 0) {
      const mine: Expression<SqlBool>[] = [eb('w.technician_id', '=', f.userId)];
      if (f.ledTeamIds.length > 0) mine.push(eb('w.team_id', 'in', f.ledTeamIds));
      if (f.memberTeamIds.length > 0) {
        mine.push(eb.and([eb('w.technician_id', 'is', null), eb('w.status', '=', 'issued'), eb('w.team_id', 'in', f.memberTeamIds)]));
      }
      visible.push(eb.and([eb('w.project_id', 'in', f.ownProjectIds), eb.or(mine)]));
    }
    const all: Expression<SqlBool>[] = [eb.or(visible)];
    if (f.projectId) all.push(eb('w.project_id', '=', f.projectId));
    if (f.technicianId) all.push(eb('w.technician_id', '=', f.technicianId));
    if (f.teamId) all.push(eb('w.team_id', '=', f.teamId));
    if (f.status?.length) all.push(eb('w.status', 'in', f.status));
    if (f.ticketId) all.push(eb('w.ticket_id', '=', f.ticketId));
    return eb.and(all);
  });
}

/** Every SQL statement about work orders (and the team facts dispatching needs). */
export const workOrderRepository = {
  async list(db: Tx, f: WorkOrderFilter, p: { page: number; pageSize: number; sort?: string }): Promise<{ rows: WorkOrderRow[]; total: number }> {
    if (f.allProjectIds.length === 0 && f.ownProjectIds.length === 0) return { rows: [], total: 0 };
    const ids = filtered(db, f).select('w.id');
    const [rows, count] = await Promise.all([
      applyPaging(applySort(selectRows(db).where('w.id', 'in', ids), p.sort, SORT_COLUMNS, '-issuedAt', new Set(['finishedAt'])), p).execute(),
      filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows: rows as WorkOrderRow[], total: Number(count.n) };
  },

  async findById(db: Tx, id: string): Promise<WorkOrderRow | undefined> {
    return (await selectRows(db).where('w.id', '=', id).executeTakeFirst()) as WorkOrderRow | undefined;
  },

  async findByCode(db: Tx, code: string): Promise<WorkOrderRow | undefined> {
    return (await selectRows(db).where('w.qr_code', '=', code).executeTakeFirst()) as WorkOrderRow | undefined;
  },

  /** The orders of one ticket, oldest first. */
  async listByTicket(db: Tx, ticketId: string): Promise<WorkOrderRow[]> {
    return (await selectRows(db).where('w.ticket_id', '=', ticketId).orderBy('w.issued_at').orderBy('w.id').execute()) as WorkOrderRow[];
  },

  /** Latest finished order of each ticket (the return-visit script quotes it). */
  async lastDoneByTickets(db: Tx, ticketIds: string[]): Promise<WorkOrderRow[]> {
    if (ticketIds.length === 0) return [];
    return (await selectRows(db).where('w.ticket_id', 'in', ticketIds).where('w.status', '=', 'done').orderBy('w.finished_at').execute()) as WorkOrderRow[];
  },

  findRaw(db: Tx, id: string): Promise<WorkOrdersTable | undefined> {
    return db.selectFrom('work_orders').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Orders of a ticket still in someone's hands. */
  openByTicket(db: Tx, ticketId: string): Promise<WorkOrdersTable[]> {
    return db.selectFrom('work_orders').selectAll().where('ticket_id', '=', ticketId).where('status', 'in', ['issued', 'accepted', 'working']).execute();
  },

  async insert(db: Tx, row: WorkOrdersTable) {
    await db.insertInto('work_orders').values(row).execute();
  },

  /** Changes an order only if nobody changed it since it was read; false when someone else won. */
  async updateIfVersion(db: Tx, id: string, version: number, patch: Partial<WorkOrdersTable>): Promise<boolean> {
    const r = await db.updateTable('work_orders').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  findTeam(db: Tx, id: string) {
    return db.selectFrom('teams').select(['id', 'project_id', 'name', 'leader_id']).where('id', '=', id).executeTakeFirst();
  },

  async teamMemberIds(db: Tx, teamId: string): Promise<string[]> {
    return (await db.selectFrom('team_members').select('user_id').where('team_id', '=', teamId).execute()).map((r) => r.user_id);
  },

  async teamsOfMember(db: Tx, userId: string): Promise<string[]> {
    return (await db.selectFrom('team_members').select('team_id').where('user_id', '=', userId).execute()).map((r) => r.team_id);
  },

  async teamsLedBy(db: Tx, userId: string): Promise<string[]> {
    return (await db.selectFrom('teams').select('id').where('leader_id', '=', userId).execute()).map((r) => r.id);
  },
};
