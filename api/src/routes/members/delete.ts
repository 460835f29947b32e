import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { asSystem } from '../../db/doors.ts';
import type { Queryable } from '../../db/types.ts';
import { appendEvent } from '../../db/events.ts';
import { forbidden } from '../../errors.ts';
import { errorResponses } from '../organizations/schema.ts';
import { keepingLastAdmin, readMember, refuseUnmatchedWrite } from './member-row.ts';
import { MemberParams } from './schema.ts';

/**
 * DELETE /api/organizations/:orgId/members/:userId: an admin removes a member, or anyone leaves with
 * their own id; never the last admin. Their tokens stay valid but lose this org on the next request,
 * since membership is read on every request.
 */
export const removeMember = defineRoute(
  { kind: 'org', role: 'viewer' },
  createRoute({
    method: 'delete',
    path: '/api/organizations/{orgId}/members/{userId}',
    operationId: 'removeMember',
    tags: ['members'],
    summary: 'Remove a member, or leave',
    request: { params: MemberParams },
    responses: {
      204: { description: 'Removed' },
      409: { description: 'That would leave the organization without an admin' },
      ...errorResponses,
    },
  }),
  async (c) => {
    const { orgId, role } = c.get('org');
    const { userId } = c.req.valid('param');
    const caller = c.get('caller');
    const leaving = caller.kind === 'user' && caller.userId === userId;
    if (!leaving && role !== 'admin') throw forbidden('Only admins can remove other members');
    const remove = async (tx: Queryable, actor?: Record<string, unknown>) => {
      const member = await readMember(tx, orgId, userId);
      await appendEvent(tx, orgId, 'member.removed', { member, left: leaving }, actor);
      const deleted = await tx.query(
        'delete from public.organization_members where org_id = $1 and user_id = $2 returning user_id',
        [orgId, userId],
      );
      if (deleted.length === 0) await refuseUnmatchedWrite(tx, orgId, userId);
    };
    await keepingLastAdmin(() =>
      leaving
        ? // Leaving is the auth module's business: its door, for the verified caller's own membership
          // only (viewers may not write the org's log through their own door).
          asSystem(c.get('deps').db, 'auth', (tx) => remove(tx, { type: 'user', id: userId }))
        : asCaller(c, (tx) => remove(tx)),
    );
    return c.body(null, 204);
  },
);
