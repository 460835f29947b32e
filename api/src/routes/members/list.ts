import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { decodeCursor, isUuid } from '../../http/cursor.ts';
import { isSortText, page } from '../organizations/page.ts';
import { errorResponses, ListQuery, OrgIdParams } from '../organizations/schema.ts';
import { toMember, type MemberView } from './member-row.ts';
import { MemberList } from './schema.ts';

/** GET /api/organizations/:orgId/members: the member list (viewers and up, API keys with `read`). */
export const listMembers = defineRoute(
  { kind: 'org', role: 'viewer', scopes: ['read'] },
  createRoute({
    method: 'get',
    path: '/api/organizations/{orgId}/members',
    tags: ['members'],
    summary: 'Members and their roles',
    request: { params: OrgIdParams, query: ListQuery },
    responses: {
      200: { description: 'Members, by email', content: { 'application/json': { schema: MemberList } } },
      ...errorResponses,
    },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { limit, cursor } = c.req.valid('query');
    const after = cursor ? decodeCursor<[string, string]>(cursor, [isSortText, isUuid]) : null;
    const rows = await asCaller(c, (tx) =>
      tx.query<MemberView & { sort_email: string }>(
        `select m.*, lower(m.email) as sort_email from public.list_organization_members($1) m
         where $2::text is null or (lower(m.email), m.user_id::text) > ($2::text, $3::text)
         order by lower(m.email), m.user_id::text
         limit $4`,
        [orgId, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
      ),
    );
    const result = page(rows, limit, (row) => [row.sort_email, row.user_id]);
    return c.json({ data: result.data.map(toMember), next_cursor: result.next_cursor }, 200);
  },
);
