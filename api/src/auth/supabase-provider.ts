import { createClient, type AuthError, type Session, type User } from '@supabase/supabase-js';
import type { Database } from '../db/types.ts';
import type { Clock } from '../clock.ts';
import { asSystem } from '../db/doors.ts';
import { AppError, conflict } from '../errors.ts';
import type { AuthProvider, AuthSession } from './provider.ts';
import { invalidCredentials, invalidEmailToken, invalidRefreshToken, signUpMailed } from './provider.ts';
import { loadAuthUser, normalizeEmail, type AuthUser } from './auth-user.ts';
import { supabaseAccessTokens } from './supabase-jwt.ts';
import { userMirror } from './mirror-user.ts';
import { acceptInvitationOnSignup, findPendingInvitation, invitationRequired } from './invitation-signup.ts';

interface SupabaseProviderOptions {
  db: Database;
  clock: Clock;
  supabaseUrl: string;
  anonKey: string;
  jwtSecret?: string | undefined;
  /** PUBLIC_BASE_URL (or this process): where Supabase's mails send the user back to. */
  redirectBaseUrl: string;
  /** How Supabase is reached: through `outbound/` (outboundFetch), like every outbound call. */
  fetch: typeof fetch;
}

/**
 * The links Supabase's "Confirm signup" and "Reset password" mail templates must carry (set in the
 * project, docs/supabase.md): the same mailed-link paths as the local provider's mails
 * (routes/admin-app/redirects.ts), with Supabase's token hash as `token`. The admin's verify and
 * reset screens post it to our API, which checks it with Supabase (verifyEmail, confirmPasswordReset).
 */
export const supabaseMailLinks = {
  confirmSignUp: '{{ .SiteURL }}/verify-email?token={{ .TokenHash }}',
  resetPassword: '{{ .SiteURL }}/reset-password?token={{ .TokenHash }}',
} as const;

/**
 * The `redirect_to` the API asks for, under PUBLIC_BASE_URL (each must be in the project's Redirect
 * URLs). Only Supabase's default templates use it (`{{ .ConfirmationURL }}`: Supabase checks the link,
 * then sends the user there): a confirmed sign-up lands on the sign-in screen; a reset needs the
 * template above, so without it the reset screen says the link has no token.
 */
export const supabaseRedirectPaths = {
  signUpConfirmed: '/admin/sign-in',
  passwordReset: '/reset-password',
} as const;

/** Supabase Auth sends the confirmation mail at sign-up; an unconfirmed user has no session to ask again. */
const handledBySupabase = () =>
  new AppError('bad_request', 'With AUTH_PROVIDER=supabase, Supabase Auth sends the confirmation mail at sign-up');

/** Our error for a failed Supabase Auth call (its status and code decide; its text is passed on). */
function fromSupabase(error: AuthError): AppError {
  if (error.status === 429)
    return new AppError('rate_limited', 'Too many requests to Supabase Auth; try again later', {
      headers: { 'Retry-After': '60' },
    });
  if (error.code === 'user_already_exists' || error.code === 'email_exists')
    return conflict('An account with this email address already exists');
  if (error.code === 'weak_password') return new AppError('validation_failed', error.message);
  if (!error.status || error.status >= 500) return new AppError('unavailable', 'Supabase Auth is not reachable');
  return new AppError('bad_request', error.message);
}

function toAuthUser(user: User): AuthUser {
  const displayName = user.user_metadata?.['display_name'];
  return {
    id: user.id,
    email: user.email ?? '',
    email_verified: Boolean(user.email_confirmed_at),
    display_name: typeof displayName === 'string' ? displayName : null,
    created_at: new Date(user.created_at).toISOString(),
  };
}

/** Supabase Auth (GoTrue) through @supabase/supabase-js; the API only verifies its JWTs. */
export function createSupabaseProvider({
  db,
  clock,
  supabaseUrl,
  anonKey,
  jwtSecret,
  redirectBaseUrl,
  fetch,
}: SupabaseProviderOptions): AuthProvider {
  const mirror = userMirror(db);
  const tokens = supabaseAccessTokens({ supabaseUrl, jwtSecret, mirror, fetch });
  // One client per call: a client holds one session, and this server speaks for many users.
  const client = () =>
    createClient(supabaseUrl, anonKey, {
      auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
      global: { fetch },
    });

  async function toSession(session: Session): Promise<AuthSession> {
    const user = toAuthUser(session.user);
    await mirror.ensure({
      id: user.id,
      email: user.email,
      emailConfirmedAt: session.user.email_confirmed_at ?? null,
      displayName: user.display_name,
    });
    return {
      access_token: session.access_token,
      token_type: 'bearer',
      expires_in: session.expires_in,
      refresh_token: session.refresh_token,
      user,
    };
  }

  /**
   * Checks a mailed link's token hash with Supabase (`POST /auth/v1/verify`, single use). The mail
   * templates of docs/supabase.md put `{{ .TokenHash }}` into the links to our admin's verify and
   * reset screens, which post it here as `token`. Answers the client now holding that user's session.
   */
  async function verifyTokenHash(type: 'email' | 'recovery', tokenHash: string) {
    const session = client();
    const { data, error } = await session.auth.verifyOtp({ token_hash: tokenHash, type });
    // Unknown, used or expired (GoTrue: 403 otp_expired) is the local provider's one answer.
    if (error && error.status && error.status < 500 && error.status !== 429) throw invalidEmailToken();
    if (error) throw fromSupabase(error);
    if (!data.user) throw invalidEmailToken();
    return { session, user: data.user };
  }

  async function emailOf(userId: string): Promise<string> {
    const user = await asSystem(db, 'auth', (tx) => loadAuthUser(tx, userId));
    if (!user) throw invalidCredentials();
    return user.email;
  }

  return {
    kind: 'supabase',
    tokens,

    async signUp({ email: rawEmail, password, displayName, invitationToken }) {
      const email = normalizeEmail(rawEmail);
      // Check the invitation before creating the Supabase account, so a bad token creates nothing.
      if (
        invitationToken &&
        !(await asSystem(db, 'auth', (tx) => findPendingInvitation(tx, invitationToken, email, clock.now())))
      ) {
        throw invitationRequired();
      }
      const { data, error } = await client().auth.signUp({
        email,
        password,
        options: {
          data: displayName ? { display_name: displayName } : {},
          emailRedirectTo: `${redirectBaseUrl}${supabaseRedirectPaths.signUpConfirmed}`,
        },
      });
      if (error) {
        // With "Confirm email" off Supabase refuses a known address: answer as for a new one.
        if (!invitationToken && (error.code === 'user_already_exists' || error.code === 'email_exists'))
          return signUpMailed;
        throw fromSupabase(error);
      }
      if (!data.user) throw new AppError('unavailable', 'Supabase Auth answered without a user');
      // With "Confirm email" on, a known address gets a stand-in user without identities (and no
      // mail); it is not an account, so nothing is mirrored and the answer is the one for a new address.
      if (data.user.identities?.length === 0) return signUpMailed;
      const user = toAuthUser(data.user);
      await mirror.ensure({
        id: user.id,
        email: user.email,
        emailConfirmedAt: data.user.email_confirmed_at ?? null,
        displayName: user.display_name,
      });
      if (invitationToken)
        await asSystem(db, 'auth', (tx) => acceptInvitationOnSignup(tx, invitationToken, user, clock.now()));
      return data.session ? { user, session: await toSession(data.session) } : signUpMailed;
    },

    async signIn(email, password) {
      const { data, error } = await client().auth.signInWithPassword({ email: normalizeEmail(email), password });
      // Unknown user, wrong password and an address not confirmed yet are the one answer (Supabase
      // tells the last apart, which would let sign-up then sign-in tell a new address from a known one).
      if (
        error &&
        (error.code === 'invalid_credentials' || error.code === 'email_not_confirmed' || error.status === 400)
      )
        throw invalidCredentials();
      if (error) throw fromSupabase(error);
      return toSession(data.session);
    },

    async refresh(refreshToken) {
      const { data, error } = await client().auth.refreshSession({ refresh_token: refreshToken });
      if (error && error.status && error.status < 500 && error.status !== 429) throw invalidRefreshToken();
      if (error) throw fromSupabase(error);
      if (!data.session) throw invalidRefreshToken();
      return toSession(data.session);
    },

    async logout({ accessToken, scope }) {
      // Supabase ends the session named by the access token's session_id (local) or all of them.
      const { error } = await client().auth.admin.signOut(accessToken, scope);
      if (error && error.status !== 401 && error.status !== 404) throw fromSupabase(error);
    },

    async verifyEmail(token) {
      const { user } = await verifyTokenHash('email', token);
      const authUser = toAuthUser(user);
      await mirror.ensure({
        id: authUser.id,
        email: authUser.email,
        emailConfirmedAt: user.email_confirmed_at ?? null,
        displayName: authUser.display_name,
      });
      return authUser;
    },

    async resendVerification() {
      throw handledBySupabase();
    },

    async requestPasswordReset(email) {
      const { error } = await client().auth.resetPasswordForEmail(normalizeEmail(email), {
        redirectTo: `${redirectBaseUrl}${supabaseRedirectPaths.passwordReset}`,
      });
      // Unknown addresses are not errors (no enumeration); only an outage or a rate limit is.
      if (error && (error.status === 429 || !error.status || error.status >= 500)) throw fromSupabase(error);
    },

    async confirmPasswordReset(token, password) {
      const { session } = await verifyTokenHash('recovery', token);
      const updated = await session.auth.updateUser({ password });
      if (updated.error) throw fromSupabase(updated.error);
      // As with the local provider, every session ends: the user signs in again everywhere.
      const out = await session.auth.signOut({ scope: 'global' });
      if (out.error) throw fromSupabase(out.error);
    },

    async changePassword(userId, oldPassword, newPassword) {
      // Signing in with the old password proves it and gives the session that may set the new one.
      const session = client();
      const { data, error } = await session.auth.signInWithPassword({
        email: await emailOf(userId),
        password: oldPassword,
      });
      if (error?.status === 400) throw new AppError('forbidden', 'The current password is wrong');
      if (error) throw fromSupabase(error);
      if (data.user.id !== userId) throw new AppError('forbidden', 'The current password is wrong');
      const updated = await session.auth.updateUser({ password: newPassword });
      if (updated.error) throw fromSupabase(updated.error);
      const others = await session.auth.signOut({ scope: 'others' });
      if (others.error) throw fromSupabase(others.error);
      return toSession(data.session);
    },
  };
}
