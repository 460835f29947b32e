import { createRemoteJWKSet, customFetch, jwtVerify, errors, type JWTPayload } from 'jose';
import type { AccessTokenVerifier } from './caller.ts';
import type { UserMirror } from './mirror-user.ts';

/** Supabase Auth's asymmetric signing keys are ES256 (the default) or RS256. */
const asymmetricAlgorithms = ['ES256', 'RS256'];
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface SupabaseJwtOptions {
  supabaseUrl: string;
  /** The legacy symmetric secret (HS256); without it, the project's JWKS is used. */
  jwtSecret?: string | undefined;
  mirror: UserMirror;
  /** How the JWKS is fetched (outbound/'s outboundFetch); default: the global fetch. */
  fetch?: typeof fetch;
}

/** The issuer Supabase Auth puts in its tokens. */
export function supabaseIssuer(supabaseUrl: string): string {
  return `${supabaseUrl.replace(/\/+$/, '')}/auth/v1`;
}

/**
 * Verifies Supabase access tokens: explicit algorithms (never `none`; HS256 only with the configured
 * secret, so a token "signed" with a public key is refused), issuer, audience `authenticated`, expiry
 * and `sub`. A verified user gets a row in our auth.users on first use (see mirror-user.ts).
 */
export function supabaseAccessTokens({
  supabaseUrl,
  jwtSecret,
  mirror,
  fetch,
}: SupabaseJwtOptions): AccessTokenVerifier & { verifyClaims(token: string): Promise<JWTPayload | null> } {
  const issuer = supabaseIssuer(supabaseUrl);
  const verifyOptions = { issuer, audience: 'authenticated', requiredClaims: ['sub', 'exp'] };
  const check = jwtSecret
    ? (
        (secret) => (token: string) =>
          jwtVerify(token, secret, { ...verifyOptions, algorithms: ['HS256'] })
      )(new TextEncoder().encode(jwtSecret))
    : (
        (jwks) => (token: string) =>
          jwtVerify(token, jwks, { ...verifyOptions, algorithms: asymmetricAlgorithms })
      )(createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`), fetch ? { [customFetch]: fetch } : {}));

  async function verifyClaims(token: string): Promise<JWTPayload | null> {
    try {
      const { payload } = await check(token);
      // Our tables key users by uuid, as Supabase does; anything else is not a Supabase user.
      return typeof payload.sub === 'string' && uuidPattern.test(payload.sub) ? payload : null;
    } catch (error) {
      if (error instanceof errors.JOSEError) return null;
      throw error;
    }
  }

  return {
    verifyClaims,
    async verify(token) {
      const payload = await verifyClaims(token);
      if (!payload?.sub) return null;
      await mirror.ensure({ id: payload.sub, email: typeof payload['email'] === 'string' ? payload['email'] : null });
      return { userId: payload.sub };
    },
  };
}
