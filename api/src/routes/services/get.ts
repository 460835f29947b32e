import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { toServiceWire } from '../../status/service-row.ts';
import { readServices } from './access.ts';
import { loadService } from './load.ts';
import { ServiceBody, ServiceParams } from './schema.ts';

/** GET /api/organizations/:orgId/services/:id: one service. */
export const getService = defineRoute(
  readServices,
  createRoute({
    method: 'get',
    path: '/api/organizations/{orgId}/services/{id}',
    tags: ['services'],
    summary: 'Get a service',
    request: { params: ServiceParams },
    responses: { 200: { description: 'The service', content: { 'application/json': { schema: ServiceBody } } } },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { id } = c.req.valid('param');
    const row = await asCaller(c, (tx) => loadService(tx, orgId, id));
    return c.json({ data: toServiceWire(row) }, 200);
  },
);
