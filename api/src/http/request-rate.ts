import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.ts';
import { requestLimits } from '../limits/request-limits.ts';
import { clientIp } from '../limits/client-ip.ts';
import { rateLimited } from '../limits/rate-limit.ts';
import { publicHeaderEntries } from './public-headers.ts';

const readMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Writes per API key or signed-in user (after `authenticate()`): 429 with Retry-After beyond
 * RATE_LIMIT_WRITES_PER_MIN. Anonymous writes (sign-up, login, subscribe) have their own limits.
 */
export function limitWrites(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (readMethods.has(c.req.method)) return next();
    const caller = c.get('caller');
    const key =
      caller.kind === 'user' ? `user:${caller.userId}` : caller.kind === 'api_key' ? `key:${caller.keyId}` : null;
    if (key) {
      const verdict = requestLimits(c.get('deps')).writes.hit(key);
      if (!verdict.allowed) throw rateLimited(verdict.retryAfterSeconds);
    }
    return next();
  };
}

/**
 * Public reads per client IP (RATE_LIMIT_PUBLIC_PER_MIN); streams are counted as connects where they
 * are admitted. The refusal carries the public headers, so a page of another origin can read it.
 */
export function limitPublicReads(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    if (c.req.path.endsWith('/stream')) return next();
    const { env } = c.get('deps');
    const verdict = requestLimits(c.get('deps')).publicReads.hit(clientIp(c, env.TRUST_PROXY));
    if (!verdict.allowed) throw rateLimited(verdict.retryAfterSeconds, publicHeaderEntries);
    return next();
  };
}
