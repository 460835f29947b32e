import { Gauge, Registry } from 'prom-client';
import { incidentImpacts, serviceStatuses, type ServiceStatus } from '../contract/status.ts';
import type { TenantMetricsData } from './tenant-load.ts';

/** `lantern_service_status_code`: a number per shown status, worst outage highest, maintenance apart. */
export const statusCodes: Record<ServiceStatus, number> = {
  operational: 0,
  degraded_performance: 1,
  partial_outage: 2,
  major_outage: 3,
  under_maintenance: 4,
};

const codeHelp = serviceStatuses.map((status) => `${statusCodes[status]} ${status}`).join(', ');

/**
 * One org's metrics in the Prometheus text format. A fresh registry per answer (the values are the
 * org's, not the process's), and prom-client writes and escapes every label value. Label values are
 * service slugs, status names, impacts and window names: never ids, never free text.
 */
export async function renderTenantMetrics(data: TenantMetricsData): Promise<string> {
  const registers = [new Registry()];
  const status = new Gauge({
    name: 'lantern_service_status',
    help: 'Shown status of each service (public and private): 1 for the status it shows, 0 for every other.',
    labelNames: ['service', 'status'],
    registers,
  });
  const code = new Gauge({
    name: 'lantern_service_status_code',
    help: `Shown status of each service as a number: ${codeHelp}.`,
    labelNames: ['service'],
    registers,
  });
  const uptime = new Gauge({
    name: 'lantern_service_uptime_ratio',
    help: "Uptime over the last 1, 7, 30 and 90 local days (today included), 0-1; the uptime route's number / 100.",
    labelNames: ['service', 'window'],
    registers,
  });
  const incidents = new Gauge({
    name: 'lantern_incidents_open',
    help: 'Incidents not yet resolved, by impact (none, minor, major, critical).',
    labelNames: ['impact'],
    registers,
  });
  const maintenance = new Gauge({
    name: 'lantern_maintenance_active',
    help: 'Maintenance windows in progress.',
    registers,
  });
  for (const service of data.services) {
    for (const each of serviceStatuses)
      status.set({ service: service.slug, status: each }, each === service.status ? 1 : 0);
    code.set({ service: service.slug }, statusCodes[service.status]);
    for (const [days, ratio] of service.uptime) {
      if (ratio !== null) uptime.set({ service: service.slug, window: `${days}d` }, ratio);
    }
  }
  for (const impact of incidentImpacts) incidents.set({ impact }, data.incidentsOpen[impact] ?? 0);
  maintenance.set(data.maintenancesActive);
  return registers[0]!.metrics();
}
