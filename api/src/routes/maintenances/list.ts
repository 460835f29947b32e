import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { decodeCursor, encodeCursor, sortAt } from '../incidents/wire.ts';
import { readMaintenances } from './access.ts';
import { MaintenanceList, MaintenanceListQuery, OrgParams } from './schema.ts';
import { expandMaintenances, maintenanceColumns, type MaintenanceRow } from '../../maintenances/state.ts';

/** GET /api/organizations/:orgId/maintenances: latest start first, filtered by status and start time. */
export const listMaintenances = defineRoute(
  readMaintenances,
  createRoute({
    method: 'get',
    path: '/api/organizations/{orgId}/maintenances',
    tags: ['maintenances'],
    summary: "List the organization's maintenances, latest start first",
    request: { params: OrgParams, query: MaintenanceListQuery },
    responses: {
      200: { description: 'A page of maintenances', content: { 'application/json': { schema: MaintenanceList } } },
    },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const query = c.req.valid('query');
    const cursor = query.cursor ? decodeCursor(query.cursor) : null;
    const where = ['m.org_id = $1'];
    const params: unknown[] = [orgId];
    const add = (sql: string, ...values: unknown[]) => {
      let text = sql;
      for (const value of values) {
        params.push(value);
        text = text.replace('?', `$${params.length}`);
      }
      where.push(text);
    };
    if (query.status) add('m.status = ?', query.status);
    if (query.from) add('m.starts_at >= ?::timestamptz', query.from);
    if (query.to) add('m.starts_at < ?::timestamptz', query.to);
    if (cursor) add('(m.starts_at, m.id) < (?::timestamptz, ?::uuid)', cursor.at, cursor.id);
    params.push(query.limit + 1);
    const { rows, page } = await asCaller(c, async (tx) => {
      const rows = await tx.query<MaintenanceRow & { sort_at: string }>(
        `select ${maintenanceColumns}, ${sortAt('m.starts_at')} as sort_at from public.maintenances m
         where ${where.join(' and ')}
         order by m.starts_at desc, m.id desc
         limit $${params.length}`,
        params,
      );
      return { rows, page: await expandMaintenances(tx, orgId, rows.slice(0, query.limit)) };
    });
    const last = rows[query.limit - 1];
    const more = rows.length > query.limit;
    return c.json(
      { data: page, next_cursor: more && last ? encodeCursor({ at: last.sort_at, id: last.id }) : null },
      200,
    );
  },
);
