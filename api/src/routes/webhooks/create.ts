import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { appendEvent } from '../../db/events.ts';
import { generateWebhookSecret } from '../../webhooks/signing.ts';
import { webhookColumns, type WebhookRow } from '../../webhooks/webhook-row.ts';
import { CreatedWebhook, OrgParams, WebhookBody } from './schema.ts';
import { checkFollowedServices, checkWebhookUrl } from './validate.ts';

/**
 * POST /api/organizations/:orgId/webhooks: a new webhook. The answer is the only place its signing
 * secret appears: it is stored apart (private.webhook_secrets), never listed, logged or put in an event.
 */
export const createWebhook = defineRoute(
  { kind: 'org', role: 'admin' },
  createRoute({
    method: 'post',
    path: '/api/organizations/{orgId}/webhooks',
    tags: ['webhooks'],
    summary: 'Create a webhook (its signing secret is shown once, in this answer)',
    request: {
      params: OrgParams,
      body: { required: true, content: { 'application/json': { schema: WebhookBody } } },
    },
    responses: { 201: { description: 'Created', content: { 'application/json': { schema: CreatedWebhook } } } },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const body = c.req.valid('json');
    await checkWebhookUrl(c, body.url);
    const caller = c.get('caller');
    const secret = generateWebhookSecret();
    const hook = await asCaller(c, async (tx) => {
      await checkFollowedServices(tx, orgId, body);
      const [row] = await tx.query<WebhookRow>(
        `insert into public.webhooks (org_id, url, kind, description, service_ids, event_types, created_by)
         values ($1, $2, $3, $4, $5, $6, $7) returning ${webhookColumns}`,
        [
          orgId,
          body.url,
          body.kind,
          body.description,
          body.service_ids,
          body.event_types,
          caller.kind === 'user' ? caller.userId : null,
        ],
      );
      await tx.query('select private.set_webhook_secret($1, $2)', [row!.id, secret]);
      // Neither the secret nor the URL (Slack's and Discord's carry a token): admins read those by id.
      await appendEvent(tx, orgId, 'webhook.created', { id: row!.id, kind: row!.kind, description: row!.description });
      return row!;
    });
    c.header('Cache-Control', 'no-store');
    return c.json({ data: { ...hook, secret } }, 201);
  },
);
