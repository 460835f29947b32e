import type { Deps } from '../../http/app-env.ts';
import type { MemberRole } from '../../contract/roles.ts';
import { publicBaseUrl } from '../../auth/account-mail.ts';

/** How long an invitation link works. */
export const invitationTtlMs = 7 * 24 * 3600 * 1000;

/** The link an invitee opens (the admin app's accept page, which calls POST /api/invitations/:token/accept). */
export function invitationAcceptUrl(env: Deps['env'], token: string): string {
  return `${publicBaseUrl(env)}/accept-invitation?token=${token}`;
}

/** Mails the invitation link. Sent after the transaction committed, so no mail names a rolled-back invitation. */
export async function mailInvitation(
  deps: Pick<Deps, 'mail'>,
  { to, orgName, role, url }: { to: string; orgName: string; role: MemberRole; url: string },
): Promise<void> {
  await deps.mail.send({
    to,
    subject: `You are invited to ${orgName} on Lantern`,
    text:
      `You have been invited to join ${orgName} on Lantern as ${role === 'admin' ? 'an admin' : `a ${role}`}.\n\n` +
      `Accept by opening this link (valid for 7 days) and signing in with this email address:\n\n${url}\n\n` +
      `If you did not expect this, ignore this message.\n`,
  });
}
