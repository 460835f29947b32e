import type { IncidentStatus } from '../contract/status.ts';
import type { PublicIncidentRecord } from '../contract/public-view.ts';
import type { TimelineEntry } from '../timeline/entries.ts';

/** A service an incident holds, and the status it holds it at (the public view lists the same pairs). */
export type ServiceImpact = PublicIncidentRecord['services'][number];

/**
 * An incident's full state: what the API answers and every `incident.*` event carries. It is the
 * public view's record (contract/public-view.ts) with what only the org sees: its author, every held
 * service (private ones too) with its name, and the timeline with its authors.
 */
export type IncidentState = Omit<PublicIncidentRecord, 'services' | 'updates'> & {
  created_by: string | null;
  services: (ServiceImpact & { name: string })[];
  /** The timeline, newest first (entries can be edited, so they keep `updated_at`). */
  updates: (TimelineEntry<IncidentStatus> & { updated_at: string })[];
};
