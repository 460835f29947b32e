import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { publicSnapshots } from '../../public-snapshot/registry.ts';
import { SlugParams, StatuspageSummaryBody, publicErrorResponses } from './schema.ts';
import { publicHeaders, sendCached } from '../../http/public-headers.ts';
import { redirectOrNotFound } from './renamed.ts';
import { orgSlugPattern } from '../../contract/org-slug.ts';

/** GET /api/public/status/:orgSlug/summary.json: Statuspage's public summary shape, for its clients. */
export const getPublicSummary = defineRoute(
  { kind: 'public' },
  createRoute({
    method: 'get',
    path: '/api/public/status/{orgSlug}/summary.json',
    operationId: 'getPublicSummary',
    tags: ['public'],
    summary: "Statuspage-compatible summary (the shape of Statuspage's /api/v2/summary.json)",
    middleware: [publicHeaders()],
    request: { params: SlugParams },
    responses: {
      200: { description: 'The summary', content: { 'application/json': { schema: StatuspageSummaryBody } } },
      ...publicErrorResponses,
    },
  }),
  async (c) => {
    const { orgSlug } = c.req.valid('param');
    const page = orgSlugPattern.test(orgSlug) ? await publicSnapshots(c.get('deps')).page(orgSlug) : null;
    if (!page) return redirectOrNotFound(c, orgSlug, '/summary.json');
    return sendCached(c, page.summary, 'application/json; charset=utf-8');
  },
);
