import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.ts';

/**
 * What every answer of the management API carries (everything under /api/ but /api/public/): its
 * JSON is private and never meant to be rendered, framed, cached or loaded by another site. Set only
 * where a route has not chosen its own (the API reference page has its own CSP; a route that may be
 * cached says so itself). Public routes keep `publicHeaders` (any origin, cross-origin loadable), and
 * the static pages and widget files are served outside /api/ with their own headers, so embeds,
 * badges and framed status pages keep working.
 */
export const managementHeaderEntries: Readonly<Record<string, string>> = Object.freeze({
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  // Browsers ignore it over plain http (localhost), and keep to https once a deployment serves it.
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  // Answers carry tokens (login, refresh, me) and org data: no cache, shared or private, keeps them.
  'Cache-Control': 'no-store',
});
const managementHeaderList = Object.entries(managementHeaderEntries);

/** The security headers of /api/*: management answers get the full set, public ones at least nosniff. */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    if (c.req.path.startsWith('/api/public/')) {
      if (!headers.has('X-Content-Type-Options')) headers.set('X-Content-Type-Options', 'nosniff');
      return;
    }
    for (const [name, value] of managementHeaderList) if (!headers.has(name)) headers.set(name, value);
  };
}
