import { defineConfig } from 'vitest/config';

const databases = ['pglite', ...(process.env.DATABASE_URL ? ['postgres'] : [])];

/**
 * API tests run once per database: PGlite always, the PostgreSQL server when DATABASE_URL is set
 * (CI always sets it). Files named `*.pg.test.ts` need a server (several connections or processes)
 * and belong to the PostgreSQL project only: selected by name, never skipped at run time.
 */
export default defineConfig({
  test: {
    projects: [
      // Root scripts: the build stamp behind every ensure-built script.
      { test: { name: 'scripts', root: './scripts', include: ['*.test.ts'] } },
      // The static site's helpers (no database): time formatting, uptime bars, labels.
      { test: { name: 'site', root: './site', include: ['src/**/*.test.ts'] } },
      // The widget's build: size budgets and the metafile (the browser tests run in @web/test-runner).
      {
        test: {
          name: 'widget',
          root: './widget',
          include: ['scripts/**/*.test.ts', 'src/org-status.test.ts'],
          testTimeout: 120_000,
        },
      },
      // The admin SPA: its build budget, and journeys in Chromium against a real API server (PGlite).
      {
        test: {
          name: 'admin',
          root: './admin',
          include: ['test/**/*.test.ts'],
          globalSetup: ['../api/test/global-setup.ts'],
          env: { TEST_DB: 'pglite' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      ...databases.map((db) => ({
        test: {
          name: `api:${db}`,
          root: './api',
          include: [
            'src/**/*.test.ts',
            'test/**/*.test.ts',
            '../database/tests/**/*.test.ts',
            '../widget/src/stream-client.test.ts',
          ],
          exclude: db === 'postgres' ? ['**/node_modules/**'] : ['**/node_modules/**', '**/*.pg.test.ts'],
          globalSetup: ['./test/global-setup.ts'],
          env: { TEST_DB: db },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      })),
    ],
  },
});
