import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { loadAlertmanagerSettings } from '../../alerts/settings.ts';
import { manageAlertmanagerSettings } from './access.ts';
import { AlertmanagerSettingsBody, OrgParams } from './schema.ts';

/** GET /api/organizations/:orgId/integrations/alertmanager/settings: the receiver's settings (defaults until changed). */
export const getAlertmanagerSettings = defineRoute(
  manageAlertmanagerSettings,
  createRoute({
    method: 'get',
    path: '/api/organizations/{orgId}/integrations/alertmanager/settings',
    operationId: 'getAlertmanagerSettings',
    tags: ['integrations'],
    summary: "The Alertmanager receiver's settings",
    request: { params: OrgParams },
    responses: {
      200: { description: 'The settings', content: { 'application/json': { schema: AlertmanagerSettingsBody } } },
    },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const settings = await asCaller(c, (tx) => loadAlertmanagerSettings(tx, orgId));
    return c.json({ data: settings }, 200);
  },
);
