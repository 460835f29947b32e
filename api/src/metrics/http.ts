import { Counter, Histogram, type Registry } from 'prom-client';

/** Methods kept as they are; anything else (a client may send any token) counts as `OTHER`. */
const knownMethods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** The route label of a request no route matched (never the raw URL: unbounded and user input). */
export const unmatchedRouteLabel = 'unmatched';

const labelNames = ['method', 'route', 'status_class'] as const;

/** HTTP requests answered by Hono and by the fast lane, labelled by route pattern, never by URL. */
export function httpMetrics(register: Registry) {
  const requests = new Counter({
    name: 'lantern_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern (unmatched: "unmatched") and status class (2xx…5xx).',
    labelNames,
    registers: [register],
  });
  const duration = new Histogram({
    name: 'lantern_http_request_duration_seconds',
    help: 'Time from a request arriving to its answer being handed to Node (a stream: until its head is written).',
    labelNames,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [register],
  });
  return {
    /** Counts one answered request. `route` is a pattern (`/api/organizations/:orgId`), never a URL. */
    observe(method: string, route: string, status: number, seconds: number): void {
      const labels = {
        method: knownMethods.has(method) ? method : 'OTHER',
        route,
        status_class: `${Math.trunc(status / 100)}xx`,
      };
      requests.inc(labels);
      duration.observe(labels, seconds);
    },
  };
}

export type HttpMetrics = ReturnType<typeof httpMetrics>;
