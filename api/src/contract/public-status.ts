import type {
  HoldStatus,
  IncidentImpact,
  IncidentStatus,
  MaintenanceStatus,
  OverallIndicator,
  ServiceStatus,
} from './status.ts';

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

export interface PublicOrganization {
  id: string;
  slug: string;
  name: string;
  brand_color: string;
  time_zone: string;
  has_logo: boolean;
  /** `/api/public/status/<slug>/logo?v=…` (absolute when PUBLIC_BASE_URL is set); null without a logo. */
  logo_url: string | null;
  updated_at: string;
}

export interface PublicService {
  id: string;
  slug: string;
  name: string;
  description: string | null;
  group_id: string | null;
  position: number;
  status: ServiceStatus;
  created_at: string;
  updated_at: string;
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

export interface PublicIncident {
  id: string;
  title: string;
  status: IncidentStatus;
  impact: IncidentImpact;
  started_at: string;
  resolved_at: string | null;
  created_at: string;
  updated_at: string;
  /** The public services it affects (private ones are never listed) and the status it sets. */
  services: { service_id: string; name: string; status: HoldStatus }[];
  /** Newest first. */
  updates: { id: string; status: IncidentStatus; message: string; created_at: string; updated_at: string }[];
}

export interface PublicMaintenance {
  id: string;
  title: string;
  description: string;
  status: MaintenanceStatus;
  starts_at: string;
  ends_at: string;
  created_at: string;
  updated_at: string;
  services: { service_id: string; name: string }[];
  /** Newest first. */
  updates: { id: string; status: MaintenanceStatus; message: string; created_at: string }[];
}
