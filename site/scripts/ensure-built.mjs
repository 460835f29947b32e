// Builds the site (astro build + the live module) when site/dist is missing or older than its
// sources; concurrent callers (parallel test files, replicas) wait for one build instead of racing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const siteDir = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(siteDir, 'dist', '.built');
// Inside .astro/ (git-ignored, Astro's own cache folder).
const lockDir = join(siteDir, '.astro', 'build-lock');
const sources = [
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
];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when site/dist is missing or older than any source of the build. */
export function siteBuildIsStale() {
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  return sources.some((source) => newestMtime(join(siteDir, source)) > built);
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Builds the site unless it is up to date; returns whether it built. */
export function ensureSiteBuilt({ quiet = false } = {}) {
  if (!siteBuildIsStale()) return false;
  mkdirSync(dirname(lockDir), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch {
      // Someone else builds; a lock older than two minutes is from a crashed build.
      try {
        if (Date.now() - statSync(lockDir).mtimeMs > 120_000) rmSync(lockDir, { recursive: true, force: true });
      } catch {}
      sleep(200);
      if (!siteBuildIsStale()) return false;
    }
  }
  try {
    if (!siteBuildIsStale()) return false;
    const started = Date.now();
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: siteDir, stdio: quiet ? 'pipe' : 'inherit' });
    mkdirSync(dirname(stamp), { recursive: true });
    writeFileSync(stamp, new Date(started).toISOString());
    // Stamped with the start time, so a source edited during the build makes the next call rebuild.
    utimesSync(stamp, new Date(started), new Date(started));
    return true;
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (ensureSiteBuilt()) console.log('Site built.');
}
