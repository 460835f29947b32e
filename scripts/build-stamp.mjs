// "Build when stale, one build for concurrent callers", shared by admin/, site/ and widget/'s
// scripts/ensure-built.*: `npm start`, the tests' global setups and the API's lazy loaders call them,
// so a fresh clone needs no build step, and parallel test files wait for one build instead of racing.
//
// A build is stale when its stamp file (written after a successful build, with the build's START
// time as its mtime) is missing or older than the newest file of any of its sources, test files
// (`*.test.ts`) left out. Starting time, so a source edited during the build makes the next call
// rebuild. Plain JavaScript (with build-stamp.d.mts for TypeScript) so that `node` of any version
// can run the .mjs callers.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Newest mtime (ms) of a file or, recursively, of a folder and its files; 0 when absent. */
export function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (!entry.endsWith('.test.ts')) newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/**
 * One build's staleness check and lock. `spec`: `root` (the package folder; sources are relative
 * to it), `sources`, `stamp` (absolute path of the stamp file), `lockDir` (absolute, git-ignored),
 * `staleLockMs` (a lock older than this is from a crashed build), `pollMs`.
 */
export function buildStamp({ root, sources, stamp, lockDir, staleLockMs = 60_000, pollMs = 100 }) {
  const isStale = () => {
    if (!existsSync(stamp)) return true;
    const built = statSync(stamp).mtimeMs;
    return sources.some((source) => newestMtime(join(root, source)) > built);
  };

  /** Takes the lock if free (clearing one left by a crashed build); true when taken. */
  const tryLock = () => {
    mkdirSync(dirname(lockDir), { recursive: true });
    try {
      mkdirSync(lockDir);
      return true;
    } catch {
      try {
        if (Date.now() - statSync(lockDir).mtimeMs > staleLockMs) rmSync(lockDir, { recursive: true, force: true });
      } catch {
        // Gone meanwhile: the next try takes it.
      }
      return false;
    }
  };

  const unlock = () => rmSync(lockDir, { recursive: true, force: true });

  const writeStamp = (started) => {
    mkdirSync(dirname(stamp), { recursive: true });
    writeFileSync(stamp, started.toISOString());
    utimesSync(stamp, started, started);
  };

  return {
    isStale,

    /** Runs `build` (synchronous) unless the build is up to date; returns whether it built. */
    ensureSync(build) {
      if (!isStale()) return false;
      while (!tryLock()) {
        // Someone else builds: wait, and stop waiting once their build is in.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pollMs);
        if (!isStale()) return false;
      }
      try {
        if (!isStale()) return false;
        const started = new Date();
        build();
        writeStamp(started);
        return true;
      } finally {
        unlock();
      }
    },

    /** The same for an asynchronous `build`, waiting without blocking the event loop. */
    async ensure(build) {
      if (!isStale()) return false;
      while (!tryLock()) {
        await new Promise((resolve) => setTimeout(resolve, pollMs));
        if (!isStale()) return false;
      }
      try {
        if (!isStale()) return false;
        const started = new Date();
        await build();
        writeStamp(started);
        return true;
      } finally {
        unlock();
      }
    },
  };
}

/**
 * The command-line end of an ensure-built script (`npm start` runs three in a row): builds when
 * stale and says so; a failed build ends with one line naming what did not build and what to do —
 * the build tool's own errors are printed above it — and a non-zero exit, never a stack trace alone.
 */
export async function runBuildCommand({ name, ensure, rerun }) {
  try {
    if (await ensure()) console.log(`${name} built.`);
  } catch (error) {
    const status = typeof error?.status === 'number' ? ` (exit ${error.status})` : '';
    const reason = error?.status === undefined && error?.message ? `: ${String(error.message).split('\n')[0]}` : '';
    console.error(
      `${name} did not build${status}${reason}. The errors above say why; fix them and run npm start again, or run \`${rerun}\` to build it alone.`,
    );
    process.exitCode = 1;
  }
}
