import type { Tx } from '../db/database.js';

/** The SQL of job leases: which process runs a shared background job, until when. */
export const leasesRepository = {
  /**
   * Takes the lease if it is free, expired, or already ours — in one statement, so of several
   * processes asking at once exactly one gets it (insert, or update only where it may).
   */
  async take(db: Tx, name: string, holder: string, nowIso: string, untilIso: string): Promise<boolean> {
    const r = await db
      .insertInto('job_leases')
      .values({ name, holder, lease_until: untilIso })
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet({ holder, lease_until: untilIso })
          .where((eb) => eb.or([eb('job_leases.lease_until', '<=', nowIso), eb('job_leases.holder', '=', holder)])),
      )
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  },

  find(db: Tx, name: string) {
    return db.selectFrom('job_leases').selectAll().where('name', '=', name).executeTakeFirst();
  },
};
