import { createRoute, z } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { notFound } from '../../errors.ts';
import { publicHeaderEntries, publicHeaders } from '../../http/public-headers.ts';
import { openPublicStream, resolvePublicStream } from '../../realtime/open-public-stream.ts';
import { alreadySent, lastEventId, sseResponse, streamContext } from './stream-request.ts';

/**
 * GET /api/public/status/:orgSlug/stream: the org's public changes, live (no auth, CORS *). The
 * server's fast lane (http/fast-lane.ts) answers admitted streams of current slugs before Hono with
 * the same functions; this route answers everything else (renamed, unknown, refused) and is the
 * declaration the OpenAPI document and the route matrix use.
 */
export const getPublicStream = defineRoute(
  { kind: 'public' },
  createRoute({
    method: 'get',
    path: '/api/public/status/{orgSlug}/stream',
    operationId: 'streamPublicStatus',
    tags: ['public', 'streams'],
    summary: 'Live public status (SSE): the public snapshot, then one event per public change',
    middleware: [publicHeaders()],
    request: {
      params: z.object({ orgSlug: z.string().regex(/^[a-z0-9-]{1,64}$/) }),
      query: z.object({ lastEventId: z.string().max(32).optional() }),
    },
    responses: {
      200: sseResponse,
      308: { description: 'A renamed org: its new stream URL' },
      404: { description: 'Unknown org' },
      429: { description: 'Too many open streams from this client (Retry-After)' },
      503: { description: 'Too many open streams on this server (Retry-After)' },
    },
  }),
  async (c) => {
    const deps = c.get('deps');
    const { orgSlug } = c.req.valid('param');
    const org = await resolvePublicStream(deps.db, orgSlug);
    if (!org) throw notFound('Organization');
    if (org.slug !== orgSlug) {
      const search = new URL(c.req.url).search;
      return c.body(null, 308, { ...publicHeaderEntries, Location: `/api/public/status/${org.slug}/stream${search}` });
    }
    const after = lastEventId(c);
    const { realtime, res, release } = streamContext(c);
    await openPublicStream({ deps, realtime, org, res, after, requestId: c.get('requestId'), release });
    return alreadySent();
  },
);
