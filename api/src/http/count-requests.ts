import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { AppEnv } from './app-env.ts';
import { unmatchedRouteLabel } from '../metrics/http.ts';

/**
 * The route pattern that answered (`/api/organizations/:orgId/services/:id`), for metric labels.
 * Hono's `routePath` is the pattern of the handler that ran last, which is a middleware's (`/api/*`)
 * when that middleware answered (a 401 before the route): so this takes the last route the request
 * matched that is not a middleware (`use` registers method ALL). No route: the fixed unmatched label.
 */
export function routePattern(c: Context): string {
  const routes = matchedRoutes(c);
  const route = routes[routes.length - 1];
  return route && route.method !== 'ALL' ? route.path : unmatchedRouteLabel;
}

/** Counts every request Hono answers, with its duration, by method, route pattern and status class. */
export function countRequests(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    c.get('deps').metrics.http.observe(
      c.req.method,
      routePattern(c),
      c.res.status,
      (performance.now() - started) / 1000,
    );
  };
}
