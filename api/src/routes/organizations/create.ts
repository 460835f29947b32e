import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { appendEvent } from '../../db/events.ts';
import { readOrganization, withRole } from './org-row.ts';
import { slugTakenOnConflict } from './slug-conflict.ts';
import { CreateOrganization, errorResponses, OrganizationBody } from './schema.ts';

/** POST /api/organizations: creates an org; the caller becomes its first admin. */
export const createOrganization = defineRoute(
  { kind: 'user' },
  createRoute({
    method: 'post',
    path: '/api/organizations',
    tags: ['organizations'],
    summary: 'Create an organization (the caller becomes its admin)',
    request: { body: { required: true, content: { 'application/json': { schema: CreateOrganization } } } },
    responses: {
      201: { description: 'Created', content: { 'application/json': { schema: OrganizationBody } } },
      409: { description: 'The slug is taken or reserved as another org’s former slug' },
      ...errorResponses,
    },
  }),
  async (c) => {
    const { name, slug } = c.req.valid('json');
    const org = await slugTakenOnConflict(() =>
      asCaller(c, async (tx) => {
        // The one way in: a security definer function that also makes the caller admin.
        const [created] = await tx.query<{ id: string }>('select id from public.create_organization($1, $2)', [
          name,
          slug,
        ]);
        const org = await readOrganization(tx, created!.id);
        await appendEvent(tx, org.id, 'organization.created', { organization: org });
        return org;
      }),
    );
    return c.json({ data: withRole(org, 'admin') }, 201);
  },
);
