import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { appendEvent } from '../../db/events.ts';
import { conflict } from '../../errors.ts';
import { generateOpaqueToken, hashOpaqueToken } from '../../auth/opaque-token.ts';
import { errorResponses } from '../organizations/schema.ts';
import { invitationColumns, invitationEventPayload, toInvitation, type InvitationRow } from './invitation-row.ts';
import { findInvitationForChange } from './find-for-admin.ts';
import { invitationAcceptUrl, invitationTtlMs, mailInvitation } from './invitation-mail.ts';
import { InvitationBody, InvitationIdParams } from './schema.ts';

/**
 * POST /api/organizations/:orgId/invitations/:id/resend: a new token and a fresh 7 days, mailed again
 * (admins). The previous link stops working, since only the new token's hash is stored.
 */
export const resendInvitation = defineRoute(
  { kind: 'org', role: 'admin' },
  createRoute({
    method: 'post',
    path: '/api/organizations/{orgId}/invitations/{id}/resend',
    operationId: 'resendInvitation',
    tags: ['invitations'],
    summary: 'Send an invitation again with a new link',
    request: { params: InvitationIdParams },
    responses: {
      200: { description: 'Sent again', content: { 'application/json': { schema: InvitationBody } } },
      409: { description: 'Already accepted or revoked' },
      ...errorResponses,
    },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { id } = c.req.valid('param');
    const deps = c.get('deps');
    const now = deps.clock.now();
    const token = generateOpaqueToken();
    const { row, orgName } = await asCaller(c, async (tx) => {
      const found = await findInvitationForChange(tx, orgId, id, now);
      if (found.revoked_at) throw conflict('This invitation was revoked: create a new one');
      const [row] = await tx.query<InvitationRow>(
        `update public.invitations set token_hash = $2, expires_at = $3 where id = $1 returning ${invitationColumns}`,
        [id, hashOpaqueToken(token), new Date(now.getTime() + invitationTtlMs).toISOString()],
      );
      await appendEvent(tx, orgId, 'invitation.resent', invitationEventPayload(row!, now));
      const [org] = await tx.query<{ name: string }>('select name from public.organizations where id = $1', [orgId]);
      return { row: row!, orgName: org!.name };
    });
    const url = invitationAcceptUrl(deps.env, token);
    await mailInvitation(deps, { to: row.email, orgName, role: row.role, url });
    return c.json({ data: { ...toInvitation(row, now), accept_url: url } }, 200);
  },
);
