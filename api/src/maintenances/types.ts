import type { MaintenanceStatus } from '../contract/status.ts';
import type { PublicMaintenanceRecord } from '../contract/public-view.ts';
import type { TimelineEntry } from '../timeline/entries.ts';

/**
 * A maintenance's full state: what the API answers and every `maintenance.*` event carries. It is the
 * public view's record (contract/public-view.ts) with what only the org sees: when it really took
 * effect, its author, every covered service (private ones too), and the timeline with its authors.
 */
export type MaintenanceState = Omit<PublicMaintenanceRecord, 'updates'> & {
  /** When it really took effect (null: never). */
  started_at: string | null;
  /** When its effect really ended. */
  completed_at: string | null;
  created_by: string | null;
  /** The timeline, newest first. */
  updates: TimelineEntry<MaintenanceStatus>[];
};
