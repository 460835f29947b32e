import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { notFound } from '../../errors.ts';
import { writeIncidents } from './access.ts';
import { IncidentUpdateParams } from './schema.ts';
import { lockIncident, publishIncident } from './mutate.ts';

/**
 * DELETE /api/organizations/:orgId/incidents/:id/updates/:updateId: removes an entry from the
 * timeline (a post made by mistake). The incident's status and holds do not change.
 */
export const deleteIncidentUpdate = defineRoute(
  writeIncidents,
  createRoute({
    method: 'delete',
    path: '/api/organizations/{orgId}/incidents/{id}/updates/{updateId}',
    tags: ['incidents'],
    summary: 'Delete an incident update',
    request: { params: IncidentUpdateParams },
    responses: { 204: { description: 'Deleted' } },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { id, updateId } = c.req.valid('param');
    await asCaller(c, async (tx) => {
      await lockIncident(tx, orgId, id);
      const deleted = await tx.query(
        'delete from public.incident_updates where org_id = $1 and incident_id = $2 and id = $3 returning id',
        [orgId, id, updateId],
      );
      if (deleted.length === 0) throw notFound('Incident update');
      await publishIncident(tx, orgId, id, ['incident_update.deleted'], { update_id: updateId });
    });
    return c.body(null, 204);
  },
);
