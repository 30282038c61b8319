import { sql } from 'kysely';
import type { Tx } from '../../db/database.js';
import { applyPaging, applySort, containsCi, startsWith } from '../../db/query.js';
import type { RoleGrantsTable, UsersTable } from '../../db/schema.js';

/** A user row with the name and path of the org unit the user is placed at. */
export type UserRow = UsersTable & { org_unit_name: string | null; org_unit_path: string | null; org_unit_project_id: string | null };

export interface UserListFilter {
  /** Subtrees the actor reaches (org unit paths); a user is listed when placed inside one of them. */
  scopePaths: string[];
  /** Also list users placed nowhere (only for holders at the root). */
  includeUnplaced: boolean;
  /** Only users placed at this node or below. */
  underPath?: string;
  roleId?: string;
  active?: boolean;
  q?: string;
}

const SORT_COLUMNS = { username: 'u.username', displayName: 'u.display_name', createdAt: 'u.created_at', position: 'u.position' };

/** Position may be unset: those go last either way, on both databases. */
const NULLABLE_SORTS = new Set(['position']);

const USER_ORG_COLUMNS = ['o.name as org_unit_name', 'o.path as org_unit_path', 'o.project_id as org_unit_project_id'] as const;

function selectUsers(db: Tx) {
  return db
    .selectFrom('users as u')
    .leftJoin('org_units as o', 'o.id', 'u.org_unit_id')
    .selectAll('u')
    .select(USER_ORG_COLUMNS);
}

/** Every SQL statement about staff accounts and their role grants. */
export const usersRepository = {
  async list(db: Tx, f: UserListFilter, p: { page: number; pageSize: number; sort?: string }): Promise<{ rows: UserRow[]; total: number }> {
    if (f.scopePaths.length === 0 && !f.includeUnplaced) return { rows: [], total: 0 };
    const base = db
      .selectFrom('users as u')
      .leftJoin('org_units as o', 'o.id', 'u.org_unit_id')
      .where((eb) =>
        eb.or([
          ...f.scopePaths.map((path) => startsWith('o.path', path)),
          ...(f.includeUnplaced ? [eb('u.org_unit_id', 'is', null)] : []),
        ]),
      )
      .$if(f.underPath !== undefined, (q) => q.where(startsWith('o.path', f.underPath!)))
      .$if(f.active !== undefined, (q) => q.where('u.active', '=', f.active ? 1 : 0))
      .$if(!!f.roleId, (q) =>
        q.where((eb) =>
          eb.exists(eb.selectFrom('role_grants as rg').select('rg.id').whereRef('rg.user_id', '=', 'u.id').where('rg.role_id', '=', f.roleId!)),
        ),
      )
      .$if(!!f.q, (q) => q.where((eb) => eb.or([containsCi('u.username', f.q!), containsCi('u.display_name', f.q!)])));
    const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    let q = base.selectAll('u').select(USER_ORG_COLUMNS);
    q = applySort(q, p.sort, SORT_COLUMNS, 'username', NULLABLE_SORTS);
    const rows = await applyPaging(q, p).execute();
    return { rows, total: Number(n) };
  },

  findById(db: Tx, id: string): Promise<UserRow | undefined> {
    return selectUsers(db).where('u.id', '=', id).executeTakeFirst();
  },

  /** Case-insensitive: "Zhang.Wei" and "zhang.wei" would be two accounts nobody can tell apart. */
  findByUsername(db: Tx, username: string) {
    return db.selectFrom('users').select(['id']).where(sql<string>`lower(username)`, '=', username.toLowerCase()).executeTakeFirst();
  },

  /** Users by id with where they are placed (team membership checks). */
  findManyByIds(db: Tx, ids: string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('users as u')
      .leftJoin('org_units as o', 'o.id', 'u.org_unit_id')
      .select(['u.id', 'u.display_name', 'u.active', 'o.path as org_unit_path'])
      .where('u.id', 'in', ids)
      .execute();
  },

  async insert(db: Tx, row: UsersTable) {
    await db.insertInto('users').values(row).execute();
  },

  async update(db: Tx, id: string, patch: Partial<UsersTable>) {
    await db.updateTable('users').set(patch).where('id', '=', id).execute();
  },

  /** Replaces the trainings list only if nobody changed it since it was read; false when someone did. */
  async replaceTrainingsIf(db: Tx, id: string, expected: string, next: string, at: string): Promise<boolean> {
    const r = await db.updateTable('users').set({ trainings: next, updated_at: at }).where('id', '=', id).where('trainings', '=', expected).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  },

  async deleteSessionsOfUser(db: Tx, userId: string, exceptSessionId?: string | null) {
    let q = db.deleteFrom('sessions').where('user_id', '=', userId);
    if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
    await q.execute();
  },

  /** The grants of many users at once (one query for a whole page), with role and node. */
  grantsOfUsers(db: Tx, userIds: string[]) {
    if (userIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom('role_grants as g')
      .innerJoin('roles as r', 'r.id', 'g.role_id')
      .innerJoin('org_units as o', 'o.id', 'g.org_unit_id')
      .select(['g.id', 'g.user_id', 'g.role_id', 'g.org_unit_id', 'g.created_at', 'r.code as role_code', 'r.name as role_name', 'r.permissions', 'o.name as org_unit_name', 'o.path as org_unit_path', 'o.project_id'])
      .where('g.user_id', 'in', userIds)
      .orderBy('o.path')
      .orderBy('r.code')
      .execute();
  },

  findGrant(db: Tx, userId: string, grantId: string) {
    return db
      .selectFrom('role_grants as g')
      .innerJoin('roles as r', 'r.id', 'g.role_id')
      .innerJoin('org_units as o', 'o.id', 'g.org_unit_id')
      .select(['g.id', 'g.role_id', 'g.org_unit_id', 'r.code as role_code', 'r.permissions', 'o.name as org_unit_name', 'o.path as org_unit_path', 'o.project_id'])
      .where('g.id', '=', grantId)
      .where('g.user_id', '=', userId)
      .executeTakeFirst();
  },

  findGrantByKey(db: Tx, userId: string, roleId: string, orgUnitId: string) {
    return db.selectFrom('role_grants').select('id').where('user_id', '=', userId).where('role_id', '=', roleId).where('org_unit_id', '=', orgUnitId).executeTakeFirst();
  },

  async insertGrant(db: Tx, row: RoleGrantsTable) {
    await db.insertInto('role_grants').values(row).execute();
  },

  async deleteGrant(db: Tx, id: string) {
    await db.deleteFrom('role_grants').where('id', '=', id).execute();
  },

  /** Active users holding the built-in admin role at the root of the tree (a group). */
  async countRootAdmins(db: Tx): Promise<number> {
    const r = await db
      .selectFrom('role_grants as g')
      .innerJoin('roles as r', 'r.id', 'g.role_id')
      .innerJoin('org_units as o', 'o.id', 'g.org_unit_id')
      .innerJoin('users as u', 'u.id', 'g.user_id')
      .select((eb) => eb.fn.count<number>('g.user_id').distinct().as('n'))
      .where('r.code', '=', 'admin')
      .where('o.kind', '=', 'group')
      .where('u.active', '=', 1)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
};
