import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { notFound } from '../../errors.ts';
import { writeIncidents } from './access.ts';
import { EditIncidentUpdateBody, IncidentBody, IncidentUpdateParams } from './schema.ts';
import { lockIncident, publishIncident } from './mutate.ts';

/**
 * PUT /api/organizations/:orgId/incidents/:id/updates/:updateId: corrects an entry's text. Its status
 * is history and stays; the incident's status moves only by posting a new update.
 */
export const editIncidentUpdate = defineRoute(
  writeIncidents,
  createRoute({
    method: 'put',
    path: '/api/organizations/{orgId}/incidents/{id}/updates/{updateId}',
    tags: ['incidents'],
    summary: "Edit an incident update's message",
    request: {
      params: IncidentUpdateParams,
      body: { required: true, content: { 'application/json': { schema: EditIncidentUpdateBody } } },
    },
    responses: { 200: { description: 'The incident', content: { 'application/json': { schema: IncidentBody } } } },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { id, updateId } = c.req.valid('param');
    const { message } = c.req.valid('json');
    const now = c.get('deps').clock.now();
    const incident = await asCaller(c, async (tx) => {
      await lockIncident(tx, orgId, id);
      const edited = await tx.query(
        `update public.incident_updates set message = $4, updated_at = $5
         where org_id = $1 and incident_id = $2 and id = $3 returning id`,
        [orgId, id, updateId, message, now],
      );
      if (edited.length === 0) throw notFound('Incident update');
      return publishIncident(tx, orgId, id, ['incident_update.updated'], { update_id: updateId });
    });
    return c.json({ data: incident }, 200);
  },
);
