import { randomUUID } from 'node:crypto';
import type { Database } from '../db/types.ts';
import { asSystem } from '../db/doors.ts';
import type { LocalAccessTokens } from './local-jwt.ts';
import { issueRefreshToken } from './refresh-tokens.ts';

/**
 * Access tokens for the users of a test or benchmark world, signed as a real sign-in signs them: each
 * in a new session (a refresh-token family written to the database), so the session gate lets them
 * in and ending the session (logout, password change) refuses them, as it would a user's.
 */
export function sessionSigner(db: Database, tokens: LocalAccessTokens) {
  return {
    ttlSeconds: tokens.ttlSeconds,
    verifier: tokens.verifier,
    async sign(userId: string, email: string | null, now = new Date()): Promise<string> {
      const sessionId = randomUUID();
      await asSystem(db, 'auth', (tx) => issueRefreshToken(tx, userId, now, sessionId));
      return tokens.sign(userId, email, sessionId, now);
    },
  };
}

export type SessionSigner = ReturnType<typeof sessionSigner>;
