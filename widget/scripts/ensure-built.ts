// Builds the widget (build-widget.ts) when widget/dist is missing or older than its sources; `npm
// start`, the API's /widget/ route and the browser tests call it, so a fresh clone needs no extra
// step. Concurrent callers (parallel test files) wait for one build instead of racing.
//   npx node widget/scripts/ensure-built.ts
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWidget, distDir } from './build-widget.ts';

const widgetDir = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(distDir, '.built');
const lockDir = join(widgetDir, '.build-lock');
const sources = ['src', 'demo', 'scripts/build-widget.ts', 'package.json', '../api/src/contract'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (!entry.endsWith('.test.ts')) newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** True when widget/dist is missing or older than any source of the build. */
export function widgetBuildIsStale(): boolean {
  if (!existsSync(stamp)) return true;
  const built = statSync(stamp).mtimeMs;
  return sources.some((source) => newestMtime(join(widgetDir, source)) > built);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Builds the widget unless it is up to date; resolves to whether it built. */
export async function ensureWidgetBuilt(): Promise<boolean> {
  if (!widgetBuildIsStale()) return false;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch {
      // Someone else builds; a lock older than a minute is from a crashed build.
      try {
        if (Date.now() - statSync(lockDir).mtimeMs > 60_000) rmSync(lockDir, { recursive: true, force: true });
      } catch {
        // Gone meanwhile: try again.
      }
      await sleep(100);
      if (!widgetBuildIsStale()) return false;
    }
  }
  try {
    if (!widgetBuildIsStale()) return false;
    const started = new Date();
    await buildWidget();
    // Stamped with the start time, so a source edited during the build makes the next call rebuild.
    writeFileSync(stamp, started.toISOString());
    utimesSync(stamp, started, started);
    return true;
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (await ensureWidgetBuilt()) console.log('Widget built.');
}
