import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { idempotent } from '../../idempotency/idempotent.ts';
import { asCaller } from '../../http/caller-door.ts';
import { authorOf } from '../incidents/author.ts';
import { assertServicesInOrg } from '../incidents/org-services.ts';
import { transitionMaintenance } from '../../scheduler/maintenance-transitions.ts';
import { writeMaintenances } from './access.ts';
import { CreateMaintenanceBody, MaintenanceBody, OrgParams } from './schema.ts';
import { assertWindow, insertMaintenanceUpdate, publishMaintenance, setMaintenanceServices } from './mutate.ts';
import { loadMaintenance } from './state.ts';

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
    const body = c.req.valid('json');
    const now = c.get('deps').clock.now();
    const startsAt = new Date(body.starts_at);
    assertWindow(startsAt, new Date(body.ends_at), now);
    const author = authorOf(c);
    const maintenance = await asCaller(c, async (tx) => {
      await assertServicesInOrg(tx, orgId, body.service_ids, (i) => ['service_ids', i]);
      const [row] = await tx.query<{ id: string }>(
        `insert into public.maintenances (org_id, title, description, starts_at, ends_at, created_by, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $7) returning id`,
        [orgId, body.title, body.description, body.starts_at, body.ends_at, author.userId, now],
      );
      const id = row!.id;
      await setMaintenanceServices(tx, orgId, id, body.service_ids);
      if (body.message)
        await insertMaintenanceUpdate(tx, orgId, id, { status: 'scheduled', message: body.message }, author, now);
      const types = ['maintenance.created'];
      if (startsAt <= now) {
        const current = (await loadMaintenance(tx, orgId, id, { lock: true }))!;
        types.push((await transitionMaintenance(tx, orgId, current, 'in_progress', { now, author }))!);
      }
      return publishMaintenance(tx, orgId, id, types);
    });
    return c.json({ data: maintenance }, 201);
  },
);
