import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/types.ts';
import { generateOpaqueToken, hashOpaqueToken, looksLikeOpaqueToken } from './opaque-token.ts';

/** How long an unused refresh token stays valid; each use hands out a new one (sliding). */
export const refreshTokenTtlMs = 30 * 24 * 3600 * 1000;

/**
 * How long a just-rotated token may be exchanged again. Two tabs of the admin share one stored token
 * and may both refresh it at once; the slower one must get a session of the same family rather than
 * look like a thief. After this window a second use is a reuse and revokes the family.
 */
export const refreshReuseGraceMs = 20_000;

/** Issues a refresh token, in `familyId` (a rotation) or in a new family (a new sign-in). */
export async function issueRefreshToken(
  tx: Queryable,
  userId: string,
  now: Date,
  familyId: string = randomUUID(),
): Promise<string> {
  const token = generateOpaqueToken();
  await tx.query(
    `insert into public.refresh_tokens (user_id, family_id, token_hash, expires_at, created_at)
     values ($1, $2, $3, $4, $5)`,
    [
      userId,
      familyId,
      hashOpaqueToken(token),
      new Date(now.getTime() + refreshTokenTtlMs).toISOString(),
      now.toISOString(),
    ],
  );
  return token;
}

/** The outcome of presenting a refresh token. */
export type Rotation =
  | { ok: true; userId: string; familyId: string; token: string }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' }
  | { ok: false; reason: 'reused'; familyId: string };

/**
 * Uses a refresh token once: marks it used and issues its successor in the same family. Presenting a
 * token that was already rotated means two parties hold it (one of them stole it): the whole family
 * is revoked, so the newer token stops working too (OAuth 2.0 Security BCP, refresh token rotation).
 * Within `refreshReuseGraceMs` of its rotation a used token instead gets another successor in the same
 * family (two tabs refreshing at once); `used_at` keeps the first use, so the window never slides.
 * The caller must commit even on `reused`, so the revocation sticks.
 */
export async function rotateRefreshToken(tx: Queryable, token: string, now: Date): Promise<Rotation> {
  if (!looksLikeOpaqueToken(token)) return { ok: false, reason: 'unknown' };
  const [row] = await tx.query<{
    id: string;
    user_id: string;
    family_id: string;
    expires_at: string | Date;
    used_at: string | Date | null;
    revoked_at: unknown;
  }>(
    `select id, user_id, family_id, expires_at, used_at, revoked_at from public.refresh_tokens
     where token_hash = $1 for update`,
    [hashOpaqueToken(token)],
  );
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.revoked_at !== null) return { ok: false, reason: 'revoked' };
  if (row.used_at !== null) {
    const sinceRotation = now.getTime() - new Date(row.used_at).getTime();
    if (sinceRotation >= 0 && sinceRotation <= refreshReuseGraceMs) {
      const successor = await issueRefreshToken(tx, row.user_id, now, row.family_id);
      return { ok: true, userId: row.user_id, familyId: row.family_id, token: successor };
    }
    await revokeRefreshFamily(tx, row.family_id, now);
    return { ok: false, reason: 'reused', familyId: row.family_id };
  }
  if (new Date(row.expires_at).getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  await tx.query('update public.refresh_tokens set used_at = $2 where id = $1', [row.id, now.toISOString()]);
  const successor = await issueRefreshToken(tx, row.user_id, now, row.family_id);
  return { ok: true, userId: row.user_id, familyId: row.family_id, token: successor };
}

/**
 * Revokes every token of one family (one sign-in on one device). The family id is the session id
 * access tokens carry, so its access tokens stop working too (session-gate.ts).
 */
export async function revokeRefreshFamily(tx: Queryable, familyId: string, now: Date): Promise<string[]> {
  await tx.query('update public.refresh_tokens set revoked_at = $2 where family_id = $1 and revoked_at is null', [
    familyId,
    now.toISOString(),
  ]);
  return [familyId];
}

/** Revokes the family of `token` if it belongs to `userId`; the ended session ids (none when it does not). */
export async function revokeFamilyOfToken(tx: Queryable, userId: string, token: string, now: Date): Promise<string[]> {
  if (!looksLikeOpaqueToken(token)) return [];
  const [row] = await tx.query<{ family_id: string }>(
    'select family_id from public.refresh_tokens where token_hash = $1 and user_id = $2',
    [hashOpaqueToken(token), userId],
  );
  if (!row) return [];
  return revokeRefreshFamily(tx, row.family_id, now);
}

/** Revokes every refresh token of a user (password reset or change, sign out everywhere); the ended session ids. */
export async function revokeAllRefreshTokens(tx: Queryable, userId: string, now: Date): Promise<string[]> {
  const rows = await tx.query<{ family_id: string }>(
    `update public.refresh_tokens set revoked_at = $2 where user_id = $1 and revoked_at is null
     returning family_id`,
    [userId, now.toISOString()],
  );
  return [...new Set(rows.map((row) => row.family_id))];
}
