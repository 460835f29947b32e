import { systemOutbound, type Outbound } from '../outbound/outbound.ts';
import { outboundFetch } from '../outbound/fetch.ts';
import type { Env } from '../env.ts';
import type { Database } from '../db/types.ts';
import type { Clock } from '../clock.ts';
import type { LocalAccessTokens } from './local-jwt.ts';
import type { AccessTokenVerifier } from './caller.ts';
import type { AuthProvider } from './provider.ts';
import { createLocalProvider } from './local-provider.ts';
import { createSupabaseProvider } from './supabase-provider.ts';
import { accountMail, publicBaseUrl } from './account-mail.ts';
import { createRateLimiter, type RateLimiter } from '../limits/rate-limit.ts';
import { parseTrustProxy } from '../limits/client-ip.ts';

/** The account side of the API: the configured provider and the limits on its public endpoints. */
export interface AuthService {
  provider: AuthProvider;
  /** The provider's access-token verifier (the same object as `Deps.tokens`). */
  tokens: AccessTokenVerifier;
  limits: {
    /** Logins per client IP (RATE_LIMIT_LOGIN_PER_IP per RATE_LIMIT_LOGIN_WINDOW_S). */
    loginPerIp: RateLimiter;
    /** Failed logins per email and client IP: past the limit that source is refused (429) for that email. */
    loginFailuresPerSource: RateLimiter;
    /** Failed logins per email from anywhere: past this ceiling, attempts on it are paced, not refused. */
    loginFailuresPerAccount: RateLimiter;
    /** The pace of an email past its failure ceiling: one attempt per second, whoever sends it. */
    loginPacePerAccount: RateLimiter;
    /** Password checks of a signed-in account (password change). */
    passwordChecksPerUser: RateLimiter;
    /** Other anonymous account actions per client IP, one counter per action (sign-up, link confirmations, reset requests), as Supabase Auth counts them. */
    actionPerIp(action: string): RateLimiter;
    /** Mails asked for one address from one client IP. */
    mailPerSource: RateLimiter;
    /** Mails asked for one address from anywhere, against mail bombing. */
    mailPerAccount: RateLimiter;
  };
}

// A stranger must not be able to lock a user out (OWASP: lock-out is a denial of service), and brute
// force must stay expensive. So failures count per email *and* source IP (10 / window, then that IP is
// refused for that email), and per email from anywhere only past a high ceiling (100 / window, which
// takes ten or more IPs) does the email slow to one attempt per second for everyone: the owner still
// gets in, a botnet gets at most ~300 guesses per window. Reset and verification mails count the same
// way: 3 per email and IP, 10 per email in all.
const loginFailuresPerSource = 10;
const loginFailureCeilingPerAccount = 100;
const passwordChecksPerUser = 10;
const mailsPerSource = 3;
const mailsPerAccount = 10;

export interface AuthServiceOptions {
  env: Env;
  db: Database;
  clock: Clock;
  /** The local provider's token signer (serve.ts loads its secret; tests pass a fixed one). */
  localTokens: LocalAccessTokens;
  /** The way out to the network (Supabase's API and JWKS); default: the real one. */
  outbound?: Outbound;
}

/** Builds the provider named by AUTH_PROVIDER; throws on a bad TRUST_PROXY so the process stops at start. */
export function createAuthService({
  env,
  db,
  clock,
  localTokens,
  outbound = systemOutbound,
}: AuthServiceOptions): AuthService {
  parseTrustProxy(env.TRUST_PROXY);
  const baseUrl = publicBaseUrl(env);
  const provider =
    env.AUTH_PROVIDER === 'supabase'
      ? createSupabaseProvider({
          db,
          clock,
          supabaseUrl: env.SUPABASE_URL!,
          anonKey: env.SUPABASE_ANON_KEY!,
          jwtSecret: env.SUPABASE_JWT_SECRET,
          redirectBaseUrl: baseUrl,
          fetch: outboundFetch(outbound),
        })
      : createLocalProvider({ db, clock, mail: accountMail(clock, baseUrl), tokens: localTokens });
  const windowSeconds = env.RATE_LIMIT_LOGIN_WINDOW_S;
  const actionLimiters = new Map<string, RateLimiter>();
  return {
    provider,
    tokens: provider.tokens,
    limits: {
      loginPerIp: createRateLimiter({ limit: env.RATE_LIMIT_LOGIN_PER_IP, windowSeconds, clock }),
      loginFailuresPerSource: createRateLimiter({ limit: loginFailuresPerSource, windowSeconds, clock }),
      loginFailuresPerAccount: createRateLimiter({ limit: loginFailureCeilingPerAccount, windowSeconds, clock }),
      loginPacePerAccount: createRateLimiter({ limit: 1, windowSeconds: 1, clock }),
      passwordChecksPerUser: createRateLimiter({ limit: passwordChecksPerUser, windowSeconds, clock }),
      actionPerIp(action) {
        let limiter = actionLimiters.get(action);
        if (!limiter)
          actionLimiters.set(
            action,
            (limiter = createRateLimiter({ limit: env.RATE_LIMIT_LOGIN_PER_IP, windowSeconds, clock })),
          );
        return limiter;
      },
      mailPerSource: createRateLimiter({ limit: mailsPerSource, windowSeconds, clock }),
      mailPerAccount: createRateLimiter({ limit: mailsPerAccount, windowSeconds, clock }),
    },
  };
}
