// Prebuild of many orgs: the prebuild (Astro server build, pages rendered per org in worker threads)
// beside a plain static `astro build` of the same pages with the same bulk data loader, in one run.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../api/src/db/open.ts';
import { migrate } from '../../api/src/db/migrate.ts';
import { parseEnv } from '../../api/src/env.ts';
import { createLogger } from '../../api/src/logger.ts';
import { systemClock } from '../../api/src/clock.ts';
import { prebuildSite } from '../../api/src/static-site/prebuild-site.ts';
import { seedBulk } from './bulk-data.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const staticProject = join(repo, 'bench/site-render/astro-static');

function countHtml(dir: string): number {
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) n += countHtml(join(dir, entry.name));
    else if (entry.name.endsWith('.html')) n++;
  }
  return n;
}

export interface PrebuildFigures {
  orgs: number;
  seedSeconds: number;
  lantern: { seconds: number; htmlPages: number; files: number; orgsPerSecond: number; pagesPerSecond: number };
  astroBuild: { seconds: number; htmlPages: number; pagesPerSecond: number };
}

export async function comparePrebuild(orgs: number): Promise<PrebuildFigures> {
  // Under the repository, like the default SITE_OUT_DIR (./data/site); /tmp here is a slower disk.
  mkdirSync(join(repo, '.tmp'), { recursive: true });
  const dataDir = mkdtempSync(join(repo, '.tmp', 'bench-prebuild-'));
  const env = parseEnv({ ...process.env, DATA_DIR: dataDir, SITE_OUT_DIR: join(dataDir, 'site'), LOG_LEVEL: 'silent' });
  try {
    let started = performance.now();
    const db = await openDatabase(env);
    let lantern: PrebuildFigures['lantern'];
    let seedSeconds: number;
    try {
      await migrate(db);
      await seedBulk(db, orgs);
      seedSeconds = (performance.now() - started) / 1000;
      // The same call as `npm run site:prebuild`, worker start-up included in the timing.
      started = performance.now();
      const summary = await prebuildSite({ db, env, log: createLogger('silent'), clock: systemClock });
      const seconds = (performance.now() - started) / 1000;
      lantern = {
        seconds,
        htmlPages: summary.htmlPages,
        files: summary.files,
        orgsPerSecond: summary.orgs / seconds,
        pagesPerSecond: summary.htmlPages / seconds,
      };
      if (summary.failed.length) throw new Error(`prerender failures: ${JSON.stringify(summary.failed.slice(0, 3))}`);
    } finally {
      await db.close(); // PGlite serves one process: astro build opens the same folder next
    }

    // The static project finds Astro (and its runtime imports) through a link to the site's copy.
    const modules = join(staticProject, 'node_modules');
    mkdirSync(modules, { recursive: true });
    if (!existsSync(join(modules, 'astro')))
      symlinkSync(join(repo, 'site/node_modules/astro'), join(modules, 'astro'), 'dir');
    const out = join(dataDir, 'astro-dist');
    started = performance.now();
    execFileSync(join(repo, 'site/node_modules/.bin/astro'), ['build', '--root', staticProject], {
      env: { ...process.env, DATA_DIR: dataDir, BENCH_ASTRO_OUT: out, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: process.env.BENCH_VERBOSE ? 'inherit' : 'ignore',
    });
    const astroSeconds = (performance.now() - started) / 1000;
    const astroPages = countHtml(join(out, 'status'));
    return {
      orgs,
      seedSeconds,
      lantern,
      astroBuild: { seconds: astroSeconds, htmlPages: astroPages, pagesPerSecond: astroPages / astroSeconds },
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
