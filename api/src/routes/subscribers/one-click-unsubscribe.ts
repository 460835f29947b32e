import { createRoute, z } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { publicHeaders } from '../../http/public-headers.ts';
import { unsubscribe } from '../../subscribers/subscriptions.ts';
import { notFound } from '../../errors.ts';
import { TokenQuery } from './schema.ts';

/**
 * POST /api/public/subscriptions/unsubscribe?token=…: RFC 8058 one-click unsubscribe, the target of
 * every subscriber mail's `List-Unsubscribe` header. Mail clients POST `List-Unsubscribe=One-Click`
 * (form-encoded) with no cookies and no page; any body is accepted and ignored, the token decides.
 */
export const oneClickUnsubscribe = defineRoute(
  { kind: 'public' },
  createRoute({
    method: 'post',
    path: '/api/public/subscriptions/unsubscribe',
    operationId: 'unsubscribeOneClick',
    tags: ['public'],
    summary: 'One-click unsubscribe (RFC 8058)',
    middleware: [publicHeaders()],
    request: { query: TokenQuery },
    responses: {
      200: {
        description: 'Unsubscribed: no more mail goes to this subscription',
        content: { 'application/json': { schema: z.object({ data: z.object({ unsubscribed: z.literal(true) }) }) } },
      },
      404: { description: 'No subscription has this token (unsubscribed already, or removed)' },
    },
  }),
  async (c) => {
    const { token } = c.req.valid('query');
    if (!(await unsubscribe(c.get('deps').db, token))) throw notFound('Subscription');
    return c.json({ data: { unsubscribed: true as const } }, 200);
  },
);
