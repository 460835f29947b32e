import { defineConfig } from 'vitest/config';

const databases = ['pglite', ...(process.env.DATABASE_URL ? ['postgres'] : [])];

/** API tests run once per database: PGlite always, the PostgreSQL server when DATABASE_URL is set. */
export default defineConfig({
  test: {
    projects: databases.map((db) => ({
      test: {
        name: `api:${db}`,
        root: './api',
        include: ['src/**/*.test.ts', 'test/**/*.test.ts', '../database/tests/**/*.test.ts', '../widget/src/stream-client.test.ts'],
        globalSetup: ['./test/global-setup.ts'],
        env: { TEST_DB: db },
        testTimeout: 30_000,
        hookTimeout: 60_000,
      },
    })),
  },
});
