import { listInvitations } from './list.ts';
import { revokeInvitation } from './revoke.ts';
import { resendInvitation } from './resend.ts';
import { lookupInvitation } from './lookup.ts';
import { acceptInvitation } from './accept.ts';

export const invitationRoutes = [
  listInvitations,
  revokeInvitation,
  resendInvitation,
  lookupInvitation,
  acceptInvitation,
];
