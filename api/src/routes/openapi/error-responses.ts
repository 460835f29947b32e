import type { RouteConfig } from '@hono/zod-openapi';
import type { Access } from '../../http/access.ts';
import { acceptsIdempotencyKey } from '../../idempotency/idempotent.ts';

type Responses = RouteConfig['responses'];
type Response = Responses[string];

const retryAfter = {
  'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' as const } },
};

/**
 * The error answers a route can give, derived from its access rule and its shape rather than listed
 * by hand: 400 when it validates params, query or a body; 401 when it needs a caller (or, under `/api/`, when
 * a sent token does not verify); 403 when it needs a particular caller; 404 when
 * its path names something; 413 when it reads a body; 409 and 422 when it takes an Idempotency-Key.
 * What only the handler knows (a taken slug: 409, a rate limit: 429, a revoked link: 410) the route
 * declares itself; its own description is kept.
 */
export function errorStatusesOf(access: Access, route: RouteConfig): Map<number, Response> {
  const statuses = new Map<number, Response>();
  const request = route.request ?? {};
  const idempotent = acceptsIdempotencyKey(route.middleware);
  if (request.params || request.query || request.body || request.headers || idempotent)
    statuses.set(400, { description: 'Invalid request: `error.details` lists each problem' });
  if (access.kind === 'public') {
    // Every /api/ route reads an Authorization header when one is sent, and never ignores a bad one.
    if (route.path.startsWith('/api/'))
      statuses.set(401, { description: 'An Authorization header was sent and does not verify (none is needed)' });
  } else {
    statuses.set(401, {
      description:
        access.kind === 'operator'
          ? 'METRICS_TOKEN is set and the bearer token is not it'
          : 'Not signed in, or the token or API key is invalid, expired or revoked',
    });
  }
  if (access.kind === 'user' || access.kind === 'org' || access.kind === 'api_key')
    statuses.set(403, { description: 'Not allowed for this caller (role, API key scope, or kind of caller)' });
  if (/[{:]/.test(route.path)) statuses.set(404, { description: 'Not found, or not visible to the caller' });
  if (idempotent) {
    statuses.set(409, {
      description: 'A request with this Idempotency-Key is still running: retry after `Retry-After`',
      headers: retryAfter,
    });
  }
  if (request.body) statuses.set(413, { description: 'The request body is too large' });
  if (idempotent) statuses.set(422, { description: 'This Idempotency-Key was used with a different request' });
  for (const [code, response] of Object.entries(route.responses)) {
    const status = Number(code);
    if (status >= 400 && status < 500) statuses.set(status, { ...statuses.get(status), ...response });
  }
  if (statuses.has(429)) statuses.set(429, { headers: retryAfter, ...statuses.get(429)! });
  return statuses;
}
