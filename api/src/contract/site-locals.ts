// The data the Astro pages render from (passed as `locals`): the contract between the API's static-site
// renderer (api/src/static-site/) and site/. Types only, so site/ can import it without any runtime code.
import type { PublicIncident, PublicMaintenance, PublicStatus } from './public-status.ts';
import type { UptimeReport } from './uptime-report.ts';

/** One month of the history pages: its incidents and finished maintenances, newest first. */
export interface HistoryMonth {
  /** `YYYY-MM` in the org's time zone. */
  month: string;
  incidents: PublicIncident[];
  maintenances: PublicMaintenance[];
}

/** Everything public about one org that its pages show, read at one seq. */
export interface SiteOrgData {
  snapshot: PublicStatus;
  /** Per public service id: the last 90 local days (oldest first) and the uptime over them. */
  uptime: Record<string, UptimeReport>;
  /** Every incident and maintenance of the history window (newest first), for the history pages. */
  history: { incidents: PublicIncident[]; maintenances: PublicMaintenance[] };
  /** When the pages were rendered (ISO): "last updated" and the relative times' reference. */
  generatedAt: string;
  /** The local date (`YYYY-MM-DD`, org's zone) of the render: a new day re-renders (uptime bars roll). */
  localDay: string;
  /** When that local day began (ISO): today's uptime cell counts from it (the live module goes on counting). */
  localDayStart: string;
  /** The logo's file name inside the org folder (`logo.png`), null without a logo. */
  logoFile: string | null;
  /** Origin of the live stream (PUBLIC_BASE_URL); null: the page's own origin. */
  apiBase: string | null;
  /** The subscribe page's address once subscriptions exist; null hides the link. */
  subscribeUrl: string | null;
}

/** What one page gets besides the org data. */
export type SitePage =
  | { kind: 'index' }
  | { kind: 'history'; page: number; pages: number; months: HistoryMonth[] }
  | { kind: 'incident'; incident: PublicIncident }
  | { kind: 'maintenance'; maintenance: PublicMaintenance }
  | { kind: 'redirect'; to: string; name: string }
  | { kind: 'not_found' };

/** Astro.locals of every page. */
export interface SiteLocals {
  org: SiteOrgData | null;
  page: SitePage;
  /** Relative path from the page to its org folder's root: `./`, `../` or `../../`. */
  root: string;
}
