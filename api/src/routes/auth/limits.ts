import type { Context } from 'hono';
import type { AppEnv } from '../../http/app-env.ts';
import { clientIp } from '../../limits/client-ip.ts';
import { enforceRateLimits, rateLimited } from '../../limits/rate-limit.ts';
import { AppError } from '../../errors.ts';
import { normalizeEmail } from '../../auth/auth-user.ts';

/** The answer of every route that calls one of these limits, for its OpenAPI `responses`. */
export const rateLimitedResponse = {
  429: { description: 'Too many attempts from this client or for this account: retry after `Retry-After` seconds' },
} as const;

/**
 * Runs one login attempt under the login limits (auth-service.ts says why they are shaped so): every
 * attempt counts per client IP; a source with too many failures for this email is refused; an email
 * past its failure ceiling is paced to one attempt per second; a failed attempt counts against both.
 */
export async function limitLogin<T>(c: Context<AppEnv>, email: string, attempt: () => Promise<T>): Promise<T> {
  const { auth, env, metrics } = c.get('deps');
  const ip = clientIp(c, env.TRUST_PROXY);
  const account = `email:${normalizeEmail(email)}`;
  const source = `${account}|${ip}`;
  metrics.auth.countLoginRefusal(() => {
    enforceRateLimits([[auth.limits.loginPerIp, ip]]);
    const fromHere = auth.limits.loginFailuresPerSource.check(source);
    if (!fromHere.allowed) throw rateLimited(fromHere.retryAfterSeconds);
    if (!auth.limits.loginFailuresPerAccount.check(account).allowed) {
      enforceRateLimits([[auth.limits.loginPacePerAccount, account]]);
    }
  });
  try {
    return await attempt();
  } catch (error) {
    if (error instanceof AppError && error.code === 'unauthorized') {
      auth.limits.loginFailuresPerSource.hit(source);
      auth.limits.loginFailuresPerAccount.hit(account);
    }
    throw error;
  }
}

/** Counts a password check of a signed-in account (password change) against its own limit. */
export function limitPasswordCheck(c: Context<AppEnv>, userId: string): void {
  enforceRateLimits([[c.get('deps').auth.limits.passwordChecksPerUser, `user:${userId}`]]);
}

/** Counts an anonymous account action (`signup`, `verify-email`…) per client IP, one counter per action. */
export function limitAction(c: Context<AppEnv>, action: string): void {
  const { auth, env } = c.get('deps');
  enforceRateLimits([[auth.limits.actionPerIp(action), clientIp(c, env.TRUST_PROXY)]]);
}

/** Counts a mail (`action`: reset, verification) asked for `address`, per client IP and per address. */
export function limitMail(c: Context<AppEnv>, action: string, address: string): void {
  const { auth, env } = c.get('deps');
  const ip = clientIp(c, env.TRUST_PROXY);
  enforceRateLimits([
    [auth.limits.actionPerIp(action), ip],
    [auth.limits.mailPerSource, `${address}|${ip}`],
    [auth.limits.mailPerAccount, address],
  ]);
}
