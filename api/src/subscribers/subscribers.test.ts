import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { addMember, createOrg, createService, createUser } from '../../test/fixtures.ts';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../../test/smtp-sink.ts';
import { asSystem } from '../db/doors.ts';

/** The first link in `text` to `path`, as a path + query the app answers. */
function linkTo(text: string, path: string): string {
  const match = new RegExp(`https?://[^\\s>"]+(${path.replace(/\//g, '\\/')}\\?token=[A-Za-z0-9_-]+)`).exec(text);
  if (!match) throw new Error(`no ${path} link in:\n${text}`);
  return match[1]!;
}

/** The hidden fields and action of the one form of a page. */
function formOf(html: string): { action: string; fields: Record<string, string> } {
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no form in:\n${html}`);
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)) fields[m[1]!] = m[2]!;
  return { action, fields };
}

describe('status page subscribers: double opt-in by real SMTP, notifications, one-click unsubscribe', () => {
  let smtp: SmtpSink;
  let t: TestContext;
  let org: { id: string; slug: string };
  let admin: string;
  let api: string;
  let web: string;
  let db: string;
  const address = 'reader@example.test';

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await createTestContext({
      SMTP_URL: smtp.url,
      SUBSCRIBERS_PER_ORG: '6',
      PUBLIC_BASE_URL: 'https://status.example.test',
    });
    org = await createOrg(t.db, 'acme-subs', 'Acme Cloud');
    await asSystem(t.db, 'test', async (tx) => {
      await tx.query(`update public.organizations set brand_color = '#c2410c' where id = $1`, [org.id]);
      await tx.query(
        `insert into public.organization_logos (org_id, content_type, bytes) values ($1, 'image/png', '\\x89504e47')`,
        [org.id],
      );
    });
    api = (await createService(t.db, org.id, { name: 'API' })).id;
    web = (await createService(t.db, org.id, { name: 'Website' })).id;
    db = (await createService(t.db, org.id, { name: 'Internal DB', is_public: false })).id;
    const user = await createUser(t.db);
    await addMember(t.db, org.id, user.id, 'admin');
    admin = await t.tokens.sign(user.id, user.email);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const subscribe = (body: unknown) =>
    t.app.request(`/api/public/status/${org.slug}/subscribers`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://elsewhere.example' },
      body: JSON.stringify(body),
    });
  const asAdmin = (method: string, path: string, json?: unknown) =>
    t.app.request(path, {
      method,
      headers: { Authorization: `Bearer ${admin}`, ...(json ? { 'Content-Type': 'application/json' } : {}) },
      body: json ? JSON.stringify(json) : undefined,
    });
  /** Sends what the outbox holds, and returns the messages that arrived meanwhile. */
  async function deliver(expected: number): Promise<ReceivedMail[]> {
    const before = smtp.received.length;
    await t.deps.outbox!.drain();
    await smtp.until(before + expected);
    return smtp.received.slice(before);
  }
  const openIncident = async (title: string, services: string[], message: string) => {
    const res = await asAdmin('POST', `/api/organizations/${org.id}/incidents`, {
      title,
      message,
      status: 'investigating',
      services: services.map((service_id) => ({ service_id, status: 'major_outage' })),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { data: { id: string } }).data.id;
  };

  let confirmation: ReceivedMail;
  it('takes a subscription (CORS *) and mails a confirmation link; nothing else before it is confirmed', async () => {
    const res = await subscribe({ email: 'Reader@Example.test', services: [api] });
    expect(res.status).toBe(202);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.json()).toEqual({ data: { status: 'pending_confirmation' } });
    [confirmation] = (await deliver(1)) as [ReceivedMail];
    expect(confirmation.to).toBe(address);
    expect(confirmation.subject).toBe('Confirm your subscription to Acme Cloud status updates');
    expect(confirmation.text).toContain('https://status.example.test/subscriptions/confirm?token=');
    expect(confirmation.html).toContain('#c2410c');
    // An incident before the confirmation mails nobody.
    await openIncident('Early outage', [api], 'Not for unconfirmed readers');
    await t.deps.outbox!.drain();
    expect(smtp.received).toHaveLength(1);
  });

  it('answers a repeat the same way, and mails the confirmation again at most once a minute', async () => {
    const again = await subscribe({ email: address, services: [api] });
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual({ data: { status: 'pending_confirmation' } });
    await t.deps.outbox!.drain();
    expect(smtp.received).toHaveLength(1);
    t.clock.advance(61_000);
    await subscribe({ email: address, services: [api] });
    const [resent] = (await deliver(1)) as [ReceivedMail];
    // The same subscription, so the same link.
    expect(linkTo(resent.text, '/subscriptions/confirm')).toBe(linkTo(confirmation.text, '/subscriptions/confirm'));
  });

  it('the confirmation link opens a page whose button confirms', async () => {
    const page = await t.app.request(linkTo(confirmation.text, '/subscriptions/confirm'));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Confirm your subscription');
    const form = formOf(html);
    const done = await t.app.request(form.action, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form.fields).toString(),
    });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('You are subscribed');
    // Confirmed: a repeat now sends nothing at all, and answers the same.
    t.clock.advance(61_000);
    const repeat = await subscribe({ email: address });
    expect(repeat.status).toBe(202);
    await t.deps.outbox!.drain();
    expect(smtp.received).toHaveLength(2);
  });

  let notification: ReceivedMail;
  let incidentId: string;
  it('an incident on a followed service arrives: branded, title, status, latest message, page link, one-click headers', async () => {
    incidentId = await openIncident('API errors', [api, db], 'We are looking into elevated error rates.');
    [notification] = (await deliver(1)) as [ReceivedMail];
    expect(notification.to).toBe(address);
    expect(notification.subject).toBe('[Acme Cloud] New incident: API errors');
    expect(notification.text).toContain('Status: investigating');
    expect(notification.text).toContain('We are looking into elevated error rates.');
    expect(notification.text).toContain(`https://status.example.test/status/acme-subs/incidents/${incidentId}/`);
    expect(notification.html).toContain('#c2410c');
    expect(notification.html).toContain('https://status.example.test/api/public/status/acme-subs/logo');
    expect(notification.html).toContain('API errors');
    expect(notification.text).not.toContain('Internal DB');
    const oneClick = notification.headers.get('list-unsubscribe');
    expect(oneClick).toMatch(
      /^<https:\/\/status\.example\.test\/api\/public\/subscriptions\/unsubscribe\?token=[A-Za-z0-9_-]+>$/,
    );
    expect(notification.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    // The Message-ID is the outbox delivery's id.
    const [row] = await t.db.query<{ id: string }>(
      `select id from private.outbox where kind = 'email' order by created_at desc limit 1`,
    );
    expect(notification.messageId).toBe(`<${row!.id}@lantern.local>`);
  });

  it('an incident on a service not followed, or on private services only, mails nothing', async () => {
    await openIncident('Website slow', [web], 'Slow pages');
    await openIncident('DB maintenance noise', [db], 'Private');
    await t.deps.outbox!.drain();
    expect(smtp.received).toHaveLength(3);
  });

  it('every link of the mail opens a working page: manage (and saves), unsubscribe (a form)', async () => {
    const manage = await t.app.request(linkTo(notification.text, '/subscriptions/manage'));
    expect(manage.status).toBe(200);
    const html = await manage.text();
    expect(html).toContain('API');
    expect(html).toContain('Website');
    expect(html).not.toContain('Internal DB');
    const { action, fields } = formOf(html);
    const body = new URLSearchParams(fields);
    body.append('services', api);
    body.append('services', web);
    const saved = await t.app.request(action, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: body.toString(),
    });
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain('Saved.');
    const [row] = await t.db.query<{ service_ids: string[] }>(
      `select service_ids from public.status_subscribers where email = $1`,
      [address],
    );
    expect([...row!.service_ids].sort()).toEqual([api, web].sort());
    const unsubscribePage = await t.app.request(linkTo(notification.text, '/subscriptions/unsubscribe'));
    expect(unsubscribePage.status).toBe(200);
    expect(formOf(await unsubscribePage.text()).action).toBe('/subscriptions/unsubscribe');
  });

  it('one-click unsubscribe (RFC 8058 POST) stops the next notification', async () => {
    const target = new URL(notification.headers.get('list-unsubscribe')!.slice(1, -1));
    const res = await t.app.request(target.pathname + target.search, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(res.status).toBe(200);
    const resolve = await asAdmin('POST', `/api/organizations/${org.id}/incidents/${incidentId}/resolve`, {
      message: 'Fixed',
    });
    expect(resolve.status).toBeLessThan(300);
    await t.deps.outbox!.drain();
    expect(smtp.received).toHaveLength(3);
    // The link of an old mail now says so, instead of failing.
    const gone = await t.app.request(linkTo(notification.text, '/subscriptions/manage'));
    expect(gone.status).toBe(404);
    expect(await gone.text()).toContain('This link no longer works');
  });

  it('a plain HTML form post gets a small HTML page back', async () => {
    const res = await t.app.request(`/api/public/status/${org.slug}/subscribers`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'form@example.test', services: web }).toString(),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('Check your inbox');
    expect(html).toContain('https://status.example.test/status/acme-subs/');
    await deliver(1);
  });

  it('refuses unknown services and pages, and caps the subscribers of an org', async () => {
    const unknown = await subscribe({ email: 'x@example.test', services: [db] });
    expect(unknown.status).toBe(400);
    const nowhere = await t.app.request('/api/public/status/no-such-org/subscribers', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'x@example.test' }),
    });
    expect(nowhere.status).toBe(404);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await subscribe({ email: `cap${i}@example.test` })).status);
    // One row is the form subscriber; the cap is 6.
    expect(statuses).toEqual([202, 202, 202, 202, 202, 409]);
  });

  it('admins list with count, search and pages, export CSV, and remove one', async () => {
    const first = await asAdmin('GET', `/api/organizations/${org.id}/subscribers?limit=4`);
    expect(first.status).toBe(200);
    const page1 = (await first.json()) as {
      data: { id: string; email: string }[];
      total: number;
      next_cursor: string | null;
    };
    expect(page1.total).toBe(6);
    expect(page1.data).toHaveLength(4);
    expect(JSON.stringify(page1)).not.toMatch(/token/);
    const second = await asAdmin('GET', `/api/organizations/${org.id}/subscribers?limit=4&cursor=${page1.next_cursor}`);
    const page2 = (await second.json()) as typeof page1;
    expect(page2.data).toHaveLength(2);
    expect(page2.next_cursor).toBeNull();
    expect(new Set([...page1.data, ...page2.data].map((s) => s.email)).size).toBe(6);
    const search = (await (
      await asAdmin('GET', `/api/organizations/${org.id}/subscribers?q=FORM@`)
    ).json()) as typeof page1;
    expect(search.data.map((s) => s.email)).toEqual(['form@example.test']);
    expect(search.total).toBe(1);
    const csv = await asAdmin('GET', `/api/organizations/${org.id}/subscribers/export`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('email,confirmed,confirmed_at,services,status_changes,created_at');
    expect(lines).toHaveLength(7);
    expect(lines.find((l) => l.startsWith('form@'))).toMatch(
      new RegExp(`^form@example.test,false,,${web},false,\\d{4}-`),
    );
    const removed = await asAdmin('DELETE', `/api/organizations/${org.id}/subscribers/${search.data[0]!.id}`);
    expect(removed.status).toBe(204);
    expect((await asAdmin('DELETE', `/api/organizations/${org.id}/subscribers/${search.data[0]!.id}`)).status).toBe(
      404,
    );
  });
});
