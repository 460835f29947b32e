import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { notFound } from '../../errors.ts';
import { listWebhookDeliveries } from '../../webhooks/deliveries.ts';
import { DeliveryList, DeliveryQuery, WebhookParams } from './schema.ts';

/** GET /api/organizations/:orgId/webhooks/:id/deliveries: the newest deliveries, each attempt with code and time. */
export const listWebhookDeliveriesRoute = defineRoute(
  { kind: 'org', role: 'admin' },
  createRoute({
    method: 'get',
    path: '/api/organizations/{orgId}/webhooks/{id}/deliveries',
    tags: ['webhooks'],
    summary: "List a webhook's deliveries and their attempts (response code, duration)",
    request: { params: WebhookParams, query: DeliveryQuery },
    responses: {
      200: { description: 'Newest first', content: { 'application/json': { schema: DeliveryList } } },
    },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { id } = c.req.valid('param');
    const { limit } = c.req.valid('query');
    // The caller's door decides whether they may see this webhook; only then is the outbox read.
    const [hook] = await asCaller(c, (tx) =>
      tx.query('select 1 from public.webhooks where org_id = $1 and id = $2', [orgId, id]),
    );
    if (!hook) throw notFound('Webhook');
    const data = await listWebhookDeliveries(c.get('deps').db, orgId, id, limit);
    c.header('Cache-Control', 'no-store');
    return c.json({ data }, 200);
  },
);
