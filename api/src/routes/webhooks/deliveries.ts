import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { notFound } from '../../errors.ts';
import { decodeCursor, encodeCursor, isInstant, isUuid } from '../../http/cursor.ts';
import { listWebhookDeliveries } from '../../webhooks/deliveries.ts';
import { DeliveryList, DeliveryQuery, WebhookParams } from './schema.ts';

/**
 * GET /api/organizations/:orgId/webhooks/:id/deliveries: deliveries newest first, each attempt with code
 * and time, a page at a time (`next_cursor`).
 */
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
    const { limit, cursor } = c.req.valid('query');
    const after = cursor ? decodeCursor<[string, string]>(cursor, [isInstant, isUuid]) : null;
    // The caller's door decides whether they may see this webhook; only then is the outbox read.
    const [hook] = await asCaller(c, (tx) =>
      tx.query('select 1 from public.webhooks where org_id = $1 and id = $2', [orgId, id]),
    );
    if (!hook) throw notFound('Webhook');
    const rows = await listWebhookDeliveries(c.get('deps').db, orgId, id, { limit: limit + 1, after });
    const data = rows.slice(0, limit);
    const last = data.at(-1);
    const next = rows.length > limit && last ? encodeCursor([last.created_at, last.id]) : null;
    c.header('Cache-Control', 'no-store');
    return c.json({ data, next_cursor: next }, 200);
  },
);
