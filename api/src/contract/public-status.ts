import type { OverallIndicator, ServiceStatus } from './status.ts';
import type {
  PublicIncidentRecord,
  PublicMaintenanceRecord,
  PublicOrganizationRecord,
  PublicService,
} from './public-view.ts';

export type { PublicService } from './public-view.ts';

// The snapshot's shapes derive from the database's (public-view.ts): every time is ISO UTC, and an
// incident's or maintenance's services carry their names, so a reader of the snapshot alone (a page,
// a widget, summary.json) needs no second lookup. The stream's change events stay the database's
// shapes, because a live reader already holds the names.

/** The public snapshot of one org: `GET /api/public/status/:orgSlug` answers `{ data: PublicStatus }`. */
export interface PublicStatus {
  organization: PublicOrganization;
  status: { indicator: OverallIndicator; description: string };
  /** Every public service, in display order (position, then name). */
  services: PublicService[];
  /** Groups that hold at least one public service, with the worst status among them. */
  groups: PublicServiceGroup[];
  /** Incidents not resolved yet, newest first. */
  incidents: PublicIncident[];
  /** Incidents resolved in the last 14 days, newest first. */
  recently_resolved_incidents: PublicIncident[];
  active_maintenances: PublicMaintenance[];
  upcoming_maintenances: PublicMaintenance[];
  /** The org's event seq this snapshot reflects (resume the public stream from it). */
  seq: number;
}

/** The org: its logo as an address instead of the logo's update time. */
export interface PublicOrganization extends Omit<PublicOrganizationRecord, 'logo_updated_at'> {
  /** `/api/public/status/<slug>/logo?v=…` (absolute when PUBLIC_BASE_URL is set); null without a logo. */
  logo_url: string | null;
}

export interface PublicServiceGroup {
  id: string;
  name: string;
  position: number;
  status: ServiceStatus;
  service_ids: string[];
  created_at: string;
  updated_at: string;
}

/** An incident of the snapshot: the database's record with each public service's name. */
export interface PublicIncident extends Omit<PublicIncidentRecord, 'services'> {
  /** The public services it affects (private ones are never listed), their names and the status it sets. */
  services: (PublicIncidentRecord['services'][number] & { name: string })[];
}

/** A maintenance of the snapshot: the database's record with its public services named. */
export interface PublicMaintenance extends Omit<PublicMaintenanceRecord, 'service_ids'> {
  services: { service_id: string; name: string }[];
}
