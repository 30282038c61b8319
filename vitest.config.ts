import { defineConfig } from 'vitest/config';

// Unit, route and database tests. `npm test` runs this once on SQLite, then the *.db.test.ts
// files again with TEST_DATABASE_URL pointing at a throwaway PostgreSQL server.
export default defineConfig({
  test: {
    include: ['apps/server/src/**/*.test.ts', 'apps/server/test/**/*.test.ts', 'packages/contracts/src/**/*.test.ts', 'apps/web/src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
