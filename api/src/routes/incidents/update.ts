import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { idempotent } from '../../idempotency/idempotent.ts';
import { asCaller } from '../../http/caller-door.ts';
import { writeIncidents } from './access.ts';
import { authorOf } from './author.ts';
import { assertServicesInOrg } from './org-services.ts';
import { IncidentBody, IncidentParams, UpdateIncidentBody } from './schema.ts';
import {
  assertStartedAt,
  defaultUpdateMessage,
  insertIncidentUpdate,
  lockIncident,
  publishIncident,
  recomputeForIncident,
  setIncidentServices,
  setIncidentStatus,
} from './mutate.ts';

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
    const body = c.req.valid('json');
    const now = c.get('deps').clock.now();
    const author = authorOf(c);
    const incident = await asCaller(c, async (tx) => {
      const current = await lockIncident(tx, orgId, id);
      const status = body.status ?? current.status;
      const resolvedAt = status !== 'resolved' ? null : current.resolved_at ? new Date(current.resolved_at) : now;
      if (body.started_at) assertStartedAt(new Date(body.started_at), now, resolvedAt);
      if (body.services) {
        await assertServicesInOrg(
          tx,
          orgId,
          body.services.map((s) => s.service_id),
          (i) => ['services', i, 'service_id'],
        );
        await setIncidentServices(tx, orgId, id, body.services);
      }
      await tx.query(
        `update public.incidents
         set title = coalesce($2, title), impact = coalesce($3, impact),
             started_at = coalesce($4::timestamptz, started_at), updated_at = $5
         where id = $1`,
        [id, body.title ?? null, body.impact ?? null, body.started_at ?? null, now],
      );
      const resolved = await setIncidentStatus(tx, current, status, now);
      if ((body.status !== undefined && body.status !== current.status) || body.message !== undefined) {
        await insertIncidentUpdate(
          tx,
          orgId,
          id,
          { status, message: body.message ?? defaultUpdateMessage(status) },
          author,
          now,
        );
      }
      const touched = [...current.services, ...(body.services ?? [])].map((s) => s.service_id);
      await recomputeForIncident(tx, orgId, id, touched, body.title ?? current.title);
      return publishIncident(
        tx,
        orgId,
        id,
        resolved ? ['incident.updated', 'incident.resolved'] : ['incident.updated'],
      );
    });
    return c.json({ data: incident }, 200);
  },
);
