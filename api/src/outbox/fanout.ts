import type { Queryable } from '../db/types.ts';
import type { StoredEvent } from '../db/events.ts';
import type { Clock } from '../clock.ts';
import type { Delivery, OutboxChannel } from './channel.ts';
import { enqueueDeliveries } from './enqueue.ts';

/** The kind of the rows the event trigger writes: one per notifying event, expanded here. */
export const fanOutKind = 'event';

/**
 * Expands one `event` row into its deliveries: every channel's `plan` for the event, written in the
 * caller's transaction (the one that records the fan-out as delivered), so a crash expands either
 * all of them or none and the row is claimed again. Returns how many deliveries it wrote.
 */
export async function fanOut(
  tx: Queryable,
  clock: Clock,
  row: Delivery,
  channels: readonly OutboxChannel[],
): Promise<number> {
  const [event] = await tx.query<StoredEvent>(
    `select org_id, seq, type, payload, actor, created_at from public.status_events where org_id = $1 and seq = $2`,
    [row.orgId, row.eventSeq],
  );
  // The org was deleted since: nobody is left to notify.
  if (!event) return 0;
  event.seq = Number(event.seq);
  let written = 0;
  for (const channel of channels) {
    if (!channel.plan) continue;
    const deliveries = await channel.plan(tx, event);
    const planned = deliveries.map((d) => ({
      ...d,
      kind: d.kind || channel.kind,
      orgId: event.org_id,
      eventSeq: event.seq,
    }));
    written += (await enqueueDeliveries(tx, clock, planned)).length;
  }
  return written;
}
