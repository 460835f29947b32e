import { join } from 'node:path';
import { readdir, rm } from 'node:fs/promises';
import type { Database } from '../db/types.ts';
import type { Env } from '../env.ts';
import type { Logger } from '../logger.ts';
import type { Clock } from '../clock.ts';
import { orgSlugPattern } from '../contract/org-slug.ts';
import { loadSiteData, orgTimeZone } from './load-site-data.ts';
import { orgExists, readOrgRow, type OrgRow } from './org-list.ts';
import type { OrgFolderRunner } from './render-pool.ts';
import { runPublishCommand } from './publish.ts';
import { pruneSharedFiles, sharedStoreOf } from './shared-files.ts';

/** One org's render, as reported to the prebuild and the logs. */
export interface OrgRender {
  slug: string;
  pages: number;
  files: number;
  written: number;
  ms: number;
}

/** Counters of the renders (stats, logs). */
export interface RenderCounts {
  renders: number;
  failures: number;
  publishFailures: number;
  lastMs: number;
}

/**
 * One org at a time, with what the renderer remembers between renders: each org's slugs (so a
 * deleted org's folders can be found once its rows are gone), its local day (midnight re-renders)
 * and the content hashes of its last write (unchanged files are not rewritten).
 *
 * This is the only place that removes a deleted org's folders and publishes the removal: the
 * `organization.deleted` notification queues the org like any event, and the render finds it gone.
 * Renders of one org never overlap (the renderer's queue), so a render that was under way when the
 * delete committed cannot bring the folder back after it was removed.
 */
export function createOrgRenders(options: {
  db: Database;
  env: Pick<Env, 'SITE_OUT_DIR' | 'SITE_PUBLISH_COMMAND' | 'PUBLIC_BASE_URL'>;
  log: Logger;
  clock: Clock;
  runner: OrgFolderRunner;
  counts: RenderCounts;
  onRendered?: (ms: number) => void;
}) {
  const { db, env, log, clock, runner, counts } = options;
  const statusDir = join(env.SITE_OUT_DIR, 'status');
  const hashes = new Map<string, Record<string, Map<string, string>>>();
  const days = new Map<string, { timeZone: string; day: string }>();
  const slugsByOrg = new Map<string, string[]>();

  async function publish(slug: string): Promise<void> {
    if (!env.SITE_PUBLISH_COMMAND) return;
    const code = await runPublishCommand(env.SITE_PUBLISH_COMMAND, join(statusDir, slug), slug, (line) =>
      log.info({ slug }, `publish: ${line}`),
    );
    if (code !== 0) {
      counts.publishFailures++;
      log.error({ slug, code }, 'SITE_PUBLISH_COMMAND failed');
    }
  }

  /** Removes folders (a deleted org's, or ones no org owns) and publishes each removal. */
  async function removeFolders(slugs: readonly string[]): Promise<void> {
    for (const slug of slugs) {
      // Slugs come from the database, which checks the same pattern; checked again because this is rm -r.
      if (!orgSlugPattern.test(slug)) continue;
      await rm(join(statusDir, slug), { recursive: true, force: true });
      await publish(slug);
    }
  }

  /** A deleted org: its folders go (once: its slugs are forgotten with it). */
  async function forget(orgId: string): Promise<void> {
    const slugs = slugsByOrg.get(orgId) ?? [];
    slugsByOrg.delete(orgId);
    days.delete(orgId);
    hashes.delete(orgId);
    await removeFolders(slugs);
  }

  /** Renders one org now; null when the org no longer exists (its folders are then removed). */
  async function renderOrg(orgId: string): Promise<OrgRender | null> {
    const started = performance.now();
    const org = await readOrgRow(db, orgId);
    if (!org) {
      await forget(orgId);
      return null;
    }
    slugsByOrg.set(orgId, [org.slug, ...org.aliases]);
    const loaded = await loadSiteData(db, org.slug, { now: clock.now(), apiBase: env.PUBLIC_BASE_URL ?? null });
    if (!loaded) return null;
    const result = await runner.run({
      statusDir,
      data: loaded.data,
      logo: loaded.logo,
      baseUrl: env.PUBLIC_BASE_URL,
      aliases: org.aliases,
      previous: hashes.get(orgId) ?? {},
    });
    // Deleted while we rendered: the write may have brought the folder back; remove it again.
    if (!(await orgExists(db, orgId))) {
      await forget(orgId);
      return null;
    }
    hashes.set(orgId, result.hashes);
    days.set(orgId, { timeZone: orgTimeZone(org.time_zone), day: loaded.data.localDay });
    counts.renders++;
    counts.lastMs = performance.now() - started;
    options.onRendered?.(counts.lastMs);
    for (const slug of [org.slug, ...org.aliases]) await publish(slug);
    return { slug: org.slug, pages: result.pages, files: result.files, written: result.written, ms: counts.lastMs };
  }

  /**
   * On taking the lead: remembers every org's slugs and removes the folders no org owns any more
   * (orgs deleted while no process led), and the shared copies no folder links to any more. Temp
   * folders of a write under way are left alone.
   */
  async function adopt(orgs: readonly OrgRow[]): Promise<void> {
    for (const org of orgs) slugsByOrg.set(org.id, [org.slug, ...org.aliases]);
    const entries = await readdir(statusDir, { withFileTypes: true }).catch(() => []);
    // Read after the listing: an org created meanwhile was remembered by its render before its write.
    const owned = new Set([...slugsByOrg.values()].flat());
    await removeFolders(entries.filter((e) => e.isDirectory() && !owned.has(e.name)).map((e) => e.name));
    pruneSharedFiles(sharedStoreOf(statusDir));
  }

  /** Notes an org found fresh on disk at `day` (no render needed; midnight still applies). */
  function markFresh(orgId: string, timeZone: string, day: string): void {
    days.set(orgId, { timeZone, day });
  }

  return { renderOrg, adopt, markFresh, days: days as ReadonlyMap<string, { timeZone: string; day: string }> };
}
