import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { AppError } from '../../errors.ts';
import { AuditEventList, EventsQuery, OrgParams } from './schema.ts';

interface EventRow {
  seq: number | string;
  type: string;
  payload: Record<string, unknown>;
  actor: { type: 'user' | 'api_key' | 'system'; id?: string; job?: string };
  created_at: string;
}

// The cursor is the seq of the page's last event: seqs are unique per org and follow commit order.
const encodeCursor = (seq: number) => Buffer.from(`seq:${seq}`).toString('base64url');
function decodeCursor(cursor: string): number {
  const match = /^seq:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match)
    throw new AppError('validation_failed', 'Invalid cursor', {
      details: [{ path: ['cursor'], message: 'Not a cursor this API made', code: 'custom' }],
    });
  return Number(match[1]);
}

import { adminOnlyEventFamilies } from '../../db/event-visibility.ts';

export { adminOnlyEventFamilies };

/**
 * GET /api/organizations/:orgId/events: the audit trail, newest first, filtered and paginated;
 * admin-only families for admins only.
 */
export const listEvents = defineRoute(
  { kind: 'org', role: 'viewer', scopes: ['read'] },
  createRoute({
    method: 'get',
    path: '/api/organizations/{orgId}/events',
    tags: ['audit'],
    summary: "The organization's audit trail (event log), newest first",
    request: { params: OrgParams, query: EventsQuery },
    responses: {
      200: { description: 'A page of events', content: { 'application/json': { schema: AuditEventList } } },
    },
  }),
  async (c) => {
    const { orgId, role } = c.get('org');
    const hidden: readonly string[] = role === 'admin' ? [] : adminOnlyEventFamilies;
    const { type, actor, from, to, limit, cursor } = c.req.valid('query');
    const before = cursor ? decodeCursor(cursor) : null;
    // `incident.*` and `incident` mean the family; a full `incident.created` means that type.
    const family = type && !type.includes('.') ? type : type?.endsWith('.*') ? type.slice(0, -2) : null;
    const exact = type && !family ? type : null;
    const rows = await asCaller(c, (tx) =>
      tx.query<EventRow>(
        `select seq, type, payload, actor,
                to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_at
         from public.status_events
         where org_id = $1
           and ($2::bigint is null or seq < $2)
           and ($3::text is null or type = $3)
           and ($4::text is null or split_part(type, '.', 1) = $4)
           and ($5::text is null or (case when $5 = 'system' then actor ->> 'type' = 'system' else actor ->> 'id' = $5 end))
           and ($6::timestamptz is null or created_at >= $6)
           and ($7::timestamptz is null or created_at < $7)
           and split_part(type, '.', 1) <> all($9::text[])
         order by seq desc
         limit $8`,
        [orgId, before, exact, family, actor ?? null, from ?? null, to ?? null, limit + 1, hidden],
      ),
    );
    const page = rows.slice(0, limit).map((row) => ({ ...row, seq: Number(row.seq) }));
    const last = page.at(-1);
    return c.json({ data: page, next_cursor: rows.length > limit && last ? encodeCursor(last.seq) : null }, 200);
  },
);
