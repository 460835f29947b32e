import { join } from 'node:path';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import type { Database } from '../db/types.ts';
import { asSystem } from '../db/doors.ts';
import type { Env } from '../env.ts';
import type { Logger } from '../logger.ts';
import type { Clock } from '../http/app-env.ts';
import type { Realtime } from '../realtime/realtime.ts';
import { leaderLockFor, type LeaderLock } from '../scheduler/leader-lock.ts';
import { localDate } from '../uptime/zoned-days.ts';
import { loadAstroRenderer, siteBuild, type AstroRenderer } from './astro-renderer.ts';
import { CoalescingQueue } from './coalescing-queue.ts';
import { loadSiteData, orgTimeZone } from './load-site-data.ts';
import { mtimeOf, readRenderedState } from './org-folder-state.ts';
import { runPublishCommand } from './publish.ts';
import { renderOrgFiles, renderRedirectFiles } from './render-org.ts';
import { writeOrgFolder } from './write-org-folder.ts';

export interface SiteRendererOptions {
  db: Database;
  env: Pick<Env, 'SITE_OUT_DIR' | 'SITE_PUBLISH_COMMAND' | 'PUBLIC_BASE_URL' | 'DATABASE_URL'>;
  log: Logger;
  clock: Clock;
  /** The process's event-log reader: its notifications trigger renders (no second LISTEN). */
  realtime?: Pick<Realtime, 'onNotify'>;
  /** The built site; loaded (and built when stale) on start when absent. */
  renderer?: AstroRenderer;
  /** Leadership among processes; default: advisory lock on a server, in-process on PGlite. */
  lock?: LeaderLock;
  leaderPollMs?: number;
  midnightCheckMs?: number;
  concurrency?: number;
}

/** One org's render, as reported to the prebuild and the logs. */
export interface OrgRender {
  slug: string;
  pages: number;
  files: number;
  written: number;
  ms: number;
}

interface OrgRow {
  id: string;
  slug: string;
  time_zone: string;
  last_event_seq: number | string;
  aliases: string[];
}

const orgQuery = `select o.id, o.slug, o.time_zone, o.last_event_seq,
  array(select a.slug from public.organization_slug_aliases a where a.org_id = o.id order by a.slug) as aliases
  from public.organizations o`;

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
  const hashes = new Map<string, Map<string, string>>();
  const days = new Map<string, { timeZone: string; day: string }>();
  const slugsByOrg = new Map<string, string[]>();
  let renderer = options.renderer ?? null;
  let leader = false;
  let stopped = false;
  const timers: NodeJS.Timeout[] = [];
  let unsubscribe: (() => void) | null = null;
  const counts = { renders: 0, failures: 0, publishFailures: 0, lastMs: 0 };

  const queue = new CoalescingQueue({
    concurrency: options.concurrency ?? 4,
    job: async (orgId) => {
      if (leader && !stopped) await renderOrg(orgId);
    },
    onError: (orgId, error) => {
      counts.failures++;
      log.error({ err: error, orgId }, 'site render failed; the last good files stay');
    },
  });

  const getRenderer = async () => (renderer ??= await loadAstroRenderer());

  async function publish(folder: string, slug: string): Promise<void> {
    if (!env.SITE_PUBLISH_COMMAND) return;
    const code = await runPublishCommand(env.SITE_PUBLISH_COMMAND, folder, slug, (line) =>
      log.info({ slug }, `publish: ${line}`),
    );
    if (code !== 0) {
      counts.publishFailures++;
      log.error({ slug, code }, 'SITE_PUBLISH_COMMAND failed');
    }
  }

  async function write(key: string, folder: string, files: Parameters<typeof writeOrgFolder>[1]) {
    // Hashes only vouch for files that are still there: a folder removed behind our back is rewritten.
    const previous = (await mtimeOf(join(folder, 'index.html'))) ? hashes.get(key) : undefined;
    const result = await writeOrgFolder(folder, files, previous);
    hashes.set(key, result.hashes);
    return result;
  }

  /**
   * A deleted org (its `organization.deleted` event): the delete route removed its folders after the
   * commit; removing them here too covers the order of the two, and the publish command mirrors it.
   */
  async function forget(orgId: string): Promise<void> {
    const slugs = slugsByOrg.get(orgId) ?? [];
    slugsByOrg.delete(orgId);
    days.delete(orgId);
    for (const key of [...hashes.keys()]) if (key === orgId || key.startsWith(`${orgId}:`)) hashes.delete(key);
    for (const slug of slugs) {
      await rm(join(statusDir, slug), { recursive: true, force: true });
      await publish(join(statusDir, slug), slug);
    }
  }

  /** Renders one org now (not queued); null when the org no longer exists. */
  async function renderOrg(orgId: string): Promise<OrgRender | null> {
    const started = performance.now();
    const [org] = await asSystem(db, 'site-renderer', (tx) => tx.query<OrgRow>(`${orgQuery} where o.id = $1`, [orgId]));
    if (!org) {
      await forget(orgId);
      return null;
    }
    const loaded = await loadSiteData(db, org.slug, { now: clock.now(), apiBase: env.PUBLIC_BASE_URL ?? null });
    if (!loaded) return null;
    const astro = await getRenderer();
    const files = await renderOrgFiles(astro, loaded.data, loaded.logo, env.PUBLIC_BASE_URL);
    const folder = join(statusDir, org.slug);
    const result = await write(orgId, folder, files);
    const pagePaths = [...files.keys()]
      .filter((p) => p.endsWith('index.html') && p !== 'index.html')
      .map((p) => p.slice(0, -'index.html'.length));
    for (const alias of org.aliases) {
      const redirects = await renderRedirectFiles(astro, org.slug, loaded.data.snapshot.organization.name, pagePaths);
      await write(`${orgId}:${alias}`, join(statusDir, alias), redirects);
    }
    // Deleted while we rendered: the delete route already removed the folder; do not bring it back.
    const [still] = await asSystem(db, 'site-renderer', (tx) =>
      tx.query('select 1 from public.organizations where id = $1', [orgId]),
    );
    if (!still) {
      slugsByOrg.set(orgId, [org.slug, ...org.aliases]);
      await forget(orgId);
      return null;
    }
    days.set(orgId, { timeZone: orgTimeZone(org.time_zone), day: loaded.data.localDay });
    slugsByOrg.set(orgId, [org.slug, ...org.aliases]);
    counts.renders++;
    counts.lastMs = performance.now() - started;
    await publish(folder, org.slug);
    for (const alias of org.aliases) await publish(join(statusDir, alias), alias);
    const pages = [...files.keys()].filter((p) => p.endsWith('.html')).length;
    return { slug: org.slug, pages, files: files.size, written: result.written, ms: counts.lastMs };
  }

  /** The 404 page the API serves for unknown slugs (and a static host can use). */
  async function writeNotFoundPage(): Promise<void> {
    const { html } = await (
      await getRenderer()
    ).render('/404/', { org: null, page: { kind: 'not_found' }, root: './' });
    await mkdir(env.SITE_OUT_DIR, { recursive: true });
    const tmp = join(env.SITE_OUT_DIR, `.tmp-404-${process.pid}`);
    await writeFile(tmp, html);
    await rename(tmp, join(env.SITE_OUT_DIR, '404.html'));
  }

  /** Every org, for the prebuild and the catch-up. */
  async function listOrgs(): Promise<OrgRow[]> {
    return asSystem(db, 'site-renderer', (tx) => tx.query<OrgRow>(`${orgQuery} order by o.slug`));
  }

  /** On taking the lead: queue every org whose folder is behind its log, its day or the build. */
  async function catchUp(): Promise<void> {
    await writeNotFoundPage();
    const built = await mtimeOf(siteBuild.stamp);
    const now = clock.now();
    for (const org of await listOrgs()) {
      const timeZone = orgTimeZone(org.time_zone);
      const state = await readRenderedState(join(statusDir, org.slug, 'index.html'));
      const today = localDate(now, timeZone);
      const fresh =
        state && state.seq === Number(org.last_event_seq) && state.localDay === today && state.mtimeMs >= built;
      if (fresh) days.set(org.id, { timeZone, day: today });
      else queue.request(org.id);
    }
  }

  /** Queues every org whose local day changed since its last render (uptime bars roll forward). */
  function checkMidnight(): void {
    const now = clock.now();
    for (const [orgId, { timeZone, day }] of days) if (localDate(now, timeZone) !== day) queue.request(orgId);
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
          if (leader && !stopped) queue.request(orgId);
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
      await lock.release();
      leader = false;
    },
    /** Queues a render of one org (coalesced). */
    request: (orgId: string) => queue.request(orgId),
    /** Resolves when no render runs or waits. */
    idle: () => queue.idle(),
    renderOrg: async (orgId: string) => {
      await getRenderer();
      return renderOrg(orgId);
    },
    listOrgs,
    writeNotFoundPage,
    checkMidnight,
    get isLeader() {
      return leader;
    },
    stats: () => ({ ...counts, ...queue.stats(), leader }),
  };
}

/** The site renderer of one process. */
export type SiteRenderer = ReturnType<typeof createSiteRenderer>;
