import type { Tx } from '../../db/database.js';
import { containsCi } from '../../db/query.js';
import type { OrgUnitsTable } from '../../db/schema.js';

export const orgRepository = {
  listProjectPaths(db: Tx) {
    return db.selectFrom('org_units').select(['id', 'path']).where('kind', '=', 'project').execute();
  },

  /** All nodes of the given kinds (the tree above buildings is small). */
  listByKinds(db: Tx, kinds: string[], f: { parentId?: string; q?: string } = {}) {
    let q = db.selectFrom('org_units').selectAll().where('kind', 'in', kinds);
    if (f.parentId) q = q.where('parent_id', '=', f.parentId);
    if (f.q) q = q.where(containsCi('name', f.q));
    return q.orderBy('path').execute();
  },

  findById(db: Tx, id: string) {
    return db.selectFrom('org_units').selectAll().where('id', '=', id).executeTakeFirst();
  },

  findManyByIds(db: Tx, ids: string[]) {
    if (ids.length === 0) return Promise.resolve([] as OrgUnitsTable[]);
    return db.selectFrom('org_units').selectAll().where('id', 'in', ids).execute();
  },

  findBuildingByName(db: Tx, projectId: string, name: string) {
    return db.selectFrom('org_units').selectAll().where('project_id', '=', projectId).where('kind', '=', 'building').where('name', '=', name).executeTakeFirst();
  },

  listBuildings(db: Tx, projectIds: string[]) {
    if (projectIds.length === 0) return Promise.resolve([] as OrgUnitsTable[]);
    return db.selectFrom('org_units').selectAll().where('kind', '=', 'building').where('project_id', 'in', projectIds).orderBy('project_id').orderBy('name').execute();
  },

  async insert(db: Tx, row: OrgUnitsTable) {
    await db.insertInto('org_units').values(row).execute();
  },

  async update(db: Tx, id: string, patch: Partial<OrgUnitsTable>) {
    await db.updateTable('org_units').set(patch).where('id', '=', id).execute();
  },
};
