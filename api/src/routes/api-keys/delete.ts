import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { appendEvent } from '../../db/events.ts';
import { notFound } from '../../errors.ts';
import { KeyParams } from './schema.ts';

/**
 * DELETE /api/organizations/:orgId/api-keys/:id: revokes the key. Every request verifies keys against
 * the database, so the next request with it is refused. The row stays (the audit trail names it).
 */
export const revokeApiKey = defineRoute(
  { kind: 'org', role: 'admin' },
  createRoute({
    method: 'delete',
    path: '/api/organizations/{orgId}/api-keys/{id}',
    tags: ['api-keys'],
    summary: 'Revoke an API key (effective at once)',
    request: { params: KeyParams },
    responses: { 204: { description: 'Revoked (or already revoked)' } },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { id } = c.req.valid('param');
    const now = c.get('deps').clock.now().toISOString();
    await asCaller(c, async (tx) => {
      const [key] = await tx.query<{ name: string; prefix: string; was_revoked: boolean }>(
        `update public.api_keys k set revoked_at = coalesce(k.revoked_at, $3)
         from (select id, revoked_at from public.api_keys where org_id = $1 and id = $2 for update) old
         where k.id = old.id
         returning k.name, k.prefix, old.revoked_at is not null as was_revoked`,
        [orgId, id, now],
      );
      if (!key) throw notFound('API key');
      if (!key.was_revoked) await appendEvent(tx, orgId, 'api_key.revoked', { id, name: key.name, prefix: key.prefix });
    });
    return c.body(null, 204);
  },
);
