import type { Queryable } from '../db/types.ts';
import type { HoldStatus, StatusSource } from '../contract/status.ts';
import { appendEvent } from '../db/events.ts';
import { recomputeServiceStatuses } from './recompute.ts';
import { serviceColumns, serviceColumnsOf, toServiceWire, type ServiceRow, type ServiceWire } from './service-row.ts';

/**
 * Sets a service's manual hold inside the caller's transaction and recomputes its shown status.
 * When the shown status changes, recomputeServiceStatuses writes history and `service.status_changed`;
 * when only the hold changes, a `service.manual_status_changed` event carries it. Setting the hold the
 * service already has writes nothing. Null when the org has no such service.
 *
 * Six statements with the door's, where it took nine: on PGlite each costs 0.2–1 ms of WebAssembly
 * (parse, plan, execute; docs/benchmarks.md, "Write path").
 */
export async function setManualStatus(
  tx: Queryable,
  orgId: string,
  serviceId: string,
  status: HoldStatus,
  cause: { source: StatusSource; message: string | null },
): Promise<ServiceWire | null> {
  // Locks the row, sets the hold and tells the previous one. No row: the hold is already `status`
  // (nothing to write) or there is no such service.
  const [updated] = await tx.query<ServiceRow & { previous_manual_status: HoldStatus }>(
    `update public.services s set manual_status = $3, updated_at = now()
     from (select id, manual_status from public.services where org_id = $1 and id = $2 for update) old
     where s.id = old.id and old.manual_status <> $3
     returning old.manual_status as previous_manual_status, ${serviceColumnsOf('s')}`,
    [orgId, serviceId, status],
  );
  if (!updated) {
    const [current] = await tx.query<ServiceRow>(
      `select ${serviceColumns} from public.services where org_id = $1 and id = $2`,
      [orgId, serviceId],
    );
    return current ? toServiceWire(current) : null;
  }
  const changes = await recomputeServiceStatuses(tx, orgId, [serviceId], cause);
  const service = toServiceWire(changes[0]?.service ?? updated);
  if (changes.length === 0) {
    await appendEvent(tx, orgId, 'service.manual_status_changed', {
      service,
      previous_manual_status: updated.previous_manual_status,
    });
  }
  return service;
}
