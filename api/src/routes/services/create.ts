import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { appendEvent } from '../../db/events.ts';
import { serviceColumns, toServiceWire, type ServiceRow } from '../../status/service-row.ts';
import { manageServices } from './access.ts';
import { assertGroupInOrg, assertSlugFree } from './load.ts';
import { freeSlugFor } from './slug.ts';
import { CreateServiceBody, OrgParams, ServiceBody } from './schema.ts';
import { maxPosition } from '../fields.ts';

/** POST /api/organizations/:orgId/services: a new service (operational), with a `service.created` event. */
export const createService = defineRoute(
  manageServices,
  createRoute({
    method: 'post',
    path: '/api/organizations/{orgId}/services',
    tags: ['services'],
    summary: 'Create a service',
    request: {
      params: OrgParams,
      body: { required: true, content: { 'application/json': { schema: CreateServiceBody } } },
    },
    responses: {
      201: { description: 'The new service', content: { 'application/json': { schema: ServiceBody } } },
      409: { description: 'Another service of the organization has this slug' },
    },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const body = c.req.valid('json');
    const service = await asCaller(c, async (tx) => {
      await assertGroupInOrg(tx, orgId, body.group_id);
      const slug = body.slug ?? (await freeSlugFor(tx, orgId, body.name));
      await assertSlugFree(tx, orgId, slug);
      const [row] = await tx.query<ServiceRow>(
        `insert into public.services (org_id, name, slug, description, group_id, is_public, position)
         values ($1, $2, $3, $4, $5, $6, coalesce($7::int, (
           select least(coalesce(max(position) + 1, 0), ${maxPosition}) from public.services
           where org_id = $1 and group_id is not distinct from $5::uuid)))
         returning ${serviceColumns}`,
        [orgId, body.name, slug, body.description, body.group_id, body.is_public, body.position ?? null],
      );
      const service = toServiceWire(row!);
      await appendEvent(tx, orgId, 'service.created', { service });
      return service;
    });
    return c.json({ data: service }, 201);
  },
);
