/** Statuses a person, key, incident or alert can set for a service (a "hold"). */
export const holdStatuses = ['operational', 'degraded_performance', 'partial_outage', 'major_outage'] as const;
export type HoldStatus = (typeof holdStatuses)[number];

/** Every status a service can show; `under_maintenance` only comes from the effective-status rule. */
export const serviceStatuses = [...holdStatuses, 'under_maintenance'] as const;
export type ServiceStatus = (typeof serviceStatuses)[number];

/** Where a change of shown status came from (service_status_history.source). */
export const statusSources = ['manual', 'incident', 'maintenance', 'alert', 'api'] as const;
export type StatusSource = (typeof statusSources)[number];

export const incidentStatuses = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];

export const incidentImpacts = ['none', 'minor', 'major', 'critical'] as const;
export type IncidentImpact = (typeof incidentImpacts)[number];

export const maintenanceStatuses = ['scheduled', 'in_progress', 'completed', 'cancelled'] as const;
export type MaintenanceStatus = (typeof maintenanceStatuses)[number];

/** The overall indicator of a public page (Statuspage's `status.indicator`, plus maintenance). */
export const overallIndicators = ['none', 'minor', 'major', 'critical', 'maintenance'] as const;
export type OverallIndicator = (typeof overallIndicators)[number];
