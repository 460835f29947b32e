import type {
  OverallIndicator,
  ServiceStatus,
  IncidentStatus,
  IncidentImpact,
  HoldStatus,
  MaintenanceStatus,
} from './status.ts';
import type { PublicStatus } from './public-status.ts';

// The wire contract of the SSE streams. Types only (zero runtime): the widget imports this file.
// Every event's SSE `id:` is the org's seq. The `snapshot` event is the public snapshot
// (public-status.ts); the change events carry each entity as the public view records it (below).

/** A public service as the public snapshot and stream show it. */
export interface PublicService {
  id: string;
  slug: string;
  name: string;
  description: string;
  group_id: string | null;
  position: number;
  status: ServiceStatus;
  created_at: string;
  updated_at: string;
}

export interface PublicIncidentUpdate {
  id: string;
  status: IncidentStatus;
  message: string;
  created_at: string;
  updated_at?: string;
}

/** A public incident: only its public services are listed. */
export interface PublicIncident {
  id: string;
  title: string;
  status: IncidentStatus;
  impact: IncidentImpact;
  started_at: string;
  resolved_at: string | null;
  created_at: string;
  updated_at: string;
  services: { service_id: string; status: HoldStatus }[];
  updates: PublicIncidentUpdate[];
}

/** A public maintenance: only its public services are listed. */
export interface PublicMaintenance {
  id: string;
  title: string;
  description: string;
  status: MaintenanceStatus;
  starts_at: string;
  ends_at: string;
  created_at: string;
  updated_at: string;
  service_ids: string[];
  updates: { id: string; status: MaintenanceStatus; message: string; created_at: string }[];
}

export interface PublicOrganization {
  id: string;
  slug: string;
  name: string;
  brand_color: string;
  has_logo: boolean;
  time_zone: string;
  [field: string]: unknown;
}

export interface PublicGroup {
  id: string;
  name: string;
  position: number;
}

/** An entity that left the public view (deleted, made private, or no longer touching a public service). */
export interface Deleted {
  id: string;
  deleted: true;
}

/** Every public change event carries the page's new overall indicator. */
interface WithIndicator {
  indicator: OverallIndicator;
}

/** The data of each event of `GET /api/public/status/:orgSlug/stream`, by SSE event name. */
export interface PublicStreamEventMap {
  /**
   * The whole public state at `seq` — exactly the `data` of `GET /api/public/status/:orgSlug` (its
   * `status.indicator` is the overall indicator) — first on connect, and after a resume that fell
   * outside the replay window. The events that follow continue right after its `seq`.
   */
  snapshot: PublicStatus;
  service: ({ service: PublicService } | Deleted) & WithIndicator;
  incident: ({ incident: PublicIncident } | Deleted) & WithIndicator;
  maintenance: ({ maintenance: PublicMaintenance } | Deleted) & WithIndicator;
  organization: { organization: PublicOrganization; groups: PublicGroup[] } & WithIndicator;
}

export type PublicStreamEventName = keyof PublicStreamEventMap;

/** One event of `GET /api/organizations/:orgId/stream` (SSE event name = `type`, e.g. `service.updated`). */
export interface OrgStreamEvent {
  seq: number;
  type: string;
  payload: Record<string, unknown>;
  actor: Record<string, unknown>;
  created_at: string;
}

/**
 * The org stream's events by SSE event name: every log event under its own type, and `snapshot`
 * (`{ seq }`: history was lost, refetch the state over REST) when a resume is outside the window.
 */
export interface OrgStreamEventMap {
  snapshot: { seq: number; resync: true };
  [type: string]: OrgStreamEvent | { seq: number; resync: true };
}

/** A parsed stream event as the stream client hands it over. */
export interface StreamMessage<M = PublicStreamEventMap, K extends keyof M & string = keyof M & string> {
  event: K;
  /** The SSE id: the org's seq after this event (absent on the first parts of a multi-part change). */
  id: string | undefined;
  data: M[K];
}
