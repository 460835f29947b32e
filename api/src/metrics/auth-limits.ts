import { Counter, type Registry } from 'prom-client';

/** Refusals of the login rate limits (per client IP and per account). */
export function authLimitMetrics(register: Registry) {
  const refused = new Counter({
    name: 'lantern_login_rate_limited_total',
    help: 'Login attempts refused with 429 by the per-IP or per-account limits.',
    registers: [register],
  });
  return {
    /** Runs `check` (which throws the 429) and counts it when it refuses. */
    countLoginRefusal(check: () => void): void {
      try {
        check();
      } catch (error) {
        refused.inc();
        throw error;
      }
    },
  };
}

export type AuthLimitMetrics = ReturnType<typeof authLimitMetrics>;
