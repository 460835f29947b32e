import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { serviceColumns, toServiceWire, type ServiceRow } from '../../status/service-row.ts';
import { readServices } from './access.ts';
import { decodeCursor, encodeCursor, isInt, isText, isUuid } from '../../http/cursor.ts';
import { ListQuery, OrgParams, ServiceList } from './schema.ts';

/** GET /api/organizations/:orgId/services: every service, private ones included, in display order. */
export const listServices = defineRoute(
  readServices,
  createRoute({
    method: 'get',
    path: '/api/organizations/{orgId}/services',
    tags: ['services'],
    summary: "List the organization's services (ordered by position, then name)",
    request: { params: OrgParams, query: ListQuery },
    responses: { 200: { description: 'A page of services', content: { 'application/json': { schema: ServiceList } } } },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { limit, cursor } = c.req.valid('query');
    const after = cursor ? decodeCursor<[number, string, string]>(cursor, [isInt, isText, isUuid]) : null;
    const rows = await asCaller(c, (tx) =>
      tx.query<ServiceRow>(
        `select ${serviceColumns} from public.services
         where org_id = $1 and ($2::int is null or (position, name, id) > ($2, $3::text, $4::uuid))
         order by position, name, id
         limit $5`,
        [orgId, after?.[0] ?? null, after?.[1] ?? null, after?.[2] ?? null, limit + 1],
      ),
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const next = rows.length > limit && last ? encodeCursor([last.position, last.name, last.id]) : null;
    return c.json({ data: page.map(toServiceWire), next_cursor: next }, 200);
  },
);
