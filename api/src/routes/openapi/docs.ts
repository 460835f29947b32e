import { createRoute, z } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';

/** GET /api/docs: the API reference, rendered on the server into one offline HTML page. */
export const getDocs = defineRoute(
  { kind: 'public' },
  createRoute({
    method: 'get',
    path: '/api/docs',
    operationId: 'getApiReference',
    tags: ['meta'],
    summary: 'API reference (HTML, offline: no scripts, no external resources)',
    responses: { 200: { description: 'The reference page', content: { 'text/html': { schema: z.string() } } } },
  }),
  (c) => {
    // Nothing but its own inline style may load; links stay inside the page or this API.
    c.header(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    c.header('Cache-Control', 'public, max-age=300');
    return c.html(c.get('apiReference').html(), 200);
  },
);
