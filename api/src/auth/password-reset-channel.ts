import type { Database } from '../db/types.ts';
import type { Clock } from '../clock.ts';
import { asSystem } from '../db/doors.ts';
import type { OutboxChannel } from '../outbox/channel.ts';
import { accountMail } from './account-mail.ts';
import { createEmailToken } from './email-tokens.ts';

/** The outbox kind of a reset request: only the address, looked up later by the worker. */
export const passwordResetKind = 'password-reset';

/**
 * The second half of a password reset request. The route only writes `{ email }` to the outbox,
 * the same single insert whether or not an account has that address, so its answer time tells
 * nothing (routes/auth/reset-timing.test.ts). Here the worker looks the address up and, for an
 * account, creates the token and puts the mail in the outbox in one transaction (the `email`
 * channel sends it). A retry after a crash can only mail a second valid link, never lose one.
 */
export function passwordResetChannel({
  db,
  clock,
  baseUrl,
}: {
  db: Database;
  clock: Clock;
  baseUrl: string;
}): OutboxChannel {
  const mail = accountMail(clock, baseUrl);
  return {
    kind: passwordResetKind,
    async deliver(delivery) {
      const email = String(delivery.payload.email ?? '');
      await asSystem(db, 'auth', async (tx) => {
        const [row] = await tx.query<{ id: string }>('select id from auth.users where email = $1', [email]);
        if (row) await mail.passwordReset(tx, email, await createEmailToken(tx, row.id, 'reset_password', clock.now()));
      });
      return { outcome: 'delivered' };
    },
  };
}
