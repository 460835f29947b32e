import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { appendEvent } from '../../db/events.ts';
import type { Queryable } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import { readOrganization, withRole } from './org-row.ts';
import { slugTakenOnConflict } from './slug-conflict.ts';
import { CreateOrganization, errorResponses, OrganizationBody } from './schema.ts';

/**
 * POST /api/organizations: creates an org; the caller becomes its first admin. With SIGNUP=open
 * anyone signed in may (as on Statuspage or OpenStatus); with SIGNUP=invite or closed the instance
 * is private, and only someone who already administers an org here may add one (Grafana's
 * allow_org_create=false): an invited viewer cannot publish new public pages on the operator's domain.
 */
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
    const restricted = c.get('deps').env.SIGNUP !== 'open';
    const org = await slugTakenOnConflict(() =>
      asCaller(c, async (tx) => {
        if (restricted) await assertAdminSomewhere(tx);
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

/** Refuses a caller who is admin of no org (read through their own RLS door: their memberships). */
async function assertAdminSomewhere(tx: Queryable): Promise<void> {
  const [admin] = await tx.query(
    `select 1 from public.organization_members where user_id = (select auth.uid()) and role = 'admin' limit 1`,
  );
  if (!admin) {
    throw new AppError('forbidden', 'On this instance only admins of an existing organization can create one', {
      details: { reason: 'org_creation_restricted' },
    });
  }
}
