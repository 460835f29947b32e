import type { Queryable } from './types.ts';

/**
 * How far a restore moves every org's event seq. Clients (browsers, widgets, static pages) may hold
 * stream ids handed out after the backup was taken; the restored log would hand the same numbers to
 * different events, and a client resuming with `Last-Event-ID` would be replayed the wrong ones. Past
 * the jump every old id is more than the replay window (10,000 events) behind, so it earns a fresh
 * `snapshot` instead. One billion leaves room for millions of restores below 2^53.
 */
export const restoreSeqJump = 1_000_000_000;

/** Moves every org's seq `restoreSeqJump` ahead (run once, right after a restore). Returns the orgs moved. */
export async function bumpSeqsAfterRestore(db: Pick<Queryable, 'query'>): Promise<number> {
  const rows = await db.query<{ id: string }>(
    'update public.organizations set last_event_seq = last_event_seq + $1 returning id',
    [restoreSeqJump],
  );
  return rows.length;
}

/** The same step as SQL, for a PostgreSQL server restored with pg_restore (docs/reliability.md). */
export const restoreSeqJumpSql = `update public.organizations set last_event_seq = last_event_seq + ${restoreSeqJump};`;
