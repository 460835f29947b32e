import type { Queryable } from '../db/types.ts';
import { conflict } from '../errors.ts';
import type { AccountMail } from './account-mail.ts';
import { createEmailToken } from './email-tokens.ts';
import { acceptInvitationOnSignup } from './invitation-signup.ts';
import { revokeAllRefreshTokens } from './refresh-tokens.ts';

/** One sign-up attempt of the local provider, its password already hashed. */
export interface LocalSignUp {
  email: string;
  passwordHash: string;
  displayName?: string | undefined;
  now: Date;
}

const metadata = (displayName: string | undefined) => JSON.stringify(displayName ? { display_name: displayName } : {});

/**
 * Sign-up without an invitation: whatever the address, one mail goes to it through the outbox and
 * the caller answers the same. A new address gets an unconfirmed account and a verification link; a
 * confirmed account is left as it is and its owner is told someone tried; an unconfirmed account
 * takes this attempt's password and name and gets a fresh link (older links end), since nobody can
 * sign in to it yet. Every branch writes one outbox row after the same password hash, so none is
 * measurably slower (routes/auth/signup-timing.test.ts). Answers the sessions it ended: those of an
 * unconfirmed account that signed in before confirmation was required.
 */
export async function signUpByMail(tx: Queryable, mail: AccountMail, attempt: LocalSignUp): Promise<string[]> {
  const { email, passwordHash, displayName, now } = attempt;
  const at = now.toISOString();
  // `on conflict do nothing`: of two first sign-ups of one address at once, the second waits for the
  // first's row and takes a branch below; a unique violation there would answer 409, which only a
  // new address can cause, and so tell it apart (signup.test.ts).
  const [created] = await tx.query<{ id: string }>(
    `insert into auth.users (email, encrypted_password, raw_user_meta_data, created_at, updated_at)
     values ($1, $2, $3, $4, $4) on conflict do nothing returning id`,
    [email, passwordHash, metadata(displayName), at],
  );
  if (created) {
    await mail.verification(tx, email, await createEmailToken(tx, created.id, 'verify_email', now));
    return [];
  }
  const [existing] = await tx.query<{ id: string; confirmed: boolean }>(
    'select id, email_confirmed_at is not null as confirmed from auth.users where email = $1 for update',
    [email],
  );
  if (existing!.confirmed) {
    await mail.accountExists(tx, email);
    return [];
  }
  await tx.query(
    `update auth.users set encrypted_password = $2, raw_user_meta_data = raw_user_meta_data - 'display_name' || $3::jsonb,
     updated_at = $4 where id = $1`,
    [existing!.id, passwordHash, metadata(displayName), at],
  );
  await tx.query('update public.profiles set display_name = $2 where user_id = $1', [
    existing!.id,
    displayName ?? null,
  ]);
  // Whoever held a session of this account before (it was open to sign-ins once) loses it with the
  // password: the account now belongs to whoever opens the new link.
  const ended = await revokeAllRefreshTokens(tx, existing!.id, now);
  await mail.verification(tx, email, await createEmailToken(tx, existing!.id, 'verify_email', now));
  return ended;
}

/**
 * Sign-up with an invitation: the mailed token proves the address, so the account starts confirmed
 * and joins the invitation's org. An address that has an account already is refused (409): whoever
 * holds the invitation knows the address, and its owner signs in and accepts instead.
 */
export async function signUpByInvitation(
  tx: Queryable,
  invitationToken: string,
  attempt: LocalSignUp,
): Promise<string> {
  const { email, passwordHash, displayName, now } = attempt;
  const [taken] = await tx.query('select 1 from auth.users where email = $1', [email]);
  if (taken) throw conflict('An account with this email address already exists; sign in to accept the invitation');
  const [row] = await tx.query<{ id: string }>(
    `insert into auth.users (email, encrypted_password, email_confirmed_at, raw_user_meta_data, created_at, updated_at)
     values ($1, $2, $3, $4, $3, $3) returning id`,
    [email, passwordHash, now.toISOString(), metadata(displayName)],
  );
  const userId = row!.id;
  await acceptInvitationOnSignup(tx, invitationToken, { id: userId, email }, now);
  return userId;
}
