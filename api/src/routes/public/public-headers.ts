import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../http/app-env.ts';
import type { CachedBody } from '../../public-snapshot/load.ts';

/**
 * Public routes are read and embedded by other sites: any origin, never with credentials (no
 * Allow-Credentials, so browsers send no cookies), and loadable cross-origin. Set before the handler so
 * redirects and errors carry them too.
 */
export function publicHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Access-Control-Expose-Headers', 'ETag, Location, X-Request-Id');
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    c.header('X-Content-Type-Options', 'nosniff');
    await next();
  };
}

/** Short enough that a change shows within seconds; revalidation is a cheap 304. */
export const publicCacheControl = 'public, max-age=5, stale-while-revalidate=30';

/** True when an If-None-Match header names this ETag (weak comparison, as RFC 9110 asks for GET). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => bare(tag) === bare(etag));
}

/** Answers cached bytes with their ETag, or 304 when the client already has them. */
export function sendCached(
  c: Context<AppEnv>,
  cached: CachedBody,
  contentType: string,
  cacheControl = publicCacheControl,
): Response {
  c.header('ETag', cached.etag);
  c.header('Cache-Control', cacheControl);
  if (etagMatches(c.req.header('If-None-Match'), cached.etag)) return c.body(null, 304);
  return c.body(cached.body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': contentType });
}
