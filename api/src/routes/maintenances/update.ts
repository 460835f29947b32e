import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { idempotent } from '../../idempotency/idempotent.ts';
import { asCaller } from '../../http/caller-door.ts';
import { writeMaintenances } from './access.ts';
import { MaintenanceBody, MaintenanceParams, UpdateMaintenanceBody } from './schema.ts';
import { writeContext } from '../../http/caller-author.ts';
import { editMaintenance } from '../../maintenances/lifecycle.ts';

/**
 * PUT /api/organizations/:orgId/maintenances/:id: edits the plan (title, description, window,
 * services) and/or moves the status: `in_progress` starts it now, `completed` ends it early,
 * `cancelled` calls it off. A finished maintenance keeps its window and services; only its text
 * can still be corrected.
 */
export const updateMaintenance = defineRoute(
  writeMaintenances,
  createRoute({
    method: 'put',
    path: '/api/organizations/{orgId}/maintenances/{id}',
    description: 'Accepts an `Idempotency-Key` header: a repeat within 24 h answers the first answer again.',
    middleware: [idempotent()],
    tags: ['maintenances'],
    summary: 'Edit, start, complete or cancel a maintenance',
    request: {
      params: MaintenanceParams,
      body: { required: true, content: { 'application/json': { schema: UpdateMaintenanceBody } } },
    },
    responses: {
      200: { description: 'The maintenance', content: { 'application/json': { schema: MaintenanceBody } } },
    },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { id } = c.req.valid('param');
    const write = writeContext(c);
    const maintenance = await asCaller(c, (tx) => editMaintenance(tx, orgId, id, c.req.valid('json'), write));
    return c.json({ data: maintenance }, 200);
  },
);
