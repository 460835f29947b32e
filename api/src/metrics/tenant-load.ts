import type { Queryable } from '../db/types.ts';
import type { IncidentImpact, ServiceStatus } from '../contract/status.ts';
import { uptimeDays } from '../uptime/uptime-days.ts';
import { uptimeTimeZone, uptimeWindowStart } from '../uptime/uptime-window.ts';

/** The uptime windows of the tenant endpoint, in local days (the label is `<days>d`). */
export const uptimeWindows = [1, 7, 30, 90] as const;

/** One service as the tenant endpoint shows it. */
export interface TenantService {
  slug: string;
  status: ServiceStatus;
  /** Uptime ratio (0–1) per window in days; null before the service existed. */
  uptime: Map<number, number | null>;
}

/** Everything the tenant endpoint exposes about one org. */
export interface TenantMetricsData {
  services: TenantService[];
  incidentsOpen: Partial<Record<IncidentImpact, number>>;
  maintenancesActive: number;
}

interface OrgMetricsRow {
  time_zone: string;
  services: { id: string; slug: string; status: ServiceStatus; created_at: string }[];
  incidents_open: Partial<Record<IncidentImpact, number>>;
  maintenances_active: number;
}

/**
 * Reads one org's tenant metrics through `tx` (the caller's door: public.get_org_metrics checks the
 * caller is an admin or a `metrics:read` key of the org), null when it may not. The uptime is the
 * uptime route's: the same zone and window rules (uptime/uptime-window.ts), the same changes (the
 * last before the window and all inside it) and the same uptimeDays, for every service at once.
 */
export async function loadTenantMetrics(tx: Queryable, orgId: string, now: Date): Promise<TenantMetricsData | null> {
  const [row] = await tx.query<{ metrics: OrgMetricsRow | null }>('select public.get_org_metrics($1) as metrics', [
    orgId,
  ]);
  const org = row?.metrics;
  if (!org) return null;
  const timeZone = uptimeTimeZone(org.time_zone);
  const longest = Math.max(...uptimeWindows);
  const changes = await tx.query<{ service_id: string; status: ServiceStatus; created_at: Date | string }>(
    'select service_id, status, created_at from public.get_org_status_changes($1, $2, $3)',
    [orgId, uptimeWindowStart(now, timeZone, longest).toISOString(), now.toISOString()],
  );
  const changesOf = new Map<string, { at: Date; status: ServiceStatus }[]>();
  for (const change of changes) {
    let list = changesOf.get(change.service_id);
    if (!list) changesOf.set(change.service_id, (list = []));
    list.push({ at: new Date(change.created_at), status: change.status });
  }
  const services = org.services.map((service): TenantService => {
    const input = { timeZone, now, createdAt: new Date(service.created_at), changes: changesOf.get(service.id) ?? [] };
    const uptime = new Map<number, number | null>();
    for (const days of uptimeWindows) {
      const percent = uptimeDays({ ...input, days }).uptime;
      uptime.set(days, percent === null ? null : percent / 100);
    }
    return { slug: service.slug, status: service.status, uptime };
  });
  return { services, incidentsOpen: org.incidents_open, maintenancesActive: Number(org.maintenances_active) };
}
