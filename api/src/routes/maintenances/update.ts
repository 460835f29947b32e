import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { idempotent } from '../../idempotency/idempotent.ts';
import { asCaller } from '../../http/caller-door.ts';
import { conflict } from '../../errors.ts';
import { authorOf } from '../incidents/author.ts';
import { assertServicesInOrg } from '../incidents/org-services.ts';
import { transitionMaintenance } from '../../scheduler/maintenance-transitions.ts';
import { writeMaintenances } from './access.ts';
import { MaintenanceBody, MaintenanceParams, UpdateMaintenanceBody } from './schema.ts';
import {
  assertWindow,
  insertMaintenanceUpdate,
  lockMaintenance,
  publishMaintenance,
  recomputeForMaintenance,
  setMaintenanceServices,
} from './mutate.ts';
import { loadMaintenance } from './state.ts';

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
    const body = c.req.valid('json');
    const now = c.get('deps').clock.now();
    const author = authorOf(c);
    const maintenance = await asCaller(c, async (tx) => {
      const current = await lockMaintenance(tx, orgId, id);
      const planEdit = body.starts_at !== undefined || body.ends_at !== undefined || body.service_ids !== undefined;
      if (planEdit && current.status !== 'scheduled' && current.status !== 'in_progress') {
        throw conflict(`A ${current.status} maintenance's window and services can no longer change`);
      }
      const startsAt = new Date(body.starts_at ?? current.starts_at);
      const endsAt = new Date(body.ends_at ?? current.ends_at);
      if (
        current.status === 'in_progress' &&
        body.starts_at !== undefined &&
        startsAt.getTime() !== Date.parse(current.starts_at)
      ) {
        throw conflict('A maintenance in progress has already started; its start cannot move');
      }
      if (body.starts_at !== undefined || body.ends_at !== undefined) assertWindow(startsAt, endsAt, now);
      if (body.service_ids) {
        await assertServicesInOrg(tx, orgId, body.service_ids, (i) => ['service_ids', i]);
        await setMaintenanceServices(tx, orgId, id, body.service_ids);
      }
      const fieldsChanged = Object.keys(body).some((key) => key !== 'status' && key !== 'message');
      await tx.query(
        `update public.maintenances
         set title = coalesce($2, title), description = coalesce($3, description),
             starts_at = $4, ends_at = $5, updated_at = $6
         where id = $1`,
        [id, body.title ?? null, body.description ?? null, startsAt, endsAt, now],
      );
      if (body.service_ids && current.status === 'in_progress') {
        await recomputeForMaintenance(
          tx,
          orgId,
          id,
          [...current.service_ids, ...body.service_ids],
          body.title ?? current.title,
        );
      }
      const types = fieldsChanged ? ['maintenance.updated'] : [];
      // A scheduled window moved to start now (or earlier) starts at once, as a new one would.
      const target = body.status ?? (current.status === 'scheduled' && startsAt <= now ? 'in_progress' : undefined);
      if (target === 'scheduled' && current.status !== 'scheduled')
        throw conflict('A maintenance cannot go back to scheduled');
      const edited = (await loadMaintenance(tx, orgId, id, { lock: true }))!;
      const moved =
        target && target !== 'scheduled'
          ? await transitionMaintenance(tx, orgId, edited, target, { now, author, message: body.message })
          : null;
      if (moved) types.push(moved);
      else if (body.message)
        await insertMaintenanceUpdate(tx, orgId, id, { status: edited.status, message: body.message }, author, now);
      return publishMaintenance(tx, orgId, id, types.length ? types : ['maintenance.updated']);
    });
    return c.json({ data: maintenance }, 200);
  },
);
