import type { HoldStatus, ServiceStatus } from '../contract/status.ts';
import { holdStatuses } from '../contract/status.ts';

/** Everything that holds a service's status at one instant (docs/architecture.md, "Effective status"). */
export interface StatusHolds {
  /** The status a person or API key last set. */
  manual: HoldStatus;
  /** The status each open incident sets for the service. */
  incidents: readonly HoldStatus[];
  /** The mapped status of each firing Alertmanager alert on the service. */
  alerts: readonly HoldStatus[];
  /** True while a maintenance affecting the service is in progress. */
  inMaintenance: boolean;
}

/** Higher is worse. */
export function severity(status: HoldStatus): number {
  return holdStatuses.indexOf(status);
}

/** The worst of some hold statuses (`operational` for none). */
export function worstOf(statuses: readonly HoldStatus[]): HoldStatus {
  let worst: HoldStatus = 'operational';
  for (const status of statuses) if (severity(status) > severity(worst)) worst = status;
  return worst;
}

/**
 * A service's shown status: the worst hold; if that is `operational` while a maintenance affecting
 * it runs, `under_maintenance`. The one place this rule lives: every writer calls it.
 */
export function effectiveStatus(holds: StatusHolds): ServiceStatus {
  const worst = worstOf([holds.manual, ...holds.incidents, ...holds.alerts]);
  return worst === 'operational' && holds.inMaintenance ? 'under_maintenance' : worst;
}
