import type { Queryable } from '../db/types.ts';
import type { StoredEvent } from '../db/events.ts';
import type { Clock } from '../clock.ts';

/** One row of the outbox as a channel sees it when it must send it. */
export interface Delivery {
  /** Stable for the delivery's whole life: every retry carries it (Message-ID, `webhook-id`). */
  id: string;
  kind: string;
  orgId: string | null;
  eventSeq: number | null;
  targetId: string | null;
  payload: Record<string, unknown>;
  /** 1 for the first attempt. */
  attempt: number;
  createdAt: Date;
}

/** A delivery to write (in the caller's transaction): see `enqueueDelivery`. */
export interface NewDelivery {
  kind: string;
  /** Give one when the payload must name the delivery (e.g. a Message-ID in a rendered header). */
  id?: string;
  orgId?: string | null;
  eventSeq?: number | null;
  targetId?: string | null;
  payload: Record<string, unknown>;
  /** Clear the payload once delivered (it holds a secret, e.g. a password-reset link). */
  sensitive?: boolean;
}

/**
 * How one attempt ended. `retry`: try again later with backoff (until 24 h after the delivery was
 * written); `failed`: never again (e.g. a webhook answered 410). `responseCode` is kept per attempt.
 */
export type DeliveryResult =
  | { outcome: 'delivered'; responseCode?: number }
  | { outcome: 'retry'; error: string; responseCode?: number }
  | { outcome: 'failed'; error: string; responseCode?: number };

export interface DeliverContext {
  clock: Clock;
  /** Aborted when the worker stops: a channel may abandon its send (the delivery is retried later). */
  signal: AbortSignal;
}

/**
 * A way out of the outbox, keyed by `kind` (`email`, `webhook`, …). Register it with the worker
 * (`createOutboxWorker({ channels })`); only kinds a process registered are claimed by it.
 */
export interface OutboxChannel {
  readonly kind: string;
  /**
   * For each event the fan-out expands (see private.enqueue_event_fanout): the deliveries of this
   * kind it causes, e.g. one per confirmed subscriber who follows one of its services. Runs in the
   * fan-out's transaction as the system (service_role), so what it returns is written atomically
   * with the fan-out being marked done.
   */
  plan?(tx: Queryable, event: StoredEvent): Promise<NewDelivery[]>;
  /** Sends one delivery. Throwing counts as `retry` with the error's message. */
  deliver(delivery: Delivery, context: DeliverContext): Promise<DeliveryResult>;
  /**
   * Called in the transaction that marks a delivery `failed` for good (a `failed` outcome, or
   * retries ran out), e.g. to disable a webhook and mail the org's admins.
   */
  onGaveUp?(tx: Queryable, delivery: Delivery, result: DeliveryResult): Promise<void>;
  /**
   * How long a claim lasts before another worker may take the row again (a worker that died while
   * sending); default OUTBOX_LEASE_MS (2 min). Longer than the slowest `deliver`, or a slow send may
   * be repeated (at least once: with the same id).
   */
  leaseMs?: number;
}
