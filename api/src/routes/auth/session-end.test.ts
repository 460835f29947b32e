import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { mailedToken } from '../../../test/mailbox.ts';
import { authClient, signUpConfirmed } from './test-client.ts';
import { refreshReuseGraceMs } from '../../auth/refresh-tokens.ts';
import { localAccessTokens, localAudience, localIssuer } from '../../auth/local-jwt.ts';
import { signedToken } from '../../auth/jwt-test-kit.ts';
import { randomUUID } from 'node:crypto';

// An access token is a JWT valid until `exp` (15 minutes); these prove that ending its session —
// each of the ways a user can — refuses it on the next request, not at `exp`.
describe('ending a session refuses its access tokens at once', () => {
  let t: TestContext;
  let api: ReturnType<typeof authClient>;
  let n = 0;
  beforeAll(async () => {
    t = await createTestContext();
    api = authClient(t.app);
  });
  afterAll(() => t.close());

  /** A new account signed in on two devices: two sessions, each with its own tokens. */
  async function accountOnTwoDevices() {
    const email = `session-${++n}@example.test`;
    const password = 'correct-horse-battery-9';
    const first = await signUpConfirmed(api, t.dataDir, { email, password });
    const second = await api.post('/api/auth/login', { email, password });
    expect(second.status).toBe(200);
    return { email, password, a: first, b: second.body.data };
  }
  const me = async (accessToken: string) => (await api.get('/api/auth/me', accessToken)).status;

  it('logout ends that device only', async () => {
    const { a, b } = await accountOnTwoDevices();
    expect(await me(a.access_token)).toBe(200);
    expect((await api.post('/api/auth/logout', { refresh_token: a.refresh_token }, a.access_token)).status).toBe(204);
    expect(await me(a.access_token)).toBe(401);
    expect(await me(b.access_token)).toBe(200);
  });

  it('"sign out everywhere" ends every device', async () => {
    const { a, b } = await accountOnTwoDevices();
    expect((await api.post('/api/auth/logout', { scope: 'global' }, a.access_token)).status).toBe(204);
    expect(await me(a.access_token)).toBe(401);
    expect(await me(b.access_token)).toBe(401);
  });

  it('a password change ends the other devices and the old token of this one, not its new session', async () => {
    const { a, b, password } = await accountOnTwoDevices();
    const changed = await api.post(
      '/api/auth/password',
      { old_password: password, new_password: 'a-brand-new-passphrase-7' },
      a.access_token,
    );
    expect(changed.status).toBe(200);
    expect(await me(b.access_token)).toBe(401);
    expect(await me(a.access_token)).toBe(401);
    expect(await me(changed.body.data.access_token)).toBe(200);
  });

  it('a password reset ends every device', async () => {
    const { a, b, email } = await accountOnTwoDevices();
    expect((await api.post('/api/auth/password-reset', { email })).status).toBe(204);
    const token = await mailedToken(t.dataDir, email, '/reset-password');
    expect(
      (await api.post('/api/auth/password-reset/confirm', { token, password: 'reset-to-this-one-42' })).status,
    ).toBe(204);
    expect(await me(a.access_token)).toBe(401);
    expect(await me(b.access_token)).toBe(401);
  });

  it('a refresh token presented again after the grace period ends its session', async () => {
    const { a, b } = await accountOnTwoDevices();
    expect((await api.post('/api/auth/refresh', { refresh_token: a.refresh_token })).status).toBe(200);
    t.clock.advance(refreshReuseGraceMs + 1_000);
    expect((await api.post('/api/auth/refresh', { refresh_token: a.refresh_token })).status).toBe(401);
    expect(await me(a.access_token)).toBe(401);
    expect(await me(b.access_token)).toBe(200);
  });

  it('refuses a validly signed token whose session never existed, and one that names none', async () => {
    const { a } = await accountOnTwoDevices();
    const userId = (await api.get('/api/auth/me', a.access_token)).body.data.user.id as string;
    // Signed with the test context's own secret (test-app.ts): only the session is wrong.
    const secret = new TextEncoder().encode('test-secret-test-secret-test-secret-0123');
    expect(await me(await localAccessTokens(secret).sign(userId, null, randomUUID()))).toBe(401);
    expect(await me(await signedToken(secret, 'HS256', { sub: userId, iss: localIssuer, aud: localAudience }))).toBe(
      401,
    );
  });
});
