import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { appendEvent } from '../../db/events.ts';
import { readOrganization, withRole } from './org-row.ts';
import { slugTakenOnConflict } from './slug-conflict.ts';
import { errorResponses, OrganizationBody, OrgIdParams, UpdateOrganization } from './schema.ts';

const columns = ['name', 'slug', 'brand_color', 'time_zone'] as const;

/**
 * PUT /api/organizations/:orgId: changes name, slug, brand colour or time zone (admins). A changed
 * slug keeps the old one as an alias of this org (a database trigger does it in the same statement).
 */
export const updateOrganization = defineRoute(
  { kind: 'org', role: 'admin' },
  createRoute({
    method: 'put',
    path: '/api/organizations/{orgId}',
    tags: ['organizations'],
    summary: 'Change the organization settings',
    request: {
      params: OrgIdParams,
      body: { required: true, content: { 'application/json': { schema: UpdateOrganization } } },
    },
    responses: {
      200: { description: 'The updated organization', content: { 'application/json': { schema: OrganizationBody } } },
      409: { description: 'The slug is taken or reserved as another org’s former slug' },
      ...errorResponses,
    },
  }),
  async (c) => {
    const { orgId, role } = c.get('org');
    const changes = c.req.valid('json');
    const org = await slugTakenOnConflict(() =>
      asCaller(c, async (tx) => {
        const before = await readOrganization(tx, orgId);
        const changed = columns.filter((column) => changes[column] !== undefined && changes[column] !== before[column]);
        if (changed.length === 0) return before;
        const sets = changed.map((column, i) => `${column} = $${i + 2}`);
        await tx.query(`update public.organizations set ${sets.join(', ')}, updated_at = now() where id = $1`, [
          orgId,
          ...changed.map((column) => changes[column]),
        ]);
        const after = await readOrganization(tx, orgId);
        await appendEvent(tx, orgId, 'organization.updated', { organization: after, changed });
        return after;
      }),
    );
    return c.json({ data: withRole(org, role) }, 200);
  },
);
