import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { notFound } from '../../errors.ts';
import { publicBaseUrl } from '../../auth/account-mail.ts';
import { queueTestDelivery } from '../../webhooks/test-delivery.ts';
import type { WebhookKind } from '../../webhooks/event-types.ts';
import { TestAnswer, WebhookParams } from './schema.ts';

/**
 * POST /api/organizations/:orgId/webhooks/:id/test: queues a `webhook.test` delivery. It is sent by
 * the outbox like every delivery (so the answer does not wait on the receiver); its attempts appear
 * under …/deliveries with the receiver's response code.
 */
export const testWebhook = defineRoute(
  { kind: 'org', role: 'admin' },
  createRoute({
    method: 'post',
    path: '/api/organizations/{orgId}/webhooks/{id}/test',
    operationId: 'testWebhook',
    tags: ['webhooks'],
    summary: 'Send a test delivery to a webhook',
    request: { params: WebhookParams },
    responses: {
      202: { description: 'Queued: see the deliveries', content: { 'application/json': { schema: TestAnswer } } },
    },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { id } = c.req.valid('param');
    const { db, clock, env } = c.get('deps');
    const [hook] = await asCaller(c, (tx) =>
      tx.query<{ id: string; kind: WebhookKind; org_id: string; slug: string; name: string }>(
        `select w.id, w.kind, o.id as org_id, o.slug, o.name
         from public.webhooks w join public.organizations o on o.id = w.org_id
         where w.org_id = $1 and w.id = $2`,
        [orgId, id],
      ),
    );
    if (!hook) throw notFound('Webhook');
    const deliveryId = await queueTestDelivery(
      db,
      clock,
      publicBaseUrl(env),
      { id: hook.org_id, slug: hook.slug, name: hook.name },
      hook,
    );
    return c.json({ data: { delivery_id: deliveryId } }, 202);
  },
);
