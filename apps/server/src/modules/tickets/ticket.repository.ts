import { expressionBuilder, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { TicketQueue } from '@propdesk/contracts';
import type { Tx } from '../../db/database.js';
import { applyPaging, applySort, containsCi, startsWith } from '../../db/query.js';
import type { DB, ReturnVisitsTable, TicketEventsTable, TicketsTable } from '../../db/schema.js';
import { ACTIVE_STATUSES, FINAL_STATUSES, VISIT_KINDS } from './ticket.state.js';
import { SLA_RUNNING_STATUSES, type TicketScope } from './ticket.policy.js';

/** The names people read on a ticket (joined from the rows it refers to). */
interface TicketNames {
  project_name: string;
  category_name: string | null;
  unit_number: string | null;
  building_name: string | null;
  team_name: string | null;
  technician_name: string | null;
}

/** A ticket with the names people read on it. */
export type TicketRow = TicketsTable & TicketNames;

/**
 * The columns a list row shows (TicketSummary, the export sheet). Lists read only these: turning
 * the other columns of 20 rows into JavaScript values was a third of the list query's time.
 */
const SUMMARY_COLUMNS = [
  't.id', 't.project_id', 't.center_id', 't.number', 't.kind', 't.channel', 't.status', 't.priority', 't.major', 't.title', 't.category_id',
  't.unit_id', 't.location', 't.requester_name', 't.requester_phone', 't.team_id', 't.technician_id', 't.assignee_id', 't.created_at',
  't.updated_at', 't.response_due_at', 't.arrival_due_at', 't.resolution_due_at', 't.responded_at', 't.arrived_at', 't.resolved_at',
  't.escalation_level', 't.satisfaction', 't.visit_due_at', 't.version',
] as const;
type SummaryColumn = (typeof SUMMARY_COLUMNS)[number] extends `t.${infer C}` ? C & keyof TicketsTable : never;

/** A list row: the summary's columns with the names. */
export type TicketSummaryRow = Pick<TicketsTable, SummaryColumn> & TicketNames;

export interface TicketFilter {
  /** Already computed from the actor's grants; both empty = nothing (the service answers early). */
  scope: TicketScope;
  /**
   * The scope reaches every project (a head-office user), so every ticket is in it: no scope
   * predicate is written. With it, at a million tickets, every count was a full table scan.
   */
  everyProject?: boolean;
  projectId?: string;
  status?: string[];
  kind?: string;
  channel?: string;
  priority?: string;
  unitId?: string;
  teamId?: string;
  assigneeId?: string;
  technicianId?: string;
  categoryId?: string;
  overdue?: boolean;
  queue?: TicketQueue;
  /** The caller's last digits, reversed (prefix of requester_phone_rev). */
  phoneRevPrefix?: string;
  satisfaction?: string;
  createdFrom?: string;
  createdTo?: string;
  q?: string;
  /** The signed-in user (queue=mine). */
  userId: string;
  now: string;
  /** End of today in the project's zone (queue=due_today). */
  endOfToday: string;
}

const SORT_COLUMNS: Record<string, string> = {
  createdAt: 't.created_at',
  updatedAt: 't.updated_at',
  number: 't.number',
  status: 't.status',
  kind: 't.kind',
  priority: 't.priority',
  dueAt: 't.resolution_due_at',
  visitDueAt: 't.visit_due_at',
  escalationLevel: 't.escalation_level',
};

/**
 * Sort keys whose column may be null (a ticket on hold has no due time). SQLite puts nulls first
 * when ascending, PostgreSQL last: nulls are sorted last both ways here, on both databases.
 */
const NULLABLE_SORTS = new Set(['dueAt', 'visitDueAt']);

function sorted<Q extends ReturnType<typeof joinNames>>(q: Q, sort: string | undefined): Q {
  return applySort(q, sort, SORT_COLUMNS, '-createdAt', NULLABLE_SORTS);
}

type TEb = ExpressionBuilder<DB & { t: TicketsTable }, 't'>;

/** Each SLA target's due time and the column that says it was met. */
const TARGETS = [
  ['t.response_due_at', 't.responded_at'],
  ['t.arrival_due_at', 't.arrived_at'],
  ['t.resolution_due_at', 't.resolved_at'],
] as const;

/** Some target's due time has passed unmet while the ticket is open (see ticket.policy isOverdue). */
function overdue(eb: TEb, now: string): Expression<SqlBool> {
  return eb.and([
    eb('t.status', 'in', [...SLA_RUNNING_STATUSES]),
    eb.or(TARGETS.map(([due, met]) => eb.and([eb(due, '<', now), eb(met, 'is', null)]))),
  ]);
}

/** Written out rather than not(overdue): a null due time would make not(…) null, dropping the row. */
function notOverdue(eb: TEb, now: string): Expression<SqlBool> {
  return eb.or([
    eb('t.status', 'not in', [...SLA_RUNNING_STATUSES]),
    eb.and(TARGETS.map(([due, met]) => eb.or([eb(due, 'is', null), eb(due, '>=', now), eb(met, 'is not', null)]))),
  ]);
}

function queueCondition(eb: TEb, queue: TicketQueue, f: TicketFilter): Expression<SqlBool> {
  switch (queue) {
    case 'mine':
      return eb.and([eb('t.status', 'not in', [...FINAL_STATUSES]), eb.or([eb('t.assignee_id', '=', f.userId), eb('t.technician_id', '=', f.userId)])]);
    case 'unassigned':
      return eb('t.status', 'in', ['new', 'reopened']);
    case 'overdue':
      return overdue(eb, f.now);
    case 'due_today':
      return eb.and([
        eb('t.status', 'in', [...SLA_RUNNING_STATUSES]),
        eb.or(TARGETS.map(([due, met]) => eb.and([eb(due, '>=', f.now), eb(due, '<', f.endOfToday), eb(met, 'is', null)]))),
      ]);
    case 'awaiting_visit':
      return eb.and([eb('t.status', '=', 'resolved'), eb('t.kind', 'in', [...VISIT_KINDS])]);
    case 'escalated':
      return eb.and([eb('t.escalation_level', '>', 0), eb('t.status', 'in', [...ACTIVE_STATUSES])]);
  }
}

function filtered(db: Tx, f: TicketFilter) {
  const all = conditions(expressionBuilder<DB & { t: TicketsTable }, 't'>(), f);
  const q = db.selectFrom('tickets as t');
  // Nothing to filter on (a head-office user's whole list): no where clause at all, so the count
  // takes the database's fast path instead of testing every row.
  return all.length === 0 ? q : q.where((eb) => eb.and(all));
}

function conditions(eb: TEb, f: TicketFilter): Expression<SqlBool>[] {
  const { projectIds, centerIds } = f.scope;
  const all: Expression<SqlBool>[] = [];
  if (!f.everyProject) {
    const scope: Expression<SqlBool>[] = [];
    if (projectIds.length > 0) scope.push(eb('t.project_id', 'in', projectIds));
    if (centerIds.length > 0) scope.push(eb('t.center_id', 'in', centerIds));
    all.push(scope.length === 1 ? scope[0]! : eb.or(scope));
  }
  if (f.projectId) all.push(eb('t.project_id', '=', f.projectId));
  if (f.status?.length) all.push(eb('t.status', 'in', f.status));
  if (f.kind) all.push(eb('t.kind', '=', f.kind));
  if (f.channel) all.push(eb('t.channel', '=', f.channel));
  if (f.priority) all.push(eb('t.priority', '=', f.priority));
  if (f.unitId) all.push(eb('t.unit_id', '=', f.unitId));
  if (f.teamId) all.push(eb('t.team_id', '=', f.teamId));
  if (f.assigneeId) all.push(eb('t.assignee_id', '=', f.assigneeId));
  if (f.technicianId) all.push(eb('t.technician_id', '=', f.technicianId));
  if (f.categoryId) all.push(eb('t.category_id', '=', f.categoryId));
  if (f.satisfaction) all.push(eb('t.satisfaction', '=', f.satisfaction));
  if (f.createdFrom) all.push(eb('t.created_at', '>=', f.createdFrom));
  if (f.createdTo) all.push(eb('t.created_at', '<', f.createdTo));
  if (f.phoneRevPrefix) all.push(startsWith('t.requester_phone_rev', f.phoneRevPrefix));
  if (f.overdue !== undefined) all.push(f.overdue ? overdue(eb, f.now) : notOverdue(eb, f.now));
  if (f.queue) all.push(queueCondition(eb, f.queue, f));
  if (f.q) {
    const text = f.q;
    const any: Expression<SqlBool>[] = [
      containsCi('t.number', text),
      containsCi('t.title', text),
      containsCi('t.description', text),
      containsCi('t.requester_name', text),
      eb.exists(eb.selectFrom('units as u').select('u.id').whereRef('u.id', '=', 't.unit_id').where(containsCi('u.number', text))),
    ];
    // Digits may be the end of the caller's number.
    if (/^\d{3,11}$/.test(text)) any.push(startsWith('t.requester_phone_rev', [...text].reverse().join('')));
    all.push(eb.or(any));
  }
  return all;
}

function joinNames<Q extends ReturnType<typeof filtered>>(q: Q) {
  return q
    .innerJoin('org_units as p', 'p.id', 't.project_id')
    .leftJoin('ticket_categories as c', 'c.id', 't.category_id')
    .leftJoin('units as u', 'u.id', 't.unit_id')
    .leftJoin('org_units as b', 'b.id', 't.building_id')
    .leftJoin('teams as tm', 'tm.id', 't.team_id')
    .leftJoin('users as tech', 'tech.id', 't.technician_id')
    .select(['p.name as project_name', 'c.name as category_name', 'u.number as unit_number', 'b.name as building_name', 'tm.name as team_name', 'tech.display_name as technician_name']);
}

/** The whole ticket with its names (detail, return visits). */
function withNames<Q extends ReturnType<typeof filtered>>(q: Q) {
  return joinNames(q).selectAll('t');
}

/** A list row: the summary's columns with the names. */
function summaryWithNames<Q extends ReturnType<typeof filtered>>(q: Q) {
  return joinNames(q).select(SUMMARY_COLUMNS);
}

const emptyScope = (f: { scope: TicketScope }) => f.scope.projectIds.length === 0 && f.scope.centerIds.length === 0;

/** Every SQL statement about tickets, their timeline, counters and return visits. */
export const ticketRepository = {
  async list(db: Tx, f: TicketFilter, p: { page: number; pageSize: number; sort?: string }): Promise<{ rows: TicketSummaryRow[]; total: number }> {
    if (emptyScope(f)) return { rows: [], total: 0 };
    const [rows, count] = await Promise.all([
      applyPaging(sorted(summaryWithNames(filtered(db, f)), p.sort), p).execute(),
      filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows: rows as TicketSummaryRow[], total: Number(count.n) };
  },

  /** Every matching row (exports), at most `limit`. */
  async listAll(db: Tx, f: TicketFilter, sort: string | undefined, limit: number): Promise<TicketSummaryRow[]> {
    if (emptyScope(f)) return [];
    return (await sorted(summaryWithNames(filtered(db, f)), sort).limit(limit).execute()) as TicketSummaryRow[];
  },

  async count(db: Tx, f: TicketFilter): Promise<number> {
    if (emptyScope(f)) return 0;
    const { n } = await filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(n);
  },

  async findById(db: Tx, id: string): Promise<TicketRow | undefined> {
    return (await withNames(db.selectFrom('tickets as t').where('t.id', '=', id)).executeTakeFirst()) as TicketRow | undefined;
  },

  /** The bare row (transitions read it inside their transaction). */
  findRaw(db: Tx, id: string): Promise<TicketsTable | undefined> {
    return db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async insert(db: Tx, row: TicketsTable) {
    await db.insertInto('tickets').values(row).execute();
  },

  /**
   * The one way a ticket changes: only if nobody changed it since it was read (version check).
   * False when someone else won; the caller answers 409.
   */
  async updateIfVersion(db: Tx, id: string, version: number, patch: Partial<TicketsTable>): Promise<boolean> {
    const r = await db.updateTable('tickets').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /** Tickets on hold whose resume time has come (the hold-resume job), in id order after `afterId`. */
  dueHolds(db: Tx, now: string, afterId: string, limit: number) {
    return db
      .selectFrom('tickets')
      .select(['id', 'number', 'version'])
      .where('status', '=', 'on_hold')
      .where('id', '>', afterId)
      .where('hold_until', 'is not', null)
      .where('hold_until', '<=', now)
      .orderBy('id')
      .limit(limit)
      .execute();
  },

  async insertEvent(db: Tx, row: TicketEventsTable) {
    await db.insertInto('ticket_events').values(row).execute();
  },

  listEvents(db: Tx, ticketId: string) {
    return db.selectFrom('ticket_events').selectAll().where('ticket_id', '=', ticketId).orderBy('at').orderBy('id').execute();
  },

  async insertReturnVisit(db: Tx, row: ReturnVisitsTable) {
    await db.insertInto('return_visits').values(row).execute();
  },

  listReturnVisits(db: Tx, ticketIds: string[]) {
    if (ticketIds.length === 0) return Promise.resolve([] as ReturnVisitsTable[]);
    return db.selectFrom('return_visits').selectAll().where('ticket_id', 'in', ticketIds).orderBy('at').orderBy('id').execute();
  },

  /** Tickets waiting for their return visit, the most urgent first. */
  async visitQueue(db: Tx, f: { scope: TicketScope; projectId?: string; q?: string; now: string }, p: { page: number; pageSize: number }) {
    const filter: TicketFilter = { scope: f.scope, projectId: f.projectId, q: f.q, queue: 'awaiting_visit', userId: '', now: f.now, endOfToday: f.now };
    if (emptyScope(filter)) return { rows: [] as TicketRow[], total: 0 };
    const [rows, count] = await Promise.all([
      applyPaging(withNames(filtered(db, filter)).orderBy('t.visit_due_at').orderBy('t.id'), p).execute(),
      filtered(db, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows: rows as TicketRow[], total: Number(count.n) };
  },

  // ---------------------------------------------------------------- what an intake refers to

  findOrgUnit(db: Tx, id: string) {
    return db.selectFrom('org_units').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Where a unit is: its project and building (intake reads nothing else of it). */
  findUnitPlace(db: Tx, id: string) {
    return db.selectFrom('units').select(['id', 'project_id', 'building_id']).where('id', '=', id).executeTakeFirst();
  },

  findZone(db: Tx, id: string) {
    return db.selectFrom('zones').selectAll().where('id', '=', id).executeTakeFirst();
  },

  findCategory(db: Tx, id: string) {
    return db.selectFrom('ticket_categories').selectAll().where('id', '=', id).executeTakeFirst();
  },

  findTeam(db: Tx, id: string) {
    return db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst();
  },

  findUser(db: Tx, id: string) {
    return db.selectFrom('users').select(['id', 'display_name', 'active']).where('id', '=', id).executeTakeFirst();
  },

  /** Time zones of projects (business dates: due today, numbers, exports). */
  projectTimezones(db: Tx, ids: string[]) {
    if (ids.length === 0) return Promise.resolve([] as { id: string; timezone: string }[]);
    return db.selectFrom('org_units').select(['id', 'timezone']).where('id', 'in', ids).execute();
  },
};
