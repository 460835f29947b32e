import type { Database } from '../db/types.ts';
import { asSystem } from '../db/doors.ts';
import type { Delivery, DeliveryResult } from '../outbox/channel.ts';
import type { Outbound } from '../outbound/outbound.ts';
import { sendOutbound } from '../outbound/request.ts';
import { signStandardWebhook } from './signing.ts';
import type { WebhookPayload } from './plan.ts';

export const webhookJob = 'webhooks';

/**
 * One attempt of a `webhook` delivery: reads the webhook now (its URL may have changed, it may be
 * disabled or gone), signs the body the Standard Webhooks way with the attempt's time, and sends it
 * through `outbound/` (checked again at connect time, no redirects, 15 s, 64 KiB). A 2xx answer
 * delivers; 410 gives up (the receiver says it is gone for good); anything else, a refused address or a
 * network error is retried with backoff by the outbox.
 */
export async function deliverWebhook(
  { db, outbound, allowPrivate }: { db: Database; outbound: Outbound; allowPrivate: boolean },
  delivery: Delivery,
  { now, signal }: { now: Date; signal?: AbortSignal },
): Promise<DeliveryResult> {
  const [hook] = await asSystem(db, webhookJob, (tx) =>
    tx.query<{ url: string; disabled_at: string | null; secret: string }>(
      `select w.url, w.disabled_at, s.secret
       from public.webhooks w join private.webhook_secrets s on s.webhook_id = w.id
       where w.id = $1`,
      [delivery.targetId],
    ),
  );
  if (!hook) return { outcome: 'failed', error: 'the webhook was deleted' };
  if (hook.disabled_at) return { outcome: 'failed', error: 'the webhook is disabled' };
  const { body } = delivery.payload as unknown as WebhookPayload;
  const response = await sendOutbound(outbound, {
    url: hook.url,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Lantern-Webhooks/1',
      ...signStandardWebhook(hook.secret, delivery.id, now, body),
    },
    body,
    allowPrivate,
    ...(signal ? { signal } : {}),
  });
  const responseCode = response.status;
  if (responseCode >= 200 && responseCode < 300) return { outcome: 'delivered', responseCode };
  if (responseCode === 410) return { outcome: 'failed', error: 'the receiver answered 410 Gone', responseCode };
  return { outcome: 'retry', error: `the receiver answered ${responseCode}`, responseCode };
}
