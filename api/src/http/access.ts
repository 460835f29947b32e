import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.ts';
import type { ApiKeyScope, MemberRole } from '../contract/roles.ts';
import { roleAtLeast } from '../contract/roles.ts';
import { forbidden, notFound, unauthorized } from '../errors.ts';
import { withUser } from '../db/doors.ts';
import { checkOperatorToken } from './operator-token.ts';

/** Who may call a route: the route table's access column (docs/architecture.md, "Who may do what"). */
export type Access =
  | { kind: 'public' }
  /** Any signed-in user (not an API key). */
  | { kind: 'user' }
  /** A member of `:orgId` with at least `role`, or an API key of that org holding one of `scopes`. */
  | { kind: 'org'; role: MemberRole; scopes?: readonly ApiKeyScope[] }
  /** Only an API key of `:orgId` holding one of `scopes` (machine endpoints). */
  | { kind: 'api_key'; scopes: readonly ApiKeyScope[] }
  /** The operator: `Bearer <METRICS_TOKEN>` when that is set, anyone when it is not (`/metrics`). */
  | { kind: 'operator' };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Enforces `access` before validation and the handler run. Membership is read from the database on
 * every request, so a removed member is refused at once although their token is still valid.
 * RLS says the same again inside the handler's transaction.
 */
export function requireAccess(access: Access): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (access.kind === 'public') return next();
    if (access.kind === 'operator') {
      checkOperatorToken(c);
      return next();
    }
    const caller = c.get('caller');
    if (caller.kind === 'anonymous') throw unauthorized();
    if (access.kind === 'user') {
      if (caller.kind !== 'user') throw forbidden('This endpoint needs a signed-in user, not an API key');
      return next();
    }
    const orgId = c.req.param('orgId');
    if (!orgId || !uuidPattern.test(orgId)) throw notFound('Organization');
    if (caller.kind === 'api_key') {
      const scopes = access.scopes ?? [];
      if (caller.orgId !== orgId) throw forbidden('This API key belongs to another organization');
      if (!scopes.some((scope) => caller.scopes.includes(scope))) {
        throw forbidden(
          scopes.length
            ? `This API key needs one of the scopes: ${scopes.join(', ')}`
            : 'API keys cannot use this endpoint',
        );
      }
      c.set('org', { orgId, role: null });
      return next();
    }
    if (access.kind === 'api_key') throw forbidden('This endpoint is for API keys');
    const deps = c.get('deps');
    const [membership] = await withUser(deps.db, { userId: caller.userId }, (tx) =>
      tx.query<{ role: MemberRole }>(
        'select role from public.organization_members where org_id = $1 and user_id = $2',
        [orgId, caller.userId],
      ),
    );
    if (!membership) throw forbidden('You are not a member of this organization');
    if (!roleAtLeast(membership.role, access.role)) {
      throw forbidden(`This needs the ${access.role} role or higher`);
    }
    c.set('org', { orgId, role: membership.role });
    return next();
  };
}
