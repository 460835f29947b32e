import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../db/types.ts';
import type { Env } from '../env.ts';
import type { Logger } from '../logger.ts';
import type { Clock } from '../clock.ts';
import { loadAstroRenderer } from './astro-renderer.ts';
import { createRenderPool } from './render-pool.ts';
import { prerenderAll, type PrerenderSummary } from './prerender-all.ts';
import { createSiteRenderer } from './site-renderer.ts';
import { pruneSharedFiles, sharedStoreOf } from './shared-files.ts';

/** Options of a whole-site render. */
export interface PrebuildOptions {
  db: Database;
  env: Pick<Env, 'SITE_OUT_DIR' | 'SITE_PUBLISH_COMMAND' | 'PUBLIC_BASE_URL' | 'DATABASE_URL'>;
  log: Logger;
  clock: Clock;
  /** Render worker threads; default one per core. */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Renders every org's folder (`npm run site:prebuild`, and the benchmark): this thread reads each
 * org's data from the database (PGlite lives in this thread), worker threads render its pages and
 * write its files. A few orgs per worker are in flight, so the workers never wait for data and the
 * loaded-but-unrendered data stays bounded.
 */
export async function prebuildSite({
  db,
  env,
  log,
  clock,
  workers = availableParallelism(),
  onProgress,
}: PrebuildOptions): Promise<PrerenderSummary> {
  const renderer = await loadAstroRenderer(); // builds the site first when stale, before any worker loads it
  const pool = await createRenderPool({ size: workers });
  try {
    const site = createSiteRenderer({ db, env, log, clock, renderer, runner: pool });
    const summary = await prerenderAll(site, { concurrency: 2 * workers + 1, onProgress });
    pruneSharedFiles(sharedStoreOf(join(env.SITE_OUT_DIR, 'status')));
    return summary;
  } finally {
    await pool.close();
  }
}
