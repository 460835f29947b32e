import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { addMember, createApiKey, createTenantWorld, createUser, type TenantWorld } from '../../../test/fixtures.ts';

type User = { id: string; email: string };

/** A request body that is not handed over until `release()`; `requested` resolves once someone reads it. */
function gatedBody(text: string) {
  const bytes = new TextEncoder().encode(text);
  let release!: () => void;
  let markRequested!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const requested = new Promise<void>((resolve) => (markRequested = resolve));
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        markRequested();
        await released;
        controller.enqueue(bytes);
        controller.close();
      },
    },
    // Nothing is pulled ahead of a read.
    { highWaterMark: 0 },
  );
  return { stream, length: bytes.length, requested, release };
}

describe('members: list, change role, remove, leave', () => {
  let t: TestContext;
  let world: TenantWorld;
  const as = async (user: User) => ({ Authorization: `Bearer ${await t.tokens.sign(user.id, user.email)}` });
  const members = (orgId: string) => `/api/organizations/${orgId}/members`;
  const setRole = async (by: User, orgId: string, userId: string, role: string) =>
    t.app.request(`${members(orgId)}/${userId}`, {
      method: 'PUT',
      headers: { ...(await as(by)), 'Content-Type': 'application/json' },
      body: JSON.stringify({ role }),
    });
  const remove = async (by: User, orgId: string, userId: string) =>
    t.app.request(`${members(orgId)}/${userId}`, { method: 'DELETE', headers: await as(by) });
  const lastEvent = async (orgId: string) =>
    (
      await t.db.query<{ type: string; payload: Record<string, unknown> }>(
        'select type, payload from public.status_events where org_id = $1 order by seq desc limit 1',
        [orgId],
      )
    )[0];
  const lastSeq = async (orgId: string) =>
    (
      await t.db.query<{ seq: string }>('select last_event_seq as seq from public.organizations where id = $1', [orgId])
    )[0]!.seq;

  beforeAll(async () => {
    t = await createTestContext();
    world = await createTenantWorld(t.db);
  });
  afterAll(() => t.close());

  it('lists members with email and role to viewers and read keys, a page at a time', async () => {
    const res = await t.app.request(members(world.orgA.id), { headers: await as(world.users.viewerA) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { user_id: string; email: string; role: string }[]; next_cursor: null };
    expect(body.data.map((m) => [m.email, m.role]).sort()).toEqual(
      [
        [world.users.viewerA.email, 'viewer'],
        [world.users.memberA.email, 'member'],
        [world.users.adminA.email, 'admin'],
      ].sort(),
    );
    const key = await createApiKey(t.db, world.orgA.id, ['read']);
    const first = await t.app.request(`${members(world.orgA.id)}?limit=2`, {
      headers: { Authorization: `Bearer ${key.secret}` },
    });
    const page1 = (await first.json()) as { data: { user_id: string }[]; next_cursor: string };
    expect(page1.data).toHaveLength(2);
    const second = await t.app.request(`${members(world.orgA.id)}?limit=2&cursor=${page1.next_cursor}`, {
      headers: { Authorization: `Bearer ${key.secret}` },
    });
    const page2 = (await second.json()) as { data: { user_id: string }[]; next_cursor: string | null };
    expect(page2.data).toHaveLength(1);
    expect(page2.next_cursor).toBeNull();
    expect(new Set([...page1.data, ...page2.data].map((m) => m.user_id)).size).toBe(3);
  });

  it('lets admins change roles and records member.role_changed', async () => {
    const res = await setRole(world.users.adminA, world.orgA.id, world.users.viewerA.id, 'member');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: unknown }).data).toMatchObject({
      user_id: world.users.viewerA.id,
      role: 'member',
    });
    expect(await lastEvent(world.orgA.id)).toMatchObject({
      type: 'member.role_changed',
      payload: { member: { user_id: world.users.viewerA.id, role: 'member' }, previous_role: 'viewer' },
    });
    expect((await setRole(world.users.adminA, world.orgA.id, world.users.viewerA.id, 'viewer')).status).toBe(200);
  });

  it('refuses role changes by non-admins, bad roles and unknown members', async () => {
    expect((await setRole(world.users.memberA, world.orgA.id, world.users.viewerA.id, 'admin')).status).toBe(403);
    expect((await setRole(world.users.memberA, world.orgA.id, world.users.memberA.id, 'admin')).status).toBe(403);
    expect((await setRole(world.users.adminA, world.orgA.id, world.users.viewerA.id, 'owner')).status).toBe(400);
    expect((await setRole(world.users.adminA, world.orgA.id, world.users.adminB.id, 'viewer')).status).toBe(404);
    expect((await remove(world.users.memberA, world.orgA.id, world.users.viewerA.id)).status).toBe(403);
  });

  it('never removes or demotes the last admin (409), whoever asks', async () => {
    for (const res of [
      await setRole(world.users.adminA, world.orgA.id, world.users.adminA.id, 'member'),
      await remove(world.users.adminA, world.orgA.id, world.users.adminA.id),
    ]) {
      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({ error: { code: 'conflict', details: { reason: 'last_admin' } } });
    }
    const [row] = await t.db.query<{ role: string }>(
      'select role from public.organization_members where org_id = $1 and user_id = $2',
      [world.orgA.id, world.users.adminA.id],
    );
    expect(row!.role).toBe('admin');
  });

  it('lets an admin step down once another admin exists', async () => {
    const second = await createUser(t.db);
    await addMember(t.db, world.orgA.id, second.id, 'admin');
    expect((await setRole(world.users.adminA, world.orgA.id, world.users.adminA.id, 'member')).status).toBe(200);
    expect((await setRole(second, world.orgA.id, second.id, 'viewer')).status).toBe(409);
    expect((await setRole(second, world.orgA.id, world.users.adminA.id, 'admin')).status).toBe(200);
    expect((await remove(world.users.adminA, world.orgA.id, second.id)).status).toBe(204);
  });

  it('keeps an admin when two admins demote each other at the same moment', async () => {
    const org = world.orgB.id;
    const other = await createUser(t.db);
    await addMember(t.db, org, other.id, 'admin');
    const results = await Promise.all([
      setRole(world.users.adminB, org, other.id, 'member'),
      setRole(other, org, world.users.adminB.id, 'member'),
    ]);
    // Whichever runs second is refused whatever the interleaving: its access check or its UPDATE (RLS)
    // already sees its own demotion (403), or its trigger waited for the org row lock and then finds no
    // other admin (409). Each interleaving is forced on its own below and in last-admin-race.pg.test.ts.
    expect(results.map((r) => r.status).sort()).toEqual([200, expect.toSatisfy((s: number) => s === 403 || s === 409)]);
    const admins = await t.db.query("select 1 from public.organization_members where org_id = $1 and role = 'admin'", [
      org,
    ]);
    expect(admins).toHaveLength(1);
  });

  it('refuses a demotion whose caller was demoted after its access check (no 200, no event)', async () => {
    const org = world.orgB.id;
    const [first, second] = [await createUser(t.db), await createUser(t.db)];
    await addMember(t.db, org, first.id, 'admin');
    await addMember(t.db, org, second.id, 'admin');
    // The access check runs before the body is read: holding the body back parks `second`'s request
    // between its check (still an admin) and its transaction, while `first` demotes it.
    const body = gatedBody(JSON.stringify({ role: 'member' }));
    const late = t.app.request(`${members(org)}/${first.id}`, {
      method: 'PUT',
      headers: { ...(await as(second)), 'Content-Type': 'application/json', 'Content-Length': String(body.length) },
      body: body.stream,
      duplex: 'half',
    } as RequestInit);
    await body.requested;
    expect((await setRole(first, org, second.id, 'member')).status).toBe(200);
    const seqBefore = await lastSeq(org);
    body.release();
    const res = await late;
    expect(res.status, await res.clone().text()).toBe(403);
    expect(await lastSeq(org)).toBe(seqBefore);
    const [row] = await t.db.query<{ role: string }>(
      'select role from public.organization_members where org_id = $1 and user_id = $2',
      [org, first.id],
    );
    expect(row!.role).toBe('admin');
  });

  it('lets anyone leave with their own id; the still-valid token loses the org at once', async () => {
    const viewer = await as(world.users.viewerA);
    const left = await remove(world.users.viewerA, world.orgA.id, world.users.viewerA.id);
    expect(left.status, await left.clone().text()).toBe(204);
    expect(await lastEvent(world.orgA.id)).toMatchObject({
      type: 'member.removed',
      payload: { member: { user_id: world.users.viewerA.id }, left: true },
    });
    // The same token as before, still unexpired.
    expect((await t.app.request(`/api/organizations/${world.orgA.id}`, { headers: viewer })).status).toBe(403);
    expect((await t.app.request(members(world.orgA.id), { headers: viewer })).status).toBe(403);
  });

  it('lets an admin remove a member, who is refused on their next request', async () => {
    const member = await as(world.users.memberA);
    expect((await t.app.request(members(world.orgA.id), { headers: member })).status).toBe(200);
    expect((await remove(world.users.adminA, world.orgA.id, world.users.memberA.id)).status).toBe(204);
    expect(await lastEvent(world.orgA.id)).toMatchObject({
      type: 'member.removed',
      payload: { member: { user_id: world.users.memberA.id, role: 'member' }, left: false },
    });
    expect((await t.app.request(members(world.orgA.id), { headers: member })).status).toBe(403);
    expect((await remove(world.users.adminA, world.orgA.id, world.users.memberA.id)).status).toBe(404);
  });

  it('refuses API keys for changes, whatever their scopes', async () => {
    const key = await createApiKey(t.db, world.orgA.id, [
      'read',
      'status:write',
      'incidents:write',
      'maintenances:write',
    ]);
    const headers = { Authorization: `Bearer ${key.secret}` };
    expect(
      (await t.app.request(`${members(world.orgA.id)}/${world.users.adminA.id}`, { method: 'DELETE', headers })).status,
    ).toBe(403);
  });
});
