import { createHash, randomBytes } from 'node:crypto';

/**
 * A new opaque secret (refresh, verification, reset, invitation tokens): 32 random bytes, base64url.
 * 256 bits of entropy, so a plain SHA-256 is enough to store it (no slow hash needed).
 */
export function generateOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored for an opaque token: its SHA-256, hex. Lookups go by this hash only. */
export function hashOpaqueToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** True when the string has the shape of one of our opaque tokens (checked before any database work). */
export function looksLikeOpaqueToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
