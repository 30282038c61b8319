import type { Tx } from '../../db/database.js';
import type { CalendarDaysTable, CalendarsTable, SlaPoliciesTable } from '../../db/schema.js';

export const slaRepository = {
  projectTimezone(db: Tx, projectId: string) {
    return db.selectFrom('org_units').select(['id', 'timezone']).where('id', '=', projectId).where('kind', '=', 'project').executeTakeFirst();
  },

  policies(db: Tx, projectId: string) {
    return db.selectFrom('sla_policies').selectAll().where('project_id', '=', projectId).execute();
  },

  async replacePolicies(db: Tx, projectId: string, rows: SlaPoliciesTable[]) {
    await db.deleteFrom('sla_policies').where('project_id', '=', projectId).execute();
    if (rows.length > 0) await db.insertInto('sla_policies').values(rows).execute();
  },

  calendar(db: Tx, projectId: string) {
    return db.selectFrom('calendars').selectAll().where('project_id', '=', projectId).executeTakeFirst();
  },

  async upsertCalendar(db: Tx, row: CalendarsTable) {
    await db
      .insertInto('calendars')
      .values(row)
      .onConflict((oc) =>
        oc.column('project_id').doUpdateSet({
          working_hours: row.working_hours,
          visit_due_minutes: row.visit_due_minutes,
          visit_max_attempts: row.visit_max_attempts,
          updated_at: row.updated_at,
        }),
      )
      .execute();
  },

  /** Inserts the calendar row unless the project has one (concurrent callers: one wins, none fails). */
  async insertCalendarIfMissing(db: Tx, row: CalendarsTable) {
    await db.insertInto('calendars').values(row).onConflict((oc) => oc.column('project_id').doNothing()).execute();
  },

  days(db: Tx, projectId: string) {
    return db.selectFrom('calendar_days').select(['date', 'type', 'name']).where('project_id', '=', projectId).orderBy('date').execute();
  },

  async replaceDays(db: Tx, projectId: string, rows: CalendarDaysTable[]) {
    await db.deleteFrom('calendar_days').where('project_id', '=', projectId).execute();
    for (let i = 0; i < rows.length; i += 200) await db.insertInto('calendar_days').values(rows.slice(i, i + 200)).execute();
  },

  /** Adds days the project does not list yet (existing dates are left as the project set them). */
  async addDays(db: Tx, rows: CalendarDaysTable[]) {
    for (let i = 0; i < rows.length; i += 200) {
      await db.insertInto('calendar_days').values(rows.slice(i, i + 200)).onConflict((oc) => oc.columns(['project_id', 'date']).doNothing()).execute();
    }
  },
};
