import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { serviceColumns, toServiceWire, type ServiceRow } from '../../status/service-row.ts';
import { readServices } from './access.ts';
import { pageInDisplayOrder } from './display-order-page.ts';
import { ListQuery, OrgParams, ServiceList } from './schema.ts';

/** GET /api/organizations/:orgId/services: every service, private ones included, in display order. */
export const listServices = defineRoute(
  readServices,
  createRoute({
    method: 'get',
    path: '/api/organizations/{orgId}/services',
    tags: ['services'],
    summary: "List the organization's services (ordered by position, then name)",
    request: { params: OrgParams, query: ListQuery },
    responses: { 200: { description: 'A page of services', content: { 'application/json': { schema: ServiceList } } } },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { limit, cursor } = c.req.valid('query');
    const { page, nextCursor } = await asCaller(c, (tx) =>
      pageInDisplayOrder<ServiceRow>(tx, { table: 'services', columns: serviceColumns, orgId, limit, cursor }),
    );
    return c.json({ data: page.map(toServiceWire), next_cursor: nextCursor }, 200);
  },
);
