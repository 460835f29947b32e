import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { mailedToken, readMailbox } from '../../../test/mailbox.ts';
import { createTenantWorld, createUser, type TenantWorld } from '../../../test/fixtures.ts';
import { asSystem } from '../../db/doors.ts';

type User = { id: string; email: string };

describe('invitations: invite, look up, accept, revoke, resend', () => {
  let t: TestContext;
  let world: TenantWorld;
  const as = async (user: User) => ({ Authorization: `Bearer ${await t.tokens.sign(user.id, user.email)}` });
  const invite = async (email: string, role = 'member', by: User = world.users.adminA) =>
    t.app.request(`/api/organizations/${world.orgA.id}/members`, {
      method: 'POST',
      headers: { ...(await as(by)), 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, role }),
    });
  const invited = async (email: string, role = 'member') => {
    const res = await invite(email, role);
    expect(res.status).toBe(201);
    const { data } = (await res.json()) as {
      data: { id: string; accept_url: string; email: string; state: string; role: string };
    };
    return { ...data, token: new URL(data.accept_url).searchParams.get('token')! };
  };
  const accept = async (token: string, user: User) =>
    t.app.request(`/api/invitations/${token}/accept`, { method: 'POST', headers: await as(user) });
  const lookup = async (token: string) => t.app.request(`/api/invitations/${token}`);
  const isMember = async (userId: string) =>
    (
      await t.db.query('select 1 from public.organization_members where org_id = $1 and user_id = $2', [
        world.orgA.id,
        userId,
      ])
    ).length > 0;
  const unverifiedUser = async (email: string): Promise<User> => {
    const [row] = await asSystem(t.db, 'test', (tx) =>
      tx.query<{ id: string }>('insert into auth.users (email) values ($1) returning id', [email]),
    );
    return { id: row!.id, email };
  };

  beforeAll(async () => {
    t = await createTestContext();
    world = await createTenantWorld(t.db);
  });
  afterAll(() => t.close());

  it('creates an invitation, mails its link, stores only its hash and joins nobody yet', async () => {
    const existing = await createUser(t.db, 'carol@example.test');
    const inv = await invited('Carol@Example.test', 'member');
    expect(inv).toMatchObject({ email: 'carol@example.test', role: 'member', state: 'pending' });
    expect(inv.accept_url).toMatch(/^http:\/\/localhost:\d+\/accept-invitation\?token=[A-Za-z0-9_-]{43}$/);
    expect(await mailedToken(t.dataDir, 'carol@example.test', '/accept-invitation')).toBe(inv.token);
    const [row] = await t.db.query<{ token_hash: string; expires_at: Date }>(
      'select token_hash, expires_at from public.invitations where id = $1',
      [inv.id],
    );
    expect(row!.token_hash).toBe(createHash('sha256').update(inv.token).digest('hex'));
    expect(new Date(row!.expires_at).getTime() - t.clock.now().getTime()).toBe(7 * 24 * 3600 * 1000);
    // An account with this email exists, and still is not a member until it accepts.
    expect(await isMember(existing.id)).toBe(false);
  });

  it('shows what a link is for to anyone holding it, with the email masked', async () => {
    const inv = await invited('dave@example.test', 'viewer');
    const res = await lookup(inv.token);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      data: {
        organization: { name: world.orgA.slug, slug: world.orgA.slug },
        role: 'viewer',
        email: 'd***@example.test',
        state: 'pending',
        expires_at: expect.any(String),
      },
    });
    expect((await lookup('x'.repeat(43))).status).toBe(404);
    expect((await lookup('too-short')).status).toBe(400);
  });

  it('lets only the verified owner of the invited email accept, once', async () => {
    const inv = await invited('erin@example.test', 'member');
    const unverified = await unverifiedUser('erin@example.test');
    const other = await createUser(t.db, 'mallory@example.test');
    const refused = await accept(inv.token, other);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { details: { reason: 'email_mismatch' } } });
    const notVerified = await accept(inv.token, unverified);
    expect(notVerified.status).toBe(403);
    expect(await notVerified.json()).toMatchObject({ error: { details: { reason: 'email_not_verified' } } });
    expect(await isMember(other.id)).toBe(false);
    expect(await isMember(unverified.id)).toBe(false);

    await t.db.query('update auth.users set email_confirmed_at = now() where id = $1', [unverified.id]);
    const ok = await accept(inv.token, unverified);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({
      data: { org_id: world.orgA.id, slug: world.orgA.slug, name: world.orgA.slug, role: 'member' },
    });
    const [member] = await t.db.query<{ role: string }>(
      'select role from public.organization_members where org_id = $1 and user_id = $2',
      [world.orgA.id, unverified.id],
    );
    expect(member!.role).toBe('member');
    const events = await t.db.query<{ type: string; actor: unknown }>(
      "select type, actor from public.status_events where org_id = $1 and type in ('member.added', 'invitation.accepted') order by seq",
      [world.orgA.id],
    );
    expect(events).toEqual([
      { type: 'member.added', actor: { type: 'user', id: unverified.id } },
      { type: 'invitation.accepted', actor: { type: 'user', id: unverified.id } },
    ]);
    // Single use, even for the same person.
    expect((await accept(inv.token, unverified)).status).toBe(410);
    expect(((await (await lookup(inv.token)).json()) as { data: { state: string } }).data.state).toBe('accepted');
    // The new member now reads the org with their token.
    expect((await t.app.request(`/api/organizations/${world.orgA.id}`, { headers: await as(unverified) })).status).toBe(
      200,
    );
  });

  it('refuses a revoked invitation, and lists only pending ones', async () => {
    const inv = await invited('frank@example.test', 'viewer');
    const headers = await as(world.users.adminA);
    const listed = async () =>
      (
        (await (await t.app.request(`/api/organizations/${world.orgA.id}/invitations`, { headers })).json()) as {
          data: { id: string; state: string }[];
        }
      ).data;
    expect((await listed()).map((i) => i.id)).toContain(inv.id);
    expect(
      (await t.app.request(`/api/organizations/${world.orgA.id}/invitations/${inv.id}`, { method: 'DELETE', headers }))
        .status,
    ).toBe(204);
    expect(
      (await t.app.request(`/api/organizations/${world.orgA.id}/invitations/${inv.id}`, { method: 'DELETE', headers }))
        .status,
    ).toBe(204);
    expect((await listed()).map((i) => i.id)).not.toContain(inv.id);
    expect((await listed()).every((i) => i.state === 'pending')).toBe(true);
    const frank = await createUser(t.db, 'frank@example.test');
    expect((await accept(inv.token, frank)).status).toBe(410);
    expect(((await (await lookup(inv.token)).json()) as { data: { state: string } }).data.state).toBe('revoked');
    expect(
      (
        await t.app.request(`/api/organizations/${world.orgA.id}/invitations/${inv.id}/resend`, {
          method: 'POST',
          headers,
        })
      ).status,
    ).toBe(409);
    const revokedEvents = await t.db.query(
      "select 1 from public.status_events where org_id = $1 and type = 'invitation.revoked'",
      [world.orgA.id],
    );
    expect(revokedEvents).toHaveLength(1);
  });

  it('refuses an expired invitation', async () => {
    const inv = await invited('grace@example.test');
    const grace = await createUser(t.db, 'grace@example.test');
    t.clock.advance(7 * 24 * 3600 * 1000 + 1000);
    try {
      expect((await accept(inv.token, grace)).status).toBe(410);
      expect(((await (await lookup(inv.token)).json()) as { data: { state: string } }).data.state).toBe('expired');
    } finally {
      t.clock.advance(-(7 * 24 * 3600 * 1000 + 1000));
    }
  });

  it('resends with a new link: the old one stops working, the new one works', async () => {
    const inv = await invited('heidi@example.test', 'admin');
    const res = await t.app.request(`/api/organizations/${world.orgA.id}/invitations/${inv.id}/resend`, {
      method: 'POST',
      headers: await as(world.users.adminA),
    });
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: { accept_url: string } };
    const newToken = new URL(data.accept_url).searchParams.get('token')!;
    expect(newToken).not.toBe(inv.token);
    expect(await mailedToken(t.dataDir, 'heidi@example.test', '/accept-invitation')).toBe(newToken);
    const heidi = await createUser(t.db, 'heidi@example.test');
    expect((await accept(inv.token, heidi)).status).toBe(404);
    expect((await accept(newToken, heidi)).status).toBe(200);
    expect(await isMember(heidi.id)).toBe(true);
  });

  it('refuses a second pending invitation for one email, and inviting a member', async () => {
    await invited('ivan@example.test');
    expect((await invite('IVAN@example.test')).status).toBe(409);
    expect((await invite(world.users.memberA.email)).status).toBe(409);
    expect((await invite('not-an-email')).status).toBe(400);
    expect((await invite('judy@example.test', 'owner')).status).toBe(400);
  });

  it('is for admins only', async () => {
    expect((await invite('kim@example.test', 'viewer', world.users.memberA)).status).toBe(403);
    expect((await invite('kim@example.test', 'viewer', world.users.adminB)).status).toBe(403);
    const headers = await as(world.users.memberA);
    expect((await t.app.request(`/api/organizations/${world.orgA.id}/invitations`, { headers })).status).toBe(403);
    const mails = await readMailbox(t.dataDir);
    expect(mails.some((m) => m.to.includes('kim@example.test'))).toBe(false);
  });

  it('never puts a token or a hash into the event log', async () => {
    const tokens = (await readMailbox(t.dataDir)).flatMap((m) =>
      [...m.text.matchAll(/token=([A-Za-z0-9_-]{43})/g)].map((x) => x[1]!),
    );
    const hashes = (await t.db.query<{ token_hash: string }>('select token_hash from public.invitations')).map(
      (r) => r.token_hash,
    );
    expect(tokens.length).toBeGreaterThan(5);
    const events = JSON.stringify(
      await t.db.query('select type, payload from public.status_events where org_id = $1', [world.orgA.id]),
    );
    for (const secret of [...tokens, ...hashes]) expect(events).not.toContain(secret);
    expect(events).not.toMatch(/token|hash/i);
  });
});
