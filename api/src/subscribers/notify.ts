import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/types.ts';
import type { StoredEvent } from '../db/events.ts';
import type { Env } from '../env.ts';
import type { NewDelivery } from '../outbox/channel.ts';
import { emailKind } from '../outbox/email-channel.ts';
import { publicBaseUrl } from '../auth/account-mail.ts';
import { eventNotice } from './event-notice.ts';
import { notificationMail, type MailOrg } from './render-mail.ts';

/** Loads the org as mails show it (name, slug, colour, whether it has a logo). */
export async function loadMailOrg(tx: Queryable, orgId: string): Promise<MailOrg | null> {
  const [org] = await tx.query<MailOrg>(
    `select o.name, o.slug, o.brand_color,
            exists (select 1 from public.organization_logos l where l.org_id = o.id) as has_logo
       from public.organizations o where o.id = $1`,
    [orgId],
  );
  return org ?? null;
}

/**
 * The email channel's plan (outbox/fanout.ts): one rendered mail per confirmed subscriber who
 * follows a public service the event concerns. Private services are never named to subscribers: an
 * event only about private services mails nobody. Runs as the system in the fan-out transaction.
 */
export function planSubscriberMails(env: Pick<Env, 'PUBLIC_BASE_URL' | 'PORT'>) {
  const baseUrl = publicBaseUrl(env);
  return async (tx: Queryable, event: StoredEvent): Promise<NewDelivery[]> => {
    const notice = eventNotice(event);
    if (!notice) return [];
    const publicIds = (
      await tx.query<{ id: string }>(
        `select id from public.services where org_id = $1 and id = any($2::uuid[]) and is_public`,
        [event.org_id, notice.serviceIds],
      )
    ).map((r) => r.id);
    if (publicIds.length === 0) return [];
    const org = await loadMailOrg(tx, event.org_id);
    if (!org) return [];
    const subscribers = await tx.query<{ id: string; email: string; token: string }>(
      `select id, email, token from public.status_subscribers
        where org_id = $1 and confirmed_at is not null
          and (service_ids is null or service_ids && $2::uuid[])
          and (not $3 or status_changes)`,
      [event.org_id, publicIds, notice.statusChange],
    );
    return subscribers.map((s) => ({
      kind: emailKind,
      id: randomUUID(),
      targetId: s.id,
      payload: notificationMail(baseUrl, org, s, notice),
    }));
  };
}
