import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { writeMaintenances } from './access.ts';
import { MaintenanceParams } from './schema.ts';
import { deleteMaintenance as deleteMaintenanceById } from '../../maintenances/lifecycle.ts';

/**
 * DELETE /api/organizations/:orgId/maintenances/:id: removes it and its timeline. Deleting one in
 * progress ends its effect, so the covered services' shown statuses are recomputed.
 */
export const deleteMaintenance = defineRoute(
  writeMaintenances,
  createRoute({
    method: 'delete',
    path: '/api/organizations/{orgId}/maintenances/{id}',
    tags: ['maintenances'],
    summary: 'Delete a maintenance',
    request: { params: MaintenanceParams },
    responses: { 204: { description: 'Deleted' } },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { id } = c.req.valid('param');
    await asCaller(c, (tx) => deleteMaintenanceById(tx, orgId, id));
    return c.body(null, 204);
  },
);
