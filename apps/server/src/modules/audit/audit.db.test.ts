import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { createTestDatabase, ctxFor, seedFixture, testDialect, type Fixture } from '../../../test/harness.js';
import { recordAudit } from './audit.service.js';
import { auditService } from './audit.service.js';

let database: Database;
let fx: Fixture;
beforeAll(async () => {
  database = await createTestDatabase();
  fx = await seedFixture(database);
});
afterAll(() => database.close());

describe(`audit log on ${testDialect()}`, () => {
  it('searches actor and action case-insensitively, % and _ as plain characters, the same on either database', async () => {
    const admin = await ctxFor(database, fx.users.admin!);
    const other = await ctxFor(database, fx.users.director!);
    await database.db.transaction().execute(async (tx) => {
      await recordAudit(tx, { ...admin, actor: { ...admin.actor, user: { ...admin.actor.user, displayName: 'Zhang Wei' } } }, { action: 'unit.update', entity: 'unit', entityId: 'u1' });
      await recordAudit(tx, other, { action: 'unit.create', entity: 'unit', entityId: 'u2' });
    });
    const page = { page: 1, pageSize: 50 };
    const byName = await auditService.list(admin, { ...page, q: 'zhang' });
    expect(byName.items.map((e) => e.entityId)).toEqual(['u1']);
    expect((await auditService.list(admin, { ...page, q: 'UNIT.CREATE' })).items.map((e) => e.entityId)).toEqual(['u2']);
    expect((await auditService.list(admin, { ...page, q: '%' })).total).toBe(0);
    expect((await auditService.list(admin, { ...page, q: 'unit_update' })).total).toBe(0);
  });
});
