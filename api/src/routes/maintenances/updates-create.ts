import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { idempotent } from '../../idempotency/idempotent.ts';
import { asCaller } from '../../http/caller-door.ts';
import { writeMaintenances } from './access.ts';
import { MaintenanceBody, MaintenanceParams, PostMaintenanceUpdateBody } from './schema.ts';
import { writeContext } from '../../http/caller-author.ts';
import { postMaintenanceUpdate } from '../../maintenances/timeline.ts';

/**
 * POST /api/organizations/:orgId/maintenances/:id/updates: adds a timeline entry. With a `status`
 * other than the current one it also moves the maintenance (as PUT does), with this text.
 */
export const createMaintenanceUpdate = defineRoute(
  writeMaintenances,
  createRoute({
    method: 'post',
    path: '/api/organizations/{orgId}/maintenances/{id}/updates',
    description: 'Accepts an `Idempotency-Key` header: a repeat within 24 h answers the first answer again.',
    middleware: [idempotent()],
    tags: ['maintenances'],
    summary: 'Post a maintenance update',
    request: {
      params: MaintenanceParams,
      body: { required: true, content: { 'application/json': { schema: PostMaintenanceUpdateBody } } },
    },
    responses: {
      201: {
        description: 'The maintenance with the new entry',
        content: { 'application/json': { schema: MaintenanceBody } },
      },
    },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { id } = c.req.valid('param');
    const write = writeContext(c);
    const maintenance = await asCaller(c, (tx) => postMaintenanceUpdate(tx, orgId, id, c.req.valid('json'), write));
    return c.json({ data: maintenance }, 201);
  },
);
