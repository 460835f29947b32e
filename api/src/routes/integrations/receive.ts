import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { receiveAlerts } from '../../alerts/receive-alerts.ts';
import { receiveAlertsAccess } from './access.ts';
import { AlertmanagerWebhook, OrgParams, ReceiveAlertsBody } from './schema.ts';

/**
 * POST /api/organizations/:orgId/integrations/alertmanager: Alertmanager's webhook receiver. Firing
 * alerts hold their services, resolved ones release them (api/src/alerts/README.md). Repeats and
 * retries change nothing twice; alerts it cannot apply are reported with a 200 so Alertmanager does
 * not retry them forever; 400 only for a body that is not a version 4 payload.
 */
export const receiveAlertmanagerWebhook = defineRoute(
  receiveAlertsAccess,
  createRoute({
    method: 'post',
    path: '/api/organizations/{orgId}/integrations/alertmanager',
    operationId: 'receiveAlertmanagerAlerts',
    tags: ['integrations'],
    summary: "Alertmanager's webhook receiver (an API key with alerts:write)",
    request: {
      params: OrgParams,
      body: { required: true, content: { 'application/json': { schema: AlertmanagerWebhook } } },
    },
    responses: {
      200: {
        description: 'What each alert did, and the services whose shown status changed',
        content: { 'application/json': { schema: ReceiveAlertsBody } },
      },
    },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { alerts } = c.req.valid('json');
    const caller = c.get('caller');
    const author = { userId: null, keyId: caller.kind === 'api_key' ? caller.keyId : null };
    const now = c.get('deps').clock.now();
    const result = await asCaller(c, (tx) => receiveAlerts(tx, orgId, alerts, { author, now }));
    c.get('deps').metrics.alerts.countIgnored(result.ignored);
    if (Object.keys(result.ignored).length > 0) {
      c.get('deps').log.info(
        { orgId, ignored: result.ignored, unknownServices: result.unknown_services },
        'alerts ignored',
      );
    }
    return c.json({ data: result }, 200);
  },
);
