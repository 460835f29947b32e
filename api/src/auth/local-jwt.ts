import { SignJWT, jwtVerify, errors } from 'jose';
import type { AccessTokenVerifier } from './caller.ts';

export const localIssuer = 'lantern';
export const localAudience = 'authenticated';
const algorithm = 'HS256';

/** Access tokens of the local provider: HS256 with explicit issuer and audience, like Supabase's. */
export function localAccessTokens(secret: Uint8Array, { ttlSeconds = 900 } = {}) {
  const verifier: AccessTokenVerifier = {
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, secret, {
          algorithms: [algorithm],
          issuer: localIssuer,
          audience: localAudience,
          requiredClaims: ['sub', 'exp'],
        });
        return typeof payload.sub === 'string' && payload.sub ? { userId: payload.sub } : null;
      } catch (error) {
        if (error instanceof errors.JOSEError) return null;
        throw error;
      }
    },
  };
  return {
    ttlSeconds,
    verifier,
    /** Signs a short-lived access token for `userId`. */
    async sign(userId: string, email: string | null, now = new Date()): Promise<string> {
      const iat = Math.floor(now.getTime() / 1000);
      return new SignJWT({ role: 'authenticated', ...(email ? { email } : {}) })
        .setProtectedHeader({ alg: algorithm, typ: 'JWT' })
        .setSubject(userId)
        .setIssuer(localIssuer)
        .setAudience(localAudience)
        .setIssuedAt(iat)
        .setExpirationTime(iat + ttlSeconds)
        .sign(secret);
    },
  };
}

export type LocalAccessTokens = ReturnType<typeof localAccessTokens>;
