import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { idempotent } from '../../idempotency/idempotent.ts';
import { asCaller } from '../../http/caller-door.ts';
import { writeIncidents } from './access.ts';
import { IncidentBody, IncidentParams, UpdateIncidentBody } from './schema.ts';
import { writeContext } from '../../http/caller-author.ts';
import { editIncident } from '../../incidents/lifecycle.ts';

/**
 * PUT /api/organizations/:orgId/incidents/:id: edits title, impact, start time, affected services or
 * status. A status change (or a message) also writes a timeline entry; changed holds are recomputed.
 */
export const updateIncident = defineRoute(
  writeIncidents,
  createRoute({
    method: 'put',
    path: '/api/organizations/{orgId}/incidents/{id}',
    description: 'Accepts an `Idempotency-Key` header: a repeat within 24 h answers the first answer again.',
    middleware: [idempotent()],
    tags: ['incidents'],
    summary: 'Edit an incident',
    request: {
      params: IncidentParams,
      body: { required: true, content: { 'application/json': { schema: UpdateIncidentBody } } },
    },
    responses: { 200: { description: 'The incident', content: { 'application/json': { schema: IncidentBody } } } },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { id } = c.req.valid('param');
    const write = writeContext(c);
    const incident = await asCaller(c, (tx) => editIncident(tx, orgId, id, c.req.valid('json'), write));
    return c.json({ data: incident }, 200);
  },
);
