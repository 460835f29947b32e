import { z } from '@hono/zod-openapi';
import { memberRoles } from '../../contract/roles.ts';
import { OrgIdParams } from '../organizations/schema.ts';

/** Where an invitation stands. */
export const invitationStates = ['pending', 'accepted', 'revoked', 'expired'] as const;
export type InvitationState = (typeof invitationStates)[number];

export const Invitation = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: z.enum(memberRoles),
    state: z.enum(invitationStates),
    invited_by: z.uuid().nullable(),
    expires_at: z.string(),
    accepted_at: z.string().nullable(),
    accepted_by: z.uuid().nullable(),
    revoked_at: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi('Invitation');

export const InvitationWithLink = Invitation.extend({
  accept_url: z.url().openapi({ description: 'The link mailed to the invitee (shown once, to the admin who sent it)' }),
}).openapi('InvitationWithLink');

export const InvitationBody = z.object({ data: InvitationWithLink });
export const InvitationList = z.object({ data: z.array(Invitation), next_cursor: z.string().nullable() });

export const InvitationIdParams = OrgIdParams.extend({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }),
});

export const InvitationTokenParams = z.object({
  token: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'Not an invitation token')
    .openapi({ param: { name: 'token', in: 'path' } }),
});

export const PublicInvitation = z
  .object({
    organization: z.object({ name: z.string(), slug: z.string() }),
    role: z.enum(memberRoles),
    email: z
      .string()
      .openapi({ description: 'The invited address, masked (a***@example.com)', example: 'a***@example.com' }),
    state: z.enum(invitationStates),
    expires_at: z.string(),
  })
  .openapi('PublicInvitation');

export const Membership = z
  .object({ org_id: z.uuid(), slug: z.string(), name: z.string(), role: z.enum(memberRoles) })
  .openapi('Membership');
