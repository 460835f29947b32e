import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { errorResponses, OrgIdParams } from '../organizations/schema.ts';
import { createInvitation } from '../invitations/create-invitation.ts';
import { InvitationBody } from '../invitations/schema.ts';
import { InviteMember } from './schema.ts';

/**
 * POST /api/organizations/:orgId/members: invites someone by email (admins). Answers 201 with the
 * invitation and its accept link; the person joins only by accepting (see POST /api/invitations/:token/accept).
 */
export const inviteMember = defineRoute(
  { kind: 'org', role: 'admin' },
  createRoute({
    method: 'post',
    path: '/api/organizations/{orgId}/members',
    operationId: 'inviteMember',
    tags: ['members'],
    summary: 'Invite a member by email',
    request: {
      params: OrgIdParams,
      body: { required: true, content: { 'application/json': { schema: InviteMember } } },
    },
    responses: {
      201: {
        description: 'Invitation created and mailed',
        content: { 'application/json': { schema: InvitationBody } },
      },
      409: { description: 'Already a member, or already invited' },
      ...errorResponses,
    },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { email, role } = c.req.valid('json');
    return c.json({ data: await createInvitation(c, orgId, email, role) }, 201);
  },
);
