import { createRoute, z } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asSystem } from '../../db/doors.ts';
import { notFound } from '../../errors.ts';
import { hashOpaqueToken } from '../../auth/opaque-token.ts';
import { errorResponses } from '../organizations/schema.ts';
import { invitationColumns, invitationState, maskEmail, type InvitationRow } from './invitation-row.ts';
import { InvitationTokenParams, PublicInvitation } from './schema.ts';

/**
 * GET /api/invitations/:token: what an invitation link is for (public: the token is the secret).
 * The auth module's door reads it by the token's hash only; the email is masked, since a forwarded
 * link should not hand out the invitee's address.
 */
export const lookupInvitation = defineRoute(
  { kind: 'public' },
  createRoute({
    method: 'get',
    path: '/api/invitations/{token}',
    tags: ['invitations'],
    summary: 'What an invitation link is for',
    request: { params: InvitationTokenParams },
    responses: {
      200: {
        description: 'The invitation',
        content: { 'application/json': { schema: z.object({ data: PublicInvitation }) } },
      },
      ...errorResponses,
    },
  }),
  async (c) => {
    const { token } = c.req.valid('param');
    const { db, clock } = c.get('deps');
    const now = clock.now();
    const [row] = await asSystem(db, 'auth', (tx) =>
      tx.query<InvitationRow & { org_name: string; org_slug: string }>(
        `select ${invitationColumns.replace(/(\w+)/g, 'i.$1')}, o.name as org_name, o.slug as org_slug
         from public.invitations i join public.organizations o on o.id = i.org_id
         where i.token_hash = $1`,
        [hashOpaqueToken(token)],
      ),
    );
    if (!row) throw notFound('Invitation');
    return c.json(
      {
        data: {
          organization: { name: row.org_name, slug: row.org_slug },
          role: row.role,
          email: maskEmail(row.email),
          state: invitationState(row, now),
          expires_at: new Date(row.expires_at).toISOString(),
        },
      },
      200,
    );
  },
);
