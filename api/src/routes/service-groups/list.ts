import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { readServices } from '../services/access.ts';
import { decodeCursor, encodeCursor, isInt, isText, isUuid } from '../../http/cursor.ts';
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
    const after = cursor ? decodeCursor<[number, string, string]>(cursor, [isInt, isText, isUuid]) : null;
    const rows = await asCaller(c, (tx) =>
      tx.query<GroupRow>(
        `select ${groupColumns} from public.service_groups
         where org_id = $1 and ($2::int is null or (position, name, id) > ($2, $3::text, $4::uuid))
         order by position, name, id
         limit $5`,
        [orgId, after?.[0] ?? null, after?.[1] ?? null, after?.[2] ?? null, limit + 1],
      ),
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const next = rows.length > limit && last ? encodeCursor([last.position, last.name, last.id]) : null;
    return c.json({ data: page.map(toGroupWire), next_cursor: next }, 200);
  },
);
