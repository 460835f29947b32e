import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { decodeCursor, encodeCursor, isInstant, isUuid } from '../../http/cursor.ts';
import { OrgParams, SubscriberList, SubscriberListQuery, subscriberColumns, type SubscriberRow } from './schema.ts';

/** `%`, `_` and `\` of a search taken literally by `ilike`. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/** GET /api/organizations/:orgId/subscribers: newest first, with the count, searchable by address. */
export const listSubscribers = defineRoute(
  { kind: 'org', role: 'admin' },
  createRoute({
    method: 'get',
    path: '/api/organizations/{orgId}/subscribers',
    operationId: 'listSubscribers',
    tags: ['subscribers'],
    summary: "List the status page's email subscribers",
    request: { params: OrgParams, query: SubscriberListQuery },
    responses: {
      200: { description: 'A page of subscribers', content: { 'application/json': { schema: SubscriberList } } },
    },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { q, limit, cursor } = c.req.valid('query');
    const after = cursor ? decodeCursor<[string, string]>(cursor, [isInstant, isUuid]) : null;
    const search = q?.trim() ? likePattern(q.trim().toLowerCase()) : null;
    const { rows, total } = await asCaller(c, async (tx) => {
      const rows = await tx.query<SubscriberRow>(
        `select ${subscriberColumns} from public.status_subscribers s
          where s.org_id = $1 and ($2::text is null or s.email like $2)
            and ($3::timestamptz is null or (s.created_at, s.id) < ($3::timestamptz, $4::uuid))
          order by s.created_at desc, s.id desc limit $5`,
        [orgId, search, after?.[0] ?? null, after?.[1] ?? null, limit + 1],
      );
      const [count] = await tx.query<{ total: number }>(
        `select count(*)::int as total from public.status_subscribers s where s.org_id = $1 and ($2::text is null or s.email like $2)`,
        [orgId, search],
      );
      return { rows, total: count!.total };
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const next = rows.length > limit && last ? encodeCursor([last.created_at, last.id]) : null;
    return c.json({ data: page, total, next_cursor: next }, 200);
  },
);
