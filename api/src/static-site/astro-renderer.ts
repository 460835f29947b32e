import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SiteLocals } from '../contract/site-locals.ts';

const siteDir = fileURLToPath(new URL('../../../site/', import.meta.url));

/** Where `npm run build -w site` leaves the server entry and the static assets. */
export const siteBuild = {
  entry: `${siteDir}dist/server/entry.mjs`,
  client: `${siteDir}dist/client/`,
  stamp: `${siteDir}dist/.built`,
};

/** The built Astro site as a function: one page's path and data in, its HTML out. */
export interface AstroRenderer {
  render(path: string, locals: SiteLocals): Promise<{ status: number; html: string }>;
  /** Files every org folder gets as they are (the stylesheet and the live module). */
  assets: Record<string, Uint8Array>;
}

type RenderPage = (url: string, locals: SiteLocals) => Promise<Response>;

/**
 * Loads the site's server build (built once; see site/adapter). With `ensureBuilt`, builds it first
 * when site/dist is missing or older than the sources: a fresh clone works without a manual step.
 */
export async function loadAstroRenderer({
  ensureBuilt = true,
}: { ensureBuilt?: boolean } = {}): Promise<AstroRenderer> {
  if (ensureBuilt) {
    const builder = (await import(pathToFileURL(`${siteDir}scripts/ensure-built.mjs`).href)) as {
      ensureSiteBuilt(options: { quiet: boolean }): boolean;
    };
    builder.ensureSiteBuilt({ quiet: true });
  }
  const { renderPage } = (await import(pathToFileURL(siteBuild.entry).href)) as { renderPage: RenderPage };
  const assets: Record<string, Uint8Array> = {
    'status.css': await readFile(`${siteBuild.client}status.css`),
    'live.js': await readFile(`${siteBuild.client}live.js`),
  };
  return {
    assets,
    async render(path, locals) {
      // The host is never seen: pages link relatively, and nothing is fetched.
      const response = await renderPage(new URL(path, 'http://site.invalid').toString(), locals);
      return { status: response.status, html: await response.text() };
    },
  };
}
