import type { Context } from 'hono';
import type { AppEnv } from '../../http/app-env.ts';
import { clientIp } from '../../limits/client-ip.ts';
import { enforceRateLimits } from '../../limits/rate-limit.ts';
import { normalizeEmail } from '../../auth/auth-user.ts';

/** The answer of every route that calls one of these limits, for its OpenAPI `responses`. */
export const rateLimitedResponse = {
  429: { description: 'Too many attempts from this client or for this account: retry after `Retry-After` seconds' },
} as const;

/** Counts a login attempt per client IP and per email; 429 with Retry-After beyond either limit. */
export function limitLogin(c: Context<AppEnv>, email: string): void {
  const { auth, env, metrics } = c.get('deps');
  metrics.auth.countLoginRefusal(() =>
    enforceRateLimits([
      [auth.limits.loginPerIp, clientIp(c, env.TRUST_PROXY)],
      [auth.limits.loginPerAccount, `email:${normalizeEmail(email)}`],
    ]),
  );
}

/** Counts a password check of a signed-in account (password change) against the per-account limit. */
export function limitPasswordCheck(c: Context<AppEnv>, userId: string): void {
  enforceRateLimits([[c.get('deps').auth.limits.loginPerAccount, `user:${userId}`]]);
}

/** Counts an anonymous account action (`signup`, `verify-email`…) per client IP, one counter per action. */
export function limitAction(c: Context<AppEnv>, action: string): void {
  const { auth, env } = c.get('deps');
  enforceRateLimits([[auth.limits.actionPerIp(action), clientIp(c, env.TRUST_PROXY)]]);
}

/** Counts a mail (`action`: reset, verification) asked for `address`, per client IP and per address. */
export function limitMail(c: Context<AppEnv>, action: string, address: string): void {
  const { auth, env } = c.get('deps');
  enforceRateLimits([
    [auth.limits.actionPerIp(action), clientIp(c, env.TRUST_PROXY)],
    [auth.limits.mailPerAccount, address],
  ]);
}
