import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../http/app-env.ts';
import {
  confirmSubscription,
  findSubscription,
  unsubscribe,
  updateFollows,
  type Subscription,
} from '../../subscribers/subscriptions.ts';
import { escapeHtml } from '../../subscribers/render-mail.ts';
import { statusPageUrl, subscriptionLinks } from '../../subscribers/links.ts';
import { publicBaseUrl } from '../../auth/account-mail.ts';
import { AppError } from '../../errors.ts';
import { subscriptionPage } from './page.ts';

type Ctx = Context<AppEnv>;

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Answers a page with headers that keep the token out of referrers and caches. */
function page(c: Ctx, html: string, status: 200 | 404 | 400 = 200) {
  return c.html(html, status, {
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'",
  });
}

const unknownLink = (c: Ctx) =>
  page(
    c,
    subscriptionPage({
      title: 'This link no longer works',
      body: '<p>No subscription has this link: it was unsubscribed or removed. Subscribe again from the status page.</p>',
    }),
    404,
  );

/** The token of a GET (query) or a POST (form field, else query). */
async function tokenOf(c: Ctx): Promise<string> {
  if (c.req.method === 'POST') {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    if (typeof form.token === 'string') return form.token;
  }
  return c.req.query('token') ?? '';
}

const hiddenToken = (token: string) => `<input type="hidden" name="token" value="${escapeHtml(token)}">`;
const pageOf = (s: Subscription, title: string, body: string) =>
  subscriptionPage({ title, body, orgName: s.org.name, color: s.org.brand_color });

function manageForm(s: Subscription, token: string): string {
  const follows = new Set(s.serviceIds ?? []);
  const all = s.serviceIds === null;
  const boxes = s.services
    .map(
      (svc) =>
        `<label><input type="checkbox" name="services" value="${svc.id}"${all || follows.has(svc.id) ? ' checked' : ''}> ${escapeHtml(svc.name)}</label>`,
    )
    .join('\n');
  return `<form method="post" action="/subscriptions/manage">${hiddenToken(token)}
<fieldset><legend>Services</legend>
<label><input type="checkbox" name="all" value="1"${all ? ' checked' : ''}> All services, new ones included</label>
${boxes}</fieldset>
<label><input type="checkbox" name="status_changes" value="1"${s.statusChanges ? ' checked' : ''}> Also mail me each status change of these services</label>
<p><button type="submit">Save</button></p></form>`;
}

/**
 * The pages every subscriber mail links to (`/subscriptions/confirm|manage|unsubscribe?token=…`),
 * served by the API outside the route table like the other non-API pages. A GET never changes
 * anything (mail scanners open links): it shows a form whose POST does the change.
 */
export function mountSubscriptionPages(app: Hono<AppEnv>): void {
  app.on(['GET', 'POST'], '/subscriptions/confirm', async (c) => {
    const { db, clock, env } = c.get('deps');
    const token = await tokenOf(c);
    const s = await findSubscription(db, token);
    if (!s) return unknownLink(c);
    const links = subscriptionLinks(publicBaseUrl(env), token);
    if (c.req.method === 'GET' && !s.confirmed)
      return page(
        c,
        pageOf(
          s,
          'Confirm your subscription',
          `<p>Send ${escapeHtml(s.org.name)}'s status updates to <strong>${escapeHtml(s.email)}</strong>?</p>
<form method="post" action="/subscriptions/confirm">${hiddenToken(token)}<button type="submit">Confirm subscription</button></form>`,
        ),
      );
    if (!s.confirmed) await confirmSubscription(db, clock, token);
    return page(
      c,
      pageOf(
        s,
        'You are subscribed',
        `<p>${escapeHtml(s.email)} will get ${escapeHtml(s.org.name)}'s status updates.</p>
<p><a href="${escapeHtml(links.manage)}">Choose services</a> · <a href="${escapeHtml(statusPageUrl(publicBaseUrl(env), s.org.slug))}">Status page</a></p>`,
      ),
    );
  });

  app.on(['GET', 'POST'], '/subscriptions/manage', async (c) => {
    const { db } = c.get('deps');
    const token = await tokenOf(c);
    let s = await findSubscription(db, token);
    if (!s) return unknownLink(c);
    let notice = '';
    if (c.req.method === 'POST') {
      const form = await c.req.parseBody({ all: true });
      const services = [form.services ?? []].flat().filter((v): v is string => typeof v === 'string' && uuid.test(v));
      const all = form.all === '1' || services.length === 0;
      try {
        await updateFollows(db, token, {
          serviceIds: all ? null : services,
          statusChanges: form.status_changes === '1',
        });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        return page(c, pageOf(s, 'Could not save', `<p>${escapeHtml(error.message)}</p>`), 400);
      }
      s = (await findSubscription(db, token))!;
      notice = '<p role="status"><strong>Saved.</strong></p>';
    }
    const links = subscriptionLinks(publicBaseUrl(c.get('deps').env), token);
    return page(
      c,
      pageOf(
        s,
        'Your subscription',
        `${notice}<p>Mail to <strong>${escapeHtml(s.email)}</strong>${s.confirmed ? '' : ' (not confirmed yet: follow the link in the confirmation mail)'}.</p>
${manageForm(s, token)}<p><a href="${escapeHtml(links.unsubscribe)}">Unsubscribe</a></p>`,
      ),
    );
  });

  app.on(['GET', 'POST'], '/subscriptions/unsubscribe', async (c) => {
    const { db, env } = c.get('deps');
    const token = await tokenOf(c);
    const s = await findSubscription(db, token);
    if (!s) return unknownLink(c);
    if (c.req.method === 'GET')
      return page(
        c,
        pageOf(
          s,
          'Unsubscribe',
          `<p>Stop sending ${escapeHtml(s.org.name)}'s status updates to <strong>${escapeHtml(s.email)}</strong>?</p>
<form method="post" action="/subscriptions/unsubscribe">${hiddenToken(token)}<button type="submit">Unsubscribe</button></form>`,
        ),
      );
    await unsubscribe(db, token);
    return page(
      c,
      pageOf(
        s,
        'You are unsubscribed',
        `<p>No more mail goes to ${escapeHtml(s.email)}. <a href="${escapeHtml(statusPageUrl(publicBaseUrl(env), s.org.slug))}">Status page</a></p>`,
      ),
    );
  });
}
