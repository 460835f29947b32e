import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { idempotent } from '../../idempotency/idempotent.ts';
import { asCaller } from '../../http/caller-door.ts';
import { writeIncidents } from './access.ts';
import { IncidentBody, IncidentParams, PostIncidentUpdateBody } from './schema.ts';
import { writeContext } from '../../http/caller-author.ts';
import { postIncidentUpdate } from '../../incidents/timeline.ts';

/**
 * POST /api/organizations/:orgId/incidents/:id/updates: adds a timeline entry and moves the incident to
 * its status. `resolved` resolves it (holds end); any other status on a resolved incident reopens it.
 */
export const createIncidentUpdate = defineRoute(
  writeIncidents,
  createRoute({
    method: 'post',
    path: '/api/organizations/{orgId}/incidents/{id}/updates',
    description: 'Accepts an `Idempotency-Key` header: a repeat within 24 h answers the first answer again.',
    middleware: [idempotent()],
    tags: ['incidents'],
    summary: 'Post an incident update',
    request: {
      params: IncidentParams,
      body: { required: true, content: { 'application/json': { schema: PostIncidentUpdateBody } } },
    },
    responses: {
      201: {
        description: 'The incident with the new update',
        content: { 'application/json': { schema: IncidentBody } },
      },
    },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { id } = c.req.valid('param');
    const write = writeContext(c);
    const incident = await asCaller(c, (tx) => postIncidentUpdate(tx, orgId, id, c.req.valid('json'), write));
    return c.json({ data: incident }, 201);
  },
);
