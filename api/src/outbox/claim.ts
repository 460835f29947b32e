import type { Queryable } from '../db/types.ts';
import type { Delivery } from './channel.ts';

interface OutboxRow {
  id: string;
  kind: string;
  org_id: string | null;
  event_seq: string | number | null;
  target_id: string | null;
  payload: Record<string, unknown>;
  attempts: number;
  created_at: string | Date;
  give_up_at: string | Date;
}

/** A claimed row: the delivery, and when its retries stop. */
export interface Claimed {
  delivery: Delivery;
  giveUpAt: Date;
}

/**
 * Takes up to `limit` due pending rows of `kinds` for this worker until `now + leaseMs`. `for update
 * skip locked` lets every process's worker run this at once without two taking the same row; the
 * lease (not a held transaction) keeps it taken while it is sent, so no transaction stays open across
 * a slow send (PGlite has one connection), and a crashed worker's rows come back when it lapses.
 * Each claim counts an attempt: the attempt number is the fence `record.ts` checks.
 */
export async function claimDue(
  tx: Queryable,
  { kinds, now, limit, leaseMs }: { kinds: string[]; now: Date; limit: number; leaseMs: (kind: string) => number },
): Promise<Claimed[]> {
  const leases = Object.fromEntries(kinds.map((k) => [k, leaseMs(k)]));
  const rows = await tx.query<OutboxRow>(
    `with due as (
       select id from private.outbox
       where state = 'pending' and next_attempt_at <= $1
         and (claimed_until is null or claimed_until <= $1) and kind = any($2::text[])
       order by next_attempt_at, created_at
       limit $3
       for update skip locked
     )
     update private.outbox o
        set attempts = o.attempts + 1,
            claimed_until = $1::timestamptz + make_interval(secs => (($4::jsonb ->> o.kind)::numeric / 1000)::float8)
       from due where o.id = due.id
     returning o.id, o.kind, o.org_id, o.event_seq, o.target_id, o.payload, o.attempts, o.created_at, o.give_up_at`,
    [now.toISOString(), kinds, limit, JSON.stringify(leases)],
  );
  return rows.map((r) => ({
    delivery: {
      id: r.id,
      kind: r.kind,
      orgId: r.org_id,
      eventSeq: r.event_seq === null ? null : Number(r.event_seq),
      targetId: r.target_id,
      payload: r.payload,
      attempt: r.attempts,
      createdAt: new Date(r.created_at),
    },
    giveUpAt: new Date(r.give_up_at),
  }));
}
