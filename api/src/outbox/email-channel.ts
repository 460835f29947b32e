import { z } from 'zod';
import type { Mailer } from '../mail/mailer.ts';
import type { OutboxChannel } from './channel.ts';

/** The payload of an `email` delivery: the rendered message. */
export const emailPayload = z.object({
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
});
export type EmailPayload = z.infer<typeof emailPayload>;

export const emailKind = 'email';

/** The domain of MAIL_FROM (`Lantern <noreply@example.com>` → `example.com`), for Message-IDs. */
export function messageIdDomain(from: string): string {
  return /@([A-Za-z0-9.-]+)/.exec(from)?.[1] ?? 'lantern.invalid';
}

/**
 * Sends `email` deliveries through the mail transport. The Message-ID is the delivery's id, so a
 * message resent after a crash (at least once) is recognisably the same message. Other channels
 * plan email deliveries (subscribers/), this one only sends them.
 */
export function emailChannel(mail: Mailer, from: string): OutboxChannel {
  const domain = messageIdDomain(from);
  return {
    kind: emailKind,
    async deliver(delivery) {
      const message = emailPayload.parse(delivery.payload);
      await mail.send({ ...message, messageId: `<${delivery.id}@${domain}>` });
      return { outcome: 'delivered' };
    },
  };
}
