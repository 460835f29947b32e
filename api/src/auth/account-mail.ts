import type { Mailer } from '../mail/mailer.ts';
import type { Env } from '../env.ts';

/** Where links in mails point: PUBLIC_BASE_URL, or this process on localhost. */
export function publicBaseUrl(env: Pick<Env, 'PUBLIC_BASE_URL' | 'PORT'>): string {
  return (env.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
}

/** The account mails of the local provider (Supabase Auth sends its own). */
export function accountMail(mail: Mailer, baseUrl: string) {
  return {
    /** "Confirm your email address" with a single-use link. */
    async verification(to: string, token: string): Promise<void> {
      const link = `${baseUrl}/verify-email?token=${token}`;
      await mail.send({
        to,
        subject: 'Confirm your email address for Lantern',
        text: `Confirm your email address by opening this link (valid for 24 hours):\n\n${link}\n\nIf you did not sign up, ignore this message.\n`,
      });
    },
    /** "Reset your password" with a single-use link. */
    async passwordReset(to: string, token: string): Promise<void> {
      const link = `${baseUrl}/reset-password?token=${token}`;
      await mail.send({
        to,
        subject: 'Reset your Lantern password',
        text: `Choose a new password by opening this link (valid for 1 hour):\n\n${link}\n\nIf you did not ask for this, ignore this message; your password stays as it is.\n`,
      });
    },
  };
}

export type AccountMail = ReturnType<typeof accountMail>;
