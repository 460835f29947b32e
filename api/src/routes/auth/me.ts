import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asSystem, withUser } from '../../db/doors.ts';
import { loadAuthUser } from '../../auth/auth-user.ts';
import type { MemberRole } from '../../contract/roles.ts';
import { unauthorized } from '../../errors.ts';
import { userIdOf } from './bearer.ts';
import { MeBody } from './schema.ts';

/** GET /api/auth/me: the signed-in user and their organizations with roles (for org switching). */
export const me = defineRoute(
  { kind: 'user' },
  createRoute({
    method: 'get',
    path: '/api/auth/me',
    operationId: 'getCurrentUser',
    tags: ['auth'],
    summary: 'The signed-in user and their organizations',
    responses: {
      200: { description: 'The user and their organizations', content: { 'application/json': { schema: MeBody } } },
    },
  }),
  async (c) => {
    const { db } = c.get('deps');
    const userId = userIdOf(c);
    // auth.users is the auth module's (service_role, for this verified user only); the orgs are read
    // through the user's own door, so RLS shows exactly their memberships.
    const user = await asSystem(db, 'auth', (tx) => loadAuthUser(tx, userId));
    if (!user) throw unauthorized('This account no longer exists');
    const organizations = await withUser(db, { userId }, (tx) =>
      tx.query<{ id: string; slug: string; name: string; role: MemberRole }>(
        `select o.id, o.slug, o.name, m.role
         from public.organization_members m join public.organizations o on o.id = m.org_id
         where m.user_id = $1
         order by o.name, o.id`,
        [userId],
      ),
    );
    return c.json({ data: { user, organizations } }, 200);
  },
);
