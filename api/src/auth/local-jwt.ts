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
        if (typeof payload.sub !== 'string' || !payload.sub) return null;
        const sessionId = typeof payload.session_id === 'string' ? payload.session_id : undefined;
        return sessionId ? { userId: payload.sub, sessionId } : { userId: payload.sub };
      } catch (error) {
        if (error instanceof errors.JOSEError) return null;
        throw error;
      }
    },
  };
  return {
    ttlSeconds,
    verifier,
    /**
     * Signs a short-lived access token for `userId` in session `sessionId` (the refresh-token family
     * of the sign-in, named `session_id` as Supabase names it): ending the session ends the token.
     */
    async sign(userId: string, email: string | null, sessionId: string, now = new Date()): Promise<string> {
      const iat = Math.floor(now.getTime() / 1000);
      return new SignJWT({ role: 'authenticated', session_id: sessionId, ...(email ? { email } : {}) })
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
