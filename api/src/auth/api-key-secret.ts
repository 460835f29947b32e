import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Recognisable prefix of every API key secret (secret scanners can match on it). */
export const apiKeyPrefix = 'lsk_';
const secretPattern = /^lsk_[A-Za-z0-9_-]{43}$/;

/** A new secret: the prefix and 32 random bytes, base64url. */
export function generateApiKeySecret(): string {
  return apiKeyPrefix + randomBytes(32).toString('base64url');
}

/** True when the string has the shape of one of our secrets (checked before any database work). */
export function looksLikeApiKey(secret: string): boolean {
  return secretPattern.test(secret);
}

/** What is stored: SHA-256 (the secret has 256 bits of entropy, so no slow hash is needed). */
export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Constant-time comparison of two hex hashes. */
export function hashesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}
