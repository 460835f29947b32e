import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/types.ts';
import type { Clock } from '../clock.ts';
import type { NewDelivery } from './channel.ts';
import { giveUpAfterMs } from './backoff.ts';

/**
 * Writes deliveries in the caller's transaction (as the system: private.outbox is not open to
 * request roles), so they exist exactly when what they announce committed. They are due at once;
 * `pg_notify` at commit wakes the workers of every process. Returns the delivery ids.
 */
export async function enqueueDeliveries(tx: Queryable, clock: Clock, deliveries: NewDelivery[]): Promise<string[]> {
  if (deliveries.length === 0) return [];
  const giveUpAt = new Date(clock.now().getTime() + giveUpAfterMs).toISOString();
  const rows = deliveries.map((d) => ({
    id: d.id ?? randomUUID(),
    kind: d.kind,
    org_id: d.orgId ?? null,
    event_seq: d.eventSeq ?? null,
    target_id: d.targetId ?? null,
    payload: d.payload,
    sensitive: d.sensitive ?? false,
  }));
  await tx.query(
    `insert into private.outbox (id, kind, org_id, event_seq, target_id, payload, sensitive, give_up_at)
     select r.id, r.kind, r.org_id, r.event_seq, r.target_id, r.payload, r.sensitive, $2
     from jsonb_to_recordset($1::jsonb)
       as r(id uuid, kind text, org_id uuid, event_seq bigint, target_id uuid, payload jsonb, sensitive boolean)`,
    [JSON.stringify(rows), giveUpAt],
  );
  await tx.query(`select pg_notify('lantern_outbox', '')`);
  return rows.map((r) => r.id);
}

/** One delivery: see enqueueDeliveries. */
export async function enqueueDelivery(tx: Queryable, clock: Clock, delivery: NewDelivery): Promise<string> {
  const [id] = await enqueueDeliveries(tx, clock, [delivery]);
  return id!;
}
