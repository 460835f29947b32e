// @web/test-runner: the widget's browser tests in Debian's Chromium (never a downloaded browser),
// against a real API server on a fresh database (test/test-api.ts) and a second static origin serving
// a copy of the built widget. Writes a Jest-style JSON report for scripts/test-summary.ts.
//   npx wtr --config widget/web-test-runner.config.mjs
import { fileURLToPath } from 'node:url';
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { ensureWidgetBuilt } from './scripts/ensure-built.ts';
import { distDir } from './scripts/build-widget.ts';
import { jestJsonReporter } from './test/jest-json-reporter.ts';
import { lanternCommands } from './test/lantern-commands.ts';

const rootDir = fileURLToPath(new URL('..', import.meta.url));
await ensureWidgetBuilt();

export default {
  rootDir,
  // *.pg.test.ts need a PostgreSQL server (two API processes on one database): chosen by name when
  // DATABASE_URL is set (CI always sets it), never skipped at run time.
  files: ['widget/test/**/*.test.ts', ...(process.env.DATABASE_URL ? [] : ['!widget/test/**/*.pg.test.ts'])],
  // The test helpers' own Lit in its production build (the widget bundles its own copy anyway).
  nodeResolve: { exportConditions: ['production'] },
  concurrency: 1,
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: '/usr/bin/chromium',
        args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'],
      },
    }),
  ],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022' }),
    lanternCommands({ distDir, databaseUrl: process.env.DATABASE_URL }),
  ],
  reporters: [
    defaultReporter(),
    jestJsonReporter({ outputFile: process.env.WTR_REPORT ?? `${rootDir}.tmp/test-reports/widget-browser.json` }),
  ],
  testFramework: { config: { timeout: 60_000 } },
  testsFinishTimeout: 300_000,
};
