import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { createApiKey, createTenantWorld, type TenantWorld } from '../../../test/fixtures.ts';

describe('GET and PUT /api/organizations/:orgId', () => {
  let t: TestContext;
  let world: TenantWorld;
  const as = async (user: { id: string; email: string }) => ({
    Authorization: `Bearer ${await t.tokens.sign(user.id, user.email)}`,
  });
  const put = async (orgId: string, body: unknown, user = world.users.adminA) =>
    t.app.request(`/api/organizations/${orgId}`, {
      method: 'PUT',
      headers: { ...(await as(user)), 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  const eventsOf = (orgId: string) =>
    t.db.query<{ type: string; payload: { changed?: string[]; organization: Record<string, unknown> } }>(
      'select type, payload from public.status_events where org_id = $1 order by seq',
      [orgId],
    );

  beforeAll(async () => {
    t = await createTestContext();
    world = await createTenantWorld(t.db);
  });
  afterAll(() => t.close());

  it('shows the profile to a viewer with their role, and to a read key with role null', async () => {
    const res = await t.app.request(`/api/organizations/${world.orgA.id}`, { headers: await as(world.users.viewerA) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: unknown }).data).toMatchObject({
      id: world.orgA.id,
      slug: world.orgA.slug,
      role: 'viewer',
    });
    const key = await createApiKey(t.db, world.orgA.id, ['read']);
    const byKey = await t.app.request(`/api/organizations/${world.orgA.id}`, {
      headers: { Authorization: `Bearer ${key.secret}` },
    });
    expect(((await byKey.json()) as { data: unknown }).data).toMatchObject({ id: world.orgA.id, role: null });
  });

  it('changes name, brand colour and time zone and records organization.updated with what changed', async () => {
    const res = await put(world.orgA.id, { name: 'Acme Status', brand_color: '#FF8800', time_zone: 'Europe/Berlin' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: unknown }).data).toMatchObject({
      name: 'Acme Status',
      brand_color: '#ff8800',
      time_zone: 'Europe/Berlin',
      role: 'admin',
    });
    const [event] = (await eventsOf(world.orgA.id)).slice(-1);
    expect(event).toMatchObject({
      type: 'organization.updated',
      payload: { changed: ['name', 'brand_color', 'time_zone'], organization: { name: 'Acme Status' } },
    });
  });

  it('records nothing when nothing changes', async () => {
    const before = (await eventsOf(world.orgA.id)).length;
    expect((await put(world.orgA.id, { name: 'Acme Status' })).status).toBe(200);
    expect((await eventsOf(world.orgA.id)).length).toBe(before);
  });

  it.each([
    ['an unknown time zone', { time_zone: 'Mars/Olympus_Mons' }],
    ['a time zone in the wrong case', { time_zone: 'utc' }],
    ['an abbreviation', { time_zone: 'EST' }],
    ['a colour name', { brand_color: 'red' }],
    ['a short colour', { brand_color: '#fff' }],
    ['an unknown field', { settings: {} }],
    ['an empty body', {}],
    ['a reserved slug', { slug: 'www' }],
  ])('refuses %s with 400', async (_, body) => {
    expect((await put(world.orgA.id, body)).status).toBe(400);
  });

  it('lets only admins change settings', async () => {
    expect((await put(world.orgA.id, { name: 'Nope' }, world.users.memberA)).status).toBe(403);
    expect((await put(world.orgA.id, { name: 'Nope' }, world.users.adminB)).status).toBe(403);
    const [org] = await t.db.query<{ name: string }>('select name from public.organizations where id = $1', [
      world.orgA.id,
    ]);
    expect(org!.name).toBe('Acme Status');
  });

  it('keeps a renamed slug as an alias of the org, reserved against everyone else', async () => {
    const oldSlug = world.orgA.slug;
    const res = await put(world.orgA.id, { slug: 'acme-renamed' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: unknown }).data).toMatchObject({
      slug: 'acme-renamed',
      slug_aliases: [oldSlug],
    });
    const [resolved] = await t.db.query<{ slug: string }>('select public.resolve_org_slug($1) as slug', [oldSlug]);
    expect(resolved!.slug).toBe('acme-renamed');

    // Another org can take neither the alias (rename or create) nor the new slug.
    expect((await put(world.orgB.id, { slug: oldSlug }, world.users.adminB)).status).toBe(409);
    expect((await put(world.orgB.id, { slug: 'acme-renamed' }, world.users.adminB)).status).toBe(409);
    const created = await t.app.request('/api/organizations', {
      method: 'POST',
      headers: { ...(await as(world.users.outsider)), 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Squatter', slug: oldSlug }),
    });
    expect(created.status).toBe(409);
  });

  it('lets the org return to its former slug, which then stops being an alias', async () => {
    const oldSlug = world.orgA.slug;
    const res = await put(world.orgA.id, { slug: oldSlug });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: unknown }).data).toMatchObject({
      slug: oldSlug,
      slug_aliases: ['acme-renamed'],
    });
  });
});
