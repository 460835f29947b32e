import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { writeIncidents } from './access.ts';
import { IncidentUpdateParams } from './schema.ts';
import { deleteIncidentUpdate as deleteEntry } from '../../incidents/timeline.ts';

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
    await asCaller(c, (tx) => deleteEntry(tx, orgId, c.req.valid('param')));
    return c.body(null, 204);
  },
);
