import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';

/** The verdict for one attempt. */
export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * A fixed-window counter per key (client IP, email…), in memory. Per process: with N replicas an
 * attacker gets N× the limit, which is still bounded (Supabase Auth's limits are per instance too).
 */
export function createRateLimiter({
  limit,
  windowSeconds,
  clock,
}: {
  limit: number;
  windowSeconds: number;
  clock: Clock;
}) {
  const windows = new Map<string, { count: number; resetAt: number }>();
  const windowMs = windowSeconds * 1000;
  let nextSweep = 0;

  function sweep(now: number): void {
    // Drop ended windows now and then, so a flood of distinct keys cannot grow the map for ever.
    if (now < nextSweep) return;
    nextSweep = now + windowMs;
    for (const [key, window] of windows) if (window.resetAt <= now) windows.delete(key);
  }

  return {
    /** Says whether `key` is still within the limit, without counting (for limits on failures only). */
    check(key: string): RateVerdict {
      const now = clock.now().getTime();
      const window = windows.get(key);
      if (!window || window.resetAt <= now || window.count < limit) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.resetAt - now) / 1000)) };
    },
    /** Counts one attempt for `key` and says whether it is within the limit. */
    hit(key: string): RateVerdict {
      const now = clock.now().getTime();
      sweep(now);
      let window = windows.get(key);
      if (!window || window.resetAt <= now) {
        window = { count: 0, resetAt: now + windowMs };
        windows.set(key, window);
      }
      window.count++;
      if (window.count <= limit) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.resetAt - now) / 1000)) };
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;

/** Counts one attempt on each limiter (all of them, so every key keeps counting) and throws 429 when any is exceeded. */
export function enforceRateLimits(checks: Array<[RateLimiter, string]>): void {
  let retryAfter = 0;
  for (const [limiter, key] of checks) {
    const verdict = limiter.hit(key);
    if (!verdict.allowed) retryAfter = Math.max(retryAfter, verdict.retryAfterSeconds);
  }
  if (retryAfter > 0) throw rateLimited(retryAfter);
}

/** The 429 of every limit: `Retry-After` in seconds, also as `details.retry_after`. */
export function rateLimited(retryAfter: number, headers: Readonly<Record<string, string>> = {}): AppError {
  return new AppError('rate_limited', `Too many attempts; try again in ${retryAfter} seconds`, {
    details: { retry_after: retryAfter },
    headers: { ...headers, 'Retry-After': String(retryAfter) },
  });
}
