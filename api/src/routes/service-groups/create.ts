import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { appendEvent } from '../../db/events.ts';
import { manageServices } from '../services/access.ts';
import { groupColumns, toGroupWire, type GroupRow } from './group-row.ts';
import { CreateGroupBody, GroupBody, OrgParams } from './schema.ts';
import { maxPosition } from '../fields.ts';

/** POST /api/organizations/:orgId/service-groups: a new group, with a `service_group.created` event. */
export const createServiceGroup = defineRoute(
  manageServices,
  createRoute({
    method: 'post',
    path: '/api/organizations/{orgId}/service-groups',
    tags: ['service groups'],
    summary: 'Create a service group',
    request: {
      params: OrgParams,
      body: { required: true, content: { 'application/json': { schema: CreateGroupBody } } },
    },
    responses: { 201: { description: 'The new group', content: { 'application/json': { schema: GroupBody } } } },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const body = c.req.valid('json');
    const group = await asCaller(c, async (tx) => {
      const [row] = await tx.query<GroupRow>(
        `insert into public.service_groups (org_id, name, position)
         values ($1, $2, coalesce($3::int, (select least(coalesce(max(position) + 1, 0), ${maxPosition}) from public.service_groups where org_id = $1)))
         returning ${groupColumns}`,
        [orgId, body.name, body.position ?? null],
      );
      const group = toGroupWire(row!);
      await appendEvent(tx, orgId, 'service_group.created', { service_group: group });
      return group;
    });
    return c.json({ data: group }, 201);
  },
);
