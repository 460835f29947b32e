import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { notFound } from '../../errors.ts';
import { readIncidents } from './access.ts';
import { IncidentBody, IncidentParams } from './schema.ts';
import { loadIncident } from '../../incidents/state.ts';

/** GET /api/organizations/:orgId/incidents/:id: one incident with its services and timeline. */
export const getIncident = defineRoute(
  readIncidents,
  createRoute({
    method: 'get',
    path: '/api/organizations/{orgId}/incidents/{id}',
    tags: ['incidents'],
    summary: 'Get an incident',
    request: { params: IncidentParams },
    responses: { 200: { description: 'The incident', content: { 'application/json': { schema: IncidentBody } } } },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { id } = c.req.valid('param');
    const incident = await asCaller(c, (tx) => loadIncident(tx, orgId, id));
    if (!incident) throw notFound('Incident');
    return c.json({ data: incident }, 200);
  },
);
