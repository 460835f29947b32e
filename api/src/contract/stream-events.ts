import type { OverallIndicator } from './status.ts';
import type { PublicStatus } from './public-status.ts';
import type {
  PublicGroupRecord,
  PublicIncidentRecord,
  PublicMaintenanceRecord,
  PublicOrganizationRecord,
  PublicService,
} from './public-view.ts';

// The wire contract of the SSE streams. Types only (zero runtime): the widget imports this file.
// Every event's SSE `id:` is the org's seq. The `snapshot` event is the public snapshot
// (public-status.ts); the change events carry each entity as the database's public view records it
// (public-view.ts: times as PostgreSQL renders them, services by id).

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
  incident: ({ incident: PublicIncidentRecord } | Deleted) & WithIndicator;
  maintenance: ({ maintenance: PublicMaintenanceRecord } | Deleted) & WithIndicator;
  /** The org without `updated_at` (it moves with private events too), and its groups. */
  organization: {
    organization: Omit<PublicOrganizationRecord, 'updated_at'>;
    groups: PublicGroupRecord[];
  } & WithIndicator;
}

// Unused today; kept for the <status-badge> widget, which names the public events it handles.
export type PublicStreamEventName = keyof PublicStreamEventMap;

// OrgStreamEvent and OrgStreamEventMap: unused today, kept for the admin SPA's org stream client.

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
