import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { readIncidents } from './access.ts';
import { IncidentList, IncidentListQuery, OrgParams } from './schema.ts';
import { expandIncidents, incidentColumns, type IncidentRow } from '../../incidents/state.ts';
import { decodeCursor, encodeCursor, sortAt } from './wire.ts';

/** GET /api/organizations/:orgId/incidents: newest first, filtered by open/resolved and start time. */
export const listIncidents = defineRoute(
  readIncidents,
  createRoute({
    method: 'get',
    path: '/api/organizations/{orgId}/incidents',
    tags: ['incidents'],
    summary: "List the organization's incidents, newest first",
    request: { params: OrgParams, query: IncidentListQuery },
    responses: {
      200: { description: 'A page of incidents', content: { 'application/json': { schema: IncidentList } } },
    },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const query = c.req.valid('query');
    const cursor = query.cursor ? decodeCursor(query.cursor) : null;
    const where = ['i.org_id = $1'];
    const params: unknown[] = [orgId];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replaceAll('?', `$${params.length}`));
    };
    if (query.status === 'open') where.push(`i.status <> 'resolved'`);
    if (query.status === 'resolved') where.push(`i.status = 'resolved'`);
    if (query.from) add('i.started_at >= ?::timestamptz', query.from);
    if (query.to) add('i.started_at < ?::timestamptz', query.to);
    if (cursor) {
      params.push(cursor.at, cursor.id);
      where.push(`(i.started_at, i.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(query.limit + 1);
    const { rows, page } = await asCaller(c, async (tx) => {
      // sort_at keeps the microseconds a JS Date would drop, so the cursor never skips a row.
      const rows = await tx.query<IncidentRow & { sort_at: string }>(
        `select ${incidentColumns}, ${sortAt('i.started_at')} as sort_at from public.incidents i
         where ${where.join(' and ')}
         order by i.started_at desc, i.id desc
         limit $${params.length}`,
        params,
      );
      return { rows, page: await expandIncidents(tx, orgId, rows.slice(0, query.limit)) };
    });
    const last = rows[query.limit - 1];
    const more = rows.length > query.limit;
    return c.json(
      { data: page, next_cursor: more && last ? encodeCursor({ at: last.sort_at, id: last.id }) : null },
      200,
    );
  },
);
