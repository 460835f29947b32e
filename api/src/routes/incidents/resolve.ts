import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { idempotent } from '../../idempotency/idempotent.ts';
import { asCaller } from '../../http/caller-door.ts';
import { conflict } from '../../errors.ts';
import { writeIncidents } from './access.ts';
import { authorOf } from './author.ts';
import { IncidentBody, IncidentParams, ResolveIncidentBody } from './schema.ts';
import {
  defaultUpdateMessage,
  insertIncidentUpdate,
  lockIncident,
  publishIncident,
  recomputeForIncident,
  setIncidentStatus,
} from './mutate.ts';

/**
 * POST /api/organizations/:orgId/incidents/:id/resolve: resolves the incident with a final update;
 * its holds end and the services' shown statuses are recomputed.
 */
export const resolveIncident = defineRoute(
  writeIncidents,
  createRoute({
    method: 'post',
    path: '/api/organizations/{orgId}/incidents/{id}/resolve',
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
    const body = c.req.valid('json') ?? {};
    const now = c.get('deps').clock.now();
    const author = authorOf(c);
    const incident = await asCaller(c, async (tx) => {
      const current = await lockIncident(tx, orgId, id);
      if (current.status === 'resolved') throw conflict('This incident is already resolved');
      await setIncidentStatus(tx, current, 'resolved', now);
      await insertIncidentUpdate(
        tx,
        orgId,
        id,
        { status: 'resolved', message: body.message ?? defaultUpdateMessage('resolved') },
        author,
        now,
      );
      await recomputeForIncident(
        tx,
        orgId,
        id,
        current.services.map((s) => s.service_id),
        current.title,
      );
      return publishIncident(tx, orgId, id, ['incident.resolved']);
    });
    return c.json({ data: incident }, 200);
  },
);
