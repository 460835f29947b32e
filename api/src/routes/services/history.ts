import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import type { ServiceStatus, StatusSource } from '../../contract/status.ts';
import { readServices } from './access.ts';
import { decodeCursor, encodeCursor, isInstant, isUuid, sortAt } from '../../http/cursor.ts';
import { loadService } from './load.ts';
import { HistoryList, HistoryQuery, ServiceParams } from './schema.ts';

interface HistoryRow {
  id: string;
  service_id: string;
  status: ServiceStatus;
  previous_status: ServiceStatus | null;
  source: StatusSource;
  actor: Record<string, unknown> | null;
  incident_id: string | null;
  maintenance_id: string | null;
  message: string | null;
  created_at: Date | string;
  sort_at: string;
}

/** GET /api/organizations/:orgId/services/:id/history: changes of shown status, newest first. */
export const getServiceHistory = defineRoute(
  readServices,
  createRoute({
    method: 'get',
    path: '/api/organizations/{orgId}/services/{id}/history',
    tags: ['services'],
    summary: "A service's status changes, newest first",
    request: { params: ServiceParams, query: HistoryQuery },
    responses: {
      200: { description: 'A page of status changes', content: { 'application/json': { schema: HistoryList } } },
    },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { id } = c.req.valid('param');
    const { from, to, limit, cursor } = c.req.valid('query');
    const before = cursor ? decodeCursor<[string, string]>(cursor, [isInstant, isUuid]) : null;
    const rows = await asCaller(c, async (tx) => {
      await loadService(tx, orgId, id);
      // sort_at keeps the microseconds, and the id breaks ties within one transaction.
      return tx.query<HistoryRow>(
        `select id, service_id, status, previous_status, source, actor, incident_id, maintenance_id, message,
                created_at, ${sortAt('created_at')} as sort_at
         from public.service_status_history
         where org_id = $1 and service_id = $2
           and ($3::timestamptz is null or created_at >= $3)
           and ($4::timestamptz is null or created_at < $4)
           and ($5::timestamptz is null or (created_at, id) < ($5, $6::uuid))
         order by created_at desc, id desc
         limit $7`,
        [orgId, id, from ?? null, to ?? null, before?.[0] ?? null, before?.[1] ?? null, limit + 1],
      );
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return c.json(
      {
        data: page.map(({ sort_at: _sortAt, created_at, ...row }) => ({
          ...row,
          created_at: new Date(created_at).toISOString(),
        })),
        next_cursor: rows.length > limit && last ? encodeCursor([last.sort_at, last.id]) : null,
      },
      200,
    );
  },
);
