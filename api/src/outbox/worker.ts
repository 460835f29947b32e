import type { Database } from '../db/types.ts';
import { asSystem } from '../db/doors.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { Delivery, DeliveryResult, OutboxChannel } from './channel.ts';
import { claimDue, type Claimed } from './claim.ts';
import { recordAttempt, type RecordedState } from './record.ts';
import { defaultRetryBaseMs, retryDelayMs } from './backoff.ts';
import { fanOut, fanOutKind } from './fanout.ts';

/** How long a claim lasts by default (OUTBOX_LEASE_MS): longer than any normal send. */
export const defaultLeaseMs = 120_000;
/** The system job name the worker's transactions carry. */
export const outboxJob = 'outbox';

/** One attempt as the worker saw it (for metrics and logs). */
export interface AttemptReport {
  kind: string;
  /** `delivered`, `retry` (pending again), `failed` (for good), or `lost-claim`. */
  state: RecordedState;
  durationMs: number;
}

export interface OutboxWorkerOptions {
  db: Database;
  clock: Clock;
  log: Logger;
  channels: readonly OutboxChannel[];
  /** Rows claimed per round. */
  batchSize?: number;
  /** How often an idle worker looks for due rows besides being woken by NOTIFY. */
  pollMs?: number;
  /** The first retry's step (OUTBOX_RETRY_BASE_MS). */
  retryBaseMs?: number;
  /** How long a claim lasts for channels that set no `leaseMs` (OUTBOX_LEASE_MS). */
  leaseMs?: number;
  random?: () => number;
  onAttempt?: (report: AttemptReport) => void;
}

/**
 * The outbox worker: claims due deliveries (`for update skip locked`, so every API process runs one
 * and they share the rows), hands each to its channel, records the attempt, retries with backoff and
 * jitter until 24 h after the delivery was written. `event` rows are expanded into deliveries
 * (fanout.ts). `start()` loops until `stop()`, which waits for the sends in flight; tests call
 * `drain()` instead, with a TestClock, and never sleep.
 */
export function createOutboxWorker(options: OutboxWorkerOptions) {
  const { db, clock, log, batchSize = 8, pollMs = 1000, retryBaseMs = defaultRetryBaseMs } = options;
  const random = options.random ?? Math.random;
  const channels = new Map(options.channels.map((c) => [c.kind, c]));
  const kinds = [fanOutKind, ...channels.keys()];
  let abort = new AbortController();
  let running: Promise<void> | null = null;
  let stopped = false;
  let wakeUp: (() => void) | null = null;
  let unlisten: (() => Promise<void>) | null = null;

  const leaseMs = (kind: string) => channels.get(kind)?.leaseMs ?? options.leaseMs ?? defaultLeaseMs;

  function retryAt(delivery: Delivery, giveUpAt: Date): Date | null {
    const at = new Date(clock.now().getTime() + retryDelayMs(delivery.attempt, retryBaseMs, random));
    return at < giveUpAt ? at : null;
  }

  async function expand({ delivery }: Claimed): Promise<void> {
    const startedAt = clock.now();
    const started = performance.now();
    try {
      await asSystem(db, outboxJob, async (tx) => {
        const state = await recordAttempt(
          tx,
          delivery,
          { outcome: 'delivered' },
          {
            startedAt,
            durationMs: performance.now() - started,
            retryAt: null,
          },
        );
        // Another worker took the row (our lease lapsed): it expands it, we write nothing.
        if (state === 'delivered') await fanOut(tx, clock, delivery, [...channels.values()]);
      });
      options.onAttempt?.({ kind: fanOutKind, state: 'delivered', durationMs: performance.now() - started });
    } catch (error) {
      // Rolled back: the claim lapses and the row is expanded again, whole.
      log.error({ err: error, delivery: delivery.id }, 'outbox fan-out failed');
    }
  }

  async function send({ delivery, giveUpAt }: Claimed): Promise<void> {
    const channel = channels.get(delivery.kind)!;
    const startedAt = clock.now();
    const started = performance.now();
    let result: DeliveryResult;
    try {
      result = await channel.deliver(delivery, { clock, signal: abort.signal });
    } catch (error) {
      result = { outcome: 'retry', error: error instanceof Error ? error.message : String(error) };
    }
    const durationMs = performance.now() - started;
    const state = await asSystem(db, outboxJob, async (tx) => {
      const next = result.outcome === 'retry' ? retryAt(delivery, giveUpAt) : null;
      const recorded = await recordAttempt(tx, delivery, result, { startedAt, durationMs, retryAt: next });
      if (recorded === 'failed') await channel.onGaveUp?.(tx, delivery, result);
      return recorded;
    });
    if (state !== 'delivered')
      log.warn(
        { delivery: delivery.id, kind: delivery.kind, attempt: delivery.attempt, state, result },
        'outbox attempt',
      );
    options.onAttempt?.({ kind: delivery.kind, state, durationMs });
  }

  /** One round: claims what is due and sends it. Returns how many rows it claimed. */
  async function runOnce(): Promise<number> {
    const claimed = await asSystem(db, outboxJob, (tx) =>
      claimDue(tx, { kinds, now: clock.now(), limit: batchSize, leaseMs }),
    );
    await Promise.all(
      claimed.map((c) =>
        (c.delivery.kind === fanOutKind ? expand(c) : send(c)).catch((error: unknown) =>
          log.error({ err: error, delivery: c.delivery.id }, 'outbox attempt could not be recorded'),
        ),
      ),
    );
    return claimed.length;
  }

  async function loop(): Promise<void> {
    while (!stopped) {
      let claimed = 0;
      try {
        claimed = await runOnce();
      } catch (error) {
        log.error({ err: error }, 'outbox round failed');
      }
      if (claimed > 0 || stopped) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeUp = null;
    }
  }

  return {
    /** Starts the loop; deliveries committed by any process wake it through NOTIFY `lantern_outbox`. */
    async start(): Promise<void> {
      if (running) return;
      stopped = false;
      abort = new AbortController();
      unlisten = await db
        .listen('lantern_outbox', () => wakeUp?.())
        .catch((error: unknown) => {
          log.warn({ err: error }, 'outbox: LISTEN failed, polling only');
          return null;
        });
      running = loop();
    },
    /** Stops claiming, aborts the sends in flight (they are retried later) and waits for the loop. */
    async stop(): Promise<void> {
      stopped = true;
      abort.abort();
      wakeUp?.();
      await running;
      running = null;
      await unlisten?.().catch(() => undefined);
      unlisten = null;
    },
    /** Looks for due rows now (after this process enqueued some). */
    wake(): void {
      wakeUp?.();
    },
    runOnce,
    /** Runs rounds until nothing is due (tests: everything sendable now has been tried). */
    async drain(maxRounds = 100): Promise<number> {
      let total = 0;
      for (let round = 0; round < maxRounds; round++) {
        const claimed = await runOnce();
        if (claimed === 0) return total;
        total += claimed;
      }
      return total;
    },
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
