import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { writeIncidents } from './access.ts';
import { EditIncidentUpdateBody, IncidentBody, IncidentUpdateParams } from './schema.ts';
import { editIncidentUpdate as editEntry } from '../../incidents/timeline.ts';

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
    const now = c.get('deps').clock.now();
    const { message } = c.req.valid('json');
    const incident = await asCaller(c, (tx) => editEntry(tx, orgId, c.req.valid('param'), message, now));
    return c.json({ data: incident }, 200);
  },
);
