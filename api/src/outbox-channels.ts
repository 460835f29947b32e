import type { Env } from './env.ts';
import type { Mailer } from './mail/mailer.ts';
import type { OutboxChannel } from './outbox/channel.ts';
import { emailChannel } from './outbox/email-channel.ts';
import { planSubscriberMails } from './subscribers/notify.ts';
import type { Database } from './db/types.ts';
import type { Clock } from './clock.ts';
import type { Outbound } from './outbound/outbound.ts';
import { webhookChannel } from './webhooks/channel.ts';
import { passwordResetChannel } from './auth/password-reset-channel.ts';
import { publicBaseUrl } from './auth/account-mail.ts';

/**
 * The outbox channels every API process registers, one per delivery kind: `email` sends rendered
 * messages (account mail, invitations, subscriber mail) and plans the subscribers' notifications of
 * each event; `password-reset` turns a reset request into a token and a mail when the address has
 * an account; `webhook` plans and sends the org's webhooks (webhooks/). A new kind is one more entry here.
 */
export function outboxChannels({
  env,
  mail,
  db,
  clock,
  outbound,
}: {
  env: Env;
  mail: Mailer;
  db: Database;
  clock: Clock;
  outbound: Outbound;
}): OutboxChannel[] {
  return [
    { ...emailChannel(mail, env.MAIL_FROM), plan: planSubscriberMails(env) },
    passwordResetChannel({ db, clock, baseUrl: publicBaseUrl(env) }),
    webhookChannel({ db, clock, outbound, allowPrivate: env.WEBHOOK_ALLOW_PRIVATE, baseUrl: publicBaseUrl(env) }),
  ];
}
