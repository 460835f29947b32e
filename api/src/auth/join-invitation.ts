import type { Queryable } from '../db/types.ts';
import type { MemberRole } from '../contract/roles.ts';
import { appendEvent } from '../db/events.ts';

/** The invitation being accepted (already checked: pending, locked, for this user's address). */
export interface InvitationToJoin {
  id: string;
  org_id: string;
  email: string;
  role: MemberRole;
  expires_at: string | Date;
}

/**
 * Joins `user` to the invitation's org with its role, marks it accepted, and appends `member.added`
 * and `invitation.accepted` in the caller's transaction. The one way an invitation is accepted,
 * whether by a signed-in account (POST /api/invitations/:token/accept) or while signing up through
 * it, so both leave the same rows and the same events. The events name the user as the actor: the
 * auth door that runs this has no user in its claims.
 */
export async function joinThroughInvitation(
  tx: Queryable,
  invitation: InvitationToJoin,
  user: { id: string; email: string },
  now: Date,
): Promise<void> {
  const [member] = await tx.query<{ created_at: string | Date }>(
    `insert into public.organization_members (org_id, user_id, role, created_at) values ($1, $2, $3, $4)
     returning created_at`,
    [invitation.org_id, user.id, invitation.role, now.toISOString()],
  );
  await tx.query('update public.invitations set accepted_at = $2, accepted_by = $3 where id = $1', [
    invitation.id,
    now.toISOString(),
    user.id,
  ]);
  const [profile] = await tx.query<{ display_name: string | null }>(
    'select display_name from public.profiles where user_id = $1',
    [user.id],
  );
  const actor = { type: 'user', id: user.id };
  await appendEvent(
    tx,
    invitation.org_id,
    'member.added',
    {
      member: {
        user_id: user.id,
        email: user.email,
        display_name: profile?.display_name ?? null,
        role: invitation.role,
        created_at: new Date(member!.created_at).toISOString(),
      },
    },
    actor,
  );
  await appendEvent(
    tx,
    invitation.org_id,
    'invitation.accepted',
    {
      invitation: {
        id: invitation.id,
        email: invitation.email,
        role: invitation.role,
        state: 'accepted',
        expires_at: new Date(invitation.expires_at).toISOString(),
        accepted_at: now.toISOString(),
        accepted_by: user.id,
      },
    },
    actor,
  );
}
