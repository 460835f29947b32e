import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { createTenantWorld, type TenantWorld } from '../../../test/fixtures.ts';
import { asSystem } from '../../db/doors.ts';
import { hashApiKeySecret } from '../../auth/api-key-secret.ts';

interface Created {
  data: { id: string; secret: string; prefix: string; scopes: string[]; name: string; last_used_at: string | null };
}

describe('API keys', () => {
  let t: TestContext;
  let world: TenantWorld;
  let admin: string;
  const base = () => `/api/organizations/${world.orgA.id}/api-keys`;
  const call = (path: string, token: string, init: RequestInit = {}) =>
    t.app.request(path, {
      ...init,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(init.headers ?? {}) },
    });
  const create = async (scopes: string[], name = 'ci') => {
    const res = await call(base(), admin, { method: 'POST', body: JSON.stringify({ name, scopes }) });
    expect(res.status).toBe(201);
    return ((await res.json()) as Created).data;
  };

  beforeAll(async () => {
    t = await createTestContext();
    world = await createTenantWorld(t.db);
    admin = await t.tokens.sign(world.users.adminA.id, world.users.adminA.email);
  });
  afterAll(() => t.close());

  it('creates a key whose secret is shown once and stored only as a hash', async () => {
    const key = await create(['read'], 'deploy bot');
    expect(key.secret).toMatch(/^lsk_[A-Za-z0-9_-]{43}$/);
    expect(key.prefix).toBe(key.secret.slice(0, 12));
    expect(key).toMatchObject({
      name: 'deploy bot',
      scopes: ['read'],
      last_used_at: null,
      created_by: world.users.adminA.id,
    });
    const [row] = await asSystem(t.db, 'test', (tx) =>
      tx.query<{ key_hash: string }>('select key_hash from public.api_keys where id = $1', [key.id]),
    );
    expect(row!.key_hash).toBe(hashApiKeySecret(key.secret));
    expect(JSON.stringify(row)).not.toContain(key.secret);
  });

  it('lists keys without secrets or hashes, newest first, with cursor pagination', async () => {
    const a = await create(['read'], 'first');
    const b = await create(['status:write'], 'second');
    const res = await call(`${base()}?limit=1`, admin);
    expect(res.status).toBe(200);
    const page = (await res.json()) as { data: Record<string, unknown>[]; next_cursor: string };
    expect(page.data.map((k) => k.id)).toEqual([b.id]);
    expect(Object.keys(page.data[0]!).sort()).toEqual([
      'created_at',
      'created_by',
      'id',
      'last_used_at',
      'name',
      'prefix',
      'revoked_at',
      'scopes',
    ]);
    const next = (await (await call(`${base()}?limit=1&cursor=${page.next_cursor}`, admin)).json()) as {
      data: { id: string }[];
    };
    expect(next.data.map((k) => k.id)).toEqual([a.id]);
    const all = await (await call(`${base()}?limit=100`, admin)).text();
    for (const key of [a, b]) {
      expect(all).not.toContain(key.secret);
      expect(all).not.toContain(hashApiKeySecret(key.secret));
    }
    expect((await call(`${base()}?cursor=garbage`, admin)).status).toBe(400);
  });

  it("works on its org's routes its scopes allow and nowhere else", async () => {
    const reader = await create(['read']);
    const events = `/api/organizations/${world.orgA.id}/events`;
    expect((await call(events, reader.secret)).status).toBe(200);
    // Another org's routes: 403 even though the scope would fit.
    expect((await call(`/api/organizations/${world.orgB.id}/events`, reader.secret)).status).toBe(403);
    // Admin-only routes (key management) refuse every key.
    expect((await call(base(), reader.secret)).status).toBe(403);
    const metrics = await create(['metrics:read']);
    const refused = await call(events, metrics.secret);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/scopes: read/);
  });

  it('records the last use', async () => {
    const key = await create(['read']);
    await call(`/api/organizations/${world.orgA.id}/events`, key.secret);
    const list = (await (await call(`${base()}?limit=100`, admin)).json()) as {
      data: { id: string; last_used_at: string | null }[];
    };
    const used = list.data.find((k) => k.id === key.id)!;
    expect(used.last_used_at).not.toBeNull();
    expect(Math.abs(Date.parse(used.last_used_at!) - t.clock.now().getTime())).toBeLessThan(5_000);
  });

  it('revokes at once; revoking again is harmless; unknown ids are 404', async () => {
    const key = await create(['read']);
    const events = `/api/organizations/${world.orgA.id}/events`;
    expect((await call(events, key.secret)).status).toBe(200);
    expect((await call(`${base()}/${key.id}`, admin, { method: 'DELETE' })).status).toBe(204);
    const refused = await call(events, key.secret);
    expect(refused.status).toBe(401);
    expect((await call(`${base()}/${key.id}`, admin, { method: 'DELETE' })).status).toBe(204);
    const list = (await (await call(`${base()}?limit=100`, admin)).json()) as {
      data: { id: string; revoked_at: string | null }[];
    };
    expect(list.data.find((k) => k.id === key.id)!.revoked_at).not.toBeNull();
    const [count] = await asSystem(t.db, 'test', (tx) =>
      tx.query<{ n: number }>(
        `select count(*)::int as n from public.status_events where type = 'api_key.revoked' and payload ->> 'id' = $1`,
        [key.id],
      ),
    );
    expect(count!.n).toBe(1);
    expect((await call(`${base()}/00000000-0000-4000-8000-000000000000`, admin, { method: 'DELETE' })).status).toBe(
      404,
    );
  });

  it("cannot revoke another org's key", async () => {
    const key = await create(['read']);
    const adminB = await t.tokens.sign(world.users.adminB.id, world.users.adminB.email);
    expect(
      (await call(`/api/organizations/${world.orgB.id}/api-keys/${key.id}`, adminB, { method: 'DELETE' })).status,
    ).toBe(404);
    expect((await call(`/api/organizations/${world.orgA.id}/events`, key.secret)).status).toBe(200);
  });

  it('refuses members, viewers and bad bodies', async () => {
    const member = await t.tokens.sign(world.users.memberA.id, world.users.memberA.email);
    expect(
      (await call(base(), member, { method: 'POST', body: JSON.stringify({ name: 'x', scopes: ['read'] }) })).status,
    ).toBe(403);
    for (const body of [
      { name: '', scopes: ['read'] },
      { name: 'x', scopes: [] },
      { name: 'x', scopes: ['root'] },
      { name: 'x', scopes: ['read', 'read'] },
    ]) {
      expect((await call(base(), admin, { method: 'POST', body: JSON.stringify(body) })).status).toBe(400);
    }
  });
});
