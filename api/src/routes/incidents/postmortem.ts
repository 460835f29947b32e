import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { writeIncidents } from './access.ts';
import { IncidentBody, IncidentParams, PutPostmortemBody } from './schema.ts';
import { setIncidentPostmortem } from '../../incidents/postmortem.ts';

/**
 * PUT /api/organizations/:orgId/incidents/:id/postmortem: writes, replaces or (with null) removes the
 * post-mortem of a resolved incident. Markdown, shown rendered on the incident's public page and as
 * plain text in the public JSON.
 */
export const putIncidentPostmortem = defineRoute(
  writeIncidents,
  createRoute({
    method: 'put',
    path: '/api/organizations/{orgId}/incidents/{id}/postmortem',
    operationId: 'putIncidentPostmortem',
    tags: ['incidents'],
    summary: "Write or remove a resolved incident's post-mortem",
    request: {
      params: IncidentParams,
      body: { required: true, content: { 'application/json': { schema: PutPostmortemBody } } },
    },
    responses: {
      200: { description: 'The incident', content: { 'application/json': { schema: IncidentBody } } },
      409: { description: 'The incident is not resolved' },
    },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { id } = c.req.valid('param');
    const now = c.get('deps').clock.now();
    const { postmortem } = c.req.valid('json');
    const incident = await asCaller(c, (tx) => setIncidentPostmortem(tx, orgId, id, postmortem, now));
    return c.json({ data: incident }, 200);
  },
);
