import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { mailedToken, readMailbox } from '../../../test/mailbox.ts';
import { createOrg, addMember } from '../../../test/fixtures.ts';
import { asSystem } from '../../db/doors.ts';
import { authClient } from './test-client.ts';
import { refreshReuseGraceMs } from '../../auth/refresh-tokens.ts';

describe('account lifecycle (local provider, .eml mail)', () => {
  let t: TestContext;
  let api: ReturnType<typeof authClient>;
  const email = 'Ada.Lovelace@Example.test';
  const address = 'ada.lovelace@example.test';
  const password = 'analytical-engine-1843';
  beforeAll(async () => {
    t = await createTestContext();
    api = authClient(t.app);
  });
  afterAll(() => t.close());

  let refreshToken = '';
  let accessToken = '';
  let userId = '';

  it('signs up: 201 with a session, an unverified user, and a verification mail', async () => {
    const res = await api.post('/api/auth/signup', { email, password, display_name: 'Ada' });
    expect(res.status).toBe(201);
    expect(res.body.data).toEqual({
      access_token: expect.any(String),
      token_type: 'bearer',
      expires_in: 900,
      refresh_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      user: {
        id: expect.any(String),
        email: address,
        email_verified: false,
        display_name: 'Ada',
        created_at: expect.any(String),
      },
    });
    userId = res.body.data.user.id;
    refreshToken = res.body.data.refresh_token;
    const mails = await readMailbox(t.dataDir);
    expect(mails.map((m) => [m.to, m.subject])).toEqual([[address, 'Confirm your email address for Lantern']]);
    expect(mails[0]!.text).toContain('http://localhost:3000/verify-email?token=');
  });

  it('stores no password or token in clear', async () => {
    const [row] = await asSystem(t.db, 'test', (tx) =>
      tx.query<{ encrypted_password: string; token_hash: string }>(
        `select u.encrypted_password, r.token_hash from auth.users u join public.refresh_tokens r on r.user_id = u.id where u.id = $1`,
        [userId],
      ),
    );
    expect(row!.encrypted_password).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.token_hash).not.toBe(refreshToken);
  });

  it('refuses a second account with the same email (any case) with 409', async () => {
    const res = await api.post('/api/auth/signup', { email: address.toUpperCase(), password });
    expect(res.status).toBe(409);
  });

  it('refuses short and common passwords with validation_failed', async () => {
    for (const bad of ['short', 'password123']) {
      const res = await api.post('/api/auth/signup', { email: 'other@example.test', password: bad });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
  });

  it('verifies the email with the mailed link, once', async () => {
    const token = await mailedToken(t.dataDir, address, '/verify-email');
    const res = await api.post('/api/auth/verify-email', { token });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: userId, email_verified: true });
    const again = await api.post('/api/auth/verify-email', { token });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('bad_request');
  });

  it('logs in, and /me shows the user and their organizations with roles', async () => {
    const res = await api.post('/api/auth/login', { email, password });
    expect(res.status).toBe(200);
    expect(res.body.data.user).toMatchObject({ id: userId, email_verified: true });
    accessToken = res.body.data.access_token;
    const org = await createOrg(t.db, 'ada-labs', 'Ada Labs');
    await addMember(t.db, org.id, userId, 'member');
    const me = await api.get('/api/auth/me', accessToken);
    expect(me.status).toBe(200);
    expect(me.body.data).toEqual({
      user: expect.objectContaining({ id: userId, email: address }),
      organizations: [{ id: org.id, slug: 'ada-labs', name: 'Ada Labs', role: 'member' }],
    });
    expect(JSON.stringify(me.body)).not.toMatch(/argon2|encrypted_password|token_hash/);
  });

  it('rotates refresh tokens; reusing a rotated one revokes the whole family', async () => {
    const first = await api.post('/api/auth/refresh', { refresh_token: refreshToken });
    expect(first.status).toBe(200);
    const second = first.body.data.refresh_token as string;
    expect(second).not.toBe(refreshToken);
    const next = await api.post('/api/auth/refresh', { refresh_token: second });
    expect(next.status).toBe(200);
    const third = next.body.data.refresh_token as string;
    // The original token again, after the grace period: someone else holds a copy, so the family dies.
    t.clock.advance(refreshReuseGraceMs + 1);
    const reuse = await api.post('/api/auth/refresh', { refresh_token: refreshToken });
    expect(reuse.status).toBe(401);
    const newest = await api.post('/api/auth/refresh', { refresh_token: third });
    expect(newest.status).toBe(401);
    expect(newest.body.error.code).toBe('unauthorized');
  });

  it('resets the password by the mailed link; old refresh tokens are refused afterwards', async () => {
    const session = await api.post('/api/auth/login', { email, password });
    const oldRefresh = session.body.data.refresh_token as string;
    expect((await api.post('/api/auth/password-reset', { email: 'nobody@example.test' })).status).toBe(204);
    const res = await api.post('/api/auth/password-reset', { email });
    expect(res.status).toBe(204);
    const token = await mailedToken(t.dataDir, address, '/reset-password');
    expect((await api.post('/api/auth/password-reset/confirm', { token, password: 'short' })).status).toBe(400);
    const confirm = await api.post('/api/auth/password-reset/confirm', { token, password: 'difference-engine-1822' });
    expect(confirm.status).toBe(204);
    expect(
      (await api.post('/api/auth/password-reset/confirm', { token, password: 'another-password-99' })).status,
    ).toBe(400);
    expect((await api.post('/api/auth/refresh', { refresh_token: oldRefresh })).status).toBe(401);
    expect((await api.post('/api/auth/login', { email, password })).status).toBe(401);
    expect((await api.post('/api/auth/login', { email, password: 'difference-engine-1822' })).status).toBe(200);
  });

  it('refuses an expired reset link', async () => {
    await api.post('/api/auth/password-reset', { email });
    const token = await mailedToken(t.dataDir, address, '/reset-password');
    t.clock.advance(3600_000 + 1000);
    const res = await api.post('/api/auth/password-reset/confirm', { token, password: 'too-late-password-1' });
    expect(res.status).toBe(400);
  });

  it('changes the password: old one required, other sessions revoked, this one continues', async () => {
    const phone = (await api.post('/api/auth/login', { email, password: 'difference-engine-1822' })).body.data;
    const laptop = (await api.post('/api/auth/login', { email, password: 'difference-engine-1822' })).body.data;
    const wrong = await api.post(
      '/api/auth/password',
      { old_password: 'not-my-password', new_password: 'jacquard-loom-1804' },
      laptop.access_token,
    );
    expect(wrong.status).toBe(403);
    const res = await api.post(
      '/api/auth/password',
      { old_password: 'difference-engine-1822', new_password: 'jacquard-loom-1804' },
      laptop.access_token,
    );
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ token_type: 'bearer', user: { id: userId } });
    expect((await api.post('/api/auth/refresh', { refresh_token: phone.refresh_token })).status).toBe(401);
    expect((await api.post('/api/auth/refresh', { refresh_token: laptop.refresh_token })).status).toBe(401);
    const fresh = await api.post('/api/auth/refresh', { refresh_token: res.body.data.refresh_token });
    expect(fresh.status).toBe(200);
    refreshToken = fresh.body.data.refresh_token;
    accessToken = fresh.body.data.access_token;
  });

  it("logs out: the session's refresh token stops working", async () => {
    expect((await api.post('/api/auth/logout', {}, accessToken)).status).toBe(400);
    expect((await api.post('/api/auth/logout', { refresh_token: refreshToken })).status).toBe(401);
    const res = await api.post('/api/auth/logout', { refresh_token: refreshToken }, accessToken);
    expect(res.status).toBe(204);
    expect((await api.post('/api/auth/refresh', { refresh_token: refreshToken })).status).toBe(401);
  });

  it('logs out everywhere with scope global', async () => {
    const a = (await api.post('/api/auth/login', { email, password: 'jacquard-loom-1804' })).body.data;
    const b = (await api.post('/api/auth/login', { email, password: 'jacquard-loom-1804' })).body.data;
    expect((await api.post('/api/auth/logout', { scope: 'global' }, a.access_token)).status).toBe(204);
    expect((await api.post('/api/auth/refresh', { refresh_token: b.refresh_token })).status).toBe(401);
  });
});
