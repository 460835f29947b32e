import type { PublicIncident, PublicMaintenance } from '../../contract/public-status.ts';
import { notCancelled, toStatuspageSummary } from '../../public-snapshot/summary.ts';
import type { SiteOrgData } from '../../contract/site-locals.ts';

const latest = 50;

const newestFirst = <T extends { created_at: string }>(items: Iterable<T>) =>
  [...items].sort((a, b) => b.created_at.localeCompare(a.created_at));

/**
 * Statuspage's public API v2 as files (`api/v2/...`), in its own field names and shapes. Every list
 * goes through the summary's mappers (toStatuspageSummary), so the files and the live summary agree
 * on shapes; only Statuspage's value sets are enforced here (indicator, no cancelled maintenances).
 */
export function statuspageFiles(data: SiteOrgData, baseUrl: string | undefined): Record<string, unknown> {
  const { snapshot, history } = data;
  const live = toStatuspageSummary(snapshot, baseUrl);
  const summary = live;
  const { page } = summary;
  const incidents = newestFirst(
    new Map<string, PublicIncident>(
      [...history.incidents, ...snapshot.recently_resolved_incidents, ...snapshot.incidents].map((i) => [i.id, i]),
    ).values(),
  ).slice(0, latest);
  const maintenances = newestFirst(
    new Map<string, PublicMaintenance>(
      [...history.maintenances, ...snapshot.active_maintenances, ...snapshot.upcoming_maintenances].map((m) => [
        m.id,
        m,
      ]),
    ).values(),
  )
    .filter(notCancelled)
    .slice(0, latest);
  const asIncidents = (list: PublicIncident[]) =>
    toStatuspageSummary({ ...snapshot, incidents: list }, baseUrl).incidents;
  const asMaintenances = (list: PublicMaintenance[]) =>
    toStatuspageSummary(
      { ...snapshot, active_maintenances: list.filter(notCancelled), upcoming_maintenances: [] },
      baseUrl,
    ).scheduled_maintenances;
  return {
    'summary.json': summary,
    'status.json': { page, status: summary.status },
    'components.json': { page, components: summary.components },
    'incidents.json': { page, incidents: asIncidents(incidents) },
    'incidents/unresolved.json': { page, incidents: asIncidents(snapshot.incidents) },
    'scheduled-maintenances.json': { page, scheduled_maintenances: asMaintenances(maintenances) },
    'scheduled-maintenances/upcoming.json': {
      page,
      scheduled_maintenances: asMaintenances(snapshot.upcoming_maintenances),
    },
    'scheduled-maintenances/active.json': {
      page,
      scheduled_maintenances: asMaintenances(snapshot.active_maintenances),
    },
  };
}
