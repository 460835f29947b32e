import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import type { MemberRole } from '../../contract/roles.ts';
import { organizationColumns, toOrganizationView } from './org-row.ts';
import { decodeCursor, isUuid } from '../../http/cursor.ts';
import { isSortText, page } from './page.ts';
import { errorResponses, ListQuery, OrganizationList } from './schema.ts';

/** GET /api/organizations: the caller's organizations with their role (for org switching). */
export const listOrganizations = defineRoute(
  { kind: 'user' },
  createRoute({
    method: 'get',
    path: '/api/organizations',
    tags: ['organizations'],
    summary: "The caller's organizations, with their role in each",
    request: { query: ListQuery },
    responses: {
      200: { description: 'The organizations', content: { 'application/json': { schema: OrganizationList } } },
      ...errorResponses,
    },
  }),
  async (c) => {
    const { limit, cursor } = c.req.valid('query');
    const after = cursor ? decodeCursor<[string, string]>(cursor, [isSortText, isUuid]) : null;
    const rows = await asCaller(c, (tx) =>
      tx.query<Parameters<typeof toOrganizationView>[0] & { role: MemberRole; sort_name: string }>(
        `select ${organizationColumns}, m.role, lower(o.name) as sort_name
         from public.organizations o
         join public.organization_members m on m.org_id = o.id and m.user_id = (select auth.uid())
         where $1::text is null or (lower(o.name), o.id::text) > ($1::text, $2::text)
         order by lower(o.name), o.id::text
         limit $3`,
        [after?.[0] ?? null, after?.[1] ?? null, limit + 1],
      ),
    );
    const result = page(rows, limit, (row) => [row.sort_name, row.id]);
    return c.json(
      {
        data: result.data.map((row) => ({ ...toOrganizationView(row), role: row.role })),
        next_cursor: result.next_cursor,
      },
      200,
    );
  },
);
