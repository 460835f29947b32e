import type { Queryable } from '../db/types.ts';
import type { IncidentImpact } from '../contract/status.ts';
import { worstOf } from '../status/effective-status.ts';
import { insertIncidentUpdate, publishIncident, setIncidentServices, setIncidentStatus } from '../incidents/mutate.ts';
import { loadIncident } from '../incidents/state.ts';
import type { Author } from '../timeline/author.ts';
import type { AlertHoldStatus } from './types.ts';

/** One alert that changed on a service in this webhook, for the incident's timeline. */
export interface AlertChange {
  alertname: string;
  summary: string;
  outcome: 'held' | 'resolved' | 'expired';
}

interface FiringHold {
  alertname: string;
  summary: string;
  status: AlertHoldStatus;
}

/** Statuspage's impacts for our statuses. */
const impactOf: Record<AlertHoldStatus, IncidentImpact> = {
  major_outage: 'critical',
  partial_outage: 'major',
  degraded_performance: 'minor',
};

const timelineVerb: Record<AlertChange['outcome'], string> = {
  held: 'Firing',
  resolved: 'Resolved',
  expired: 'Expired (not received again before its hold timed out)',
};

const describe = (a: { alertname: string; summary: string }) =>
  [a.alertname || 'Alert', a.summary].filter(Boolean).join(': ');

/**
 * Keeps the service's alert incident in step with its firing holds, inside the webhook's
 * transaction: opens one (titled from the first alert's `summary`) when the first alert fires, adds a
 * timeline entry as alerts fire and resolve, keeps its impact on the service at the worst hold, and
 * resolves it with the last alert. Returns the incident's id, if it has one. Status is recomputed by
 * the caller afterwards, with source `alert`.
 */
export async function syncAlertIncident(
  tx: Queryable,
  orgId: string,
  service: { id: string; name: string },
  changes: readonly AlertChange[],
  author: Author,
  now: Date,
): Promise<string | null> {
  const firing = await tx.query<FiringHold>(
    `select alertname, summary, status from public.alert_holds
     where org_id = $1 and service_id = $2 and resolved_at is null
     order by starts_at, fingerprint`,
    [orgId, service.id],
  );
  const [open] = await tx.query<{ id: string }>(
    `select i.id from public.alert_holds h join public.incidents i on i.org_id = h.org_id and i.id = h.incident_id
     where h.org_id = $1 and h.service_id = $2 and i.status <> 'resolved'
     order by i.started_at desc limit 1`,
    [orgId, service.id],
  );
  if (changes.length === 0) return open?.id ?? null;
  const worst = worstOf(firing.map((h) => h.status)) as AlertHoldStatus | 'operational';
  const timeline = changes
    .map((c) => `${timelineVerb[c.outcome]}: ${describe(c)}`)
    .join('\n')
    .slice(0, 9000);

  if (!open) {
    // Only a newly firing alert opens one: a resolve or repeat does not resurrect a closed incident.
    if (firing.length === 0 || !changes.some((c) => c.outcome === 'held')) return null;
    const title = (firing[0]!.summary || `${firing[0]!.alertname || 'Alert'} on ${service.name}`).slice(0, 200);
    const [row] = await tx.query<{ id: string }>(
      `insert into public.incidents (org_id, title, status, impact, started_at, created_at, updated_at)
       values ($1, $2, 'investigating', $3, $4, $4, $4) returning id`,
      [orgId, title, impactOf[worst as AlertHoldStatus], now],
    );
    const id = row!.id;
    await setIncidentServices(tx, orgId, id, [{ service_id: service.id, status: worst }]);
    await insertIncidentUpdate(tx, orgId, id, { status: 'investigating', message: timeline }, author, now);
    await linkFiringHolds(tx, orgId, service.id, id);
    await publishIncident(tx, orgId, id, ['incident.created']);
    return id;
  }

  const current = (await loadIncident(tx, orgId, open.id, { lock: true }))!;
  if (firing.length === 0) {
    await setIncidentStatus(tx, current, 'resolved', now);
    const updateId = await insertIncidentUpdate(
      tx,
      orgId,
      open.id,
      { status: 'resolved', message: `${timeline}\nAll alerts on ${service.name} have resolved.`.slice(0, 10000) },
      author,
      now,
    );
    await publishIncident(tx, orgId, open.id, ['incident_update.created', 'incident.resolved'], {
      update_id: updateId,
    });
    return open.id;
  }
  const others = current.services.filter((s) => s.service_id !== service.id);
  await setIncidentServices(tx, orgId, open.id, [...others, { service_id: service.id, status: worst }]);
  await tx.query('update public.incidents set impact = $2, updated_at = $3 where id = $1', [
    open.id,
    impactOf[worst as AlertHoldStatus],
    now,
  ]);
  const updateId = await insertIncidentUpdate(
    tx,
    orgId,
    open.id,
    { status: current.status, message: timeline },
    author,
    now,
  );
  await linkFiringHolds(tx, orgId, service.id, open.id);
  await publishIncident(tx, orgId, open.id, ['incident_update.created'], { update_id: updateId });
  return open.id;
}

async function linkFiringHolds(tx: Queryable, orgId: string, serviceId: string, incidentId: string) {
  await tx.query(
    `update public.alert_holds set incident_id = $3
     where org_id = $1 and service_id = $2 and resolved_at is null`,
    [orgId, serviceId, incidentId],
  );
}
