/** The first retry waits about this long by default (OUTBOX_RETRY_BASE_MS). */
export const defaultRetryBaseMs = 30_000;
/** No wait between two attempts is longer than this. */
export const maxRetryDelayMs = 4 * 3600_000;
/** Retries stop this long after a delivery was written (then it is `failed`). */
export const giveUpAfterMs = 24 * 3600_000;

/**
 * The wait before attempt `attempt + 1`: exponential (base × 2^(attempt−1), capped at 4 h) with
 * "equal jitter" (half fixed, half random), so a receiver that came back is not hit by every
 * waiting delivery at the same instant, and no retry comes sooner than half its step.
 * With the 30 s default: ~30 s, 1 min, 2 min, 4 min … 4 h; about 14 attempts in 24 h.
 */
export function retryDelayMs(attempt: number, baseMs = defaultRetryBaseMs, random: () => number = Math.random): number {
  const step = Math.min(maxRetryDelayMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + (step / 2) * random());
}
