import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { decodeCursor, isUuid } from '../../http/cursor.ts';
import { isSortText, page } from '../organizations/page.ts';
import { errorResponses, ListQuery, OrgIdParams } from '../organizations/schema.ts';
import { invitationColumns, toInvitation, type InvitationRow } from './invitation-row.ts';
import { InvitationList } from './schema.ts';

/** GET /api/organizations/:orgId/invitations: the pending invitations (admins). */
export const listInvitations = defineRoute(
  { kind: 'org', role: 'admin' },
  createRoute({
    method: 'get',
    path: '/api/organizations/{orgId}/invitations',
    tags: ['invitations'],
    summary: 'Pending invitations',
    request: { params: OrgIdParams, query: ListQuery },
    responses: {
      200: {
        description: 'Pending invitations, by email',
        content: { 'application/json': { schema: InvitationList } },
      },
      ...errorResponses,
    },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { limit, cursor } = c.req.valid('query');
    const after = cursor ? decodeCursor<[string, string]>(cursor, [isSortText, isUuid]) : null;
    const now = c.get('deps').clock.now();
    const rows = await asCaller(c, (tx) =>
      tx.query<InvitationRow & { sort_email: string }>(
        `select ${invitationColumns}, lower(email) as sort_email from public.invitations
         where org_id = $1 and accepted_at is null and revoked_at is null and expires_at > $2
           and ($3::text is null or (lower(email), id::text) > ($3::text, $4::text))
         order by lower(email), id::text
         limit $5`,
        [orgId, now.toISOString(), after?.[0] ?? null, after?.[1] ?? null, limit + 1],
      ),
    );
    const result = page(rows, limit, (row) => [row.sort_email, row.id]);
    return c.json({ data: result.data.map((row) => toInvitation(row, now)), next_cursor: result.next_cursor }, 200);
  },
);
