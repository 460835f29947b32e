import { createRoute, z } from '@hono/zod-openapi';
import { defineRoute } from '../../http/define-route.ts';
import { watchAppSources } from './operator-sources.ts';

/**
 * GET /metrics: the operator's view for Prometheus (process, HTTP, streams, cache, site renders,
 * scheduler, database, login limits; nothing per org). It lives at the root, not under /api, because
 * it is Prometheus' default `metrics_path` and because /api's authentication reads every bearer as a
 * user token or API key, while this one takes the operator's METRICS_TOKEN (see http/operator-token.ts).
 */
export const getOperatorMetrics = defineRoute(
  { kind: 'operator' },
  createRoute({
    method: 'get',
    path: '/metrics',
    operationId: 'getOperatorMetrics',
    tags: ['metrics'],
    summary: 'Operator metrics in the Prometheus text format',
    responses: {
      200: {
        description: 'Prometheus text exposition format 0.0.4 (see docs/prometheus.md)',
        content: { 'text/plain': { schema: z.string() } },
      },
    },
  }),
  async (c) => {
    const deps = c.get('deps');
    watchAppSources(deps);
    const { register } = deps.metrics;
    return c.text(await register.metrics(), 200, { 'Content-Type': register.contentType });
  },
);
