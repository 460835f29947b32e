import { randomBytes } from 'node:crypto';
import type { Database, Queryable } from '../db/types.ts';
import { asSystem } from '../db/doors.ts';
import type { Clock } from '../clock.ts';
import type { Env } from '../env.ts';
import { AppError, conflict, notFound } from '../errors.ts';
import { publicBaseUrl } from '../auth/account-mail.ts';
import { enqueueDelivery } from '../outbox/enqueue.ts';
import { emailKind } from '../outbox/email-channel.ts';
import { confirmationMail } from './render-mail.ts';
import { loadMailOrg } from './notify.ts';

/** At most one confirmation mail per address (and org) per this long, whatever the process. */
export const confirmationIntervalMs = 60_000;

// The visitor-facing writes are the subscribers module's own jobs: the org comes from a public slug
// and the subscription from a mailed token, so no request role could hold the right (the same as the
// auth module's account actions). Admins read and remove through their own door and RLS.
const system = <T>(db: Database, fn: (tx: Queryable) => Promise<T>) => asSystem(db, 'subscribers', fn);

export const normalizeEmail = (email: string) => email.trim().toLowerCase();
const newToken = () => randomBytes(32).toString('base64url');

/** A public service of the org, as the manage page and the subscribe form list them. */
export interface FollowableService {
  id: string;
  name: string;
}

export async function publicServices(tx: Queryable, orgId: string): Promise<FollowableService[]> {
  return tx.query<FollowableService>(
    `select id, name from public.services where org_id = $1 and is_public order by position, name, id`,
    [orgId],
  );
}

/** Refuses ids that are not public services of the org (a visitor only sees those). */
async function checkServices(tx: Queryable, orgId: string, serviceIds: string[] | null): Promise<void> {
  if (!serviceIds) return;
  const known = new Set((await publicServices(tx, orgId)).map((s) => s.id));
  const unknown = serviceIds.filter((id) => !known.has(id));
  if (unknown.length)
    throw new AppError('validation_failed', 'Unknown service', {
      details: unknown.map((id) => ({ path: ['services'], message: `No public service ${id}`, code: 'custom' })),
    });
}

export interface SubscribeRequest {
  orgSlug: string;
  email: string;
  /** null or absent: all services, new ones included. */
  serviceIds?: string[] | null;
  statusChanges?: boolean;
}

/**
 * A visitor asks to subscribe. The answer is the same whether the address is new, waiting for its
 * confirmation or already confirmed (nothing tells a stranger who subscribes): a new address gets a
 * row and a confirmation mail; a waiting one its choices updated and the mail again, at most once a
 * minute; a confirmed one nothing (its choices change only through its own mailed link). The mail is
 * enqueued in the same transaction, so the request never waits for SMTP.
 */
export async function subscribe(
  { db, clock, env }: { db: Database; clock: Clock; env: Env },
  request: SubscribeRequest,
): Promise<void> {
  const email = normalizeEmail(request.email);
  const serviceIds = request.serviceIds?.length ? [...new Set(request.serviceIds)] : null;
  const now = clock.now();
  await system(db, async (tx) => {
    const [org] = await tx.query<{ id: string }>(
      `select id from public.organizations where slug = $1
       union all select org_id from public.organization_slug_aliases where slug = $1 limit 1`,
      [request.orgSlug],
    );
    if (!org) throw notFound('Status page');
    await checkServices(tx, org.id, serviceIds);
    // One subscribe of an org at a time: the cap below counts rows that concurrent inserts would miss.
    await tx.query(`select 1 from public.organizations where id = $1 for update`, [org.id]);
    const [existing] = await tx.query<{ id: string; token: string; confirmed: boolean; sent_at: string | null }>(
      `select id, token, confirmed_at is not null as confirmed, confirmation_sent_at as sent_at
         from public.status_subscribers where org_id = $1 and email = $2`,
      [org.id, email],
    );
    if (existing?.confirmed) return;
    let subscriber: { id: string; token: string };
    if (existing) {
      const recently =
        existing.sent_at && now.getTime() - new Date(existing.sent_at).getTime() < confirmationIntervalMs;
      await tx.query(`update public.status_subscribers set service_ids = $2, status_changes = $3 where id = $1`, [
        existing.id,
        serviceIds,
        request.statusChanges ?? false,
      ]);
      if (recently) return;
      subscriber = existing;
    } else {
      const [{ count }] = (await tx.query<{ count: number }>(
        `select count(*)::int as count from public.status_subscribers where org_id = $1`,
        [org.id],
      )) as [{ count: number }];
      if (count >= env.SUBSCRIBERS_PER_ORG) throw conflict('This status page takes no more subscribers');
      const [row] = await tx.query<{ id: string; token: string }>(
        `insert into public.status_subscribers (org_id, email, service_ids, status_changes, token, created_at)
         values ($1, $2, $3, $4, $5, $6) returning id, token`,
        [org.id, email, serviceIds, request.statusChanges ?? false, newToken(), now.toISOString()],
      );
      subscriber = row!;
    }
    await tx.query(`update public.status_subscribers set confirmation_sent_at = $2 where id = $1`, [
      subscriber.id,
      now.toISOString(),
    ]);
    const mailOrg = (await loadMailOrg(tx, org.id))!;
    await enqueueDelivery(tx, clock, {
      kind: emailKind,
      orgId: org.id,
      targetId: subscriber.id,
      payload: confirmationMail(publicBaseUrl(env), mailOrg, { email, token: subscriber.token }),
    });
  });
}

/** A subscription found by its mailed token, with what its pages show. */
export interface Subscription {
  id: string;
  email: string;
  confirmed: boolean;
  serviceIds: string[] | null;
  statusChanges: boolean;
  org: { id: string; name: string; slug: string; brand_color: string };
  services: FollowableService[];
}

const tokenShape = /^[A-Za-z0-9_-]{32,128}$/;

/** The subscription of a mailed token, or null (unknown, or already unsubscribed). */
export async function findSubscription(db: Database, token: string): Promise<Subscription | null> {
  if (!tokenShape.test(token)) return null;
  return system(db, async (tx) => {
    const [row] = await tx.query<{
      id: string;
      email: string;
      confirmed: boolean;
      service_ids: string[] | null;
      status_changes: boolean;
      org_id: string;
      name: string;
      slug: string;
      brand_color: string;
    }>(
      `select s.id, s.email, s.confirmed_at is not null as confirmed, s.service_ids, s.status_changes,
              o.id as org_id, o.name, o.slug, o.brand_color
         from public.status_subscribers s join public.organizations o on o.id = s.org_id
        where s.token = $1`,
      [token],
    );
    if (!row) return null;
    return {
      id: row.id,
      email: row.email,
      confirmed: row.confirmed,
      serviceIds: row.service_ids,
      statusChanges: row.status_changes,
      org: { id: row.org_id, name: row.name, slug: row.slug, brand_color: row.brand_color },
      services: await publicServices(tx, row.org_id),
    };
  });
}

/** Double opt-in, second step: from now on the subscription gets mail. False for an unknown token. */
export async function confirmSubscription(db: Database, clock: Clock, token: string): Promise<boolean> {
  if (!tokenShape.test(token)) return false;
  const rows = await system(db, (tx) =>
    tx.query(
      `update public.status_subscribers set confirmed_at = coalesce(confirmed_at, $2) where token = $1 returning id`,
      [token, clock.now().toISOString()],
    ),
  );
  return rows.length > 0;
}

/** Ends the subscription (the row goes: nothing is kept of an address that left). False when unknown. */
export async function unsubscribe(db: Database, token: string): Promise<boolean> {
  if (!tokenShape.test(token)) return false;
  const rows = await system(db, (tx) =>
    tx.query(`delete from public.status_subscribers where token = $1 returning id`, [token]),
  );
  return rows.length > 0;
}

/** Changes what a subscription follows (null: everything). False when the token is unknown. */
export async function updateFollows(
  db: Database,
  token: string,
  follows: { serviceIds: string[] | null; statusChanges: boolean },
): Promise<boolean> {
  if (!tokenShape.test(token)) return false;
  return system(db, async (tx) => {
    const [row] = await tx.query<{ id: string; org_id: string }>(
      `select id, org_id from public.status_subscribers where token = $1 for update`,
      [token],
    );
    if (!row) return false;
    const serviceIds = follows.serviceIds?.length ? [...new Set(follows.serviceIds)] : null;
    await checkServices(tx, row.org_id, serviceIds);
    await tx.query(`update public.status_subscribers set service_ids = $2, status_changes = $3 where id = $1`, [
      row.id,
      serviceIds,
      follows.statusChanges,
    ]);
    return true;
  });
}
