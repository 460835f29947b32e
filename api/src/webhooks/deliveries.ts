import type { Database } from '../db/types.ts';
import { asSystem } from '../db/doors.ts';
import { webhookJob } from './deliver.ts';
import { webhookKind } from './plan.ts';

/** One delivery of a webhook with each of its attempts (response code, duration). */
export interface WebhookDeliveryView {
  id: string;
  type: string;
  event_seq: number | null;
  state: 'pending' | 'delivered' | 'failed';
  next_attempt_at: string | null;
  created_at: string;
  attempts: {
    attempt: number;
    started_at: string;
    duration_ms: number;
    outcome: 'delivered' | 'retry' | 'failed';
    response_code: number | null;
    error: string | null;
  }[];
}

const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * Up to `limit` deliveries of a webhook of `orgId`, newest first, after the one `after` names
 * (its `created_at` as written here, with microseconds, and its id), read from the outbox as the
 * system (its tables are closed to request roles): call it only after the caller's door showed the
 * webhook to them.
 */
export function listWebhookDeliveries(
  db: Database,
  orgId: string,
  webhookId: string,
  { limit, after }: { limit: number; after: readonly [createdAt: string, id: string] | null },
): Promise<WebhookDeliveryView[]> {
  return asSystem(db, webhookJob, (tx) =>
    tx.query<WebhookDeliveryView>(
      `select o.id, coalesce(o.payload ->> 'type', '') as type, o.event_seq::int as event_seq, o.state,
         case when o.state = 'pending' and o.next_attempt_at > '-infinity' then ${iso('o.next_attempt_at')} end
           as next_attempt_at,
         ${iso('o.created_at')} as created_at,
         coalesce((select jsonb_agg(jsonb_build_object(
             'attempt', a.attempt, 'started_at', ${iso('a.started_at')}, 'duration_ms', a.duration_ms,
             'outcome', a.outcome, 'response_code', a.response_code, 'error', a.error) order by a.attempt)
           from private.outbox_attempts a where a.delivery_id = o.id), '[]'::jsonb) as attempts
       from private.outbox o
       where o.kind = $1 and o.org_id = $2 and o.target_id = $3
         and ($5::timestamptz is null or (o.created_at, o.id) < ($5::timestamptz, $6::uuid))
       order by o.created_at desc, o.id desc
       limit $4`,
      [webhookKind, orgId, webhookId, limit, after?.[0] ?? null, after?.[1] ?? null],
    ),
  );
}
