import type { Tx } from '../../db/database.js';
import { applyPaging, applySort, containsCi } from '../../db/query.js';
import type { RolesTable } from '../../db/schema.js';

const SORT_COLUMNS = { code: 'code', name: 'name', nameEn: 'name_en', createdAt: 'created_at' };

/** Every SQL statement about roles (named permission sets). */
export const rolesRepository = {
  async list(db: Tx, f: { q?: string }, p: { page: number; pageSize: number; sort?: string }): Promise<{ rows: RolesTable[]; total: number }> {
    const base = db
      .selectFrom('roles')
      .$if(!!f.q, (q) => q.where((eb) => eb.or([containsCi('code', f.q!), containsCi('name', f.q!), containsCi('name_en', f.q!)])));
    const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    // Without a sort: built-in roles first, then the installation's own, each by code.
    let q = base.selectAll();
    q = p.sort ? applySort(q, p.sort, SORT_COLUMNS, 'code') : q.orderBy('builtin', 'desc').orderBy('code');
    const rows = await applyPaging(q, p).execute();
    return { rows, total: Number(n) };
  },

  findById(db: Tx, id: string) {
    return db.selectFrom('roles').selectAll().where('id', '=', id).executeTakeFirst();
  },

  findByCode(db: Tx, code: string) {
    return db.selectFrom('roles').select('id').where('code', '=', code).executeTakeFirst();
  },

  async insert(db: Tx, row: RolesTable) {
    await db.insertInto('roles').values(row).execute();
  },

  async update(db: Tx, id: string, patch: Partial<Pick<RolesTable, 'name' | 'name_en' | 'permissions'>>) {
    await db.updateTable('roles').set(patch).where('id', '=', id).execute();
  },

  /** How many people hold the role anywhere (one person granted it at two nodes counts once). */
  async grantedUserCount(db: Tx, roleId: string): Promise<number> {
    const { n } = await db.selectFrom('role_grants').select((eb) => eb.fn.count<number>('user_id').distinct().as('n')).where('role_id', '=', roleId).executeTakeFirstOrThrow();
    return Number(n);
  },

  async remove(db: Tx, id: string) {
    await db.deleteFrom('roles').where('id', '=', id).execute();
  },
};
