import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { appendEvent } from '../../db/events.ts';
import { loadAlertmanagerSettings, saveAlertmanagerSettings } from '../../alerts/settings.ts';
import { manageAlertmanagerSettings } from './access.ts';
import { AlertmanagerSettingsBody, OrgParams, PutAlertmanagerSettingsBody } from './schema.ts';

/**
 * PUT /api/organizations/:orgId/integrations/alertmanager/settings: changes the receiver's settings
 * (fields left out keep their value). Holds already stored keep their status until their alert is
 * received again; an `alertmanager_settings.updated` event records the change in the audit trail.
 */
export const putAlertmanagerSettings = defineRoute(
  manageAlertmanagerSettings,
  createRoute({
    method: 'put',
    path: '/api/organizations/{orgId}/integrations/alertmanager/settings',
    operationId: 'updateAlertmanagerSettings',
    tags: ['integrations'],
    summary: "Change the Alertmanager receiver's settings",
    request: {
      params: OrgParams,
      body: { required: true, content: { 'application/json': { schema: PutAlertmanagerSettingsBody } } },
    },
    responses: {
      200: { description: 'The settings', content: { 'application/json': { schema: AlertmanagerSettingsBody } } },
    },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const changes = c.req.valid('json');
    const now = c.get('deps').clock.now();
    const settings = await asCaller(c, async (tx) => {
      const current = await loadAlertmanagerSettings(tx, orgId);
      const saved = await saveAlertmanagerSettings(tx, orgId, { ...current, ...changes }, now);
      await appendEvent(tx, orgId, 'alertmanager_settings.updated', { settings: saved });
      return saved;
    });
    return c.json({ data: settings }, 200);
  },
);
