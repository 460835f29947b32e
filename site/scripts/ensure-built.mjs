// Builds the site (astro build + the live module) when site/dist is missing or older than its
// sources; concurrent callers (parallel test files, replicas) wait for one build instead of racing
// (scripts/build-stamp.mjs).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildStamp, runBuildCommand } from '../../scripts/build-stamp.mjs';

const siteDir = fileURLToPath(new URL('..', import.meta.url));
const build = buildStamp({
  root: siteDir,
  sources: [
    'src',
    'public',
    'adapter',
    'scripts',
    'astro.config.mjs',
    'package.json',
    '../widget/src/stream-client.ts',
    // site/ imports nothing of the API but its contract (types, and the status enums the pages label)
    // and the Markdown renderer of update messages and post-mortems.
    '../api/src/contract',
    '../api/src/markdown',
  ],
  stamp: join(siteDir, 'dist', '.built'),
  // Inside .astro/ (git-ignored, Astro's own cache folder).
  lockDir: join(siteDir, '.astro', 'build-lock'),
  // An Astro build takes longer than the others.
  staleLockMs: 120_000,
  pollMs: 200,
});

/** True when site/dist is missing or older than any source of the build. */
export const siteBuildIsStale = build.isStale;

/** Builds the site unless it is up to date; returns whether it built. */
export function ensureSiteBuilt({ quiet = false } = {}) {
  return build.ensureSync(() =>
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: siteDir, stdio: quiet ? 'pipe' : 'inherit' }),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await runBuildCommand({ name: 'Site', ensure: ensureSiteBuilt, rerun: 'node site/scripts/ensure-built.mjs' });
}
