import type { IncidentImpact, IncidentStatus, MaintenanceStatus, MemberRole, ServiceStatus } from './api-types.ts';

/** How each status reads on screen. */
export const serviceStatusLabel: Record<ServiceStatus, string> = {
  operational: 'Operational',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  under_maintenance: 'Under maintenance',
};

export const incidentStatusLabel: Record<IncidentStatus, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

export const impactLabel: Record<IncidentImpact, string> = {
  none: 'No impact',
  minor: 'Minor',
  major: 'Major',
  critical: 'Critical',
};

export const maintenanceStatusLabel: Record<MaintenanceStatus, string> = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

export const roleLabel: Record<MemberRole, string> = {
  viewer: 'Viewer',
  member: 'Member',
  admin: 'Admin',
};

/** A date and time in the browser's zone, e.g. "12 Mar, 14:05". */
export function formatTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
}
