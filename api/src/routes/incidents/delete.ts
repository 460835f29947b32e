import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { appendEvent } from '../../db/events.ts';
import { deleteIncidents } from './access.ts';
import { IncidentParams } from './schema.ts';
import { lockIncident, recomputeForIncident } from './mutate.ts';

/**
 * DELETE /api/organizations/:orgId/incidents/:id (admins): erases the incident and its timeline; the
 * holds it had go with it, so the services' shown statuses are recomputed.
 */
export const deleteIncident = defineRoute(
  deleteIncidents,
  createRoute({
    method: 'delete',
    path: '/api/organizations/{orgId}/incidents/{id}',
    tags: ['incidents'],
    summary: 'Delete an incident',
    request: { params: IncidentParams },
    responses: { 204: { description: 'Deleted' } },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { id } = c.req.valid('param');
    await asCaller(c, async (tx) => {
      const incident = await lockIncident(tx, orgId, id);
      await tx.query('delete from public.incidents where org_id = $1 and id = $2', [orgId, id]);
      // The incident row is gone, so history can only name it in the message, not by id.
      await recomputeForIncident(
        tx,
        orgId,
        null,
        incident.services.map((s) => s.service_id),
        `${incident.title} (deleted)`,
      );
      await appendEvent(tx, orgId, 'incident.deleted', { incident });
    });
    return c.body(null, 204);
  },
);
