import type { Queryable } from '../db/types.ts';
import type { StoredEvent } from '../db/events.ts';
import type { NewDelivery } from '../outbox/channel.ts';
import { notificationOf, servicesOf, type NotificationOrg } from './notification.ts';
import { webhookBody } from './chat-messages.ts';
import type { WebhookKind } from './event-types.ts';

export const webhookKind = 'webhook';

/** What a `webhook` delivery carries: the body, rendered once, so every retry sends the same bytes. */
export interface WebhookPayload {
  type: string;
  body: string;
}

/** Where an org's static pages are: `<base>/status/<slug>/`. */
export const pageBaseOf = (baseUrl: string, slug: string) => `${baseUrl}/status/${encodeURIComponent(slug)}/`;

/**
 * The webhook deliveries of one event (the outbox fan-out calls this as the system, in its
 * transaction): one per enabled webhook of the org that takes the event's type and follows one of
 * its services (or all of them).
 */
export async function planWebhookDeliveries(
  tx: Queryable,
  event: StoredEvent,
  baseUrl: string,
): Promise<NewDelivery[]> {
  const [org] = await tx.query<NotificationOrg>('select id, slug, name from public.organizations where id = $1', [
    event.org_id,
  ]);
  if (!org) return [];
  const notification = notificationOf(event, org, pageBaseOf(baseUrl, org.slug));
  if (!notification) return [];
  const hooks = await tx.query<{ id: string; kind: WebhookKind; service_ids: string[] | null }>(
    `select id, kind, service_ids from public.webhooks
     where org_id = $1 and disabled_at is null and $2 = any (event_types)
     order by created_at, id`,
    [org.id, notification.type],
  );
  const services = servicesOf(notification);
  return hooks
    .filter((hook) => hook.service_ids === null || hook.service_ids.some((id) => services.includes(id)))
    .map((hook) => ({
      kind: webhookKind,
      targetId: hook.id,
      payload: { type: notification.type, body: webhookBody(hook.kind, notification) } satisfies WebhookPayload,
    }));
}
