import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { webhookColumns, type WebhookRow } from '../../webhooks/webhook-row.ts';
import { OrgParams, WebhookList } from './schema.ts';

/** GET /api/organizations/:orgId/webhooks: every webhook of the org, oldest first (never a secret). */
export const listWebhooks = defineRoute(
  { kind: 'org', role: 'admin' },
  createRoute({
    method: 'get',
    path: '/api/organizations/{orgId}/webhooks',
    tags: ['webhooks'],
    summary: "List the organization's webhooks (never their secrets)",
    request: { params: OrgParams },
    responses: { 200: { description: 'The webhooks', content: { 'application/json': { schema: WebhookList } } } },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const rows = await asCaller(c, (tx) =>
      tx.query<WebhookRow>(`select ${webhookColumns} from public.webhooks where org_id = $1 order by created_at, id`, [
        orgId,
      ]),
    );
    c.header('Cache-Control', 'no-store');
    return c.json({ data: rows }, 200);
  },
);
