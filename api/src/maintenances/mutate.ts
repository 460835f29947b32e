import type { Queryable } from '../db/types.ts';
import type { MaintenanceStatus } from '../contract/status.ts';
import { AppError, notFound } from '../errors.ts';
import { recomputeServiceStatuses } from '../status/recompute.ts';
import type { Author } from '../timeline/author.ts';
import { insertTimelineEntry } from '../timeline/entries.ts';
import { publishEntity } from '../timeline/entity.ts';
import type { MaintenanceState } from './types.ts';
import { loadMaintenance, maintenanceTable, maintenanceTimeline } from './state.ts';

/** The locked current state of a maintenance of the org, or 404. */
export async function lockMaintenance(tx: Queryable, orgId: string, id: string): Promise<MaintenanceState> {
  const maintenance = await loadMaintenance(tx, orgId, id, { lock: true });
  if (!maintenance) throw notFound('Maintenance');
  return maintenance;
}

/** Refuses a window that does not end after it starts, or (still to come) that already ended. */
export function assertWindow(startsAt: Date, endsAt: Date, now: Date): void {
  const reason =
    endsAt <= startsAt ? 'ends_at must be after starts_at' : endsAt <= now ? 'ends_at must be in the future' : null;
  if (reason) {
    throw new AppError('validation_failed', 'Invalid request body', {
      details: [{ path: ['ends_at'], message: reason, code: 'custom' }],
    });
  }
}

/** Replaces the services a maintenance covers. */
export async function setMaintenanceServices(
  tx: Queryable,
  orgId: string,
  maintenanceId: string,
  serviceIds: readonly string[],
): Promise<void> {
  await tx.query('delete from public.maintenance_services where org_id = $1 and maintenance_id = $2', [
    orgId,
    maintenanceId,
  ]);
  if (serviceIds.length === 0) return;
  await tx.query(
    `insert into public.maintenance_services (org_id, maintenance_id, service_id)
     select $1, $2, unnest($3::uuid[])`,
    [orgId, maintenanceId, serviceIds],
  );
}

/** Appends an entry to the maintenance's timeline. */
export async function insertMaintenanceUpdate(
  tx: Queryable,
  orgId: string,
  maintenanceId: string,
  entry: { status: MaintenanceStatus; message: string },
  author: Author,
  at: Date,
): Promise<void> {
  await insertTimelineEntry(tx, maintenanceTimeline, orgId, maintenanceId, entry, author, at);
}

/** Recomputes the shown status of services a maintenance covers or covered, naming it as the cause. */
export async function recomputeForMaintenance(
  tx: Queryable,
  orgId: string,
  maintenanceId: string | null,
  serviceIds: Iterable<string>,
  title: string,
): Promise<void> {
  await recomputeServiceStatuses(tx, orgId, [...new Set(serviceIds)], {
    source: 'maintenance',
    maintenanceId,
    message: `Maintenance: ${title}`.slice(0, 5000),
  });
}

/** Appends events carrying the maintenance's new full state (streams upsert it); returns that state. */
export async function publishMaintenance(
  tx: Queryable,
  orgId: string,
  maintenanceId: string,
  types: readonly string[],
): Promise<MaintenanceState> {
  return publishEntity(tx, orgId, maintenanceTable, await loadMaintenance(tx, orgId, maintenanceId), types);
}
