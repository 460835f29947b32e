import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { appendEvent } from '../../db/events.ts';
import { errorResponses } from '../organizations/schema.ts';
import { keepingLastAdmin, readMember, refuseUnmatchedWrite } from './member-row.ts';
import { ChangeRole, MemberBody, MemberParams } from './schema.ts';

/** PUT /api/organizations/:orgId/members/:userId: changes a member's role (admins; never the last admin's). */
export const changeMemberRole = defineRoute(
  { kind: 'org', role: 'admin' },
  createRoute({
    method: 'put',
    path: '/api/organizations/{orgId}/members/{userId}',
    tags: ['members'],
    summary: "Change a member's role",
    request: {
      params: MemberParams,
      body: { required: true, content: { 'application/json': { schema: ChangeRole } } },
    },
    responses: {
      200: { description: 'The member', content: { 'application/json': { schema: MemberBody } } },
      409: { description: 'That would leave the organization without an admin' },
      ...errorResponses,
    },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { userId } = c.req.valid('param');
    const { role } = c.req.valid('json');
    const member = await keepingLastAdmin(() =>
      asCaller(c, async (tx) => {
        const before = await readMember(tx, orgId, userId);
        if (before.role === role) return before;
        const updated = await tx.query(
          'update public.organization_members set role = $3 where org_id = $1 and user_id = $2 returning role',
          [orgId, userId, role],
        );
        if (updated.length === 0) await refuseUnmatchedWrite(tx, orgId, userId);
        const after = { ...before, role };
        await appendEvent(tx, orgId, 'member.role_changed', { member: after, previous_role: before.role });
        return after;
      }),
    );
    return c.json({ data: member }, 200);
  },
);
