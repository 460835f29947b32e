import { describe, expect, it } from 'vitest';
import { TestClock } from '../../test/test-app.ts';
import { AppError } from '../errors.ts';
import { createRateLimiter, enforceRateLimits } from './rate-limit.ts';

describe('createRateLimiter', () => {
  it('allows `limit` hits per key per window, then says how long to wait', () => {
    const clock = new TestClock(new Date('2025-01-01T00:00:00Z'));
    const limiter = createRateLimiter({ limit: 3, windowSeconds: 60, clock });
    for (let i = 0; i < 3; i++) expect(limiter.hit('a')).toEqual({ allowed: true });
    expect(limiter.hit('a')).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(limiter.hit('b')).toEqual({ allowed: true });
    clock.advance(59_500);
    expect(limiter.hit('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    clock.advance(500);
    expect(limiter.hit('a')).toEqual({ allowed: true });
  });
});

describe('enforceRateLimits', () => {
  it('throws 429 with Retry-After (the longest wait) when any limiter refuses', () => {
    const clock = new TestClock();
    const short = createRateLimiter({ limit: 1, windowSeconds: 10, clock });
    const long = createRateLimiter({ limit: 1, windowSeconds: 300, clock });
    enforceRateLimits([
      [short, 'k'],
      [long, 'k'],
    ]);
    try {
      enforceRateLimits([
        [short, 'k'],
        [long, 'k'],
      ]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(429);
      expect((error as AppError).headers).toEqual({ 'Retry-After': '300' });
    }
  });
});
