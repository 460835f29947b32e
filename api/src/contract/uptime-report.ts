import type { ServiceStatus } from './status.ts';

// The uptime bars' data (computed by api/src/uptime/uptime-days.ts, drawn by site/'s UptimeBar).

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
