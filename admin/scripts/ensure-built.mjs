// Builds the admin SPA (scripts/build.mjs) when admin/dist is missing or older than its sources;
// concurrent callers (parallel test files, `npm start` while tests run) wait for one build instead of
// racing (scripts/build-stamp.mjs). Called by the root `start` script and by the tests' global setup.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildStamp, runBuildCommand } from '../../scripts/build-stamp.mjs';

const adminDir = fileURLToPath(new URL('..', import.meta.url));
const build = buildStamp({
  root: adminDir,
  sources: [
    'src',
    'scripts',
    'index.html',
    'package.json',
    '../widget/src/stream-client.ts',
    // The API code the bundle carries: the contract's enums and the Markdown renderer (a lazy chunk).
    '../api/src/contract',
    '../api/src/markdown',
  ],
  stamp: join(adminDir, 'dist', '.built'),
  lockDir: join(adminDir, 'node_modules', '.build-lock'),
});

/** True when admin/dist is missing or older than any source of the build. */
export const adminBuildIsStale = build.isStale;

/** Builds the admin SPA unless it is up to date; returns whether it built. */
export function ensureAdminBuilt({ quiet = false } = {}) {
  return build.ensureSync(() =>
    execFileSync(process.execPath, [join(adminDir, 'scripts', 'build.mjs')], { stdio: quiet ? 'pipe' : 'inherit' }),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await runBuildCommand({ name: 'Admin app', ensure: ensureAdminBuilt, rerun: 'node admin/scripts/ensure-built.mjs' });
}
