import type { HoldStatus, IncidentImpact, IncidentStatus } from '../contract/status.ts';
import type { TimelineEntry } from '../timeline/entries.ts';

/** A service an incident holds, and the status it holds it at. */
export interface ServiceImpact {
  service_id: string;
  status: HoldStatus;
}

/** An incident's full state: what the API answers and every `incident.*` event carries. */
export interface IncidentState {
  id: string;
  title: string;
  status: IncidentStatus;
  impact: IncidentImpact;
  started_at: string;
  resolved_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  services: (ServiceImpact & { name: string })[];
  /** The timeline, newest first (entries can be edited, so they keep `updated_at`). */
  updates: (TimelineEntry<IncidentStatus> & { updated_at: string })[];
}
