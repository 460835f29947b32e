import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { idempotent } from '../../idempotency/idempotent.ts';
import { asCaller } from '../../http/caller-door.ts';
import { writeIncidents } from './access.ts';
import { authorOf } from './author.ts';
import { IncidentBody, IncidentParams, PostIncidentUpdateBody } from './schema.ts';
import {
  insertIncidentUpdate,
  lockIncident,
  publishIncident,
  recomputeForIncident,
  setIncidentStatus,
} from './mutate.ts';

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
    const body = c.req.valid('json');
    const now = c.get('deps').clock.now();
    const author = authorOf(c);
    const incident = await asCaller(c, async (tx) => {
      const current = await lockIncident(tx, orgId, id);
      const resolved = await setIncidentStatus(tx, current, body.status, now);
      if (!resolved) await tx.query('update public.incidents set updated_at = $2 where id = $1', [id, now]);
      const updateId = await insertIncidentUpdate(tx, orgId, id, body, author, now);
      if (body.status !== current.status) {
        await recomputeForIncident(
          tx,
          orgId,
          id,
          current.services.map((s) => s.service_id),
          current.title,
        );
      }
      const types = resolved ? ['incident_update.created', 'incident.resolved'] : ['incident_update.created'];
      return publishIncident(tx, orgId, id, types, { update_id: updateId });
    });
    return c.json({ data: incident }, 201);
  },
);
