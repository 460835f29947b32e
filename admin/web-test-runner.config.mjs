// @web/test-runner: the admin's component tests in Debian's Chromium (never a downloaded browser).
// Each `src/**/*.browser.test.ts` mounts real components (no API server: a component gets its data
// as properties and reports through events). Writes a Jest-style JSON report for scripts/test-summary.ts.
//   npx wtr --config admin/web-test-runner.config.mjs
import { fileURLToPath } from 'node:url';
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { jestJsonReporter } from '../widget/test/jest-json-reporter.ts';

const rootDir = fileURLToPath(new URL('..', import.meta.url));

export default {
  rootDir,
  files: ['admin/src/**/*.browser.test.ts'],
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
  plugins: [esbuildPlugin({ ts: true, target: 'es2022' })],
  reporters: [
    defaultReporter(),
    jestJsonReporter({ outputFile: process.env.WTR_REPORT ?? `${rootDir}.tmp/test-reports/admin-browser.json` }),
  ],
  testFramework: { config: { timeout: 20_000 } },
  testsFinishTimeout: 180_000,
};
