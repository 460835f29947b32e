import type { PublicIncident, PublicMaintenance, PublicService, PublicStatus } from '../contract/public-status.ts';
import { markdownToText } from '../markdown/plain-text.ts';

/** The address of the org's static status page (absolute when PUBLIC_BASE_URL is set). */
export function statusPageUrl(slug: string, baseUrl: string | undefined): string {
  const path = `/status/${slug}/`;
  return baseUrl ? new URL(path, baseUrl).toString() : path;
}

const startDate = (iso: string) => iso.slice(0, 10);

// Statuspage documents `status.indicator` as none | minor | major | critical, and a maintenance's
// status as scheduled | in_progress | verifying | completed. Our page-level `maintenance` (something
// under maintenance, nothing broken) is `none` there (the components say `under_maintenance`), and a
// cancelled maintenance is left out, as Statuspage leaves out the ones it cancels.
/** Our status in Statuspage's value set. */
const statuspageIndicator = (status: PublicStatus['status']) =>
  status.indicator === 'maintenance' ? { ...status, indicator: 'none' as const } : status;
/** False for maintenances Statuspage would not list. */
export const notCancelled = (m: { status: string }) => m.status !== 'cancelled';

/**
 * Statuspage's public `/api/v2/summary.json`, field for field: page, components (groups are
 * components with `group: true` and their children's ids), unresolved incidents, upcoming and
 * in-progress scheduled maintenances, and the overall status. Built from the public snapshot, so it
 * carries only public data.
 */
export function toStatuspageSummary(snapshot: PublicStatus, baseUrl: string | undefined) {
  const pageId = snapshot.organization.id;
  const pageUrl = statusPageUrl(snapshot.organization.slug, baseUrl);
  const component = (s: PublicService) => ({
    id: s.id,
    name: s.name,
    status: s.status,
    created_at: s.created_at,
    updated_at: s.updated_at,
    position: s.position,
    description: s.description,
    showcase: true,
    start_date: startDate(s.created_at),
    group_id: s.group_id,
    page_id: pageId,
    group: false,
    only_show_if_degraded: false,
  });
  const byId = new Map(snapshot.services.map((s) => [s.id, s]));
  const groups = snapshot.groups.map((g) => ({
    position: g.position,
    entries: [
      {
        id: g.id,
        name: g.name,
        status: g.status,
        created_at: g.created_at,
        updated_at: g.updated_at,
        position: g.position,
        description: null,
        showcase: false,
        start_date: null,
        group_id: null,
        page_id: pageId,
        group: true,
        only_show_if_degraded: false,
        components: g.service_ids,
      },
      ...g.service_ids.map((id) => component(byId.get(id)!)),
    ],
  }));
  const ungrouped = snapshot.services
    .filter((s) => s.group_id === null)
    .map((s) => ({ position: s.position, entries: [component(s)] }));
  const components = [...groups, ...ungrouped].sort((a, b) => a.position - b.position).flatMap((x) => x.entries);

  const incident = (i: PublicIncident) => ({
    id: i.id,
    name: i.title,
    status: i.status,
    created_at: i.created_at,
    updated_at: i.updated_at,
    monitoring_at: i.updates.findLast((u) => u.status === 'monitoring')?.created_at ?? null,
    resolved_at: i.resolved_at,
    impact: i.impact,
    shortlink: `${pageUrl}incidents/${i.id}`,
    started_at: i.started_at,
    page_id: pageId,
    incident_updates: i.updates.map((u) => ({
      id: u.id,
      status: u.status,
      body: markdownToText(u.message),
      incident_id: i.id,
      created_at: u.created_at,
      updated_at: u.updated_at,
      display_at: u.created_at,
      affected_components: null,
      deliver_notifications: true,
      custom_tweet: null,
      tweet_id: null,
    })),
    components: i.services.flatMap((x) => (byId.has(x.service_id) ? [component(byId.get(x.service_id)!)] : [])),
  });
  const maintenance = (m: PublicMaintenance) => ({
    id: m.id,
    name: m.title,
    status: m.status,
    created_at: m.created_at,
    updated_at: m.updated_at,
    monitoring_at: null,
    resolved_at: null,
    impact: 'maintenance' as const,
    shortlink: `${pageUrl}maintenances/${m.id}`,
    started_at: m.starts_at,
    page_id: pageId,
    incident_updates: m.updates.map((u) => ({
      id: u.id,
      status: u.status,
      body: markdownToText(u.message),
      incident_id: m.id,
      created_at: u.created_at,
      updated_at: u.created_at,
      display_at: u.created_at,
      affected_components: null,
      deliver_notifications: true,
      custom_tweet: null,
      tweet_id: null,
    })),
    components: m.services.flatMap((x) => (byId.has(x.service_id) ? [component(byId.get(x.service_id)!)] : [])),
    scheduled_for: m.starts_at,
    scheduled_until: m.ends_at,
  });

  return {
    page: {
      id: pageId,
      name: snapshot.organization.name,
      url: pageUrl,
      time_zone: snapshot.organization.time_zone,
      updated_at: snapshot.organization.updated_at,
    },
    components,
    incidents: snapshot.incidents.map(incident),
    scheduled_maintenances: [...snapshot.active_maintenances, ...snapshot.upcoming_maintenances]
      .filter(notCancelled)
      .map(maintenance),
    status: statuspageIndicator(snapshot.status),
  };
}

/** The summary's type, for the route's schema and tests. */
export type StatuspageSummary = ReturnType<typeof toStatuspageSummary>;
