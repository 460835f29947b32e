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
    /** Logins (and password checks) per email address or account. */
    loginPerAccount: RateLimiter;
    /** Other anonymous account actions per client IP, one counter per action (sign-up, link confirmations, reset requests), as Supabase Auth counts them. */
    actionPerIp(action: string): RateLimiter;
    /** Mails asked for one address (reset, verification), against mail bombing. */
    mailPerAccount: RateLimiter;
  };
}

// Per-account limits: 10 logins / 5 min (brute force on one account needs many IPs and still
// crawls), 5 mails / 5 min.
const loginsPerAccount = 10;
const mailsPerAccount = 5;

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
      loginPerAccount: createRateLimiter({ limit: loginsPerAccount, windowSeconds, clock }),
      actionPerIp(action) {
        let limiter = actionLimiters.get(action);
        if (!limiter)
          actionLimiters.set(
            action,
            (limiter = createRateLimiter({ limit: env.RATE_LIMIT_LOGIN_PER_IP, windowSeconds, clock })),
          );
        return limiter;
      },
      mailPerAccount: createRateLimiter({ limit: mailsPerAccount, windowSeconds, clock }),
    },
  };
}
