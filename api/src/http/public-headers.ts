import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.ts';
import type { CachedBody } from '../public-snapshot/load.ts';

/**
 * Public routes are read and embedded by other sites: any origin, never with credentials (no
 * Allow-Credentials, so browsers send no cookies), and loadable cross-origin. Set before the handler so
 * redirects and errors carry them too.
 */
export function publicHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    for (const [name, value] of publicHeaderList) c.header(name, value);
    await next();
  };
}

/** The headers of every public answer (the Hono routes and the server's fast lane send the same). */
export const publicHeaderEntries: Readonly<Record<string, string>> = Object.freeze({
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag, Location, X-Request-Id',
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'X-Content-Type-Options': 'nosniff',
});
const publicHeaderList = Object.entries(publicHeaderEntries);

/**
 * The answer to a CORS preflight on a public route: what a cross-origin page may send (GET and HEAD,
 * and the headers a resuming stream or a revalidating fetch sets), cached by the browser for a day.
 */
export const preflightHeaderEntries: Readonly<Record<string, string>> = Object.freeze({
  ...publicHeaderEntries,
  'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
  'Access-Control-Allow-Headers': 'Last-Event-ID, If-None-Match, Cache-Control',
  'Access-Control-Max-Age': '86400',
});

/** OPTIONS on any public route (the stream included): 204 with the preflight headers. */
export function publicPreflight(): MiddlewareHandler<AppEnv> {
  return async (c) => c.body(null, 204, { ...preflightHeaderEntries });
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

/** A cached answer as status, headers and body (null: 304), for the Hono routes and the fast lane alike. */
export function cachedAnswer(
  cached: CachedBody,
  contentType: string,
  ifNoneMatch: string | undefined,
  cacheControl = publicCacheControl,
): { status: 200 | 304; headers: Record<string, string>; body: Uint8Array | null } {
  if (etagMatches(ifNoneMatch, cached.etag)) {
    return { status: 304, headers: { ETag: cached.etag, 'Cache-Control': cacheControl }, body: null };
  }
  return {
    status: 200,
    headers: { ETag: cached.etag, 'Cache-Control': cacheControl, 'Content-Type': contentType },
    body: cached.body,
  };
}

/** Answers cached bytes with their ETag, or 304 when the client already has them. */
export function sendCached(
  c: Context<AppEnv>,
  cached: CachedBody,
  contentType: string,
  cacheControl = publicCacheControl,
): Response {
  const answer = cachedAnswer(cached, contentType, c.req.header('If-None-Match'), cacheControl);
  if (!answer.body) return c.body(null, 304, answer.headers);
  return c.body(answer.body as Uint8Array<ArrayBuffer>, 200, answer.headers);
}
