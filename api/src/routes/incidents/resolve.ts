import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { idempotent } from '../../idempotency/idempotent.ts';
import { asCaller } from '../../http/caller-door.ts';
import { writeIncidents } from './access.ts';
import { IncidentBody, IncidentParams, ResolveIncidentBody } from './schema.ts';
import { writeContext } from '../../http/caller-author.ts';
import { resolveIncident as resolve } from '../../incidents/lifecycle.ts';

/**
 * POST /api/organizations/:orgId/incidents/:id/resolve: resolves the incident with a final update;
 * its holds end and the services' shown statuses are recomputed.
 */
export const resolveIncident = defineRoute(
  writeIncidents,
  createRoute({
    method: 'post',
    path: '/api/organizations/{orgId}/incidents/{id}/resolve',
    operationId: 'resolveIncident',
    description: 'Accepts an `Idempotency-Key` header: a repeat within 24 h answers the first answer again.',
    middleware: [idempotent()],
    tags: ['incidents'],
    summary: 'Resolve an incident',
    request: {
      params: IncidentParams,
      body: { required: false, content: { 'application/json': { schema: ResolveIncidentBody } } },
    },
    responses: {
      200: { description: 'The resolved incident', content: { 'application/json': { schema: IncidentBody } } },
    },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { id } = c.req.valid('param');
    const message = c.req.valid('json')?.message;
    const write = writeContext(c);
    const incident = await asCaller(c, (tx) => resolve(tx, orgId, id, message, write));
    return c.json({ data: incident }, 200);
  },
);
