import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { appendEvent } from '../../db/events.ts';
import { notFound } from '../../errors.ts';
import { serviceColumns, toServiceWire, type ServiceRow } from '../../status/service-row.ts';
import { manageServices } from '../services/access.ts';
import { GroupParams } from './schema.ts';

/**
 * DELETE /api/organizations/:orgId/service-groups/:id: the group goes, its services stay ungrouped.
 * Each of them gets a `service.updated` event (their group_id changed), then `service_group.deleted`.
 */
export const deleteServiceGroup = defineRoute(
  manageServices,
  createRoute({
    method: 'delete',
    path: '/api/organizations/{orgId}/service-groups/{id}',
    tags: ['service groups'],
    summary: 'Delete a service group (its services become ungrouped)',
    request: { params: GroupParams },
    responses: { 204: { description: 'Deleted' } },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { id } = c.req.valid('param');
    await asCaller(c, async (tx) => {
      const [group] = await tx.query('select id from public.service_groups where org_id = $1 and id = $2 for update', [
        orgId,
        id,
      ]);
      if (!group) throw notFound('Service group');
      // Explicitly, rather than by the foreign key's `set null`, so each service gets its event.
      const ungrouped = await tx.query<ServiceRow>(
        `update public.services set group_id = null, updated_at = now()
         where org_id = $1 and group_id = $2
         returning ${serviceColumns}`,
        [orgId, id],
      );
      for (const row of ungrouped.sort((a, b) => a.position - b.position || a.id.localeCompare(b.id))) {
        await appendEvent(tx, orgId, 'service.updated', { service: toServiceWire(row) });
      }
      await tx.query('delete from public.service_groups where org_id = $1 and id = $2', [orgId, id]);
      await appendEvent(tx, orgId, 'service_group.deleted', { id, deleted: true });
    });
    return c.body(null, 204);
  },
);
