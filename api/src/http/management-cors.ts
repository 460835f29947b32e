import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { AppEnv } from './app-env.ts';

/** What a separately hosted admin app sends: its bearer token, JSON bodies, retry keys. */
export const managementAllowHeaders = ['Authorization', 'Content-Type', 'Idempotency-Key'];
/** What it must read from an answer: when to retry, versions, where something was created, which request. */
export const managementExposeHeaders = ['Retry-After', 'ETag', 'Location', 'X-Request-Id', 'Idempotent-Replayed'];

/**
 * CORS for the management API (`/api/*` but the public routes, which answer any origin with their own
 * headers): only the origins of CORS_ORIGINS, each echoed back, with `Vary: Origin`. Never credentials
 * mode: callers send bearer tokens, not cookies. An unlisted origin gets no CORS header at all (its
 * preflight falls through to the usual 405/404), so the browser keeps the answer from its page.
 * Runs before authentication: a browser's preflight carries no Authorization.
 */
export function managementCors(origins: readonly string[]): MiddlewareHandler<AppEnv> {
  const allowed = new Set(origins);
  const listed = cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowHeaders: managementAllowHeaders,
    exposeHeaders: managementExposeHeaders,
    maxAge: 600,
    credentials: false,
  });
  return async (c, next) => {
    if (allowed.size === 0 || c.req.path.startsWith('/api/public/')) return next();
    if (!allowed.has(c.req.header('Origin') ?? '')) {
      await next();
      // The answer depends on Origin (a listed one would get CORS headers): shared caches must know.
      c.header('Vary', 'Origin', { append: true });
      return;
    }
    // Hono's cors answers every OPTIONS itself; a plain OPTIONS that is no preflight goes on as usual.
    if (c.req.method === 'OPTIONS' && !c.req.header('Access-Control-Request-Method')) return next();
    return listed(c, next);
  };
}
