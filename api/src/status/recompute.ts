import type { Queryable } from '../db/types.ts';
import type { HoldStatus, ServiceStatus, StatusSource } from '../contract/status.ts';
import { appendEvent } from '../db/events.ts';
import { effectiveStatus } from './effective-status.ts';
import { serviceColumns, toServiceWire, type ServiceRow } from './service-row.ts';

/** Why statuses are being recomputed; written to history and the event. */
export interface StatusChangeCause {
  source: StatusSource;
  incidentId?: string | null;
  maintenanceId?: string | null;
  message?: string | null;
}

/** A service whose shown status changed. */
export interface ServiceStatusChange {
  serviceId: string;
  previous: ServiceStatus;
  status: ServiceStatus;
  /** The service row as updated (the write's answer and event payload need no second read). */
  service: ServiceRow;
}

interface HoldRow {
  id: string;
  status: ServiceStatus;
  manual_status: HoldStatus;
  incident_holds: HoldStatus[];
  alert_holds: HoldStatus[];
  in_maintenance: boolean;
}

/**
 * Recomputes the shown status of `serviceIds` from their holds (manual status, open incidents,
 * firing alerts, in-progress maintenances) inside the caller's transaction. Each service whose status changes gets
 * its `services.status`, a `service_status_history` row and a `service.status_changed` event, all in
 * that transaction. Every writer (API, scheduler, Alertmanager receiver) goes through here.
 */
export async function recomputeServiceStatuses(
  tx: Queryable,
  orgId: string,
  serviceIds: readonly string[],
  cause: StatusChangeCause,
): Promise<ServiceStatusChange[]> {
  if (serviceIds.length === 0) return [];
  // Locks the rows (`for update`), which serialises concurrent recomputations of the same service.
  const rows = await tx.query<HoldRow>('select * from public.lock_service_holds($1, $2)', [orgId, serviceIds]);
  const changes: ServiceStatusChange[] = [];
  for (const row of rows) {
    const status = effectiveStatus({
      manual: row.manual_status,
      incidents: row.incident_holds,
      alerts: row.alert_holds,
      inMaintenance: row.in_maintenance,
    });
    if (status === row.status) continue;
    // The payload's service has the same shape as every other service event (manual_status included).
    const [service] = await tx.query<ServiceRow>(
      `update public.services set status = $2, updated_at = now() where id = $1 returning ${serviceColumns}`,
      [row.id, status],
    );
    const event = await appendEvent(tx, orgId, 'service.status_changed', {
      service: toServiceWire(service!),
      previous_status: row.status,
      source: cause.source,
      incident_id: cause.incidentId ?? null,
      maintenance_id: cause.maintenanceId ?? null,
    });
    // The history row names the same actor the event log resolved from the request's claims.
    await tx.query(
      `insert into public.service_status_history
         (org_id, service_id, status, previous_status, source, actor, incident_id, maintenance_id, message)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        orgId,
        row.id,
        status,
        row.status,
        cause.source,
        JSON.stringify(event.actor),
        cause.incidentId ?? null,
        cause.maintenanceId ?? null,
        cause.message ?? null,
      ],
    );
    changes.push({ serviceId: row.id, previous: row.status, status, service: service! });
  }
  return changes;
}
