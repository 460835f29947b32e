import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from '../../../test/test-app.ts';
import type { SupabaseStandIn } from '../../../test/supabase-stand-in.ts';
import { startSupabaseContext } from '../../../test/supabase-context.ts';
import { addMember, createOrg } from '../../../test/fixtures.ts';
import { asSystem } from '../../db/doors.ts';
import { generateOpaqueToken, hashOpaqueToken } from '../../auth/opaque-token.ts';
import { authClient } from './test-client.ts';

const password = 'correct-horse-battery';

describe('AUTH_PROVIDER=supabase (against the Supabase Auth stand-in)', () => {
  let standIn: SupabaseStandIn;
  let t: TestContext;
  let close: () => Promise<void>;
  let api: ReturnType<typeof authClient>;
  beforeAll(async () => {
    ({ standIn, t, close } = await startSupabaseContext({ mode: 'jwks' }));
    api = authClient(t.app);
  });
  afterAll(() => close());

  let userId = '';

  it('signs up through Supabase and mirrors the user into our auth.users', async () => {
    const res = await api.post('/api/auth/signup', { email: 'Linus@Example.test', password, display_name: 'Linus' });
    expect(res.status).toBe(201);
    expect(res.body.data).toEqual({
      access_token: expect.any(String),
      token_type: 'bearer',
      expires_in: 3600,
      refresh_token: expect.any(String),
      user: {
        id: expect.any(String),
        email: 'linus@example.test',
        email_verified: true,
        display_name: 'Linus',
        created_at: expect.any(String),
      },
    });
    userId = res.body.data.user.id;
    const rows = await asSystem(t.db, 'test', (tx) =>
      tx.query<{ email: string; display_name: string | null }>(
        'select u.email, p.display_name from auth.users u join public.profiles p on p.user_id = u.id where u.id = $1',
        [userId],
      ),
    );
    expect(rows).toEqual([{ email: 'linus@example.test', display_name: 'Linus' }]);
    // "Confirm email" off (autoconfirm): Supabase refuses the known address; we answer as for a new one.
    const again = await api.post('/api/auth/signup', { email: 'linus@example.test', password });
    expect(again.status).toBe(202);
    expect(again.body.data).toMatchObject({ access_token: null, user: null, email: 'linus@example.test' });
  });

  it("logs in; the Supabase access token works on /me with the user's organizations", async () => {
    const res = await api.post('/api/auth/login', { email: 'linus@example.test', password });
    expect(res.status).toBe(200);
    const org = await createOrg(t.db);
    await addMember(t.db, org.id, userId, 'viewer');
    const me = await api.get('/api/auth/me', res.body.data.access_token);
    expect(me.status).toBe(200);
    expect(me.body.data.user).toMatchObject({ id: userId, email: 'linus@example.test' });
    expect(me.body.data.organizations).toEqual([{ id: org.id, slug: org.slug, name: org.slug, role: 'viewer' }]);
    // Supabase's API and its JWKS were reached through outbound/ (the tests' guarded Outbound).
    const standInPort = new URL(standIn.url).port;
    expect(t.outbound.connects.filter((to) => to.endsWith(`:${standInPort}`)).length).toBeGreaterThan(0);
  });

  it('answers a wrong password and an unknown email the same way', async () => {
    const wrong = await api.post('/api/auth/login', { email: 'linus@example.test', password: 'wrong-password-1' });
    const unknown = await api.post('/api/auth/login', { email: 'nobody@example.test', password: 'wrong-password-1' });
    expect(wrong.status).toBe(401);
    expect({ ...wrong.body.error, requestId: 0 }).toEqual({ ...unknown.body.error, requestId: 0 });
  });

  it('mirrors a user first seen through a token (signed up elsewhere) on first use', async () => {
    const session = await standIn.createUserWithSession('elsewhere@example.test', password);
    const me = await api.get('/api/auth/me', session.access_token);
    expect(me.status).toBe(200);
    expect(me.body.data).toEqual({
      user: expect.objectContaining({ id: session.user.id, email: 'elsewhere@example.test' }),
      organizations: [],
    });
  });

  it('refreshes through Supabase; a reused refresh token is refused and ends that session', async () => {
    const login = (await api.post('/api/auth/login', { email: 'linus@example.test', password })).body.data;
    const first = await api.post('/api/auth/refresh', { refresh_token: login.refresh_token });
    expect(first.status).toBe(200);
    expect(first.body.data.refresh_token).not.toBe(login.refresh_token);
    expect((await api.post('/api/auth/refresh', { refresh_token: login.refresh_token })).status).toBe(401);
    expect((await api.post('/api/auth/refresh', { refresh_token: first.body.data.refresh_token })).status).toBe(401);
  });

  it('asks Supabase to mail a reset link, answering 204 for known and unknown addresses alike', async () => {
    expect((await api.post('/api/auth/password-reset', { email: 'linus@example.test' })).status).toBe(204);
    expect((await api.post('/api/auth/password-reset', { email: 'ghost@example.test' })).status).toBe(204);
    expect(standIn.recoveries).toEqual(['linus@example.test', 'ghost@example.test']);
    // A token Supabase did not mail (the links are checked by Supabase: supabase-redirects.test.ts).
    const confirm = await api.post('/api/auth/password-reset/confirm', {
      token: 'x'.repeat(43),
      password: 'new-password-123',
    });
    expect(confirm.status).toBe(400);
    expect(confirm.body.error.message).toBe('This link is invalid or has expired');
  });

  it('changes the password: old one required, other sessions ended, a fresh session answered', async () => {
    const phone = (await api.post('/api/auth/login', { email: 'linus@example.test', password })).body.data;
    const laptop = (await api.post('/api/auth/login', { email: 'linus@example.test', password })).body.data;
    const wrong = await api.post(
      '/api/auth/password',
      { old_password: 'not-the-password', new_password: 'penguin-kernel-1991' },
      laptop.access_token,
    );
    expect(wrong.status).toBe(403);
    const res = await api.post(
      '/api/auth/password',
      { old_password: password, new_password: 'penguin-kernel-1991' },
      laptop.access_token,
    );
    expect(res.status).toBe(200);
    expect(res.body.data.user.id).toBe(userId);
    expect((await api.post('/api/auth/refresh', { refresh_token: phone.refresh_token })).status).toBe(401);
    expect((await api.post('/api/auth/login', { email: 'linus@example.test', password })).status).toBe(401);
    expect((await api.post('/api/auth/refresh', { refresh_token: res.body.data.refresh_token })).status).toBe(200);
  });

  it("logs out through Supabase: the session's refresh token stops working", async () => {
    const session = (
      await api.post('/api/auth/login', { email: 'linus@example.test', password: 'penguin-kernel-1991' })
    ).body.data;
    const res = await api.post('/api/auth/logout', { refresh_token: session.refresh_token }, session.access_token);
    expect(res.status).toBe(204);
    expect((await api.post('/api/auth/refresh', { refresh_token: session.refresh_token })).status).toBe(401);
  });

  it('refuses local tokens when the provider is Supabase', async () => {
    const res = await api.get('/api/auth/me', await t.tokens.sign(userId, 'linus@example.test'));
    expect(res.status).toBe(401);
  });
});

describe('AUTH_PROVIDER=supabase with SIGNUP=invite', () => {
  let t: TestContext;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ t, close } = await startSupabaseContext({ mode: 'hs256' }, { SIGNUP: 'invite' }));
  });
  afterAll(() => close());

  it('creates no Supabase account for a bad invitation, and joins the org through a good one', async () => {
    const api = authClient(t.app);
    const org = await createOrg(t.db);
    const token = generateOpaqueToken();
    await asSystem(t.db, 'test', (tx) =>
      tx.query(
        `insert into public.invitations (org_id, email, role, token_hash, expires_at) values ($1, 'joiner@example.test', 'member', $2, now() + interval '1 day')`,
        [org.id, hashOpaqueToken(token)],
      ),
    );
    const bad = await api.post('/api/auth/signup', {
      email: 'joiner@example.test',
      password,
      invitation_token: generateOpaqueToken(),
    });
    expect(bad.status).toBe(403);
    expect(bad.body.error.code).toBe('invitation_required');
    expect((await api.post('/api/auth/login', { email: 'joiner@example.test', password })).status).toBe(401);

    const res = await api.post('/api/auth/signup', { email: 'joiner@example.test', password, invitation_token: token });
    expect(res.status).toBe(201);
    const me = await api.get('/api/auth/me', res.body.data.access_token);
    expect(me.body.data.organizations).toEqual([{ id: org.id, slug: org.slug, name: org.slug, role: 'member' }]);
  });
});

// Supabase's "Confirm email" on (docs/supabase.md): sign-up answers every address alike, and signing in
// before confirming answers as a wrong password does.
describe('AUTH_PROVIDER=supabase with "Confirm email" on: one sign-up answer for every address', () => {
  let standIn: SupabaseStandIn;
  let t: TestContext;
  let close: () => Promise<void>;
  let api: ReturnType<typeof authClient>;
  beforeAll(async () => {
    ({ standIn, t, close } = await startSupabaseContext({ mode: 'jwks', autoconfirm: false }));
    api = authClient(t.app);
  });
  afterAll(() => close());

  const mailed = {
    data: {
      access_token: null,
      token_type: 'bearer',
      expires_in: null,
      refresh_token: null,
      user: null,
      email: 'mary@example.test',
    },
  };

  it('answers a new, an unconfirmed and a confirmed address with the same 202 body', async () => {
    const fresh = await api.post('/api/auth/signup', { email: 'Mary@Example.test', password });
    expect([fresh.status, fresh.body]).toEqual([202, mailed]);

    const unconfirmed = await api.post('/api/auth/signup', { email: 'mary@example.test', password: 'other-pass-2024' });
    expect([unconfirmed.status, unconfirmed.body]).toEqual([202, mailed]);
    const mails = standIn.mails.filter((m) => m.email === 'mary@example.test' && m.kind === 'signup');
    expect(mails).toHaveLength(2);
    // The older link ended with the newer mail; the newer one confirms.
    expect((await api.post('/api/auth/verify-email', { token: mails[0]!.tokenHash })).status).toBe(400);
    expect((await api.post('/api/auth/verify-email', { token: mails[1]!.tokenHash })).status).toBe(200);

    const confirmed = await api.post('/api/auth/signup', { email: 'mary@example.test', password: 'another-pass-99' });
    expect([confirmed.status, confirmed.body]).toEqual([202, mailed]);
    // Supabase changes nothing for a known address: the first password still signs in, the others do not.
    expect((await api.post('/api/auth/login', { email: 'mary@example.test', password })).status).toBe(200);
    for (const other of ['other-pass-2024', 'another-pass-99'])
      expect((await api.post('/api/auth/login', { email: 'mary@example.test', password: other })).status).toBe(401);
  });

  it('refuses to sign in before confirming with the same body as a wrong password', async () => {
    expect((await api.post('/api/auth/signup', { email: 'early@example.test', password })).status).toBe(202);
    const early = await api.post('/api/auth/login', { email: 'early@example.test', password });
    const wrong = await api.post('/api/auth/login', { email: 'mary@example.test', password: 'wrong-password-1' });
    expect(early.status).toBe(401);
    expect({ ...early.body.error, requestId: 0 }).toEqual({ ...wrong.body.error, requestId: 0 });
  });
});
