import type { Queryable } from '../db/types.ts';
import { conflict } from '../errors.ts';
import type { Author } from '../timeline/author.ts';
import type { MaintenanceState } from './types.ts';
import { insertMaintenanceUpdate, recomputeForMaintenance } from './mutate.ts';

/** The states a maintenance can be moved to (by a person, a key or the scheduler). */
export type MaintenanceTarget = 'in_progress' | 'completed' | 'cancelled';

export interface TransitionOptions {
  now: Date;
  author: Author;
  /** Timeline text; a default per target when absent. */
  message?: string;
  /**
   * Completing a window that passed entirely while no scheduler ran: it is completed without ever
   * having been started, dated at its planned end. Only the scheduler's catch-up sets this.
   */
  missed?: boolean;
}

const defaultMessages: Record<MaintenanceTarget, string> = {
  in_progress: 'The scheduled maintenance is in progress.',
  completed: 'The scheduled maintenance has been completed.',
  cancelled: 'The scheduled maintenance has been cancelled.',
};

const eventTypes: Record<MaintenanceTarget, string> = {
  in_progress: 'maintenance.started',
  completed: 'maintenance.completed',
  cancelled: 'maintenance.cancelled',
};

/**
 * Moves a locked maintenance to `to` inside the caller's transaction: status, the real start/end
 * instants, a timeline entry, and the covered services' shown statuses (under_maintenance comes and
 * goes with `in_progress`). Returns the event type to publish, or null when it already is there.
 * Refuses (409) moves the lifecycle does not have: scheduled → in_progress → completed, and
 * cancelled from either open state.
 */
export async function transitionMaintenance(
  tx: Queryable,
  orgId: string,
  current: MaintenanceState,
  to: MaintenanceTarget,
  { now, author, message, missed = false }: TransitionOptions,
): Promise<string | null> {
  const from = current.status;
  if (from === to) return null;
  const open = from === 'scheduled' || from === 'in_progress';
  const allowed =
    (to === 'in_progress' && from === 'scheduled') ||
    (to === 'completed' && (from === 'in_progress' || (from === 'scheduled' && missed))) ||
    (to === 'cancelled' && open);
  if (!allowed) {
    throw conflict(
      from === 'scheduled' && to === 'completed'
        ? 'This maintenance has not started; cancel it instead'
        : `A ${from.replace('_', ' ')} maintenance cannot become ${to.replace('_', ' ')}`,
    );
  }
  // A missed window is dated at its planned end: that is when it stopped mattering.
  const at = missed ? new Date(current.ends_at) : now;
  await tx.query(
    `update public.maintenances
     set status = $2,
         started_at = case when $2 = 'in_progress' then $3::timestamptz else started_at end,
         completed_at = case when $2 <> 'in_progress' and status = 'in_progress' then $3::timestamptz
                             when $2 = 'completed' then $3::timestamptz else completed_at end,
         updated_at = $4
     where id = $1`,
    [current.id, to, at, now],
  );
  await insertMaintenanceUpdate(
    tx,
    orgId,
    current.id,
    { status: to, message: message ?? defaultMessages[to] },
    author,
    at,
  );
  if (from === 'in_progress' || to === 'in_progress') {
    await recomputeForMaintenance(tx, orgId, current.id, current.service_ids, current.title);
  }
  return eventTypes[to];
}
