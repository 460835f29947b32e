import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { notFound } from '../../errors.ts';
import { readMaintenances } from './access.ts';
import { MaintenanceBody, MaintenanceParams } from './schema.ts';
import { loadMaintenance } from '../../maintenances/state.ts';

/** GET /api/organizations/:orgId/maintenances/:id: one maintenance with its services and timeline. */
export const getMaintenance = defineRoute(
  readMaintenances,
  createRoute({
    method: 'get',
    path: '/api/organizations/{orgId}/maintenances/{id}',
    tags: ['maintenances'],
    summary: 'Get a maintenance',
    request: { params: MaintenanceParams },
    responses: {
      200: { description: 'The maintenance', content: { 'application/json': { schema: MaintenanceBody } } },
    },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { id } = c.req.valid('param');
    const maintenance = await asCaller(c, (tx) => loadMaintenance(tx, orgId, id));
    if (!maintenance) throw notFound('Maintenance');
    return c.json({ data: maintenance }, 200);
  },
);
