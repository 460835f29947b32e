import type { Database } from '../db/types.ts';
import type { Clock } from '../clock.ts';
import type { OutboxChannel } from '../outbox/channel.ts';
import type { Outbound } from '../outbound/outbound.ts';
import { planWebhookDeliveries, webhookKind } from './plan.ts';
import { deliverWebhook } from './deliver.ts';
import { disableWebhook } from './disable.ts';

export interface WebhookChannelOptions {
  db: Database;
  clock: Clock;
  outbound: Outbound;
  /** WEBHOOK_ALLOW_PRIVATE. */
  allowPrivate: boolean;
  /** Where links point (PUBLIC_BASE_URL, else this process). */
  baseUrl: string;
}

/**
 * The outbox channel of kind `webhook`: plans one delivery per matching webhook of each notifying
 * event, sends it signed, and disables the webhook (mailing the org's admins) when a delivery gives up.
 */
export function webhookChannel({ db, clock, outbound, allowPrivate, baseUrl }: WebhookChannelOptions): OutboxChannel {
  return {
    kind: webhookKind,
    // A send takes at most 15 s (outbound/request.ts): a minute's lease leaves room.
    leaseMs: 60_000,
    plan: (tx, event) => planWebhookDeliveries(tx, event, baseUrl),
    deliver: (delivery, { clock, signal }) =>
      deliverWebhook({ db, outbound, allowPrivate }, delivery, { now: clock.now(), signal }),
    onGaveUp: (tx, delivery, result) => disableWebhook(tx, clock, baseUrl, delivery, result),
  };
}
