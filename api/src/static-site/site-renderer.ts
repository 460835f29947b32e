import { join } from 'node:path';
import type { Database } from '../db/types.ts';
import type { Env } from '../env.ts';
import type { Logger } from '../logger.ts';
import type { Clock } from '../clock.ts';
import type { Realtime } from '../realtime/realtime.ts';
import { leaderLockFor, type LeaderLock } from '../scheduler/leader-lock.ts';
import { localDate } from '../uptime/zoned-days.ts';
import { loadAstroRenderer, siteBuild, type AstroRenderer } from './astro-renderer.ts';
import { CoalescingQueue } from './coalescing-queue.ts';
import { orgTimeZone } from './load-site-data.ts';
import { writeNotFoundPage } from './not-found-page.ts';
import { listOrgRows } from './org-list.ts';
import { mtimeOf, readRenderedState } from './org-folder-state.ts';
import { createOrgRenders, type RenderCounts } from './org-renders.ts';
import { createRenderPool, type OrgFolderRunner } from './render-pool.ts';
import { createLazyRunner } from './lazy-runner.ts';

export type { OrgRender } from './org-renders.ts';

export interface SiteRendererOptions {
  db: Database;
  env: Pick<Env, 'SITE_OUT_DIR' | 'SITE_PUBLISH_COMMAND' | 'PUBLIC_BASE_URL' | 'DATABASE_URL'>;
  log: Logger;
  clock: Clock;
  /** The process's event-log reader: its notifications trigger renders (no second LISTEN). */
  realtime?: Pick<Realtime, 'onNotify'>;
  /** The built site; loaded (and built when stale) on start when absent. */
  renderer?: AstroRenderer;
  /** Where folders are rendered and written; default: one worker thread of its own, started on first
   * use and stopped after `workerIdleMs` (default 30 s) without a render. */
  runner?: OrgFolderRunner;
  workerIdleMs?: number;
  /** Leadership among processes; default: advisory lock on a server, in-process on PGlite. */
  lock?: LeaderLock;
  leaderPollMs?: number;
  midnightCheckMs?: number;
  concurrency?: number;
  /** Told the duration of every finished render (the operator metrics' histogram). */
  onRendered?: (ms: number) => void;
}

/**
 * The static site renderer: the leader process renders an org's folder when an event of it commits
 * (coalesced: at most one more render queued behind a running one), at each org's local midnight,
 * and, on taking the lead, every org whose folder is older than its last event, its local day or
 * the site build. Standby processes only watch for the lead.
 */
export function createSiteRenderer(options: SiteRendererOptions) {
  const { db, env, log, clock } = options;
  const lock = options.lock ?? leaderLockFor(db, env.DATABASE_URL, 'site-renderer');
  const statusDir = join(env.SITE_OUT_DIR, 'status');
  let renderer = options.renderer ?? null;
  let leader = false;
  let stopped = false;
  const timers: NodeJS.Timeout[] = [];
  let unsubscribe: (() => void) | null = null;
  const counts: RenderCounts = { renders: 0, failures: 0, publishFailures: 0, lastMs: 0 };
  const getRenderer = async () => (renderer ??= await loadAstroRenderer());
  // Rendering and writing run off this thread, so requests (and, on PGlite, the commits whose
  // changes pile up into the next coalesced render) go on while a folder is written.
  const startPool = async () => {
    await getRenderer(); // builds the site when stale, before the worker loads it
    return createRenderPool({ size: 1 });
  };
  const runner: OrgFolderRunner =
    options.runner ?? createLazyRunner({ start: startPool, idleMs: options.workerIdleMs ?? 30_000 });
  const orgs = createOrgRenders({ db, env, log, clock, runner, counts, onRendered: options.onRendered });

  const queue = new CoalescingQueue({
    concurrency: options.concurrency ?? 4,
    job: async (orgId) => {
      if (leader && !stopped) await orgs.renderOrg(orgId);
    },
    onError: (orgId, error) => {
      counts.failures++;
      log.error({ err: error, orgId }, 'site render failed; the last good files stay');
    },
  });

  const notFoundPage = async () => writeNotFoundPage(await getRenderer(), env.SITE_OUT_DIR);
  const listOrgs = () => listOrgRows(db);

  /** On taking the lead: queue every org whose folder is behind its log, its day or the build. */
  async function catchUp(): Promise<void> {
    await notFoundPage();
    const built = await mtimeOf(siteBuild.stamp);
    const now = clock.now();
    const all = await listOrgs();
    await orgs.adopt(all);
    for (const org of all) {
      const timeZone = orgTimeZone(org.time_zone);
      const state = await readRenderedState(join(statusDir, org.slug, 'index.html'));
      const today = localDate(now, timeZone);
      const fresh =
        state && state.seq === Number(org.last_event_seq) && state.localDay === today && state.mtimeMs >= built;
      if (fresh) orgs.markFresh(org.id, timeZone, today);
      else queue.request(org.id);
    }
  }

  /** Queues every org whose local day changed since its last render (uptime bars roll forward). */
  function checkMidnight(): void {
    const now = clock.now();
    for (const [orgId, { timeZone, day }] of orgs.days) if (localDate(now, timeZone) !== day) queue.request(orgId);
  }

  async function pollLeadership(): Promise<void> {
    const now = await lock.acquire();
    if (stopped) return;
    if (now && !leader) {
      leader = true;
      log.info('site renderer: leading');
      await catchUp().catch((error: unknown) => log.error({ err: error }, 'site renderer catch-up failed'));
    } else if (!now && leader) {
      leader = false;
      queue.clear();
      log.warn('site renderer: lost the lead; standing by');
    }
  }

  return {
    /** Loads the site build, subscribes to event notifications and competes for the lead. */
    async start(): Promise<void> {
      await getRenderer();
      unsubscribe =
        options.realtime?.onNotify((orgId) => {
          if (leader && !stopped) queue.requestSoon(orgId);
        }) ?? null;
      await pollLeadership();
      const poll = setInterval(() => void pollLeadership(), options.leaderPollMs ?? 5_000);
      const midnight = setInterval(() => leader && checkMidnight(), options.midnightCheckMs ?? 30_000);
      poll.unref();
      midnight.unref();
      timers.push(poll, midnight);
    },
    async stop(): Promise<void> {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      unsubscribe?.();
      queue.clear();
      await queue.idle();
      if (!options.runner) await runner.close();
      await lock.release();
      leader = false;
    },
    /** Queues a render of one org (coalesced). */
    request: (orgId: string) => queue.request(orgId),
    /** Resolves when no render runs or waits. */
    idle: () => queue.idle(),
    /** Renders one org now, outside the queue (the prebuild); null when the org no longer exists. */
    renderOrg: (orgId: string) => orgs.renderOrg(orgId),
    listOrgs,
    writeNotFoundPage: notFoundPage,
    checkMidnight,
    get isLeader() {
      return leader;
    },
    stats: () => ({ ...counts, ...queue.stats(), leader }),
  };
}

/** The site renderer of one process. */
export type SiteRenderer = ReturnType<typeof createSiteRenderer>;
