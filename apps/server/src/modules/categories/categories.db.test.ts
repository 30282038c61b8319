/** Ticket categories against the real database: SQLite by default, PostgreSQL with TEST_DATABASE_URL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateCategoryBody } from '@propdesk/contracts';
import { createTestDatabase, ctxFor, seedFixture, type Fixture } from '../../../test/harness.js';
import type { Database } from '../../db/database.js';
import type { Ctx } from '../../http/context.js';
import { AppError } from '../../http/errors.js';
import { categoriesService } from './categories.service.js';

let database: Database;
let fx: Fixture;
let admin: Ctx;

beforeAll(async () => {
  database = await createTestDatabase();
  fx = await seedFixture(database);
  admin = await ctxFor(database, fx.users.admin!);
});
afterAll(() => database.close());

describe('category names at one level', () => {
  it('two managers adding the same name at the same moment: one category, the other gets 409', async () => {
    const body = CreateCategoryBody.parse({ kind: 'repair', projectId: fx.projectA.id, name: '电梯异响', nameEn: 'Lift noise' });
    const tries = await Promise.allSettled([1, 2, 3, 4].map(() => categoriesService.create(admin, body)));
    expect(tries.filter((t) => t.status === 'fulfilled')).toHaveLength(1);
    for (const t of tries.filter((x): x is PromiseRejectedResult => x.status === 'rejected')) {
      expect(t.reason).toBeInstanceOf(AppError);
      expect((t.reason as AppError).code).toBe('category_name_taken');
    }
    const rows = await database.db.selectFrom('ticket_categories').select('id').where('name', '=', '电梯异响').execute();
    expect(rows).toHaveLength(1);
  });

  it('two renames to the same free name at the same moment: only one of them takes it', async () => {
    const make = (name: string) => categoriesService.create(admin, CreateCategoryBody.parse({ kind: 'repair', projectId: fx.projectA.id, name, nameEn: name }));
    const [a, b] = [await make('门禁甲'), await make('门禁乙')];
    const tries = await Promise.allSettled([a, b].map((c) => categoriesService.update(admin, c.id, { name: '门禁故障' })));
    expect(tries.map((t) => t.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rows = await database.db.selectFrom('ticket_categories').select('id').where('name', '=', '门禁故障').execute();
    expect(rows).toHaveLength(1);
  });
});
