import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { appendEvent } from '../../db/events.ts';
import { serviceColumns, toServiceWire, type ServiceRow } from '../../status/service-row.ts';
import { manageServices } from './access.ts';
import { assertGroupInOrg, assertSlugFree, loadService } from './load.ts';
import { ServiceBody, ServiceParams, UpdateServiceBody } from './schema.ts';

/**
 * PUT /api/organizations/:orgId/services/:id: changes the fields given (partial). The
 * `service.updated` event carries the full new state, so a visibility change reaches public streams
 * as an upsert (public → private means "remove it" there).
 */
export const updateService = defineRoute(
  manageServices,
  createRoute({
    method: 'put',
    path: '/api/organizations/{orgId}/services/{id}',
    tags: ['services'],
    summary: 'Edit a service (the fields given)',
    request: {
      params: ServiceParams,
      body: { required: true, content: { 'application/json': { schema: UpdateServiceBody } } },
    },
    responses: {
      200: { description: 'The service', content: { 'application/json': { schema: ServiceBody } } },
      409: { description: 'Another service of the organization has this slug' },
    },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const service = await asCaller(c, async (tx) => {
      const current = await loadService(tx, orgId, id, true);
      if (body.group_id !== undefined) await assertGroupInOrg(tx, orgId, body.group_id);
      if (body.slug !== undefined) await assertSlugFree(tx, orgId, body.slug, id);
      const next = {
        name: body.name ?? current.name,
        slug: body.slug ?? current.slug,
        description: body.description ?? current.description,
        group_id: body.group_id === undefined ? current.group_id : body.group_id,
        position: body.position ?? current.position,
        is_public: body.is_public ?? current.is_public,
      };
      const unchanged = (Object.keys(next) as (keyof typeof next)[]).every((key) => next[key] === current[key]);
      // Nothing changed: nothing to tell anyone.
      if (unchanged) return toServiceWire(current);
      const [row] = await tx.query<ServiceRow>(
        `update public.services
         set name = $3, slug = $4, description = $5, group_id = $6, position = $7, is_public = $8, updated_at = now()
         where org_id = $1 and id = $2
         returning ${serviceColumns}`,
        [orgId, id, next.name, next.slug, next.description, next.group_id, next.position, next.is_public],
      );
      const service = toServiceWire(row!);
      await appendEvent(tx, orgId, 'service.updated', { service });
      return service;
    });
    return c.json({ data: service }, 200);
  },
);
