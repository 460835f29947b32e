import type { Context } from 'hono';
import type { AppEnv } from '../../http/app-env.ts';
import type { MemberRole } from '../../contract/roles.ts';
import { asCaller } from '../../http/caller-door.ts';
import { appendEvent } from '../../db/events.ts';
import { conflict } from '../../errors.ts';
import { generateOpaqueToken, hashOpaqueToken } from '../../auth/opaque-token.ts';
import { invitationColumns, invitationEventPayload, toInvitation, type InvitationRow } from './invitation-row.ts';
import { invitationAcceptUrl, invitationTtlMs, mailInvitation } from './invitation-mail.ts';

/**
 * Invites `email` to the caller's org with `role` (admins; RLS checks it again): stores only the
 * token's hash, records `invitation.created`, mails the link after commit, and returns the
 * invitation with its link. It never adds anyone directly, even when an account has this email:
 * joining takes the mailed token and that account's verified address.
 */
export async function createInvitation(c: Context<AppEnv>, orgId: string, email: string, role: MemberRole) {
  const deps = c.get('deps');
  const caller = c.get('caller');
  const now = deps.clock.now();
  const token = generateOpaqueToken();
  const { row, orgName } = await asCaller(c, async (tx) => {
    const members = await tx.query(
      'select 1 from public.list_organization_members($1) where lower(email) = lower($2)',
      [orgId, email],
    );
    if (members.length > 0) throw conflict('Someone with this email is already a member');
    const pending = await tx.query(
      `select 1 from public.invitations
       where org_id = $1 and lower(email) = lower($2) and accepted_at is null and revoked_at is null and expires_at > $3`,
      [orgId, email, now.toISOString()],
    );
    if (pending.length > 0) throw conflict('This email already has a pending invitation: resend or revoke it');
    const [row] = await tx.query<InvitationRow>(
      `insert into public.invitations (org_id, email, role, token_hash, invited_by, expires_at, created_at)
       values ($1, $2, $3, $4, $5, $6, $7) returning ${invitationColumns}`,
      [
        orgId,
        email,
        role,
        hashOpaqueToken(token),
        caller.kind === 'user' ? caller.userId : null,
        new Date(now.getTime() + invitationTtlMs).toISOString(),
        now.toISOString(),
      ],
    );
    await appendEvent(tx, orgId, 'invitation.created', invitationEventPayload(row!, now));
    const [org] = await tx.query<{ name: string }>('select name from public.organizations where id = $1', [orgId]);
    return { row: row!, orgName: org!.name };
  });
  const url = invitationAcceptUrl(deps.env, token);
  await mailInvitation(deps, { to: email, orgName, role, url });
  return { ...toInvitation(row, now), accept_url: url };
}
