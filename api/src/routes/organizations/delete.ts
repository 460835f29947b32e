import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { appendEvent } from '../../db/events.ts';
import { AppError } from '../../errors.ts';
import { readOrganization } from './org-row.ts';
import { DeleteOrganizationQuery, errorResponses, OrgIdParams } from './schema.ts';

/**
 * DELETE /api/organizations/:orgId?confirm=<slug>: removes the org and everything of it (the foreign
 * keys cascade: members, invitations, keys, services, incidents, events, logo, aliases). Its public
 * pages are the site renderer's to remove (its `organization.deleted` notification; see
 * site/org-renders.ts), so one place removes them and publishes the removal. Admins only; the slug as
 * confirmation guards against deleting the wrong org.
 */
export const deleteOrganization = defineRoute(
  { kind: 'org', role: 'admin' },
  createRoute({
    method: 'delete',
    path: '/api/organizations/{orgId}',
    tags: ['organizations'],
    summary: 'Delete the organization and everything of it',
    request: { params: OrgIdParams, query: DeleteOrganizationQuery },
    responses: { 204: { description: 'Deleted' }, ...errorResponses },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { confirm } = c.req.valid('query');
    await asCaller(c, async (tx) => {
      const org = await readOrganization(tx, orgId);
      if (confirm !== org.slug) {
        throw new AppError('validation_failed', 'Confirm with ?confirm=<the organization’s current slug>', {
          details: [{ path: ['confirm'], message: 'Does not match the slug', code: 'custom' }],
        });
      }
      // Goes with the org's log, but its NOTIFY reaches the org's open streams (they close) and the
      // site renderer (it removes the org's folders).
      await appendEvent(tx, orgId, 'organization.deleted', { organization: { id: org.id, slug: org.slug } });
      await tx.query('delete from public.organizations where id = $1', [orgId]);
    });
    return c.body(null, 204);
  },
);
