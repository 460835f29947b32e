import type { MatrixRows } from '../types.ts';
import { healthRows } from './health.ts';
import { incidentRows } from './incidents.ts';
import { maintenanceRows } from './maintenances.ts';
import { templateRows } from './templates.ts';
import { serviceRows } from './services.ts';
import { authRows } from './auth.ts';
import { organizationRows } from './organizations.ts';
import { memberRows } from './members.ts';
import { invitationRows } from './invitations.ts';
import { apiKeyRows } from './api-keys.ts';
import { eventRows } from './events.ts';
import { publicRows } from './public.ts';
import { streamRows } from './streams.ts';
import { metricsRows } from './metrics.ts';
import { integrationRows } from './integrations.ts';
import { webhookRows } from './webhooks.ts';
import { subscriberRows } from './subscribers.ts';

/** Every file of matrix rows, one per resource. Add yours here (see ../README.md). */
export const rowFiles: Record<string, MatrixRows> = {
  health: healthRows,
  incidents: incidentRows,
  maintenances: maintenanceRows,
  templates: templateRows,
  services: serviceRows,
  auth: authRows,
  organizations: organizationRows,
  members: memberRows,
  invitations: invitationRows,
  'api-keys': apiKeyRows,
  events: eventRows,
  public: publicRows,
  streams: streamRows,
  metrics: metricsRows,
  integrations: integrationRows,
  webhooks: webhookRows,
  subscribers: subscriberRows,
};
