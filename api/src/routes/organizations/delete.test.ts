import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { createApiKey, createTenantWorld, type TenantWorld } from '../../../test/fixtures.ts';

describe('DELETE /api/organizations/:orgId', () => {
  let t: TestContext;
  let world: TenantWorld;
  const as = async (user: { id: string; email: string }) => ({
    Authorization: `Bearer ${await t.tokens.sign(user.id, user.email)}`,
  });
  const del = async (orgId: string, confirm: string | null, user = world.users.adminA) =>
    t.app.request(`/api/organizations/${orgId}${confirm === null ? '' : `?confirm=${confirm}`}`, {
      method: 'DELETE',
      headers: await as(user),
    });
  const count = async (table: string, orgId: string) =>
    Number(
      (
        await t.db.query<{ n: string }>(`select count(*)::text as n from public.${table} where org_id = $1`, [orgId])
      )[0]!.n,
    );

  beforeAll(async () => {
    t = await createTestContext();
    world = await createTenantWorld(t.db);
    await createApiKey(t.db, world.orgA.id, ['read']);
  });
  afterAll(() => t.close());

  it('needs the current slug as confirmation', async () => {
    expect((await del(world.orgA.id, null)).status).toBe(400);
    expect((await del(world.orgA.id, 'wrong-slug')).status).toBe(400);
    expect(await count('organization_members', world.orgA.id)).toBe(3);
  });

  it('is for admins of the org only', async () => {
    expect((await del(world.orgA.id, world.orgA.slug, world.users.memberA)).status).toBe(403);
    expect((await del(world.orgA.id, world.orgA.slug, world.users.adminB)).status).toBe(403);
    expect(await count('organization_members', world.orgA.id)).toBe(3);
  });

  it('removes the org and everything of it, and nothing of another org', async () => {
    // A renamed org (its former slug is a row too). Its pages are the site renderer's to remove:
    // api/src/static-site/org-delete.test.ts.
    const renamed = await t.app.request(`/api/organizations/${world.orgA.id}`, {
      method: 'PUT',
      headers: { ...(await as(world.users.adminA)), 'Content-Type': 'application/json' },
      body: JSON.stringify({ slug: 'gone-soon' }),
    });
    expect(renamed.status).toBe(200);
    const bEventsBefore = await count('status_events', world.orgB.id);

    expect((await del(world.orgA.id, 'gone-soon')).status).toBe(204);

    expect(await t.db.query('select 1 from public.organizations where id = $1', [world.orgA.id])).toEqual([]);
    for (const table of ['organization_members', 'api_keys', 'status_events', 'organization_slug_aliases']) {
      expect(await count(table, world.orgA.id), table).toBe(0);
    }
    expect(await count('organization_members', world.orgB.id)).toBe(1);
    expect(await count('status_events', world.orgB.id)).toBe(bEventsBefore);
    // The former admin's token is still valid, but the org is gone for them.
    expect(
      (await t.app.request(`/api/organizations/${world.orgA.id}`, { headers: await as(world.users.adminA) })).status,
    ).toBe(403);
    // The freed slugs can be taken again.
    const res = await t.app.request('/api/organizations', {
      method: 'POST',
      headers: { ...(await as(world.users.outsider)), 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Reborn', slug: 'gone-soon' }),
    });
    expect(res.status).toBe(201);
  });
});
