import { createRoute, z } from '@hono/zod-openapi';
import { Registry } from 'prom-client';
import { defineRoute } from '../../http/define-route.ts';
import { asCaller } from '../../http/caller-door.ts';
import { notFound } from '../../errors.ts';
import { loadTenantMetrics } from '../../metrics/tenant-load.ts';
import { renderTenantMetrics } from '../../metrics/tenant-exposition.ts';

/**
 * GET /api/organizations/:orgId/metrics: the org's status for its own Prometheus — per service the
 * shown status (one series per status, and as a number), its uptime over 1/7/30/90 days (the uptime
 * route's numbers), open incidents per impact and maintenances in progress. Admins, or a key with
 * `metrics:read` (how Prometheus' `authorization` sends it); read through the caller's door.
 */
export const getTenantMetrics = defineRoute(
  { kind: 'org', role: 'admin', scopes: ['metrics:read'] },
  createRoute({
    method: 'get',
    path: '/api/organizations/{orgId}/metrics',
    operationId: 'getOrganizationMetrics',
    tags: ['metrics'],
    summary: "The organization's status metrics in the Prometheus text format",
    request: { params: z.object({ orgId: z.uuid() }) },
    responses: {
      200: {
        description: 'Prometheus text exposition format 0.0.4 (see docs/prometheus.md)',
        content: { 'text/plain': { schema: z.string() } },
      },
    },
  }),
  async (c) => {
    const { orgId } = c.get('org');
    const now = c.get('deps').clock.now();
    const data = await asCaller(c, (tx) => loadTenantMetrics(tx, orgId, now));
    if (!data) throw notFound('Organization');
    return c.text(await renderTenantMetrics(data), 200, { 'Content-Type': Registry.PROMETHEUS_CONTENT_TYPE });
  },
);
