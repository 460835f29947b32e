import type { Env } from '../env.ts';
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/types.ts';
import { enqueueDelivery } from '../outbox/enqueue.ts';
import { emailKind, type EmailPayload } from '../outbox/email-channel.ts';

/** Where links in mails point: PUBLIC_BASE_URL, or this process on localhost. */
export function publicBaseUrl(env: Pick<Env, 'PUBLIC_BASE_URL' | 'PORT'>): string {
  return (env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
}

/**
 * Puts an account mail in the outbox, in the caller's transaction (the one that wrote its token).
 * The request never waits for SMTP, so a known and an unknown address answer alike; the payload
 * holds a live link, so it is cleared once sent (`sensitive`).
 */
export function enqueueAccountMail(tx: Queryable, clock: Clock, message: EmailPayload): Promise<string> {
  return enqueueDelivery(tx, clock, { kind: emailKind, payload: message, sensitive: true });
}

/** The account mails of the local provider (Supabase Auth sends its own), written to the outbox. */
export function accountMail(clock: Clock, baseUrl: string) {
  return {
    /** "Confirm your email address" with a single-use link. */
    async verification(tx: Queryable, to: string, token: string): Promise<void> {
      const link = `${baseUrl}/verify-email?token=${token}`;
      await enqueueAccountMail(tx, clock, {
        to,
        subject: 'Confirm your email address for Lantern',
        text: `Confirm your email address by opening this link (valid for 24 hours):\n\n${link}\n\nIf you did not sign up, ignore this message.\n`,
      });
    },
    /** Sign-up with an address that has a confirmed account: nothing changes, its owner is told. */
    async accountExists(tx: Queryable, to: string): Promise<void> {
      await enqueueAccountMail(tx, clock, {
        to,
        subject: 'You already have a Lantern account',
        text: `Someone, maybe you, tried to create a Lantern account with this address. You already have one:\n\nSign in: ${baseUrl}/admin/sign-in\nForgot your password? Choose a new one: ${baseUrl}/admin/forgot-password\n\nIf it was not you, ignore this message; nothing has changed.\n`,
      });
    },
    /** "Reset your password" with a single-use link. */
    async passwordReset(tx: Queryable, to: string, token: string): Promise<void> {
      const link = `${baseUrl}/reset-password?token=${token}`;
      await enqueueAccountMail(tx, clock, {
        to,
        subject: 'Reset your Lantern password',
        text: `Choose a new password by opening this link (valid for 1 hour):\n\n${link}\n\nIf you did not ask for this, ignore this message; your password stays as it is.\n`,
      });
    },
  };
}

export type AccountMail = ReturnType<typeof accountMail>;
