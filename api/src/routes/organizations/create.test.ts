import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { createApiKey, createOrg, createUser } from '../../../test/fixtures.ts';

describe('POST /api/organizations and GET /api/organizations', () => {
  let t: TestContext;
  let user: { id: string; email: string };
  let auth: Record<string, string>;
  const post = (body: unknown, headers = auth) =>
    t.app.request('/api/organizations', {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    t = await createTestContext();
    user = await createUser(t.db);
    auth = { Authorization: `Bearer ${await t.tokens.sign(user.id, user.email)}` };
  });
  afterAll(() => t.close());

  it('creates an org, makes the caller its admin and records organization.created', async () => {
    const res = await post({ name: 'Acme Corp', slug: 'acme-corp' });
    expect(res.status).toBe(201);
    const { data } = (await res.json()) as { data: Record<string, unknown> };
    expect(data).toMatchObject({
      slug: 'acme-corp',
      name: 'Acme Corp',
      role: 'admin',
      brand_color: '#2563eb',
      time_zone: 'UTC',
      has_logo: false,
      slug_aliases: [],
    });
    const members = await t.db.query('select user_id, role from public.organization_members where org_id = $1', [
      data.id,
    ]);
    expect(members).toEqual([{ user_id: user.id, role: 'admin' }]);
    const events = await t.db.query<{ type: string; payload: { organization: { slug: string } }; actor: unknown }>(
      'select type, payload, actor from public.status_events where org_id = $1',
      [data.id],
    );
    expect(events).toMatchObject([
      {
        type: 'organization.created',
        payload: { organization: { slug: 'acme-corp' } },
        actor: { type: 'user', id: user.id },
      },
    ]);
  });

  it('lists the caller’s orgs with their role, a page at a time', async () => {
    await post({ name: 'Beta', slug: 'beta-org' });
    await post({ name: 'Gamma', slug: 'gamma-org' });
    const other = await createOrg(t.db, 'not-mine');
    const seen: { slug: string; role: string }[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.app.request(`/api/organizations?limit=1${cursor ? `&cursor=${cursor}` : ''}`, {
        headers: auth,
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { data: { slug: string; role: string }[]; next_cursor: string | null };
      expect(body.data.length).toBeLessThanOrEqual(1);
      seen.push(...body.data.map(({ slug, role }) => ({ slug, role })));
      cursor = body.next_cursor;
    } while (cursor);
    expect(seen).toEqual([
      { slug: 'acme-corp', role: 'admin' },
      { slug: 'beta-org', role: 'admin' },
      { slug: 'gamma-org', role: 'admin' },
    ]);
    expect(seen.map((o) => o.slug)).not.toContain(other.slug);
    expect((await t.app.request('/api/organizations?cursor=garbage', { headers: auth })).status).toBe(400);
  });

  it.each([
    ['too short', 'ab'],
    ['too long', 'a'.repeat(49)],
    ['uppercase', 'Acme'],
    ['underscore', 'acme_corp'],
    ['leading hyphen', '-acme'],
    ['trailing hyphen', 'acme-'],
    ['reserved api', 'api'],
    ['reserved admin', 'admin'],
    ['reserved status', 'status'],
    ['reserved signup', 'signup'],
  ])('refuses a slug that is %s with 400', async (_, slug) => {
    const res = await post({ name: 'X', slug });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('validation_failed');
  });

  it('accepts slugs of exactly 3 and 48 characters', async () => {
    expect((await post({ name: 'Three', slug: 'abc' })).status).toBe(201);
    expect((await post({ name: 'Long', slug: 'a'.repeat(48) })).status).toBe(201);
  });

  it('refuses a taken slug with 409', async () => {
    const res = await post({ name: 'Again', slug: 'acme-corp' });
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('conflict');
  });

  it('refuses unknown fields and an empty name', async () => {
    expect((await post({ name: 'X', slug: 'fine-slug', owner: 'me' })).status).toBe(400);
    expect((await post({ name: '  ', slug: 'fine-slug' })).status).toBe(400);
  });

  it('is for signed-in users only: anonymous 401, API key 403', async () => {
    expect((await post({ name: 'X', slug: 'anon-org' }, {})).status).toBe(401);
    const org = await createOrg(t.db);
    const key = await createApiKey(t.db, org.id, ['read', 'status:write']);
    expect((await post({ name: 'X', slug: 'key-org' }, { Authorization: `Bearer ${key.secret}` })).status).toBe(403);
    expect(
      (await t.app.request('/api/organizations', { headers: { Authorization: `Bearer ${key.secret}` } })).status,
    ).toBe(403);
  });
});
