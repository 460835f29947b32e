import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { idempotent } from '../../idempotency/idempotent.ts';
import { asCaller } from '../../http/caller-door.ts';
import { writeIncidents } from './access.ts';
import { authorOf } from './author.ts';
import { assertServicesInOrg } from './org-services.ts';
import { CreateIncidentBody, IncidentBody, OrgParams } from './schema.ts';
import {
  assertStartedAt,
  insertIncidentUpdate,
  publishIncident,
  recomputeForIncident,
  setIncidentServices,
} from './mutate.ts';

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
    const body = c.req.valid('json');
    const now = c.get('deps').clock.now();
    const startedAt = body.started_at ? new Date(body.started_at) : now;
    assertStartedAt(startedAt, now);
    const author = authorOf(c);
    const serviceIds = body.services.map((s) => s.service_id);
    const incident = await asCaller(c, async (tx) => {
      await assertServicesInOrg(tx, orgId, serviceIds, (i) => ['services', i, 'service_id']);
      const [row] = await tx.query<{ id: string }>(
        `insert into public.incidents (org_id, title, status, impact, started_at, resolved_at, created_by, created_at, updated_at)
         values ($1, $2, $3, $4, $5, case when $3 = 'resolved' then $6::timestamptz end, $7, $6, $6)
         returning id`,
        [orgId, body.title, body.status, body.impact, startedAt, now, author.userId],
      );
      const id = row!.id;
      await setIncidentServices(tx, orgId, id, body.services);
      await insertIncidentUpdate(tx, orgId, id, { status: body.status, message: body.message }, author, now);
      await recomputeForIncident(tx, orgId, id, serviceIds, body.title);
      return publishIncident(tx, orgId, id, ['incident.created']);
    });
    return c.json({ data: incident }, 201);
  },
);
