import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { readOrganization, withRole } from './org-row.ts';
import { errorResponses, OrganizationBody, OrgIdParams } from './schema.ts';

/** GET /api/organizations/:orgId: the org profile (viewers and up, API keys with `read`). */
export const getOrganization = defineRoute(
  { kind: 'org', role: 'viewer', scopes: ['read'] },
  createRoute({
    method: 'get',
    path: '/api/organizations/{orgId}',
    tags: ['organizations'],
    summary: 'The organization profile',
    request: { params: OrgIdParams },
    responses: {
      200: { description: 'The organization', content: { 'application/json': { schema: OrganizationBody } } },
      ...errorResponses,
    },
  }),
  async (c) => {
    const { orgId, role } = c.get('org');
    const org = await asCaller(c, (tx) => readOrganization(tx, orgId));
    return c.json({ data: withRole(org, role) }, 200);
  },
);
