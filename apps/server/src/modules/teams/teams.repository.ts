import type { Tx } from '../../db/database.js';
import { applyPaging, applySort, containsCi } from '../../db/query.js';
import type { TeamsTable } from '../../db/schema.js';

export type TeamRow = TeamsTable & { leader_name: string | null };

const SORT_COLUMNS = { name: 't.name', kind: 't.kind', createdAt: 't.created_at', updatedAt: 't.updated_at' };

function selectTeams(db: Tx) {
  return db.selectFrom('teams as t').leftJoin('users as l', 'l.id', 't.leader_id').selectAll('t').select('l.display_name as leader_name');
}

/** Every SQL statement about teams and their members. */
export const teamsRepository = {
  async list(db: Tx, f: { projectIds: string[]; kind?: string; q?: string }, p: { page: number; pageSize: number; sort?: string }): Promise<{ rows: TeamRow[]; total: number }> {
    if (f.projectIds.length === 0) return { rows: [], total: 0 };
    const base = db
      .selectFrom('teams as t')
      .leftJoin('users as l', 'l.id', 't.leader_id')
      .where('t.project_id', 'in', f.projectIds)
      .$if(!!f.kind, (q) => q.where('t.kind', '=', f.kind!))
      .$if(!!f.q, (q) => q.where(containsCi('t.name', f.q!)));
    const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    let q = base.selectAll('t').select('l.display_name as leader_name');
    q = applySort(q, p.sort, SORT_COLUMNS, 'name');
    const rows = await applyPaging(q, p).execute();
    return { rows, total: Number(n) };
  },

  findById(db: Tx, id: string): Promise<TeamRow | undefined> {
    return selectTeams(db).where('t.id', '=', id).executeTakeFirst();
  },

  findByName(db: Tx, projectId: string, name: string) {
    return db.selectFrom('teams').select('id').where('project_id', '=', projectId).where('name', '=', name).executeTakeFirst();
  },

  /** Members of many teams at once (one query for a whole page). */
  membersOf(db: Tx, teamIds: string[]) {
    if (teamIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('team_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.team_id', 'm.user_id', 'u.display_name'])
      .where('m.team_id', 'in', teamIds)
      .orderBy('u.display_name')
      .orderBy('u.id')
      .execute();
  },

  async insert(db: Tx, row: TeamsTable) {
    await db.insertInto('teams').values(row).execute();
  },

  async update(db: Tx, id: string, patch: Partial<TeamsTable>) {
    await db.updateTable('teams').set(patch).where('id', '=', id).execute();
  },

  async addMembers(db: Tx, teamId: string, userIds: string[]) {
    if (userIds.length === 0) return;
    await db.insertInto('team_members').values(userIds.map((user_id) => ({ team_id: teamId, user_id }))).execute();
  },

  async removeMembers(db: Tx, teamId: string, userIds: string[]) {
    if (userIds.length === 0) return;
    await db.deleteFrom('team_members').where('team_id', '=', teamId).where('user_id', 'in', userIds).execute();
  },

  /** What still points at the team (see teamRemovalBlockers): every foreign key to teams, and complaints. */
  async usage(db: Tx, teamId: string, openStatuses: readonly string[]) {
    const count = (n: { n: number | string | bigint }) => Number(n.n);
    const zones = await db.selectFrom('zones').select('name').where('team_id', '=', teamId).orderBy('name').execute();
    const members = await db.selectFrom('team_members').select((eb) => eb.fn.countAll<number>().as('n')).where('team_id', '=', teamId).executeTakeFirstOrThrow();
    const open = await db.selectFrom('work_orders').select((eb) => eb.fn.countAll<number>().as('n')).where('team_id', '=', teamId).where('status', 'in', [...openStatuses]).executeTakeFirstOrThrow();
    const all = await db.selectFrom('work_orders').select((eb) => eb.fn.countAll<number>().as('n')).where('team_id', '=', teamId).executeTakeFirstOrThrow();
    const tickets = await db
      .selectFrom('tickets')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => eb.or([eb('team_id', '=', teamId), eb('complaint_against_team_id', '=', teamId)]))
      .executeTakeFirstOrThrow();
    return {
      zoneNames: zones.map((z) => z.name),
      members: count(members),
      openWorkOrders: count(open),
      closedWorkOrders: count(all) - count(open),
      tickets: count(tickets),
    };
  },

  async remove(db: Tx, id: string) {
    await db.deleteFrom('teams').where('id', '=', id).execute();
  },
};
