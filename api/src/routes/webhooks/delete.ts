import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { appendEvent } from '../../db/events.ts';
import { notFound } from '../../errors.ts';
import { WebhookParams } from './schema.ts';

/**
 * DELETE /api/organizations/:orgId/webhooks/:id: removes the webhook and its secret. Deliveries still
 * queued for it give up at their next attempt (the channel finds no webhook).
 */
export const deleteWebhook = defineRoute(
  { kind: 'org', role: 'admin' },
  createRoute({
    method: 'delete',
    path: '/api/organizations/{orgId}/webhooks/{id}',
    tags: ['webhooks'],
    summary: 'Delete a webhook',
    request: { params: WebhookParams },
    responses: { 204: { description: 'Deleted' } },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { id } = c.req.valid('param');
    await asCaller(c, async (tx) => {
      const [gone] = await tx.query<{ kind: string; description: string }>(
        'delete from public.webhooks where org_id = $1 and id = $2 returning kind, description',
        [orgId, id],
      );
      if (!gone) throw notFound('Webhook');
      await appendEvent(tx, orgId, 'webhook.deleted', { id, kind: gone.kind, description: gone.description });
    });
    return c.body(null, 204);
  },
);
