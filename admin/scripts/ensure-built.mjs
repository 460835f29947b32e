// Builds the admin SPA (scripts/build.mjs) when admin/dist is missing or older than its sources;
// concurrent callers (parallel test files, `npm start` while tests run) wait for one build instead of
// racing. Called by the root `start` script and by the tests' global setup.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const adminDir = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(adminDir, 'dist', '.built');
const lockDir = join(adminDir, 'node_modules', '.build-lock');
const sources = [
  'src',
  'scripts',
  'index.html',
  'package.json',
  '../widget/src/stream-client.ts',
  // The API code the bundle carries: the contract's enums and the Markdown renderer (a lazy chunk).
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

/** True when admin/dist is missing or older than any source of the build. */
export function adminBuildIsStale() {
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  return sources.some((source) => newestMtime(join(adminDir, source)) > built);
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Builds the admin SPA unless it is up to date; returns whether it built. */
export function ensureAdminBuilt({ quiet = false } = {}) {
  if (!adminBuildIsStale()) return false;
  mkdirSync(dirname(lockDir), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch {
      // Someone else builds; a lock older than a minute is from a crashed build.
      try {
        if (Date.now() - statSync(lockDir).mtimeMs > 60_000) rmSync(lockDir, { recursive: true, force: true });
      } catch {}
      sleep(100);
      if (!adminBuildIsStale()) return false;
    }
  }
  try {
    if (!adminBuildIsStale()) return false;
    const started = Date.now();
    execFileSync(process.execPath, [join(adminDir, 'scripts', 'build.mjs')], { stdio: quiet ? 'pipe' : 'inherit' });
    writeFileSync(stamp, new Date(started).toISOString());
    // Stamped with the start time, so a source edited during the build makes the next call rebuild.
    utimesSync(stamp, new Date(started), new Date(started));
    return true;
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (ensureAdminBuilt()) console.log('Admin app built.');
}
