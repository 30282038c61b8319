import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './database.js';
import * as m0001 from './migrations/0001_foundation.js';
import * as m0002 from './migrations/0002_service_desk.js';
import * as m0003e from './migrations/0003_escalations.js';
import * as m0004 from './migrations/0004_outbox_claim.js';
import * as m0005 from './migrations/0005_escalation_cycle.js';
import * as m0006 from './migrations/0006_ticket_perf.js';
import * as m0007 from './migrations/0007_billing.js';
import * as m0008 from './migrations/0008_front_desk.js';
import * as m0009 from './migrations/0009_resident_services.js';
import * as m0011 from './migrations/0011_billing_run_keys.js';
import * as m0012 from './migrations/0012_payments.js';
import * as m0013 from './migrations/0013_dunning_letter.js';
import * as m0014 from './migrations/0014_renovation_links.js';

/** Migrations are listed here (not read from disk) so they work the same under tsx, vitest and bundles. */
const MIGRATIONS: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_service_desk': m0002,
  '0003_escalations': m0003e,
  '0004_outbox_claim': m0004,
  '0005_escalation_cycle': m0005,
  '0006_ticket_perf': m0006,
  '0007_billing': m0007,
  '0008_front_desk': m0008,
  '0009_resident_services': m0009,
  '0011_billing_run_keys': m0011,
  '0012_payments': m0012,
  '0013_dunning_letter': m0013,
  '0014_renovation_links': m0014,
};

class StaticProvider implements MigrationProvider {
  async getMigrations() {
    return MIGRATIONS;
  }
}

export async function migrateToLatest(database: Database): Promise<string[]> {
  // With a non-default schema the migrator must look for its own table there, not in any schema.
  const migrator = new Migrator({
    db: database.db,
    provider: new StaticProvider(),
    ...(database.schema ? { migrationTableSchema: database.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
