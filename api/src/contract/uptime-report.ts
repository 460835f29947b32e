import type { ServiceStatus } from './status.ts';

// The uptime bars' data and rules: computed by api/src/uptime/uptime-days.ts, drawn by site/'s
// UptimeBar, and today's cell moved forward by the page's live module (site/src/lib/uptime-today.ts),
// which must count exactly as the server does.

/** One local day of a service's uptime. `status` and `uptime` are null before the service existed. */
export interface UptimeDay {
  date: string;
  /** The worst status shown during the day. */
  status: ServiceStatus | null;
  /** Percent up, Statuspage's weighting, floored to two decimals (an outage never rounds to 100). */
  uptime: number | null;
  major_outage_seconds: number;
  partial_outage_seconds: number;
}

/** The days (oldest first) and the uptime over all of them. */
export interface UptimeReport {
  days: UptimeDay[];
  uptime: number | null;
}

/** Worst last: maintenance ranks above operational so a maintenance day shows as one. */
export const uptimeRank: Readonly<Record<ServiceStatus, number>> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

/** How much of a minute in each status counts as down (Statuspage: partial outage = 30 %). */
export const downWeight: Readonly<Record<ServiceStatus, number>> = {
  operational: 0,
  under_maintenance: 0,
  degraded_performance: 0,
  partial_outage: 0.3,
  major_outage: 1,
};

/** Percent up, floored to two decimals (an outage never rounds to 100). */
export function floorPercent(upFraction: number): number {
  // The epsilon keeps 12.5 from becoming 12.49 through binary rounding.
  return Math.floor(upFraction * 10_000 + 1e-6) / 100;
}
