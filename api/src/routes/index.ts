import type { AnyRouteDefinition } from '../http/define-route.ts';
import { healthRoutes } from './health/index.ts';
import { authRoutes } from './auth/index.ts';
import { serviceRoutes } from './services/index.ts';
import { serviceGroupRoutes } from './service-groups/index.ts';
import { serviceOrderRoutes } from './service-order/index.ts';
import { incidentRoutes } from './incidents/index.ts';
import { maintenanceRoutes } from './maintenances/index.ts';
import { templateRoutes } from './templates/index.ts';
import { organizationRoutes } from './organizations/index.ts';
import { memberRoutes } from './members/index.ts';
import { invitationRoutes } from './invitations/index.ts';
import { streamRoutes } from './streams/index.ts';
import { publicRoutes } from './public/index.ts';
import { apiKeyRoutes } from './api-keys/index.ts';
import { eventRoutes } from './events/index.ts';
import { openApiRoutes } from './openapi/index.ts';
import { metricsRoutes } from './metrics/index.ts';
import { integrationRoutes } from './integrations/index.ts';
import { webhookRoutes } from './webhooks/index.ts';
import { subscriberRoutes } from './subscribers/index.ts';

/** The route table: every API route, in one list (app, OpenAPI document and access tests read it). */
export const routeTable: AnyRouteDefinition[] = [
  ...healthRoutes,
  ...authRoutes,
  ...serviceRoutes,
  ...serviceGroupRoutes,
  ...serviceOrderRoutes,
  ...incidentRoutes,
  ...maintenanceRoutes,
  ...templateRoutes,
  ...organizationRoutes,
  ...memberRoutes,
  ...invitationRoutes,
  ...streamRoutes,
  ...publicRoutes,
  ...apiKeyRoutes,
  ...eventRoutes,
  ...integrationRoutes,
  ...webhookRoutes,
  ...subscriberRoutes,
  ...openApiRoutes,
  ...metricsRoutes,
];
