import type { Database } from '../db/types.ts';
import { asSystem } from '../db/doors.ts';
import { recomputeServiceStatuses } from '../status/recompute.ts';
import { syncAlertIncident } from './alert-incidents.ts';
import { systemAuthor } from '../timeline/author.ts';
import { loadAlertmanagerSettings } from './settings.ts';

/** The job's name: the actor of its events. */
export const alertExpiryJob = 'alert-expiry';

/** How long a resolved hold is kept to recognise late copies of its alert. */
const keepResolvedMs = 7 * 24 * 3600 * 1000;

interface DueService {
  org_id: string;
  service_id: string;
}

/** What one expiry round did: the expired holds' ids. */
export interface ExpiryResult {
  expired: string[];
}

/**
 * Ends the holds whose `expires_at` has passed without the alert being received again (a resolve
 * that never came: `send_resolved: false`, an Alertmanager that lost its state, a deleted rule), as
 * the system job `alert-expiry`. One transaction per service, under the holds' row locks, re-checking
 * the instant there, so a webhook refreshing the alert at the same moment wins or waits. History has
 * source `alert` and says why. Run by the scheduler's leader (scheduler/maintenance-scheduler.ts).
 */
export async function expireAlertHolds(db: Database, now: Date, batchSize = 100): Promise<ExpiryResult> {
  const result: ExpiryResult = { expired: [] };
  const due = await asSystem(db, alertExpiryJob, (tx) =>
    tx.query<DueService>(
      `select distinct org_id, service_id from public.alert_holds
       where resolved_at is null and expires_at <= $1
       order by org_id, service_id limit $2`,
      [now, batchSize],
    ),
  );
  for (const { org_id: orgId, service_id: serviceId } of due) {
    await asSystem(db, alertExpiryJob, async (tx) => {
      const expired = await tx.query<{ id: string; alertname: string; summary: string; last_received_at: Date }>(
        `update public.alert_holds set resolved_at = $3, resolution = 'expired', updated_at = $3
         where id in (select id from public.alert_holds
                      where org_id = $1 and service_id = $2 and resolved_at is null and expires_at <= $3
                      for update)
         returning id, alertname, summary, last_received_at`,
        [orgId, serviceId, now],
      );
      if (expired.length === 0) return;
      const [service] = await tx.query<{ id: string; name: string }>(
        'select id, name from public.services where id = $1',
        [serviceId],
      );
      const settings = await loadAlertmanagerSettings(tx, orgId);
      const incidentId = settings.open_incidents
        ? await syncAlertIncident(
            tx,
            orgId,
            service!,
            expired.map((h) => ({ alertname: h.alertname, summary: h.summary, outcome: 'expired' as const })),
            systemAuthor,
            now,
          )
        : null;
      const message = expired
        .map(
          (h) =>
            `Alert expired: ${h.alertname || 'alert'} was not received again since ${h.last_received_at.toISOString()} ` +
            '(no resolve came before its hold timed out)',
        )
        .join('; ')
        .slice(0, 5000);
      await recomputeServiceStatuses(tx, orgId, [serviceId], { source: 'alert', incidentId, message });
      result.expired.push(...expired.map((h) => h.id));
    });
  }
  await asSystem(db, alertExpiryJob, (tx) =>
    tx.query(`delete from public.alert_holds where resolved_at < $1`, [new Date(now.getTime() - keepResolvedMs)]),
  );
  return result;
}
