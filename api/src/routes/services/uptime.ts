import { createRoute } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import type { ServiceStatus } from '../../contract/status.ts';
import { uptimeDays } from '../../uptime/uptime-days.ts';
import { uptimeTimeZone, uptimeWindowStart } from '../../uptime/uptime-window.ts';
import { readServices } from './access.ts';
import { loadService } from './load.ts';
import { ServiceParams, UptimeBody, UptimeQuery } from './schema.ts';

/**
 * GET /api/organizations/:orgId/services/:id/uptime?days=90: per local day of the org's time zone,
 * the worst status and the weighted uptime (see uptime/uptime-days.ts), oldest day first.
 */
export const getServiceUptime = defineRoute(
  readServices,
  createRoute({
    method: 'get',
    path: '/api/organizations/{orgId}/services/{id}/uptime',
    tags: ['services'],
    summary: "A service's uptime per day in the organization's time zone",
    request: { params: ServiceParams, query: UptimeQuery },
    responses: { 200: { description: 'Uptime per day', content: { 'application/json': { schema: UptimeBody } } } },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const { id } = c.req.valid('param');
    const { days } = c.req.valid('query');
    const now = c.get('deps').clock.now();
    const { service, timeZone, changes } = await asCaller(c, async (tx) => {
      const service = await loadService(tx, orgId, id);
      const [org] = await tx.query<{ time_zone: string }>('select time_zone from public.organizations where id = $1', [
        orgId,
      ]);
      const timeZone = uptimeTimeZone(org?.time_zone);
      const windowStart = uptimeWindowStart(now, timeZone, days);
      // The last change before the window gives its first status; the rest happen inside it.
      const changes = await tx.query<{ status: ServiceStatus; created_at: Date | string }>(
        `(select status, created_at from public.service_status_history
          where org_id = $1 and service_id = $2 and created_at < $3
          order by created_at desc, id desc limit 1)
         union all
         (select status, created_at from public.service_status_history
          where org_id = $1 and service_id = $2 and created_at >= $3 and created_at <= $4)`,
        [orgId, id, windowStart.toISOString(), now.toISOString()],
      );
      return { service, timeZone, changes };
    });
    const report = uptimeDays({
      timeZone,
      now,
      createdAt: new Date(service.created_at),
      days,
      changes: changes.map((row) => ({ at: new Date(row.created_at), status: row.status })),
    });
    return c.json({ data: { service_id: id, time_zone: timeZone, uptime: report.uptime, days: report.days } }, 200);
  },
);
