import type { Queryable } from './types.ts';

/** A row of the event log as stored. */
export interface StoredEvent {
  org_id: string;
  seq: number;
  type: string;
  payload: Record<string, unknown>;
  actor: Record<string, unknown>;
  created_at: string;
}

/**
 * Appends an event to the org's log inside the caller's transaction: the only way events are written.
 * The database assigns `seq` under the org's row lock (so commit order is seq order), fills the actor
 * from the request's claims (system jobs may name theirs), and notifies listeners at commit.
 */
export async function appendEvent(
  tx: Queryable,
  orgId: string,
  type: string,
  payload: Record<string, unknown>,
  actor: Record<string, unknown> = {},
): Promise<StoredEvent> {
  const [event] = await tx.query<StoredEvent>(
    `insert into public.status_events (org_id, seq, type, payload, actor)
     values ($1, 1, $2, $3, $4)
     returning org_id, seq, type, payload, actor, created_at`,
    [orgId, type, JSON.stringify(payload), JSON.stringify(actor)],
  );
  if (!event) throw new Error('appendEvent: insert returned no row');
  return event;
}
