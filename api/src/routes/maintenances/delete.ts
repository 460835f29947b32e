import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { appendEvent } from '../../db/events.ts';
import { writeMaintenances } from './access.ts';
import { MaintenanceParams } from './schema.ts';
import { lockMaintenance, recomputeForMaintenance } from './mutate.ts';

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
    await asCaller(c, async (tx) => {
      const maintenance = await lockMaintenance(tx, orgId, id);
      await tx.query('delete from public.maintenances where org_id = $1 and id = $2', [orgId, id]);
      if (maintenance.status === 'in_progress') {
        // The row is gone, so history names it in the message only.
        await recomputeForMaintenance(tx, orgId, null, maintenance.service_ids, `${maintenance.title} (deleted)`);
      }
      await appendEvent(tx, orgId, 'maintenance.deleted', { maintenance });
    });
    return c.body(null, 204);
  },
);
