import nodemailer from 'nodemailer';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

/** One outgoing message. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** `<id@host>`: the outbox passes the delivery's id, so a resend carries the same one. */
  messageId?: string;
  /** Extra headers (List-Unsubscribe, List-Unsubscribe-Post). */
  headers?: Record<string, string>;
}

/** The one mail transport every feature uses (accounts, invitations, subscribers). */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/**
 * SMTP when `smtpUrl` is set; otherwise each message becomes an `.eml` file in `mailDir`, so
 * verification, reset and invitation links work on a machine without a mail server.
 */
export function createMailer({
  smtpUrl,
  mailDir,
  from,
}: {
  smtpUrl?: string | undefined;
  mailDir: string;
  from: string;
}): Mailer {
  if (smtpUrl) {
    const transport = nodemailer.createTransport(smtpUrl);
    return {
      async send(message) {
        await transport.sendMail({ from, ...message });
      },
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message) {
      const info = await transport.sendMail({ from, ...message });
      await mkdir(mailDir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}.eml`;
      const tmp = join(mailDir, `.${name}.tmp`);
      // Write then rename: a reader never sees half a message.
      await writeFile(tmp, info.message as Buffer);
      await rename(tmp, join(mailDir, name));
    },
  };
}
