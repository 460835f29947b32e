import { SignJWT, type JWTPayload, type CryptoKey, type KeyObject } from 'jose';

// Helpers for the JWT security tests: forge the tokens an attacker would try.

/** An unsigned token (`alg: none`), which a verifier must never accept. */
export function unsignedToken(payload: JWTPayload): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(payload)}.`;
}

/** A token with `claims`, signed with `key` under `alg` (defaults: one hour, sub set). */
export async function signedToken(
  key: Uint8Array | CryptoKey | KeyObject,
  alg: string,
  claims: {
    sub?: string | undefined;
    iss: string;
    aud: string;
    expiresIn?: number;
    kid?: string | undefined;
    extra?: JWTPayload;
  },
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ role: 'authenticated', ...claims.extra })
    .setProtectedHeader({ alg, typ: 'JWT', ...(claims.kid ? { kid: claims.kid } : {}) })
    .setIssuer(claims.iss)
    .setAudience(claims.aud)
    .setIssuedAt(now - 10)
    .setExpirationTime(now + (claims.expiresIn ?? 3600));
  if (claims.sub !== undefined) jwt.setSubject(claims.sub);
  return jwt.sign(key);
}
