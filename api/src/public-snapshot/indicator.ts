import type { IncidentImpact, OverallIndicator, ServiceStatus } from '../contract/status.ts';

/** Statuspage's wording of each indicator. */
export const indicatorDescriptions: Record<OverallIndicator, string> = {
  none: 'All Systems Operational',
  minor: 'Minor Service Outage',
  major: 'Partial System Outage',
  critical: 'Major System Outage',
  maintenance: 'Service Under Maintenance',
};

const fromService: Record<ServiceStatus, OverallIndicator> = {
  operational: 'none',
  under_maintenance: 'maintenance',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
};

const fromImpact: Record<IncidentImpact, OverallIndicator> = {
  none: 'none',
  minor: 'minor',
  major: 'major',
  critical: 'critical',
};

// Maintenance is "worse" than nothing but better than any outage: an outage during a window shows.
const rank: Record<OverallIndicator, number> = { none: 0, maintenance: 1, minor: 2, major: 3, critical: 4 };

/**
 * The page's overall indicator: the worst of the public services' statuses and the open incidents'
 * impacts; `maintenance` when nothing is worse and a window is in progress. Same rule as
 * private.public_indicator (0080), which the public stream sends.
 */
export function overallIndicator(input: {
  serviceStatuses: readonly ServiceStatus[];
  openIncidentImpacts: readonly IncidentImpact[];
  maintenanceInProgress: boolean;
}): OverallIndicator {
  let worst: OverallIndicator = input.maintenanceInProgress ? 'maintenance' : 'none';
  const consider = (candidate: OverallIndicator) => {
    if (rank[candidate] > rank[worst]) worst = candidate;
  };
  for (const status of input.serviceStatuses) consider(fromService[status]);
  for (const impact of input.openIncidentImpacts) consider(fromImpact[impact]);
  return worst;
}

const serviceRank: Record<ServiceStatus, number> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

/** The worst of several service statuses (a group's status); operational for none. */
export function worstServiceStatus(statuses: readonly ServiceStatus[]): ServiceStatus {
  return statuses.reduce<ServiceStatus>((worst, s) => (serviceRank[s] > serviceRank[worst] ? s : worst), 'operational');
}
