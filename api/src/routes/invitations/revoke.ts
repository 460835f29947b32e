import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { appendEvent } from '../../db/events.ts';
import { errorResponses } from '../organizations/schema.ts';
import { invitationColumns, invitationEventPayload, type InvitationRow } from './invitation-row.ts';
import { findInvitationForChange } from './find-for-admin.ts';
import { InvitationIdParams } from './schema.ts';

/** DELETE /api/organizations/:orgId/invitations/:id: revokes it; its link stops working at once (admins). */
export const revokeInvitation = defineRoute(
  { kind: 'org', role: 'admin' },
  createRoute({
    method: 'delete',
    path: '/api/organizations/{orgId}/invitations/{id}',
    operationId: 'revokeInvitation',
    tags: ['invitations'],
    summary: 'Revoke an invitation',
    request: { params: InvitationIdParams },
    responses: { 204: { description: 'Revoked' }, 409: { description: 'Already accepted' }, ...errorResponses },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { id } = c.req.valid('param');
    const now = c.get('deps').clock.now();
    await asCaller(c, async (tx) => {
      const found = await findInvitationForChange(tx, orgId, id, now);
      if (found.revoked_at) return; // already revoked: nothing changes, nothing to record
      // The row is kept (revoked, not deleted) so the audit trail can still name it.
      const [row] = await tx.query<InvitationRow>(
        `update public.invitations set revoked_at = $2 where id = $1 returning ${invitationColumns}`,
        [id, now.toISOString()],
      );
      await appendEvent(tx, orgId, 'invitation.revoked', invitationEventPayload(row!, now));
    });
    return c.body(null, 204);
  },
);
