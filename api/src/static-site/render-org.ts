import type { PublicIncident, PublicMaintenance } from '../contract/public-status.ts';
import { statusPageUrl } from '../public-snapshot/summary.ts';
import type { AstroRenderer } from './astro-renderer.ts';
import { historyMonthsOf, historyPages } from './history-months.ts';
import type { SiteLocals, SiteOrgData } from '../contract/site-locals.ts';
import type { SiteLogo } from './load-site-data.ts';
import { atomFeed } from './files/atom-feed.ts';
import { rssFeed } from './files/rss-feed.ts';
import { overallBadge, serviceBadgeSvg } from './files/badge-svg.ts';
import { statuspageFiles } from './files/statuspage-files.ts';
import { plainTextSnapshot } from '../public-snapshot/plain-text.ts';

/** An org folder's content: path inside the folder → bytes. `index.html` comes first. */
export type OrgFiles = Map<string, string | Uint8Array>;

// Only these names become paths (ids are UUIDs, slugs match the database's pattern).
const safeSegment = /^[a-z0-9][a-z0-9-]{0,99}$/i;

/** Renders an HTML page; a page that does not answer 200 fails the whole org render. */
async function page(renderer: AstroRenderer, path: string, locals: SiteLocals): Promise<string> {
  const { status, html } = await renderer.render(path, locals);
  if (status !== 200) throw new Error(`Rendering ${path} answered ${status}`);
  return html;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Every file of one org's folder, rendered in memory (so a failure leaves the folder untouched):
 * the Astro pages (index, history pages, one page per incident and per maintenance), feeds, badges, our JSON snapshot
 * and Statuspage's v2 set, the stylesheet, the live module and the logo.
 */
export async function renderOrgFiles(
  renderer: AstroRenderer,
  data: SiteOrgData,
  logo: SiteLogo | null,
  baseUrl: string | undefined,
): Promise<OrgFiles> {
  const { snapshot } = data;
  const slug = snapshot.organization.slug;
  const base = `/status/${slug}/`;
  const files: OrgFiles = new Map();
  files.set('index.html', await page(renderer, base, { org: data, page: { kind: 'index' }, root: './' }));

  const months = historyMonthsOf(data.history, snapshot.organization.time_zone, new Date(data.generatedAt));
  const pages = historyPages(months);
  const rendered = await Promise.all(
    pages.map((slice, index) => {
      const n = index + 1;
      const locals: SiteLocals = {
        org: data,
        page: { kind: 'history', page: n, pages: pages.length, months: slice },
        root: n === 1 ? '../' : '../../',
      };
      return page(renderer, n === 1 ? `${base}history/` : `${base}history/${n}/`, locals).then(
        (html) => [n, html] as const,
      );
    }),
  );
  for (const [n, html] of rendered) files.set(n === 1 ? 'history/index.html' : `history/${n}/index.html`, html);

  const incidents = new Map<string, PublicIncident>();
  for (const i of [...snapshot.incidents, ...snapshot.recently_resolved_incidents, ...data.history.incidents]) {
    if (safeSegment.test(i.id) && !incidents.has(i.id)) incidents.set(i.id, i);
  }
  const incidentPages = await Promise.all(
    [...incidents.values()].map(async (incident) => {
      const locals: SiteLocals = { org: data, page: { kind: 'incident', incident }, root: '../../' };
      return [incident.id, await page(renderer, `${base}incidents/${incident.id}/`, locals)] as const;
    }),
  );
  for (const [id, html] of incidentPages) files.set(`incidents/${id}/index.html`, html);

  // Every maintenance the pages list has its own page (also the Statuspage files' shortlink).
  const maintenances = new Map<string, PublicMaintenance>();
  for (const m of [...snapshot.active_maintenances, ...snapshot.upcoming_maintenances, ...data.history.maintenances]) {
    if (safeSegment.test(m.id) && !maintenances.has(m.id)) maintenances.set(m.id, m);
  }
  const maintenancePages = await Promise.all(
    [...maintenances.values()].map(async (maintenance) => {
      const locals: SiteLocals = { org: data, page: { kind: 'maintenance', maintenance }, root: '../../' };
      return [maintenance.id, await page(renderer, `${base}maintenances/${maintenance.id}/`, locals)] as const;
    }),
  );
  for (const [id, html] of maintenancePages) files.set(`maintenances/${id}/index.html`, html);

  const pageUrl = baseUrl ? statusPageUrl(slug, baseUrl) : null;
  files.set('feed.atom', atomFeed(data, pageUrl));
  files.set('feed.rss', rssFeed(data, pageUrl));
  files.set('badge.svg', overallBadge(snapshot.status.indicator));
  for (const service of snapshot.services) {
    if (safeSegment.test(service.slug))
      files.set(`services/${service.slug}/badge.svg`, serviceBadgeSvg(service.name, service.status));
  }
  // Our snapshot, with the logo pointing at the folder's own copy.
  const organization = { ...snapshot.organization, logo_url: data.logoFile };
  files.set('status.json', json({ data: { ...plainTextSnapshot(snapshot), organization } }));
  for (const [name, value] of Object.entries(statuspageFiles(data, baseUrl))) files.set(`api/v2/${name}`, json(value));
  for (const [name, bytes] of Object.entries(renderer.assets)) files.set(name, bytes);
  if (logo) files.set(logo.fileName, logo.bytes);
  return files;
}

/** The pages an old slug keeps after a rename: each one sends visitors to the same page under the new slug. */
export async function renderRedirectFiles(
  renderer: AstroRenderer,
  newSlug: string,
  name: string,
  paths: readonly string[],
): Promise<OrgFiles> {
  const files: OrgFiles = new Map();
  for (const path of ['', ...paths]) {
    const depth = path === '' ? 0 : path.split('/').filter(Boolean).length;
    const to = `${'../'.repeat(depth + 1)}${newSlug}/${path}`;
    const locals: SiteLocals = { org: null, page: { kind: 'redirect', to, name }, root: './' };
    files.set(`${path}index.html`, await page(renderer, `/redirect/`, locals));
  }
  return files;
}
