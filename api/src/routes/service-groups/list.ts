import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { readServices } from '../services/access.ts';
import { pageInDisplayOrder } from '../services/display-order-page.ts';
import { groupColumns, toGroupWire, type GroupRow } from './group-row.ts';
import { GroupList, ListQuery, OrgParams } from './schema.ts';

/** GET /api/organizations/:orgId/service-groups: the groups in display order. */
export const listServiceGroups = defineRoute(
  readServices,
  createRoute({
    method: 'get',
    path: '/api/organizations/{orgId}/service-groups',
    tags: ['service groups'],
    summary: "List the organization's service groups (ordered by position, then name)",
    request: { params: OrgParams, query: ListQuery },
    responses: { 200: { description: 'A page of groups', content: { 'application/json': { schema: GroupList } } } },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { limit, cursor } = c.req.valid('query');
    const { page, nextCursor } = await asCaller(c, (tx) =>
      pageInDisplayOrder<GroupRow>(tx, { table: 'service_groups', columns: groupColumns, orgId, limit, cursor }),
    );
    return c.json({ data: page.map(toGroupWire), next_cursor: nextCursor }, 200);
  },
);
