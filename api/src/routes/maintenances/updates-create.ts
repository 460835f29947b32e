import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { idempotent } from '../../idempotency/idempotent.ts';
import { asCaller } from '../../http/caller-door.ts';
import { conflict } from '../../errors.ts';
import { authorOf } from '../incidents/author.ts';
import { transitionMaintenance } from '../../scheduler/maintenance-transitions.ts';
import { writeMaintenances } from './access.ts';
import { MaintenanceBody, MaintenanceParams, PostMaintenanceUpdateBody } from './schema.ts';
import { insertMaintenanceUpdate, lockMaintenance, publishMaintenance } from './mutate.ts';

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
    const body = c.req.valid('json');
    const now = c.get('deps').clock.now();
    const author = authorOf(c);
    const maintenance = await asCaller(c, async (tx) => {
      const current = await lockMaintenance(tx, orgId, id);
      const target = body.status ?? current.status;
      if (target === 'scheduled' && current.status !== 'scheduled')
        throw conflict('A maintenance cannot go back to scheduled');
      const moved =
        target !== 'scheduled'
          ? await transitionMaintenance(tx, orgId, current, target, { now, author, message: body.message })
          : null;
      if (!moved) {
        await insertMaintenanceUpdate(tx, orgId, id, { status: current.status, message: body.message }, author, now);
        await tx.query('update public.maintenances set updated_at = $2 where id = $1', [id, now]);
      }
      return publishMaintenance(tx, orgId, id, [moved ?? 'maintenance.updated']);
    });
    return c.json({ data: maintenance }, 201);
  },
);
