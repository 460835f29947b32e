import type { Queryable } from '../db/types.ts';
import type { MemberRole } from '../contract/roles.ts';
import { AppError } from '../errors.ts';
import { hashOpaqueToken, looksLikeOpaqueToken } from './opaque-token.ts';
import { joinThroughInvitation } from './join-invitation.ts';

/** A pending invitation found by its token. */
export interface PendingInvitation {
  id: string;
  org_id: string;
  email: string;
  role: MemberRole;
  expires_at: string | Date;
}

/** Sign-up needs an invitation here, and this one is missing, invalid, expired or for another email. */
export const invitationRequired = (
  message = 'Sign-up on this instance needs a valid invitation for this email address',
) => new AppError('invitation_required', message);

/**
 * Finds the pending (not accepted, not revoked, not expired) invitation of `token` addressed to
 * `email`; with `lock`, holds its row until the transaction ends so it is accepted at most once.
 */
export async function findPendingInvitation(
  tx: Queryable,
  token: string,
  email: string,
  now: Date,
  { lock = false } = {},
): Promise<PendingInvitation | null> {
  if (!looksLikeOpaqueToken(token)) return null;
  const [row] = await tx.query<PendingInvitation>(
    `select id, org_id, email, role, expires_at from public.invitations
     where token_hash = $1 and lower(email) = lower($2)
       and accepted_at is null and revoked_at is null and expires_at > $3
     ${lock ? 'for update' : ''}`,
    [hashOpaqueToken(token), email, now.toISOString()],
  );
  return row ?? null;
}

/**
 * Accepts the invitation for the user who just signed up through it: joins them with its role, marks
 * it accepted, and appends `member.added` and `invitation.accepted` in the same transaction.
 * The token arrived by mail at the invited address, so it proves the email as well.
 */
export async function acceptInvitationOnSignup(
  tx: Queryable,
  token: string,
  user: { id: string; email: string },
  now: Date,
): Promise<PendingInvitation> {
  const invitation = await findPendingInvitation(tx, token, user.email, now, { lock: true });
  if (!invitation) throw invitationRequired();
  await joinThroughInvitation(tx, invitation, user, now);
  return invitation;
}
