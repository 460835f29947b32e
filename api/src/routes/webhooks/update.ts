import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { appendEvent } from '../../db/events.ts';
import { notFound } from '../../errors.ts';
import { webhookColumns, type WebhookRow } from '../../webhooks/webhook-row.ts';
import { WebhookAnswer, WebhookBody, WebhookParams } from './schema.ts';
import { checkFollowedServices, checkWebhookUrl } from './validate.ts';

/**
 * PUT /api/organizations/:orgId/webhooks/:id: replaces the settings (the secret stays). Saving a
 * disabled webhook enables it again: that is how an admin says the receiver is fixed.
 */
export const updateWebhook = defineRoute(
  { kind: 'org', role: 'admin' },
  createRoute({
    method: 'put',
    path: '/api/organizations/{orgId}/webhooks/{id}',
    tags: ['webhooks'],
    summary: 'Change a webhook (enables it again if it was disabled)',
    request: {
      params: WebhookParams,
      body: { required: true, content: { 'application/json': { schema: WebhookBody } } },
    },
    responses: { 200: { description: 'Changed', content: { 'application/json': { schema: WebhookAnswer } } } },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    await checkWebhookUrl(c, body.url);
    const now = c.get('deps').clock.now().toISOString();
    const row = await asCaller(c, async (tx) => {
      await checkFollowedServices(tx, orgId, body);
      const [updated] = await tx.query<WebhookRow>(
        `update public.webhooks set url = $3, kind = $4, description = $5, service_ids = $6, event_types = $7,
           disabled_at = null, disabled_reason = null, updated_at = $8
         where org_id = $1 and id = $2 returning ${webhookColumns}`,
        [orgId, id, body.url, body.kind, body.description, body.service_ids, body.event_types, now],
      );
      if (!updated) throw notFound('Webhook');
      await appendEvent(tx, orgId, 'webhook.updated', {
        id,
        kind: updated.kind,
        description: updated.description,
      });
      return updated;
    });
    c.header('Cache-Control', 'no-store');
    return c.json({ data: row }, 200);
  },
);
