import type { Tx } from '../../db/database.js';
import { applyPaging } from '../../db/query.js';
import type { ChecklistRunItemsTable, ChecklistRunsTable, ChecklistTemplatesTable } from '../../db/schema.js';

/** Every SQL statement about checklist templates and runs. */
export const checklistsRepository = {
  async listTemplates(db: Tx, f: { projectIds: string[]; deskId?: string }, p: { page: number; pageSize: number }) {
    if (f.projectIds.length === 0) return { rows: [] as ChecklistTemplatesTable[], total: 0 };
    const base = db.selectFrom('checklist_templates').where('project_id', 'in', f.projectIds).$if(!!f.deskId, (q) => q.where('desk_id', '=', f.deskId!));
    const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await applyPaging(base.selectAll().orderBy('desk_id').orderBy('kind').orderBy('name').orderBy('id'), p).execute();
    return { rows, total: Number(n) };
  },

  activeTemplatesOf(db: Tx, deskId: string) {
    return db.selectFrom('checklist_templates').selectAll().where('desk_id', '=', deskId).where('active', '=', 1).orderBy('kind').orderBy('name').execute();
  },

  findTemplate(db: Tx, id: string) {
    return db.selectFrom('checklist_templates').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async insertTemplate(db: Tx, row: ChecklistTemplatesTable) {
    await db.insertInto('checklist_templates').values(row).execute();
  },

  async updateTemplate(db: Tx, id: string, patch: Partial<ChecklistTemplatesTable>) {
    await db.updateTable('checklist_templates').set(patch).where('id', '=', id).execute();
  },

  async listRuns(db: Tx, f: { projectIds: string[]; deskId?: string; date?: string; lateBefore?: string }, p: { page: number; pageSize: number }) {
    if (f.projectIds.length === 0) return { rows: [] as ChecklistRunsTable[], total: 0 };
    const base = db.selectFrom('checklist_runs as r').where('r.project_id', 'in', f.projectIds)
      .$if(!!f.deskId, (q) => q.where('r.desk_id', '=', f.deskId!))
      .$if(!!f.date, (q) => q.where('r.date', '=', f.date!))
      .$if(!!f.lateBefore, (q) => q.where((eb) => eb.exists(eb.selectFrom('checklist_run_items as i').select('i.run_id').whereRef('i.run_id', '=', 'r.id')
        .where((e) => e.or([e.and([e('i.checked_at', 'is', null), e('i.due_at', '<', f.lateBefore!)]), e('i.checked_at', '>', e.ref('i.due_at'))])))));
    const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await applyPaging(base.selectAll('r').orderBy('r.date', 'desc').orderBy('r.kind').orderBy('r.id'), p).execute();
    return { rows, total: Number(n) };
  },

  findRun(db: Tx, id: string) {
    return db.selectFrom('checklist_runs').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** The day's runs, opening checks first, then closing, then others. */
  async runsOfDesk(db: Tx, deskId: string, date: string) {
    const rows = await db.selectFrom('checklist_runs').selectAll().where('desk_id', '=', deskId).where('date', '=', date).orderBy('name').orderBy('id').execute();
    const order = ['opening', 'closing', 'other'];
    return rows.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  },

  itemsOf(db: Tx, runIds: string[]) {
    if (runIds.length === 0) return Promise.resolve([]);
    return db.selectFrom('checklist_run_items as i').leftJoin('users as u', 'u.id', 'i.checked_by').selectAll('i').select('u.display_name as checked_by_name')
      .where('i.run_id', 'in', runIds).orderBy('i.run_id').orderBy('i.position').execute();
  },

  /** Inserts the day's run unless it exists (two screens opening the day at once: one run). */
  async insertRunIfMissing(db: Tx, run: ChecklistRunsTable, items: ChecklistRunItemsTable[]): Promise<boolean> {
    const r = await db.insertInto('checklist_runs').values(run).onConflict((oc) => oc.columns(['template_id', 'date']).doNothing()).executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
    if (items.length > 0) await db.insertInto('checklist_run_items').values(items).execute();
    return true;
  },

  async check(db: Tx, runId: string, itemId: string, at: string, by: string): Promise<boolean> {
    const r = await db.updateTable('checklist_run_items').set({ checked_at: at, checked_by: by }).where('run_id', '=', runId).where('item_id', '=', itemId).where('checked_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
};
