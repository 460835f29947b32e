import type { Database } from '../db/types.ts';
import { asAnon } from '../db/doors.ts';
import type { ServiceStatus } from '../contract/status.ts';
import { loadPublicLogo, loadPublicPage } from '../public-snapshot/load.ts';
import { shapePublicEntities, type PublicEntityRecords } from '../public-snapshot/shape-entities.ts';
import type { UptimeReport } from '../contract/uptime-report.ts';
import { uptimeDays } from '../uptime/uptime-days.ts';
import { addDays, isValidTimeZone, localDate, startOfLocalDay } from '../uptime/zoned-days.ts';
import type { SiteOrgData } from '../contract/site-locals.ts';

/** Days on each uptime bar, today included. */
const uptimeBarDays = 90;
/** Months the history pages reach back, the current one included. */
const historyMonths = 12;

/** The logo's bytes beside the page data (copied into the org folder). */
export interface SiteLogo {
  fileName: string;
  bytes: Uint8Array;
}

const logoExtension: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

/** The zone the org's days are counted in; an unknown zone counts in UTC rather than failing. */
export function orgTimeZone(timeZone: string): string {
  return isValidTimeZone(timeZone) ? timeZone : 'UTC';
}

/** First instant of the local month `months - 1` months before `now`'s. */
function historyStart(now: Date, timeZone: string): Date {
  const [y, m] = localDate(now, timeZone).split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 1 - (historyMonths - 1), 1)).toISOString().slice(0, 10);
  return startOfLocalDay(first, timeZone);
}

/**
 * Reads everything one org's pages show, through the anonymous door only (public data by
 * construction): the public snapshot, the history window, the status changes behind the uptime bars,
 * and the logo. Null when the slug is unknown (the org was deleted or renamed meanwhile).
 */
export async function loadSiteData(
  db: Database,
  slug: string,
  options: { now: Date; apiBase: string | null },
): Promise<{ data: SiteOrgData; logo: SiteLogo | null } | null> {
  const page = await loadPublicPage(db, slug, undefined);
  if (!page) return null;
  const { snapshot } = page;
  const timeZone = orgTimeZone(snapshot.organization.time_zone);
  const { now } = options;
  const barStart = startOfLocalDay(addDays(localDate(now, timeZone), -(uptimeBarDays - 1)), timeZone);
  const [history, changes] = await asAnon(db, async (tx) => {
    // get_public_history (migrations 0090 and 0140): the same records as the snapshot's.
    const [row] = await tx.query<{ history: PublicEntityRecords | null }>(
      'select public.get_public_history($1, $2) as history',
      [slug, historyStart(now, timeZone).toISOString()],
    );
    const changes = await tx.query<{ service_id: string; status: ServiceStatus; created_at: string | Date }>(
      'select service_id, status, created_at from public.get_public_status_changes($1, $2)',
      [slug, barStart.toISOString()],
    );
    return [row?.history ?? { incidents: [], maintenances: [] }, changes] as const;
  });
  const byService = new Map<string, { at: Date; status: ServiceStatus }[]>();
  for (const change of changes) {
    const list = byService.get(change.service_id) ?? [];
    list.push({ at: new Date(change.created_at), status: change.status });
    byService.set(change.service_id, list);
  }
  const uptime: Record<string, UptimeReport> = {};
  for (const service of snapshot.services) {
    uptime[service.id] = uptimeDays({
      timeZone,
      now,
      createdAt: new Date(service.created_at),
      days: uptimeBarDays,
      changes: byService.get(service.id) ?? [],
    });
  }
  const logo = snapshot.organization.has_logo ? await loadPublicLogo(db, slug) : null;
  const logoFile = logo ? `logo.${logoExtension[logo.contentType] ?? 'img'}` : null;
  return {
    data: {
      snapshot,
      uptime,
      history: shapePublicEntities(history, snapshot.services),
      generatedAt: now.toISOString(),
      localDay: localDate(now, timeZone),
      localDayStart: startOfLocalDay(localDate(now, timeZone), timeZone).toISOString(),
      logoFile,
      apiBase: options.apiBase,
      subscribeUrl: null,
    },
    logo: logo && logoFile ? { fileName: logoFile, bytes: logo.body } : null,
  };
}
