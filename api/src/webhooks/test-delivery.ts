import type { Database } from '../db/types.ts';
import type { Clock } from '../clock.ts';
import { asSystem } from '../db/doors.ts';
import { enqueueDelivery } from '../outbox/enqueue.ts';
import { testNotification, type NotificationOrg } from './notification.ts';
import { webhookBody } from './chat-messages.ts';
import { pageBaseOf, webhookKind, type WebhookPayload } from './plan.ts';
import type { WebhookKind } from './event-types.ts';
import { webhookJob } from './deliver.ts';

/**
 * Queues a `webhook.test` delivery for a webhook the caller was shown to administer (the route reads
 * it through the caller's door first). It goes through the outbox like any other: signed, retried,
 * listed among the deliveries. Returns the delivery's id (its `webhook-id`).
 */
export function queueTestDelivery(
  db: Database,
  clock: Clock,
  baseUrl: string,
  org: NotificationOrg,
  hook: { id: string; kind: WebhookKind },
): Promise<string> {
  const body = webhookBody(hook.kind, testNotification(org, pageBaseOf(baseUrl, org.slug), clock.now()));
  return asSystem(db, webhookJob, (tx) =>
    enqueueDelivery(tx, clock, {
      kind: webhookKind,
      orgId: org.id,
      targetId: hook.id,
      payload: { type: 'webhook.test', body } satisfies WebhookPayload,
    }),
  );
}
