import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { createOrg } from '../../../test/fixtures.ts';
import { readMailbox } from '../../../test/mailbox.ts';
import { asSystem } from '../../db/doors.ts';
import type { Database } from '../../db/types.ts';
import { generateOpaqueToken, hashOpaqueToken } from '../../auth/opaque-token.ts';
import { authClient } from './test-client.ts';

const password = 'correct-horse-battery';

/** Inserts a pending invitation as an admin would have made it; returns its token. */
async function invite(
  db: Database,
  orgId: string,
  email: string,
  role: 'viewer' | 'member' | 'admin',
  expiresInMs = 86_400_000,
): Promise<{ id: string; token: string }> {
  const token = generateOpaqueToken();
  const [row] = await asSystem(db, 'test', (tx) =>
    tx.query<{ id: string }>(
      `insert into public.invitations (org_id, email, role, token_hash, expires_at) values ($1, $2, $3, $4, $5) returning id`,
      [orgId, email, role, hashOpaqueToken(token), new Date(Date.now() + expiresInMs).toISOString()],
    ),
  );
  return { id: row!.id, token };
}

describe('SIGNUP=closed', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ SIGNUP: 'closed' });
  });
  afterAll(() => t.close());

  it('refuses every sign-up with 403 signup_closed, and creates nothing', async () => {
    const org = await createOrg(t.db);
    const { token } = await invite(t.db, org.id, 'closed@example.test', 'member');
    for (const body of [
      { email: 'closed@example.test', password },
      { email: 'closed@example.test', password, invitation_token: token },
    ]) {
      const res = await authClient(t.app).post('/api/auth/signup', body);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('signup_closed');
    }
    const users = await asSystem(t.db, 'test', (tx) =>
      tx.query(`select 1 from auth.users where email = 'closed@example.test'`),
    );
    expect(users).toHaveLength(0);
  });

  it('still lets existing accounts log in', async () => {
    const res = await authClient(t.app).post('/api/auth/login', { email: 'nobody@example.test', password });
    expect(res.status).toBe(401);
  });
});

describe('SIGNUP=invite', () => {
  let t: TestContext;
  let api: ReturnType<typeof authClient>;
  let org: { id: string; slug: string };
  beforeAll(async () => {
    t = await createTestContext({ SIGNUP: 'invite' });
    api = authClient(t.app);
    org = await createOrg(t.db);
  });
  afterAll(() => t.close());

  it('refuses a sign-up without an invitation with 403 invitation_required', async () => {
    const res = await api.post('/api/auth/signup', { email: 'walk-in@example.test', password });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('invitation_required');
  });

  it('refuses an invitation for another email, an expired one, and a made-up token; creates nothing', async () => {
    const other = await invite(t.db, org.id, 'someone-else@example.test', 'member');
    const expired = await invite(t.db, org.id, 'late@example.test', 'member', -1000);
    const cases = [
      { email: 'intruder@example.test', invitation_token: other.token },
      { email: 'late@example.test', invitation_token: expired.token },
      { email: 'guess@example.test', invitation_token: generateOpaqueToken() },
    ];
    for (const body of cases) {
      const res = await api.post('/api/auth/signup', { ...body, password });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('invitation_required');
    }
    const users = await asSystem(t.db, 'test', (tx) =>
      tx.query(
        `select 1 from auth.users where email in ('intruder@example.test', 'late@example.test', 'guess@example.test')`,
      ),
    );
    expect(users).toHaveLength(0);
  });

  it('signs up through a valid invitation: verified, joined with its role, invitation accepted, events appended', async () => {
    const invitation = await invite(t.db, org.id, 'Grace@Example.test', 'admin');
    const res = await api.post('/api/auth/signup', {
      email: 'grace@example.test',
      password,
      display_name: 'Grace',
      invitation_token: invitation.token,
    });
    expect(res.status).toBe(201);
    const user = res.body.data.user;
    expect(user).toMatchObject({ email: 'grace@example.test', email_verified: true, display_name: 'Grace' });
    // The invitation proved the address: no verification mail.
    expect(await readMailbox(t.dataDir)).toHaveLength(0);

    const me = await api.get('/api/auth/me', res.body.data.access_token);
    expect(me.body.data.organizations).toEqual([{ id: org.id, slug: org.slug, name: org.slug, role: 'admin' }]);
    const [row] = await asSystem(t.db, 'test', (tx) =>
      tx.query<{ accepted_at: string | null; accepted_by: string | null }>(
        'select accepted_at, accepted_by from public.invitations where id = $1',
        [invitation.id],
      ),
    );
    expect(row).toMatchObject({ accepted_at: expect.anything(), accepted_by: user.id });
    const events = await asSystem(t.db, 'test', (tx) =>
      tx.query<{ type: string; payload: Record<string, unknown>; actor: unknown }>(
        'select type, payload, actor from public.status_events where org_id = $1 order by seq',
        [org.id],
      ),
    );
    expect(events).toEqual([
      {
        type: 'member.added',
        payload: {
          member: {
            user_id: user.id,
            email: 'grace@example.test',
            display_name: 'Grace',
            role: 'admin',
            created_at: expect.any(String),
          },
        },
        actor: { type: 'user', id: user.id },
      },
      {
        type: 'invitation.accepted',
        payload: {
          invitation: {
            id: invitation.id,
            email: 'Grace@Example.test',
            role: 'admin',
            state: 'accepted',
            expires_at: expect.any(String),
            accepted_at: expect.any(String),
            accepted_by: user.id,
          },
        },
        actor: { type: 'user', id: user.id },
      },
    ]);
  });

  it('accepts an invitation only once', async () => {
    const invitation = await invite(t.db, org.id, 'twice@example.test', 'viewer');
    await asSystem(t.db, 'test', (tx) =>
      tx.query('update public.invitations set accepted_at = now() where id = $1', [invitation.id]),
    );
    const res = await api.post('/api/auth/signup', {
      email: 'twice@example.test',
      password,
      invitation_token: invitation.token,
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('invitation_required');
  });
});

describe('SIGNUP=open', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ SIGNUP: 'open' });
  });
  afterAll(() => t.close());

  it('takes anyone, and an invitation token when one is given', async () => {
    const api = authClient(t.app);
    expect((await api.post('/api/auth/signup', { email: 'anyone@example.test', password })).status).toBe(202);
    const org = await createOrg(t.db);
    const invitation = await invite(t.db, org.id, 'invited@example.test', 'viewer');
    const res = await api.post('/api/auth/signup', {
      email: 'invited@example.test',
      password,
      invitation_token: invitation.token,
    });
    expect(res.status).toBe(201);
    expect(res.body.data.user.email_verified).toBe(true);
    expect((await api.get('/api/auth/me', res.body.data.access_token)).status).toBe(200);
  });

  it('refuses an invitation sign-up for an address that has an account with 409 (its holder knows the address)', async () => {
    const api = authClient(t.app);
    const org = await createOrg(t.db);
    const invitation = await invite(t.db, org.id, 'anyone@example.test', 'viewer');
    const res = await api.post('/api/auth/signup', {
      email: 'anyone@example.test',
      password,
      invitation_token: invitation.token,
    });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'conflict',
      message: 'An account with this email address already exists; sign in to accept the invitation',
    });
  });
});
