import type { Deps } from '../../http/app-env.ts';
import type { MemberRole } from '../../contract/roles.ts';
import { enqueueAccountMail, publicBaseUrl } from '../../auth/account-mail.ts';
import { asSystem } from '../../db/doors.ts';

/** How long an invitation link works. */
export const invitationTtlMs = 7 * 24 * 3600 * 1000;

/** The link an invitee opens (the admin app's accept page, which calls POST /api/invitations/:token/accept). */
export function invitationAcceptUrl(env: Deps['env'], token: string): string {
  return `${publicBaseUrl(env)}/accept-invitation?token=${token}`;
}

/**
 * Puts the invitation mail in the outbox once the invitation committed, so no mail names a
 * rolled-back invitation and the route does not wait for SMTP. The system door: private.outbox is
 * not open to request roles (an admin could otherwise mail anything to anyone); the invitation was
 * already checked and written as the caller. A crash between the two loses the mail, not the
 * invitation: the admin has its link in the answer and can resend.
 */
export async function mailInvitation(
  deps: Pick<Deps, 'db' | 'clock'>,
  { to, orgName, role, url }: { to: string; orgName: string; role: MemberRole; url: string },
): Promise<void> {
  await asSystem(deps.db, 'invitations', (tx) =>
    enqueueAccountMail(tx, deps.clock, {
      to,
      subject: `You are invited to ${orgName} on Lantern`,
      text:
        `You have been invited to join ${orgName} on Lantern as ${role === 'admin' ? 'an admin' : `a ${role}`}.\n\n` +
        `Accept by opening this link (valid for 7 days) and signing in with this email address:\n\n${url}\n\n` +
        `If you did not expect this, ignore this message.\n`,
    }),
  );
}
