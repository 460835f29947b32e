import type { AccessTokenVerifier } from './caller.ts';
import type { AuthUser } from './auth-user.ts';
import { AppError } from '../errors.ts';

/** A signed-in session as the API answers it (signup, login, refresh, password change). */
export interface AuthSession {
  access_token: string;
  token_type: 'bearer';
  /** Seconds until the access token expires. */
  expires_in: number;
  refresh_token: string;
  user: AuthUser;
}

/**
 * What sign-up produced. Through an invitation: the user and a session. Otherwise neither: the answer
 * is the same whether the address was new or already had an account (no account enumeration), and
 * what happens next comes by mail (a confirmation link, or "you already have an account").
 */
export type SignUpResult = { user: AuthUser; session: AuthSession } | { user: null; session: null };

/** The sign-up answer that tells nothing: no session, no user; the rest comes by mail. */
export const signUpMailed: SignUpResult = { user: null, session: null };

export interface SignUpInput {
  email: string;
  password: string;
  displayName?: string | undefined;
  /** An invitation to accept while signing up (required when SIGNUP=invite). */
  invitationToken?: string | undefined;
}

/**
 * One auth provider (local or Supabase): the account lifecycle behind /api/auth/*. Both issue
 * access tokens with the same `sub`, so the database does not care which one is configured.
 */
export interface AuthProvider {
  readonly kind: 'local' | 'supabase';
  /** Verifies this provider's access tokens (what `authenticate()` uses). */
  readonly tokens: AccessTokenVerifier;
  signUp(input: SignUpInput): Promise<SignUpResult>;
  /**
   * Throws `invalidCredentials()` for a wrong password, an unknown email and an address not confirmed
   * yet alike (otherwise signing up and then in would tell whether the address had an account).
   */
  signIn(email: string, password: string): Promise<AuthSession>;
  refresh(refreshToken: string): Promise<AuthSession>;
  /** Ends one session (`local`, the one of `refreshToken`) or all of the user's (`global`). */
  logout(input: {
    userId: string;
    accessToken: string;
    refreshToken?: string | undefined;
    scope: 'local' | 'global';
  }): Promise<void>;
  verifyEmail(token: string): Promise<AuthUser>;
  resendVerification(userId: string): Promise<void>;
  /** Mails a reset link when the account exists; silent either way (no account enumeration). */
  requestPasswordReset(email: string): Promise<void>;
  confirmPasswordReset(token: string, password: string): Promise<void>;
  /** Checks the old password, sets the new one, revokes every other session, answers a fresh session. */
  changePassword(userId: string, oldPassword: string, newPassword: string): Promise<AuthSession>;
}

/** The one answer for a wrong password, an unknown email and an address not confirmed yet. */
export const invalidCredentials = () =>
  new AppError(
    'unauthorized',
    'Wrong email or password, or the address is not confirmed yet (open the link in the confirmation mail)',
  );

/** A refresh token that is unknown, expired, revoked or reused. */
export const invalidRefreshToken = () => new AppError('unauthorized', 'Invalid or expired refresh token');

/** A mailed link that is unknown, used or expired. */
export const invalidEmailToken = () => new AppError('bad_request', 'This link is invalid or has expired');
