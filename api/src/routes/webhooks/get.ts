import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { notFound } from '../../errors.ts';
import { webhookColumns, type WebhookRow } from '../../webhooks/webhook-row.ts';
import { WebhookAnswer, WebhookParams } from './schema.ts';

/** GET /api/organizations/:orgId/webhooks/:id: one webhook (never its secret). */
export const getWebhook = defineRoute(
  { kind: 'org', role: 'admin' },
  createRoute({
    method: 'get',
    path: '/api/organizations/{orgId}/webhooks/{id}',
    tags: ['webhooks'],
    summary: 'Get a webhook',
    request: { params: WebhookParams },
    responses: { 200: { description: 'The webhook', content: { 'application/json': { schema: WebhookAnswer } } } },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { id } = c.req.valid('param');
    const [row] = await asCaller(c, (tx) =>
      tx.query<WebhookRow>(`select ${webhookColumns} from public.webhooks where org_id = $1 and id = $2`, [orgId, id]),
    );
    if (!row) throw notFound('Webhook');
    c.header('Cache-Control', 'no-store');
    return c.json({ data: row }, 200);
  },
);
