import type { Queryable } from '../db/types.ts';
import type { MaintenanceStatus } from '../contract/status.ts';
import { conflict } from '../errors.ts';
import type { WriteContext } from '../timeline/author.ts';
import type { MaintenanceState } from './types.ts';
import { transitionMaintenance } from './transitions.ts';
import { insertMaintenanceUpdate, lockMaintenance, publishMaintenance } from './mutate.ts';

/**
 * Adds a timeline entry. With a `status` other than the current one it also moves the maintenance
 * (as an edit does), with this text.
 */
export async function postMaintenanceUpdate(
  tx: Queryable,
  orgId: string,
  id: string,
  entry: { message: string; status?: MaintenanceStatus },
  { now, author }: WriteContext,
): Promise<MaintenanceState> {
  const current = await lockMaintenance(tx, orgId, id);
  const target = entry.status ?? current.status;
  if (target === 'scheduled' && current.status !== 'scheduled')
    throw conflict('A maintenance cannot go back to scheduled');
  const moved =
    target !== 'scheduled'
      ? await transitionMaintenance(tx, orgId, current, target, { now, author, message: entry.message })
      : null;
  if (!moved) {
    await insertMaintenanceUpdate(tx, orgId, id, { status: current.status, message: entry.message }, author, now);
    await tx.query('update public.maintenances set updated_at = $2 where id = $1', [id, now]);
  }
  return publishMaintenance(tx, orgId, id, [moved ?? 'maintenance.updated']);
}
