import type { Queryable } from '../db/types.ts';
import { holdExpiresAt, realEndsAt } from './hold-expiry.ts';
import type { AlertHoldStatus, AlertOutcome, IncomingAlert } from './types.ts';

/** A stored alert hold, as this module reads it. */
export interface HoldRow {
  id: string;
  service_id: string;
  status: AlertHoldStatus;
  starts_at: Date;
  resolved_at: Date | null;
  resolution: 'resolved' | 'expired' | null;
}

const holdColumns = 'id, service_id, status, starts_at, resolved_at, resolution';

/** What applying one alert did to its hold. */
export interface AppliedAlert {
  outcome: Exclude<AlertOutcome, 'ignored'>;
  /** True when the set of firing holds (or a firing hold's status) changed. */
  changed: boolean;
}

interface ApplyInput {
  orgId: string;
  serviceId: string;
  alert: IncomingAlert;
  status: AlertHoldStatus;
  now: Date;
  holdTimeoutSeconds: number;
}

async function lockHold(tx: Queryable, orgId: string, fingerprint: string): Promise<HoldRow | null> {
  const [row] = await tx.query<HoldRow>(
    `select ${holdColumns} from public.alert_holds where org_id = $1 and fingerprint = $2 for update`,
    [orgId, fingerprint],
  );
  return row ?? null;
}

const summaryOf = (alert: IncomingAlert) => (alert.annotations.summary ?? '').slice(0, 500);
const alertnameOf = (alert: IncomingAlert) => (alert.labels.alertname ?? '').slice(0, 200);

/**
 * Writes one alert into the org's holds, idempotently and tolerant of order. A hold is keyed by the
 * alert's fingerprint; the instance is its `startsAt`. A copy of an older instance, or of the same
 * instance after it resolved, changes nothing (so a retried or late notification cannot undo a later
 * one); a resolve for an alert never seen is stored already resolved, for the same reason.
 */
export async function applyAlert(tx: Queryable, input: ApplyInput): Promise<AppliedAlert> {
  const { orgId, serviceId, alert, status, now, holdTimeoutSeconds } = input;
  const startsAt = new Date(alert.startsAt);
  const endsAt = realEndsAt(startsAt, alert.endsAt);
  const firing = alert.status === 'firing';
  const expiresAt = holdExpiresAt(now, firing ? endsAt : null, holdTimeoutSeconds);
  let current = await lockHold(tx, orgId, alert.fingerprint);
  if (!current) {
    const [inserted] = await tx.query<HoldRow>(
      `insert into public.alert_holds
         (org_id, fingerprint, service_id, alertname, status, starts_at, ends_at, expires_at, last_received_at,
          resolved_at, resolution, summary, labels, annotations, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9,
               case when $10 then null else $9::timestamptz end, case when $10 then null else 'resolved' end,
               $11, $12, $13, $9, $9)
       on conflict (org_id, fingerprint) do nothing
       returning ${holdColumns}`,
      [
        orgId,
        alert.fingerprint,
        serviceId,
        alertnameOf(alert),
        status,
        startsAt,
        endsAt,
        expiresAt,
        now,
        firing,
        summaryOf(alert),
        JSON.stringify(alert.labels),
        JSON.stringify(alert.annotations),
      ],
    );
    if (inserted) return firing ? { outcome: 'held', changed: true } : { outcome: 'unseen', changed: false };
    // A concurrent webhook stored it first: apply on top of its row.
    current = (await lockHold(tx, orgId, alert.fingerprint))!;
  }

  const sameInstance = current.starts_at.getTime() === startsAt.getTime();
  const olderInstance = startsAt < current.starts_at;
  if (olderInstance || (sameInstance && current.resolution === 'resolved')) return { outcome: 'stale', changed: false };

  if (!firing) {
    if (current.resolved_at) return { outcome: 'stale', changed: false };
    await tx.query(
      `update public.alert_holds
       set resolved_at = $2, resolution = 'resolved', starts_at = $3, ends_at = $4, last_received_at = $2, updated_at = $2
       where id = $1`,
      [current.id, now, startsAt, endsAt],
    );
    return { outcome: 'resolved', changed: true };
  }

  // Firing: a repeat of the held instance, or a new instance (or the return of an expired one).
  const repeat = sameInstance && !current.resolved_at;
  await tx.query(
    `update public.alert_holds
     set status = $2, starts_at = $3, ends_at = $4, expires_at = $5, last_received_at = $6,
         resolved_at = null, resolution = null, summary = $7, annotations = $8, updated_at = $6
     where id = $1`,
    [current.id, status, startsAt, endsAt, expiresAt, now, summaryOf(alert), JSON.stringify(alert.annotations)],
  );
  if (repeat) return { outcome: 'refreshed', changed: current.status !== status };
  return { outcome: 'held', changed: true };
}
