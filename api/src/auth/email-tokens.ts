import type { Queryable } from '../db/types.ts';
import { generateOpaqueToken, hashOpaqueToken, looksLikeOpaqueToken } from './opaque-token.ts';

/** What a mailed link is for (public.auth_tokens.purpose). */
export type EmailTokenPurpose = 'verify_email' | 'reset_password';

/** How long a mailed link works: a day to verify, an hour to reset (OWASP Forgot Password). */
export const emailTokenTtlMs: Record<EmailTokenPurpose, number> = {
  verify_email: 24 * 3600 * 1000,
  reset_password: 3600 * 1000,
};

/**
 * Creates a single-use token for a mailed link and returns it (only its hash is stored). Older
 * unused tokens of the same purpose stop working: only the latest mail's link does.
 */
export async function createEmailToken(
  tx: Queryable,
  userId: string,
  purpose: EmailTokenPurpose,
  now: Date,
): Promise<string> {
  await endEmailTokens(tx, userId, purpose, now);
  const token = generateOpaqueToken();
  await tx.query(
    `insert into public.auth_tokens (user_id, purpose, token_hash, expires_at, created_at) values ($1, $2, $3, $4, $5)`,
    [
      userId,
      purpose,
      hashOpaqueToken(token),
      new Date(now.getTime() + emailTokenTtlMs[purpose]).toISOString(),
      now.toISOString(),
    ],
  );
  return token;
}

/**
 * Uses a mailed token once: resolves its user when it exists, has this purpose, is unused and not
 * expired; null otherwise (one answer for every failure, so a guess learns nothing).
 */
export async function consumeEmailToken(
  tx: Queryable,
  token: string,
  purpose: EmailTokenPurpose,
  now: Date,
): Promise<string | null> {
  if (!looksLikeOpaqueToken(token)) return null;
  const [row] = await tx.query<{ user_id: string }>(
    `update public.auth_tokens set used_at = $3
     where token_hash = $1 and purpose = $2 and used_at is null and expires_at > $3
     returning user_id`,
    [hashOpaqueToken(token), purpose, now.toISOString()],
  );
  return row?.user_id ?? null;
}

/** Ends every unused token of `purpose` of a user (a new mail, or a password change for reset links). */
export async function endEmailTokens(
  tx: Queryable,
  userId: string,
  purpose: EmailTokenPurpose,
  now: Date,
): Promise<void> {
  await tx.query('update public.auth_tokens set used_at = $3 where user_id = $1 and purpose = $2 and used_at is null', [
    userId,
    purpose,
    now.toISOString(),
  ]);
}
