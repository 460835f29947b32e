import type { Env } from '../env.ts';
import type { Clock } from '../clock.ts';
import { createRateLimiter, type RateLimiter } from './rate-limit.ts';

/**
 * The request-rate limits of the API, one set per app (per process), from the environment:
 * writes per API key and per user, and public reads and stream connects per client IP. They keep one
 * caller from taking a process's capacity; big public traffic is meant to meet a CDN first (the
 * public answers are cacheable), so the per-IP defaults are generous.
 */
export interface RequestLimits {
  /** Writes (POST, PUT, PATCH, DELETE) per API key or user, per minute: RATE_LIMIT_WRITES_PER_MIN. */
  writes: RateLimiter;
  /** Public JSON and files under /api/public/ per client IP, per minute: RATE_LIMIT_PUBLIC_PER_MIN. */
  publicReads: RateLimiter;
  /** Stream connects (public and org) per client IP, per minute: RATE_LIMIT_STREAM_CONNECTS_PER_MIN. */
  streamConnects: RateLimiter;
}

const perApp = new WeakMap<object, RequestLimits>();

/** The limits of the app `owner` (its Deps): built on first use, shared by Hono and the fast lane. */
export function requestLimits(owner: { env: Env; clock: Clock }): RequestLimits {
  let limits = perApp.get(owner);
  if (!limits) {
    const { env, clock } = owner;
    const perMinute = (limit: number) => createRateLimiter({ limit, windowSeconds: 60, clock });
    limits = {
      writes: perMinute(env.RATE_LIMIT_WRITES_PER_MIN),
      publicReads: perMinute(env.RATE_LIMIT_PUBLIC_PER_MIN),
      streamConnects: perMinute(env.RATE_LIMIT_STREAM_CONNECTS_PER_MIN),
    };
    perApp.set(owner, limits);
  }
  return limits;
}
