import type { Queryable } from '../db/types.ts';
import type { Delivery, DeliveryResult } from './channel.ts';

/** What became of the row after an attempt was recorded. */
export type RecordedState = 'delivered' | 'pending' | 'failed' | 'lost-claim';

/**
 * Records one attempt and moves the row on, in the caller's transaction: `delivered`; `pending`
 * again at `retryAt` (null when retries ran out: then `failed`); or `failed`. Only while this worker
 * still holds the claim of this attempt (state pending, same attempt count): a worker whose lease
 * lapsed and whose row another worker took records nothing ('lost-claim').
 */
export async function recordAttempt(
  tx: Queryable,
  delivery: Delivery,
  result: DeliveryResult,
  { startedAt, durationMs, retryAt }: { startedAt: Date; durationMs: number; retryAt: Date | null },
): Promise<RecordedState> {
  const state: RecordedState =
    result.outcome === 'delivered' ? 'delivered' : result.outcome === 'retry' && retryAt ? 'pending' : 'failed';
  const error = result.outcome === 'delivered' ? null : result.error.slice(0, 2000);
  const [moved] = await tx.query(
    `update private.outbox
        set state = $3,
            claimed_until = null,
            next_attempt_at = coalesce($4::timestamptz, next_attempt_at),
            finished_at = case when $3 = 'pending' then null else $5::timestamptz end,
            last_error = $6,
            payload = case when $3 = 'delivered' and sensitive then '{}'::jsonb else payload end
      where id = $1 and attempts = $2 and state = 'pending'
      returning id`,
    [
      delivery.id,
      delivery.attempt,
      state,
      state === 'pending' ? retryAt!.toISOString() : null,
      new Date(startedAt.getTime() + durationMs).toISOString(),
      error,
    ],
  );
  if (!moved) return 'lost-claim';
  await tx.query(
    `insert into private.outbox_attempts (delivery_id, attempt, started_at, duration_ms, outcome, response_code, error)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [
      delivery.id,
      delivery.attempt,
      startedAt.toISOString(),
      Math.max(0, Math.round(durationMs)),
      result.outcome,
      result.responseCode ?? null,
      error,
    ],
  );
  return state;
}
