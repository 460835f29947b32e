import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { appendEvent } from '../../db/events.ts';
import { notFound } from '../../errors.ts';
import { manageServices } from './access.ts';
import { ServiceParams } from './schema.ts';

/** DELETE /api/organizations/:orgId/services/:id: the service and its history go; `service.deleted`. */
export const deleteService = defineRoute(
  manageServices,
  createRoute({
    method: 'delete',
    path: '/api/organizations/{orgId}/services/{id}',
    tags: ['services'],
    summary: 'Delete a service (with its status history)',
    request: { params: ServiceParams },
    responses: { 204: { description: 'Deleted' } },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { id } = c.req.valid('param');
    await asCaller(c, async (tx) => {
      const deleted = await tx.query('delete from public.services where org_id = $1 and id = $2 returning id', [
        orgId,
        id,
      ]);
      if (deleted.length === 0) throw notFound('Service');
      await appendEvent(tx, orgId, 'service.deleted', { id, deleted: true });
    });
    return c.body(null, 204);
  },
);
