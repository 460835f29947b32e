import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { mailedToken, readMailbox } from '../../../test/mailbox.ts';
import { asSystem } from '../../db/doors.ts';
import { issueRefreshToken } from '../../auth/refresh-tokens.ts';
import { authClient } from './test-client.ts';

/** The bindings @hono/node-server passes for a request from `ip` (app.request() has none). */
const from = (ip: string) => ({ incoming: { socket: { remoteAddress: ip, remotePort: 40000, remoteFamily: 'IPv4' } } });

// Sign-up must not tell whether an address has an account (OWASP API2, account enumeration): the
// answer is the same, byte for byte, and what differs goes by mail to the address itself.
describe('POST /api/auth/signup without an invitation: one answer for every address', () => {
  let t: TestContext;
  let api: ReturnType<typeof authClient>;
  let ip = 0;
  beforeAll(async () => {
    t = await createTestContext();
    api = authClient(t.app);
  });
  afterAll(() => t.close());

  /** Signs up from a client IP of its own, so the per-address mail limit never answers first. */
  async function signUp(body: Record<string, unknown>) {
    const res = await t.app.request(
      '/api/auth/signup',
      { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) },
      from(`198.51.100.${++ip}`),
    );
    const headers = [...res.headers].filter(([name]) => name !== 'x-request-id');
    return { status: res.status, headers, text: await res.text() };
  }
  const login = (email: string, password: string) => api.post('/api/auth/login', { email, password });
  const mailsTo = async (address: string) => (await readMailbox(t.dataDir)).filter((m) => m.to.includes(address));
  const withoutRequestId = (body: { error: Record<string, unknown> }) => ({ ...body.error, requestId: 0 });

  it('answers an unknown, an unconfirmed and a confirmed address with the same status, headers and bytes', async () => {
    const email = 'same@example.test';
    const unknown = await signUp({ email, password: 'first-password-1', display_name: 'First' });
    expect(unknown.status).toBe(202);
    expect(JSON.parse(unknown.text)).toEqual({
      data: { access_token: null, token_type: 'bearer', expires_in: null, refresh_token: null, user: null, email },
    });
    const unconfirmed = await signUp({ email: 'Same@Example.TEST', password: 'second-password-2' });
    await api.post('/api/auth/verify-email', { token: await mailedToken(t.dataDir, email, '/verify-email') });
    const confirmed = await signUp({ email, password: 'third-password-3', display_name: 'Third' });
    expect(unconfirmed).toEqual(unknown);
    expect(confirmed).toEqual(unknown);
    expect(unknown.headers).toContainEqual(['cache-control', 'no-store']);
  });

  it('a new address: an unconfirmed account, a working link, then sign-in works', async () => {
    const email = 'newcomer@example.test';
    const password = 'newcomer-password-1';
    expect((await signUp({ email, password, display_name: 'New' })).status).toBe(202);
    const mails = await mailsTo(email);
    expect(mails.map((m) => m.subject)).toEqual(['Confirm your email address for Lantern']);
    const early = await login(email, password);
    expect(early.status).toBe(401);
    const verified = await api.post('/api/auth/verify-email', {
      token: await mailedToken(t.dataDir, email, '/verify-email'),
    });
    expect(verified.status).toBe(200);
    expect(verified.body.data).toMatchObject({ email, email_verified: true, display_name: 'New' });
    const signedIn = await login(email, password);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.data.user).toMatchObject({ email, email_verified: true });
  });

  it('an unconfirmed account cannot sign in: the same answer as a wrong password, after the same hash check', async () => {
    const email = 'unconfirmed@example.test';
    const password = 'unconfirmed-password-1';
    await signUp({ email, password });
    const rightPassword = await login(email, password);
    const wrongPassword = await login(email, 'not-the-password-1');
    const unknownEmail = await login('nobody-at-all@example.test', password);
    expect([rightPassword.status, wrongPassword.status, unknownEmail.status]).toEqual([401, 401, 401]);
    expect(withoutRequestId(rightPassword.body)).toEqual(withoutRequestId(wrongPassword.body));
    expect(withoutRequestId(rightPassword.body)).toEqual(withoutRequestId(unknownEmail.body));
    expect(rightPassword.body.error.message).toBe(
      'Wrong email or password, or the address is not confirmed yet (open the link in the confirmation mail)',
    );
  });

  it('a confirmed address: nothing changes, its owner gets "you already have an account" instead', async () => {
    const email = 'owner@example.test';
    const password = 'owner-password-123';
    await signUp({ email, password, display_name: 'Owner' });
    await api.post('/api/auth/verify-email', { token: await mailedToken(t.dataDir, email, '/verify-email') });
    const session = await login(email, password);
    expect(session.status).toBe(200);
    const before = await asSystem(t.db, 'test', (tx) =>
      tx.query(
        `select u.*, p.display_name from auth.users u join public.profiles p on p.user_id = u.id where u.email = $1`,
        [email],
      ),
    );

    expect((await signUp({ email, password: 'intruder-password-1', display_name: 'Intruder' })).status).toBe(202);
    const mails = await mailsTo(email);
    expect(mails.map((m) => m.subject)).toEqual([
      'Confirm your email address for Lantern',
      'You already have a Lantern account',
    ]);
    const note = mails[1]!.text;
    expect(note).toContain('Someone, maybe you, tried to create a Lantern account with this address');
    expect(note).toContain('http://localhost:3000/admin/sign-in');
    expect(note).toContain('http://localhost:3000/admin/forgot-password');
    expect(note).not.toMatch(/token=/);
    // The account row and profile are untouched; the old password and the session still work.
    const after = await asSystem(t.db, 'test', (tx) =>
      tx.query(
        `select u.*, p.display_name from auth.users u join public.profiles p on p.user_id = u.id where u.email = $1`,
        [email],
      ),
    );
    expect(after).toEqual(before);
    expect((await login(email, password)).status).toBe(200);
    expect((await login(email, 'intruder-password-1')).status).toBe(401);
    expect((await api.post('/api/auth/refresh', { refresh_token: session.body.data.refresh_token })).status).toBe(200);
  });

  it('an unconfirmed address again: the new password and name replace the old, the old link dies, old sessions end', async () => {
    const email = 'twice@example.test';
    await signUp({ email, password: 'first-attempt-123', display_name: 'First' });
    const firstLink = await mailedToken(t.dataDir, email, '/verify-email');
    // A session of this unconfirmed account, as sign-in handed out before confirmation was required.
    const [row] = await asSystem(t.db, 'test', (tx) =>
      tx.query<{ id: string }>('select id from auth.users where email = $1', [email]),
    );
    const id = row!.id;
    const oldRefresh = await asSystem(t.db, 'test', (tx) => issueRefreshToken(tx, id, t.clock.now()));

    expect((await signUp({ email, password: 'second-attempt-456', display_name: 'Second' })).status).toBe(202);
    const secondLink = await mailedToken(t.dataDir, email, '/verify-email');
    expect(secondLink).not.toBe(firstLink);
    expect((await api.post('/api/auth/verify-email', { token: firstLink })).status).toBe(400);
    expect((await api.post('/api/auth/refresh', { refresh_token: oldRefresh })).status).toBe(401);
    const verified = await api.post('/api/auth/verify-email', { token: secondLink });
    expect(verified.status).toBe(200);
    expect(verified.body.data).toMatchObject({ id, email_verified: true, display_name: 'Second' });
    expect((await login(email, 'first-attempt-123')).status).toBe(401);
    expect((await login(email, 'second-attempt-456')).status).toBe(200);
  });

  it('first sign-ups of one address at once all answer 202 and make one account', async () => {
    // Several rounds: two transactions that both find no account must both end in a branch, not in
    // the unique violation of the second insert.
    for (let round = 0; round < 8; round++) {
      const email = `racer-${round}@example.test`;
      const answers = await Promise.all([1, 2, 3].map((n) => signUp({ email, password: `racer-password-${n}` })));
      expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
      for (const answer of answers) expect(answer.text).toBe(answers[0]!.text);
      const [row] = await asSystem(t.db, 'test', (tx) =>
        tx.query<{ count: number }>('select count(*)::int as count from auth.users where email = $1', [email]),
      );
      expect(row!.count).toBe(1);
    }
  });

  it('counts every sign-up against the address’s mails: the fourth from one client is refused, known or not', async () => {
    const client = from('203.0.113.9');
    const attempt = (email: string) =>
      t.app.request(
        '/api/auth/signup',
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ email, password: 'mail-bomb-attempt-1' }),
        },
        client,
      );
    for (const email of ['owner@example.test', 'never-seen@example.test']) {
      for (let i = 0; i < 3; i++) expect((await attempt(email)).status).toBe(202);
      const refused = await attempt(email);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('Retry-After')).toBeTruthy();
    }
  });
});
