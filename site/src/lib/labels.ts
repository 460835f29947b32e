// Words and icons for statuses: every status is shown as text plus an icon, never by colour alone.
// Shared by the Astro pages and the live module, so a live patch reads exactly like a fresh render.
import type {
  IncidentImpact,
  IncidentStatus,
  MaintenanceStatus,
  OverallIndicator,
  ServiceStatus,
} from '../../../api/src/contract/status.ts';

/** How a service status reads on the page. */
export const serviceStatusLabel: Record<ServiceStatus, string> = {
  operational: 'Operational',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  under_maintenance: 'Under maintenance',
};

/** The overall banner's words (Statuspage's wording). */
export const indicatorLabel: Record<OverallIndicator, string> = {
  none: 'All Systems Operational',
  minor: 'Minor Service Outage',
  major: 'Partial System Outage',
  critical: 'Major System Outage',
  maintenance: 'Service Under Maintenance',
};

export const incidentStatusLabel: Record<IncidentStatus, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};

export const impactLabel: Record<IncidentImpact, string> = {
  none: 'No impact',
  minor: 'Minor impact',
  major: 'Major impact',
  critical: 'Critical impact',
};

export const maintenanceStatusLabel: Record<MaintenanceStatus, string> = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

/** The tone (CSS class suffix) of a status, shared by service statuses, indicators and impacts. */
export type Tone = 'ok' | 'minor' | 'major' | 'critical' | 'maintenance' | 'none';

export const serviceTone: Record<ServiceStatus, Tone> = {
  operational: 'ok',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
  under_maintenance: 'maintenance',
};

export const indicatorTone: Record<OverallIndicator, Tone> = {
  none: 'ok',
  minor: 'minor',
  major: 'major',
  critical: 'critical',
  maintenance: 'maintenance',
};

export const impactTone: Record<IncidentImpact, Tone> = {
  none: 'none',
  minor: 'minor',
  major: 'major',
  critical: 'critical',
};

// Constant, trusted markup (no user data ever goes in here): 16px icons drawn with currentColor.
const svg = (body: string) =>
  `<svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">${body}</svg>`;

/** One distinct shape per tone, so the status reads without colour. */
export const toneIcon: Record<Tone, string> = {
  ok: svg(
    '<circle cx="8" cy="8" r="7" fill="currentColor"/><path d="M4.5 8.2l2.2 2.2 4.8-4.8" stroke="#fff" stroke-width="1.8" fill="none"/>',
  ),
  minor: svg('<circle cx="8" cy="8" r="7" fill="currentColor"/><path d="M4.5 8h7" stroke="#fff" stroke-width="2"/>'),
  major: svg(
    '<path d="M8 1l7 13H1z" fill="currentColor"/><path d="M8 5.5v4M8 11v1.5" stroke="#fff" stroke-width="1.8"/>',
  ),
  critical: svg(
    '<rect x="1" y="1" width="14" height="14" rx="3" fill="currentColor"/><path d="M5 5l6 6M11 5l-6 6" stroke="#fff" stroke-width="2"/>',
  ),
  maintenance: svg(
    '<circle cx="8" cy="8" r="7" fill="currentColor"/><path d="M8 4v4.5l3 2" stroke="#fff" stroke-width="1.8" fill="none"/>',
  ),
  none: svg('<circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" stroke-width="2"/>'),
};
