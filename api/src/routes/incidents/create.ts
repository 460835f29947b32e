import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { idempotent } from '../../idempotency/idempotent.ts';
import { asCaller } from '../../http/caller-door.ts';
import { writeIncidents } from './access.ts';
import { CreateIncidentBody, IncidentBody, OrgParams } from './schema.ts';
import { writeContext } from '../../http/caller-author.ts';
import { openIncident } from '../../incidents/lifecycle.ts';

/**
 * POST /api/organizations/:orgId/incidents: opens an incident, its first update, and its holds on the
 * affected services, whose shown statuses are recomputed in the same transaction.
 */
export const createIncident = defineRoute(
  writeIncidents,
  createRoute({
    method: 'post',
    path: '/api/organizations/{orgId}/incidents',
    description: 'Accepts an `Idempotency-Key` header: a repeat within 24 h answers the first answer again.',
    middleware: [idempotent()],
    tags: ['incidents'],
    summary: 'Open an incident',
    request: {
      params: OrgParams,
      body: { required: true, content: { 'application/json': { schema: CreateIncidentBody } } },
    },
    responses: { 201: { description: 'The new incident', content: { 'application/json': { schema: IncidentBody } } } },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const write = writeContext(c);
    const incident = await asCaller(c, (tx) => openIncident(tx, orgId, c.req.valid('json'), write));
    return c.json({ data: incident }, 201);
  },
);
