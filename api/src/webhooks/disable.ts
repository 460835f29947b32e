import type { Queryable } from '../db/types.ts';
import type { Clock } from '../clock.ts';
import { appendEvent } from '../db/events.ts';
import type { Delivery, DeliveryResult } from '../outbox/channel.ts';
import { enqueueDeliveries } from '../outbox/enqueue.ts';
import { emailKind, type EmailPayload } from '../outbox/email-channel.ts';

/**
 * A delivery gave up for good (the receiver answered 410, or 24 h of attempts failed): the webhook is
 * disabled, so later events stop queueing for it, and each admin of the org is mailed (through the
 * outbox, in this same transaction). Runs as the system inside the outbox's recording transaction.
 * A webhook already disabled or deleted is left alone, so a burst of failures mails once.
 */
export async function disableWebhook(
  tx: Queryable,
  clock: Clock,
  baseUrl: string,
  delivery: Delivery,
  result: DeliveryResult,
): Promise<void> {
  const reason = result.responseCode === 410 ? 'gone' : 'failing';
  const [hook] = await tx.query<{ id: string; org_id: string; url: string; description: string; org_name: string }>(
    `update public.webhooks w set disabled_at = $2, disabled_reason = $3, updated_at = $2
     from public.organizations o
     where w.id = $1 and w.disabled_at is null and o.id = w.org_id
     returning w.id, w.org_id, w.url, w.description, o.name as org_name`,
    [delivery.targetId, clock.now().toISOString(), reason],
  );
  if (!hook) return;
  await appendEvent(tx, hook.org_id, 'webhook.disabled', { id: hook.id, reason }, { job: 'webhooks' });
  const admins = await tx.query<{ email: string }>(
    `select p.email from public.organization_members m join public.profiles p on p.user_id = m.user_id
     where m.org_id = $1 and m.role = 'admin' order by p.email`,
    [hook.org_id],
  );
  // The URL's host only: a Slack or Discord URL carries its own secret in the path.
  const host = new URL(hook.url).host;
  const why =
    reason === 'gone'
      ? 'its receiver answered 410 Gone, which means it will not take deliveries again'
      : 'its deliveries kept failing for 24 hours';
  const text = [
    `The webhook to ${host}${hook.description ? ` (${hook.description})` : ''} of ${hook.org_name} was disabled: ${why}.`,
    `Last error: ${'error' in result ? result.error : 'none'}.`,
    '',
    `Check the receiver, then save the webhook again to enable it: ${baseUrl}/admin/`,
  ].join('\n');
  const mails: EmailPayload[] = admins.map(({ email }) => ({
    to: email,
    subject: `Webhook disabled: ${host}`,
    text,
  }));
  await enqueueDeliveries(
    tx,
    clock,
    mails.map((payload) => ({ kind: emailKind, orgId: hook.org_id, payload })),
  );
}
