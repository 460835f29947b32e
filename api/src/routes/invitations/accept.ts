import { createRoute, z } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asSystem } from '../../db/doors.ts';
import { joinThroughInvitation } from '../../auth/join-invitation.ts';
import { AppError, conflict, notFound, unauthorized } from '../../errors.ts';
import { hashOpaqueToken } from '../../auth/opaque-token.ts';
import { errorResponses } from '../organizations/schema.ts';
import { invitationColumns, invitationState, type InvitationRow } from './invitation-row.ts';
import { InvitationTokenParams, Membership } from './schema.ts';

/**
 * POST /api/invitations/:token/accept: the signed-in user joins the org with the invited role, once.
 * Their account's email must be verified and equal to the invited address: the token alone (a
 * forwarded mail) is not enough. Runs through the auth module's door, for this verified identity only.
 */
export const acceptInvitation = defineRoute(
  { kind: 'user' },
  createRoute({
    method: 'post',
    path: '/api/invitations/{token}/accept',
    operationId: 'acceptInvitation',
    tags: ['invitations'],
    summary: 'Accept an invitation',
    request: { params: InvitationTokenParams },
    responses: {
      200: { description: 'Joined', content: { 'application/json': { schema: z.object({ data: Membership }) } } },
      409: { description: 'Already a member' },
      410: { description: 'Accepted, revoked or expired' },
      ...errorResponses,
    },
  }),
  async (c) => {
    const { token } = c.req.valid('param');
    const caller = c.get('caller');
    if (caller.kind !== 'user') throw unauthorized();
    const { db, clock } = c.get('deps');
    const now = clock.now();
    const membership = await asSystem(db, 'auth', async (tx) => {
      const [user] = await tx.query<{ id: string; email: string | null; email_confirmed_at: string | Date | null }>(
        'select id, email, email_confirmed_at from auth.users where id = $1',
        [caller.userId],
      );
      if (!user) throw unauthorized();
      // Locked: two accepts of one token take turns, and the second finds it accepted.
      const [invitation] = await tx.query<InvitationRow>(
        `select ${invitationColumns} from public.invitations where token_hash = $1 for update`,
        [hashOpaqueToken(token)],
      );
      if (!invitation) throw notFound('Invitation');
      const state = invitationState(invitation, now);
      if (state !== 'pending')
        throw new AppError('gone', `This invitation was ${state === 'expired' ? 'not accepted in time' : state}`, {
          details: { state },
        });
      if (!user.email_confirmed_at) {
        throw new AppError('forbidden', 'Verify your email address before accepting an invitation', {
          details: { reason: 'email_not_verified' },
        });
      }
      if (!user.email || user.email.toLowerCase() !== invitation.email.toLowerCase()) {
        throw new AppError('forbidden', 'This invitation is for another email address', {
          details: { reason: 'email_mismatch' },
        });
      }
      const existing = await tx.query('select 1 from public.organization_members where org_id = $1 and user_id = $2', [
        invitation.org_id,
        user.id,
      ]);
      if (existing.length > 0) throw conflict('You are already a member of this organization');

      await joinThroughInvitation(tx, invitation, { id: user.id, email: user.email }, now);
      const [org] = await tx.query<{ slug: string; name: string }>(
        'select slug, name from public.organizations where id = $1',
        [invitation.org_id],
      );
      return { org_id: invitation.org_id, slug: org!.slug, name: org!.name, role: invitation.role };
    });
    return c.json({ data: membership }, 200);
  },
);
