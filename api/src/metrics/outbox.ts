import { Counter, Gauge, type Registry } from 'prom-client';
import type { Database } from '../db/types.ts';
import { asSystem } from '../db/doors.ts';

/** One recorded attempt, as the outbox worker reports it (outbox/worker.ts, AttemptReport). */
export interface OutboxAttempt {
  kind: string;
  state: 'delivered' | 'pending' | 'failed' | 'lost-claim';
}

const outcomes: Record<OutboxAttempt['state'], string> = {
  delivered: 'delivered',
  pending: 'retry',
  failed: 'failed',
  'lost-claim': 'lost_claim',
};
const kinds = ['event', 'email', 'webhook'];

interface QueueRow {
  kind: string;
  depth: number;
  oldest_age_s: number | null;
}

/**
 * The outbox: attempts by kind and outcome (counted by this process's worker), and the queue as the
 * database holds it, shared by every process (read at scrape time): pending rows by kind and the age
 * of the oldest. A growing age means no worker keeps up, or a receiver keeps failing.
 */
export function outboxMetrics(register: Registry, database: () => Database | undefined) {
  const attempts = new Counter({
    name: 'lantern_outbox_deliveries_total',
    help: 'Outbox delivery attempts by kind (event fan-out, email, webhook) and outcome: delivered, retry, failed (for good), lost_claim.',
    labelNames: ['kind', 'outcome'],
    registers: [register],
  });
  for (const kind of kinds) for (const outcome of Object.values(outcomes)) attempts.inc({ kind, outcome }, 0);

  const readQueue = async (): Promise<QueueRow[]> => {
    const db = database();
    if (!db) return [];
    return asSystem(db, 'metrics', (tx) =>
      tx.query<QueueRow>(
        `select kind, count(*)::int as depth,
                extract(epoch from now() - min(created_at))::float8 as oldest_age_s
           from private.outbox where state = 'pending' group by kind`,
      ),
    );
  };

  new Gauge({
    name: 'lantern_outbox_depth',
    help: 'Outbox deliveries waiting to be sent (pending), by kind, across all processes.',
    labelNames: ['kind'],
    registers: [register],
    async collect() {
      this.reset();
      const rows = await readQueue();
      for (const kind of kinds) this.set({ kind }, rows.find((r) => r.kind === kind)?.depth ?? 0);
      for (const row of rows) if (!kinds.includes(row.kind)) this.set({ kind: row.kind }, row.depth);
    },
  });
  new Gauge({
    name: 'lantern_outbox_oldest_pending_age_seconds',
    help: 'Age of the oldest pending outbox delivery in seconds (0 when none waits).',
    registers: [register],
    async collect() {
      const rows = await readQueue();
      this.set(Math.max(0, ...rows.map((r) => r.oldest_age_s ?? 0)));
    },
  });

  return {
    /** Counts one attempt the worker recorded (pass as the worker's `onAttempt`). */
    attempted(attempt: OutboxAttempt): void {
      attempts.inc({ kind: attempt.kind, outcome: outcomes[attempt.state] });
    },
  };
}
