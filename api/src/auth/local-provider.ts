import type { Database, Queryable } from '../db/types.ts';
import type { Clock } from '../clock.ts';
import { asSystem } from '../db/doors.ts';
import { AppError, conflict } from '../errors.ts';
import type { LocalAccessTokens } from './local-jwt.ts';
import type { AccountMail } from './account-mail.ts';
import type { AuthProvider, AuthSession } from './provider.ts';
import { invalidCredentials, invalidEmailToken, invalidRefreshToken, signUpMailed } from './provider.ts';
import { loadAuthUser, normalizeEmail, type AuthUser } from './auth-user.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import {
  issueRefreshToken,
  revokeAllRefreshTokens,
  revokeFamilyOfToken,
  rotateRefreshToken,
} from './refresh-tokens.ts';
import { consumeEmailToken, createEmailToken, endEmailTokens } from './email-tokens.ts';
import { signUpByInvitation, signUpByMail } from './local-signup.ts';
import { createSessionGate } from './session-gate.ts';
import { randomUUID } from 'node:crypto';
import { enqueueDelivery } from '../outbox/enqueue.ts';
import { passwordResetKind } from './password-reset-channel.ts';

interface LocalProviderOptions {
  db: Database;
  clock: Clock;
  mail: AccountMail;
  tokens: LocalAccessTokens;
}

// Every query here runs through the auth module's door, only on auth.users, the token tables,
// invitations, memberships and profiles, and only for the identity just proven (password or token).
const auth = <T>(db: Database, fn: (tx: Queryable) => Promise<T>) => asSystem(db, 'auth', fn);

/** The embedded default: accounts in auth.users, Argon2id passwords, our own JWTs and refresh tokens. */
export function createLocalProvider({ db, clock, mail, tokens }: LocalProviderOptions): AuthProvider {
  // Access tokens name their session (refresh-token family); an ended session refuses them at once.
  const sessions = createSessionGate(db);

  async function mustLoad(tx: Queryable, userId: string): Promise<AuthUser> {
    const user = await loadAuthUser(tx, userId);
    if (!user) throw invalidRefreshToken();
    return user;
  }

  async function session(user: AuthUser, refreshToken: string, sessionId: string, now: Date): Promise<AuthSession> {
    return {
      access_token: await tokens.sign(user.id, user.email, sessionId, now),
      token_type: 'bearer',
      expires_in: tokens.ttlSeconds,
      refresh_token: refreshToken,
      user,
    };
  }

  /** A new sign-in: a new refresh-token family for `userId`. */
  async function newSession(tx: Queryable, userId: string, now: Date) {
    const sessionId = randomUUID();
    const refreshToken = await issueRefreshToken(tx, userId, now, sessionId);
    return { user: await mustLoad(tx, userId), refreshToken, sessionId };
  }

  return {
    kind: 'local',
    tokens: sessions.guard(tokens.verifier),

    async signUp({ email: rawEmail, password, displayName, invitationToken }) {
      const email = normalizeEmail(rawEmail);
      // Hashed on every path, so a known and an unknown address cost the same (signup-timing.test.ts).
      const attempt = { email, passwordHash: await hashPassword(password), displayName, now: clock.now() };
      if (!invitationToken) {
        // One answer whatever the address (OWASP: no account enumeration); the mail says what happened.
        sessions.ended(await auth(db, (tx) => signUpByMail(tx, mail, attempt)));
        return signUpMailed;
      }
      const result = await auth(db, async (tx) =>
        newSession(tx, await signUpByInvitation(tx, invitationToken, attempt), attempt.now),
      );
      return {
        user: result.user,
        session: await session(result.user, result.refreshToken, result.sessionId, attempt.now),
      };
    },

    async signIn(rawEmail, password) {
      const email = normalizeEmail(rawEmail);
      const [row] = await auth(db, (tx) =>
        tx.query<{ id: string; encrypted_password: string | null; confirmed: boolean }>(
          'select id, encrypted_password, email_confirmed_at is not null as confirmed from auth.users where email = $1',
          [email],
        ),
      );
      // Unknown email: verifyPassword checks a dummy hash, so every failure costs the same time. An
      // address not confirmed yet fails alike: else signing up and then in would tell new from known.
      const ok = await verifyPassword(row?.encrypted_password, password);
      if (!row || !ok || !row.confirmed) throw invalidCredentials();
      const now = clock.now();
      const started = await auth(db, async (tx) => {
        await tx.query('update auth.users set last_sign_in_at = $2 where id = $1', [row.id, now.toISOString()]);
        return newSession(tx, row.id, now);
      });
      return session(started.user, started.refreshToken, started.sessionId, now);
    },

    async refresh(refreshToken) {
      const now = clock.now();
      // The transaction commits on every outcome: a detected reuse must leave its family revoked.
      const result = await auth(db, async (tx) => {
        const rotation = await rotateRefreshToken(tx, refreshToken, now);
        return rotation.ok ? { ...rotation, user: await loadAuthUser(tx, rotation.userId) } : rotation;
      });
      // A stolen token presented again ended its whole sign-in: its access tokens end with it.
      if (!result.ok && result.reason === 'reused') sessions.ended([result.familyId]);
      if (!result.ok || !result.user) throw invalidRefreshToken();
      return session(result.user, result.token, result.familyId, now);
    },

    async logout({ userId, refreshToken, scope }) {
      const now = clock.now();
      const ended = await auth(db, async (tx) => {
        if (scope === 'global') return revokeAllRefreshTokens(tx, userId, now);
        return refreshToken ? revokeFamilyOfToken(tx, userId, refreshToken, now) : [];
      });
      sessions.ended(ended);
    },

    async verifyEmail(token) {
      const now = clock.now();
      return auth(db, async (tx) => {
        const userId = await consumeEmailToken(tx, token, 'verify_email', now);
        if (!userId) throw invalidEmailToken();
        await tx.query(
          'update auth.users set email_confirmed_at = coalesce(email_confirmed_at, $2), updated_at = $2 where id = $1',
          [userId, now.toISOString()],
        );
        return mustLoad(tx, userId);
      });
    },

    async resendVerification(userId) {
      const now = clock.now();
      await auth(db, async (tx) => {
        const user = await mustLoad(tx, userId);
        if (user.email_verified) throw conflict('Your email address is already verified');
        await mail.verification(tx, user.email, await createEmailToken(tx, userId, 'verify_email', now));
      });
    },

    async requestPasswordReset(rawEmail) {
      const email = normalizeEmail(rawEmail);
      // One outbox row, the same for every address: the worker looks the account up, makes the
      // token and the mail (password-reset-channel.ts). Nothing here waits for SMTP or differs by
      // address, so a known and an unknown one answer alike (routes/auth/reset-timing.test.ts).
      await auth(db, (tx) =>
        enqueueDelivery(tx, clock, { kind: passwordResetKind, payload: { email }, sensitive: true }),
      );
    },

    async confirmPasswordReset(token, password) {
      const passwordHash = await hashPassword(password);
      const now = clock.now();
      const ended = await auth(db, async (tx) => {
        const userId = await consumeEmailToken(tx, token, 'reset_password', now);
        if (!userId) throw invalidEmailToken();
        // The link came by mail, so it proves the address too (as Supabase's recovery does).
        await tx.query(
          `update auth.users set encrypted_password = $2, email_confirmed_at = coalesce(email_confirmed_at, $3), updated_at = $3 where id = $1`,
          [userId, passwordHash, now.toISOString()],
        );
        return revokeAllRefreshTokens(tx, userId, now);
      });
      sessions.ended(ended);
    },

    async changePassword(userId, oldPassword, newPassword) {
      const [row] = await auth(db, (tx) =>
        tx.query<{ encrypted_password: string | null }>('select encrypted_password from auth.users where id = $1', [
          userId,
        ]),
      );
      if (!(await verifyPassword(row?.encrypted_password, oldPassword))) {
        throw new AppError('forbidden', 'The current password is wrong');
      }
      const passwordHash = await hashPassword(newPassword);
      const now = clock.now();
      const started = await auth(db, async (tx) => {
        await tx.query('update auth.users set encrypted_password = $2, updated_at = $3 where id = $1', [
          userId,
          passwordHash,
          now.toISOString(),
        ]);
        const ended = await revokeAllRefreshTokens(tx, userId, now);
        // A reset link mailed before the change must not undo it.
        await endEmailTokens(tx, userId, 'reset_password', now);
        return { ...(await newSession(tx, userId, now)), ended };
      });
      sessions.ended(started.ended);
      return session(started.user, started.refreshToken, started.sessionId, now);
    },
  };
}
