import type { NotFoundHandler } from 'hono';
import type { AppEnv } from './app-env.ts';
import type { AnyRouteDefinition } from './define-route.ts';
import { AppError, notFound } from '../errors.ts';

/**
 * The answer when no route matched: 405 with `Allow` when the path is a route's and only the method
 * is wrong (RFC 9110 §15.5.6), else 404. Paths come from the route table (`{name}` is one segment).
 */
export function unmatchedRoute(routes: AnyRouteDefinition[]): NotFoundHandler<AppEnv> {
  const patterns = routes.map(({ route }) => ({
    method: String(route.method).toUpperCase(),
    pattern: new RegExp(
      `^${String(route.path)
        .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
        .replace(/\{\w+\}/g, '[^/]+')}/?$`,
    ),
  }));
  return (c) => {
    const path = c.req.path;
    const allowed = [
      ...new Set(patterns.filter(({ pattern }) => pattern.test(path)).map(({ method }) => method)),
    ].sort();
    if (allowed.length > 0) {
      const allow = allowed.join(', ');
      throw new AppError('method_not_allowed', `This path takes ${allow}, not ${c.req.method}`, {
        headers: { Allow: allow },
      });
    }
    throw notFound('Route');
  };
}
