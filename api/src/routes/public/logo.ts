import { createRoute, z } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { publicSnapshots } from '../../public-snapshot/registry.ts';
import { LogoQuery, SlugParams, publicErrorResponses } from './schema.ts';
import { publicHeaders, sendCached } from '../../http/public-headers.ts';
import { redirectOrNotFound } from './renamed.ts';
import { orgSlugPattern } from '../../contract/org-slug.ts';
import { notFound } from '../../errors.ts';

const image = { schema: z.string().openapi({ format: 'binary' }) };

/** GET /api/public/status/:orgSlug/logo: the org's logo (versioned URLs are cacheable for a year). */
export const getPublicLogo = defineRoute(
  { kind: 'public' },
  createRoute({
    method: 'get',
    path: '/api/public/status/{orgSlug}/logo',
    tags: ['public'],
    summary: "The organization's logo",
    middleware: [publicHeaders()],
    request: { params: SlugParams, query: LogoQuery },
    responses: {
      200: { description: 'The logo', content: { 'image/png': image, 'image/jpeg': image, 'image/webp': image } },
      ...publicErrorResponses,
    },
  }),
  async (c) => {
    const { orgSlug } = c.req.valid('param');
    const { v } = c.req.valid('query');
    if (!orgSlugPattern.test(orgSlug)) throw notFound('Status page');
    const snapshots = publicSnapshots(c.get('deps'));
    const logo = await snapshots.logo(orgSlug);
    if (!logo) {
      // A known org without a logo is a 404 of the logo, not a redirect.
      if (await snapshots.page(orgSlug)) throw notFound('Logo');
      return redirectOrNotFound(c, orgSlug, '/logo');
    }
    // A versioned URL names these bytes for good; the bare one must follow a new upload soon.
    const cacheControl = v ? 'public, max-age=31536000, immutable' : 'public, max-age=300';
    return sendCached(c, logo, logo.contentType, cacheControl);
  },
);
