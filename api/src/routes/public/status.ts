import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { publicSnapshots } from '../../public-snapshot/registry.ts';
import { PublicStatusBody, SlugParams, publicErrorResponses } from './schema.ts';
import { publicHeaders, sendCached } from '../../http/public-headers.ts';
import { redirectOrNotFound } from './renamed.ts';
import { orgSlugPattern } from '../../contract/org-slug.ts';

/** GET /api/public/status/:orgSlug: the public snapshot, from memory (events invalidate it). */
export const getPublicStatus = defineRoute(
  { kind: 'public' },
  createRoute({
    method: 'get',
    path: '/api/public/status/{orgSlug}',
    tags: ['public'],
    summary: 'Public status of an organization: indicator, public services, incidents, maintenances',
    description:
      'Only public data: public services, and incidents/maintenances that affect at least one of them (private services stripped). ETag and Cache-Control; 304 on If-None-Match. `seq` is the event the snapshot reflects.',
    middleware: [publicHeaders()],
    request: { params: SlugParams },
    responses: {
      200: { description: 'The public snapshot', content: { 'application/json': { schema: PublicStatusBody } } },
      ...publicErrorResponses,
    },
  }),
  async (c) => {
    const { orgSlug } = c.req.valid('param');
    const page = orgSlugPattern.test(orgSlug) ? await publicSnapshots(c.get('deps')).page(orgSlug) : null;
    if (!page) return redirectOrNotFound(c, orgSlug, '');
    return sendCached(c, page.status, 'application/json; charset=utf-8');
  },
);
