import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { deleteIncidents } from './access.ts';
import { IncidentParams } from './schema.ts';
import { deleteIncident as deleteIncidentById } from '../../incidents/lifecycle.ts';

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
    await asCaller(c, (tx) => deleteIncidentById(tx, orgId, id));
    return c.body(null, 204);
  },
);
