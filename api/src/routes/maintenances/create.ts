import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { idempotent } from '../../idempotency/idempotent.ts';
import { asCaller } from '../../http/caller-door.ts';
import { writeMaintenances } from './access.ts';
import { CreateMaintenanceBody, MaintenanceBody, OrgParams } from './schema.ts';
import { writeContext } from '../../http/caller-author.ts';
import { scheduleMaintenance } from '../../maintenances/lifecycle.ts';

/**
 * POST /api/organizations/:orgId/maintenances: schedules a window. One whose start has already come
 * starts at once, in the same transaction, rather than waiting for the scheduler's next tick.
 */
export const createMaintenance = defineRoute(
  writeMaintenances,
  createRoute({
    method: 'post',
    path: '/api/organizations/{orgId}/maintenances',
    description: 'Accepts an `Idempotency-Key` header: a repeat within 24 h answers the first answer again.',
    middleware: [idempotent()],
    tags: ['maintenances'],
    summary: 'Schedule a maintenance',
    request: {
      params: OrgParams,
      body: { required: true, content: { 'application/json': { schema: CreateMaintenanceBody } } },
    },
    responses: {
      201: { description: 'The new maintenance', content: { 'application/json': { schema: MaintenanceBody } } },
    },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const write = writeContext(c);
    const maintenance = await asCaller(c, (tx) => scheduleMaintenance(tx, orgId, c.req.valid('json'), write));
    return c.json({ data: maintenance }, 201);
  },
);
