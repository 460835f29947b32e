import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { appendEvent } from '../../db/events.ts';
import { notFound } from '../../errors.ts';
import { manageServices } from '../services/access.ts';
import { groupColumns, toGroupWire, type GroupRow } from './group-row.ts';
import { GroupBody, GroupParams, UpdateGroupBody } from './schema.ts';

/** PUT /api/organizations/:orgId/service-groups/:id: renames or moves a group (the fields given). */
export const updateServiceGroup = defineRoute(
  manageServices,
  createRoute({
    method: 'put',
    path: '/api/organizations/{orgId}/service-groups/{id}',
    tags: ['service groups'],
    summary: 'Edit a service group (the fields given)',
    request: {
      params: GroupParams,
      body: { required: true, content: { 'application/json': { schema: UpdateGroupBody } } },
    },
    responses: { 200: { description: 'The group', content: { 'application/json': { schema: GroupBody } } } },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const group = await asCaller(c, async (tx) => {
      const [current] = await tx.query<GroupRow>(
        `select ${groupColumns} from public.service_groups where org_id = $1 and id = $2 for update`,
        [orgId, id],
      );
      if (!current) throw notFound('Service group');
      const name = body.name ?? current.name;
      const position = body.position ?? current.position;
      if (name === current.name && position === current.position) return toGroupWire(current);
      const [row] = await tx.query<GroupRow>(
        `update public.service_groups set name = $3, position = $4, updated_at = now()
         where org_id = $1 and id = $2 returning ${groupColumns}`,
        [orgId, id, name, position],
      );
      const group = toGroupWire(row!);
      await appendEvent(tx, orgId, 'service_group.updated', { service_group: group });
      return group;
    });
    return c.json({ data: group }, 200);
  },
);
