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

  const mailedAnswer = {
    access_token: null,
    token_type: 'bearer',
    expires_in: null,
    refresh_token: null,
    user: null,
    email: address,
  };

  it('signs up: 202 with no session, an unconfirmed user, and a confirmation mail', async () => {
    const res = await api.post('/api/auth/signup', { email, password, display_name: 'Ada' });
    expect(res.status).toBe(202);
    expect(res.body.data).toEqual(mailedAnswer);
    const [user] = await asSystem(t.db, 'test', (tx) =>
      tx.query<{ id: string; email_confirmed_at: string | null }>(
        'select id, email_confirmed_at from auth.users where email = $1',
        [address],
      ),
    );
    expect(user!.email_confirmed_at).toBeNull();
    userId = user!.id;
    const mails = await readMailbox(t.dataDir);
    expect(mails.map((m) => [m.to, m.subject])).toEqual([[address, 'Confirm your email address for Lantern']]);
    expect(mails[0]!.text).toContain('http://localhost:3000/verify-email?token=');
  });

  it('refuses to sign in before the address is confirmed, with the answer of a wrong password', async () => {
    const unconfirmed = await api.post('/api/auth/login', { email, password });
    const wrong = await api.post('/api/auth/login', { email, password: 'not-the-password-1' });
    expect(unconfirmed.status).toBe(401);
    expect({ ...unconfirmed.body.error, requestId: null }).toEqual({ ...wrong.body.error, requestId: null });
  });

  it('stores no password in clear', async () => {
    const [row] = await asSystem(t.db, 'test', (tx) =>
      tx.query<{ encrypted_password: string }>('select encrypted_password from auth.users where id = $1', [userId]),
    );
    expect(row!.encrypted_password).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row!.encrypted_password).not.toContain(password);
  });

  it('answers a sign-up with a confirmed address exactly as a new one, changes nothing, and mails its owner', async () => {
    const known = 'grace@example.test';
    const before = await readMailbox(t.dataDir);
    await asSystem(t.db, 'test', (tx) =>
      tx.query(`insert into auth.users (email, encrypted_password, email_confirmed_at) values ($1, 'x', now())`, [
        known,
      ]),
    );
    const [{ encrypted_password: hashBefore }] = (await asSystem(t.db, 'test', (tx) =>
      tx.query<{ encrypted_password: string }>('select encrypted_password from auth.users where email = $1', [known]),
    )) as [{ encrypted_password: string }];
    const res = await api.post('/api/auth/signup', { email: known.toUpperCase(), password: 'someone-else-pw-1' });
    const fresh = await api.post('/api/auth/signup', {
      email: 'new-person@example.test',
      password: 'someone-else-pw-1',
    });
    expect(res.status).toBe(fresh.status);
    expect(res.body).toEqual({ data: { ...fresh.body.data, email: known } });
    const [{ encrypted_password: hashAfter }] = (await asSystem(t.db, 'test', (tx) =>
      tx.query<{ encrypted_password: string }>('select encrypted_password from auth.users where email = $1', [known]),
    )) as [{ encrypted_password: string }];
    expect(hashAfter).toBe(hashBefore);
    const mails = (await readMailbox(t.dataDir)).slice(before.length);
    const toKnown = mails.filter((m) => m.to.includes(known));
    expect(toKnown.map((m) => m.subject)).toEqual(['You already have a Lantern account']);
    expect(toKnown[0]!.text).toContain('http://localhost:3000/admin/sign-in');
    expect(toKnown[0]!.text).toContain('http://localhost:3000/admin/forgot-password');
    expect(toKnown[0]!.text).not.toMatch(/token=/);
  });

  it('refuses short and common passwords with validation_failed', async () => {
    for (const bad of ['short', 'password123']) {
      const res = await api.post('/api/auth/signup', { email: 'other@example.test', password: bad });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
  });

  it('a second sign-up before confirming replaces the password; only the newest link works', async () => {
    const firstLink = await mailedToken(t.dataDir, address, '/verify-email');
    const again = await api.post('/api/auth/signup', { email, password: 'second-thoughts-1843', display_name: 'Ada' });
    expect(again.status).toBe(202);
    expect(again.body.data).toEqual(mailedAnswer);
    expect((await api.post('/api/auth/verify-email', { token: firstLink })).status).toBe(400);
  });

  it('confirms the email with the newest mailed link, once', async () => {
    const token = await mailedToken(t.dataDir, address, '/verify-email');
    const res = await api.post('/api/auth/verify-email', { token });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: userId, email_verified: true });
    const again = await api.post('/api/auth/verify-email', { token });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('bad_request');
  });

  it('logs in with the newest password, and /me shows the user and their organizations with roles', async () => {
    expect((await api.post('/api/auth/login', { email, password })).status).toBe(401);
    const res = await api.post('/api/auth/login', { email, password: 'second-thoughts-1843' });
    expect(res.status).toBe(200);
    expect(res.body.data.user).toMatchObject({ id: userId, email_verified: true, display_name: 'Ada' });
    accessToken = res.body.data.access_token;
    refreshToken = res.body.data.refresh_token;
    const [stored] = await asSystem(t.db, 'test', (tx) =>
      tx.query<{ token_hash: string }>('select token_hash from public.refresh_tokens where user_id = $1', [userId]),
    );
    expect(stored!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored!.token_hash).not.toBe(refreshToken);
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
    const session = await api.post('/api/auth/login', { email, password: 'second-thoughts-1843' });
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
    expect((await api.post('/api/auth/login', { email, password: 'second-thoughts-1843' })).status).toBe(401);
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
