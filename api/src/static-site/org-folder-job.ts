import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AstroRenderer } from './astro-renderer.ts';
import type { SiteLogo } from './load-site-data.ts';
import { renderOrgFiles, renderRedirectFiles } from './render-org.ts';
import type { SiteOrgData } from '../contract/site-locals.ts';
import { sharedStoreOf } from './shared-files.ts';
import { writeOrgFolder } from './write-org-folder.ts';

/**
 * Everything needed to render and write one org's folders, as plain data: it crosses to a render
 * worker by structured clone (see render-pool.ts), or runs in the calling thread.
 */
export interface OrgFolderJob {
  /** `$SITE_OUT_DIR/status`. */
  statusDir: string;
  data: SiteOrgData;
  logo: SiteLogo | null;
  baseUrl: string | undefined;
  /** Former slugs: each keeps redirect pages to the same page under the current slug. */
  aliases: readonly string[];
  /** Content hashes of the last write, per slug (current and former), to skip unchanged files. */
  previous: Record<string, Map<string, string>>;
}

/** What rendering and writing one org's folders did. */
export interface OrgFolderResult {
  pages: number;
  files: number;
  written: number;
  /** New content hashes per slug, to pass as `previous` next time. */
  hashes: Record<string, Map<string, string>>;
}

/** Renders and writes one org (current folder, then a redirect folder per former slug). */
export async function runOrgFolderJob(astro: AstroRenderer, job: OrgFolderJob): Promise<OrgFolderResult> {
  const slug = job.data.snapshot.organization.slug;
  const files = await renderOrgFiles(astro, job.data, job.logo, job.baseUrl);
  const hashes: Record<string, Map<string, string>> = {};
  const write = async (folderSlug: string, content: typeof files) => {
    const folder = join(job.statusDir, folderSlug);
    // Hashes only vouch for files that are still there: a folder removed behind our back is rewritten.
    const previous = existsSync(join(folder, 'index.html')) ? job.previous[folderSlug] : undefined;
    const result = await writeOrgFolder(folder, content, previous, { store: sharedStoreOf(job.statusDir) });
    hashes[folderSlug] = result.hashes;
    return result.written;
  };
  let written = await write(slug, files);
  const pagePaths = [...files.keys()]
    .filter((p) => p.endsWith('index.html') && p !== 'index.html')
    .map((p) => p.slice(0, -'index.html'.length));
  for (const alias of job.aliases) {
    const name = job.data.snapshot.organization.name;
    written += await write(alias, await renderRedirectFiles(astro, slug, name, pagePaths));
  }
  const pages = [...files.keys()].filter((p) => p.endsWith('.html')).length;
  return { pages, files: files.size, written, hashes };
}
