import type { HoldStatus, IncidentImpact, IncidentStatus, MaintenanceStatus, ServiceStatus } from './status.ts';

// The public view's entities exactly as the database builds them (migration 0140's
// private.public_incident_json / public_maintenance_json, and get_public_status's services and
// groups). The public stream's change events carry them as they are; the snapshot
// (public-status.ts) derives its shapes from them. Times are strings as PostgreSQL renders
// timestamptz in JSON (`2024-05-01T12:00:00.123456+00:00`); the snapshot rewrites them as ISO UTC.

/** A public service (the snapshot shows the same fields, with ISO times). */
export interface PublicService {
  id: string;
  slug: string;
  name: string;
  /** `''` when the service has none (the column is `not null default ''`). */
  description: string;
  group_id: string | null;
  position: number;
  status: ServiceStatus;
  created_at: string;
  updated_at: string;
}

/** One update of an incident, as public_incident_json lists it (newest first). */
export interface PublicIncidentUpdate {
  id: string;
  status: IncidentStatus;
  message: string;
  created_at: string;
  updated_at: string;
}

/** An incident as private.public_incident_json builds it: only its links to public services. */
export interface PublicIncidentRecord {
  id: string;
  title: string;
  status: IncidentStatus;
  impact: IncidentImpact;
  started_at: string;
  resolved_at: string | null;
  created_at: string;
  updated_at: string;
  /** The post-mortem of a resolved incident (Markdown, api/src/markdown/), or null. */
  postmortem: string | null;
  /** When the post-mortem last changed; null without one. */
  postmortem_updated_at: string | null;
  /** The public services it affects (private ones are never listed) and the status it sets. */
  services: { service_id: string; status: HoldStatus }[];
  /** Newest first. */
  updates: PublicIncidentUpdate[];
}

/** One update of a maintenance, as public_maintenance_json lists it (newest first). */
export interface PublicMaintenanceUpdate {
  id: string;
  status: MaintenanceStatus;
  message: string;
  created_at: string;
}

/** A maintenance as private.public_maintenance_json builds it: only the ids of its public services. */
export interface PublicMaintenanceRecord {
  id: string;
  title: string;
  description: string;
  status: MaintenanceStatus;
  starts_at: string;
  ends_at: string;
  created_at: string;
  updated_at: string;
  service_ids: string[];
  /** Newest first. */
  updates: PublicMaintenanceUpdate[];
}

/** A group holding at least one public service, as get_public_status lists it. */
export interface PublicGroupRecord {
  id: string;
  name: string;
  position: number;
  created_at: string;
  updated_at: string;
}

/** The org as get_public_status describes it (the stream's `organization` event leaves out `updated_at`). */
export interface PublicOrganizationRecord {
  id: string;
  slug: string;
  name: string;
  brand_color: string;
  has_logo: boolean;
  logo_updated_at: string | null;
  time_zone: string;
  updated_at: string;
}
