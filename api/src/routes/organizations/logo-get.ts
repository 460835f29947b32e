import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { notFound } from '../../errors.ts';
import { errorResponses, OrgIdParams } from './schema.ts';

const binary = { schema: { type: 'string' as const, format: 'binary' } };

/** GET /api/organizations/:orgId/logo: the stored logo bytes (viewers and up, API keys with `read`). */
export const getOrganizationLogo = defineRoute(
  { kind: 'org', role: 'viewer', scopes: ['read'] },
  createRoute({
    method: 'get',
    path: '/api/organizations/{orgId}/logo',
    operationId: 'getOrganizationLogo',
    tags: ['organizations'],
    summary: 'The organization logo',
    request: { params: OrgIdParams },
    responses: {
      200: { description: 'The image', content: { 'image/png': binary, 'image/jpeg': binary, 'image/webp': binary } },
      ...errorResponses,
    },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const [logo] = await asCaller(c, (tx) =>
      tx.query<{ content_type: string; bytes: Uint8Array }>(
        'select content_type, bytes from public.organization_logos where org_id = $1',
        [orgId],
      ),
    );
    if (!logo) throw notFound('Logo');
    // The type was decided from the bytes at upload; nosniff keeps browsers from guessing another.
    return c.body(new Uint8Array(logo.bytes), 200, {
      'Content-Type': logo.content_type,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-cache',
    });
  },
);
