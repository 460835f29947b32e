import type { Env } from './env.ts';
import type { Mailer } from './mail/mailer.ts';
import type { OutboxChannel } from './outbox/channel.ts';
import { emailChannel } from './outbox/email-channel.ts';
import { planSubscriberMails } from './subscribers/notify.ts';

/**
 * The outbox channels every API process registers, one per delivery kind: `email` sends rendered
 * messages (account mail, invitations, subscriber mail) and plans the subscribers' notifications of
 * each event. A new kind (e.g. `webhook`) is one more entry here.
 */
export function outboxChannels({ env, mail }: { env: Env; mail: Mailer }): OutboxChannel[] {
  return [{ ...emailChannel(mail, env.MAIL_FROM), plan: planSubscriberMails(env) }];
}
