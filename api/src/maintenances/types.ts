import type { MaintenanceStatus } from '../contract/status.ts';
import type { TimelineEntry } from '../timeline/entries.ts';

/** A maintenance's full state: what the API answers and every `maintenance.*` event carries. */
export interface MaintenanceState {
  id: string;
  title: string;
  description: string;
  status: MaintenanceStatus;
  starts_at: string;
  ends_at: string;
  /** When it really took effect (null: never). */
  started_at: string | null;
  /** When its effect really ended. */
  completed_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  service_ids: string[];
  /** The timeline, newest first. */
  updates: TimelineEntry<MaintenanceStatus>[];
}
