import { createRoute, z } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { publicHeaders } from '../../http/public-headers.ts';
import { subscribe } from '../../subscribers/subscriptions.ts';
import { escapeHtml } from '../../subscribers/render-mail.ts';
import { statusPageUrl } from '../../subscribers/links.ts';
import { publicBaseUrl } from '../../auth/account-mail.ts';
import { limitAction, rateLimitedResponse } from '../auth/limits.ts';
import { subscriptionPage } from '../subscription-pages/page.ts';
import { SlugParams, SubscribeAnswer, SubscribeForm, SubscribeJson } from './schema.ts';

const isForm = (contentType: string | undefined) =>
  /^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(contentType ?? '');

/**
 * POST /api/public/status/:orgSlug/subscribers: a visitor subscribes to the org's status mail (double
 * opt-in: a confirmation mail first). JSON from scripts and the live page; a plain HTML form post from
 * the static page (no script needed), which gets a small HTML page back with a link to the status
 * page. The same answer for every address. Limited per client IP (as the other anonymous actions)
 * and to one confirmation mail per address per minute.
 */
export const subscribeToStatusPage = defineRoute(
  { kind: 'public' },
  createRoute({
    method: 'post',
    path: '/api/public/status/{orgSlug}/subscribers',
    operationId: 'subscribeToStatusPage',
    tags: ['public'],
    summary: "Subscribe to an organization's status mail (double opt-in)",
    middleware: [publicHeaders()],
    request: {
      params: SlugParams,
      body: {
        required: false,
        content: {
          'application/json': { schema: SubscribeJson },
          'application/x-www-form-urlencoded': { schema: SubscribeForm },
        },
      },
    },
    responses: {
      202: {
        description: 'Taken: a confirmation mail is on its way unless the address is already confirmed',
        content: { 'application/json': { schema: SubscribeAnswer } },
      },
      200: {
        description: 'A form post: the same, as a small HTML page',
        content: { 'text/html': { schema: z.string() } },
      },
      409: { description: 'The status page takes no more subscribers' },
      ...rateLimitedResponse,
    },
  }),
  async (c) => {
    const { orgSlug } = c.req.valid('param');
    const deps = c.get('deps');
    const form = isForm(c.req.header('content-type'));
    let request: { email: string; serviceIds: string[] | null; statusChanges: boolean };
    if (form) {
      const body = SubscribeForm.parse(c.req.valid('form'));
      const services = body.services === undefined ? [] : [body.services].flat();
      request = {
        email: body.email,
        serviceIds: services,
        statusChanges: ['on', 'true', '1'].includes(body.status_changes ?? ''),
      };
    } else {
      const body = SubscribeJson.parse(c.req.valid('json'));
      request = { email: body.email, serviceIds: body.services ?? null, statusChanges: body.status_changes ?? false };
    }
    limitAction(c, 'subscribe');
    await subscribe(deps, { orgSlug, ...request });
    if (!form) return c.json({ data: { status: 'pending_confirmation' as const } }, 202);
    const back = statusPageUrl(publicBaseUrl(deps.env), orgSlug);
    return c.html(
      subscriptionPage({
        title: 'Check your inbox',
        body: `<p>If <strong>${escapeHtml(request.email)}</strong> is not subscribed yet, a mail with a confirmation link is on its way. Nothing is sent before you confirm.</p>
<p><a href="${escapeHtml(back)}">Back to the status page</a></p>`,
      }),
      200,
    );
  },
);
