import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { AppError } from '../../errors.ts';
import { apiKeyColumns, ApiKeyList, ListQuery, OrgParams, type ApiKeyRow } from './schema.ts';

const cursorPattern = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z)\|([0-9a-f-]{36})$/;

/** GET /api/organizations/:orgId/api-keys: every key, newest first, revoked ones included. */
export const listApiKeys = defineRoute(
  { kind: 'org', role: 'admin' },
  createRoute({
    method: 'get',
    path: '/api/organizations/{orgId}/api-keys',
    tags: ['api-keys'],
    summary: "List the organization's API keys (never their secrets)",
    request: { params: OrgParams, query: ListQuery },
    responses: { 200: { description: 'A page of keys', content: { 'application/json': { schema: ApiKeyList } } } },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { limit, cursor } = c.req.valid('query');
    const after = cursor ? cursorPattern.exec(Buffer.from(cursor, 'base64url').toString('utf8')) : null;
    if (cursor && !after) throw new AppError('validation_failed', 'Invalid cursor');
    const rows = await asCaller(c, (tx) =>
      tx.query<ApiKeyRow>(
        `select ${apiKeyColumns} from public.api_keys k
         where org_id = $1 and ($2::timestamptz is null or (k.created_at, k.id) < ($2::timestamptz, $3::uuid))
         order by k.created_at desc, k.id desc limit $4`,
        [orgId, after?.[1] ?? null, after?.[2] ?? null, limit + 1],
      ),
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const next =
      rows.length > limit && last ? Buffer.from(`${last.created_at}|${last.id}`).toString('base64url') : null;
    return c.json({ data: page, next_cursor: next }, 200);
  },
);
