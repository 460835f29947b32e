import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { createOrg } from '../../../test/fixtures.ts';
import type { PublicStatus } from '../../contract/public-status.ts';
import { write } from './test-kit.ts';

// The smallest valid PNG (1×1, transparent).
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describe('public logo and renamed slugs', () => {
  let t: TestContext;
  let org: { id: string; slug: string };
  const snapshot = async (slug: string) =>
    ((await (await t.app.request(`/api/public/status/${slug}`)).json()) as { data: PublicStatus }).data;

  beforeAll(async () => {
    t = await createTestContext();
    org = await createOrg(t.db);
  });
  afterAll(() => t.close());

  it('answers 404 for the logo of an org without one', async () => {
    const res = await t.app.request(`/api/public/status/${org.slug}/logo`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('Logo not found');
  });

  it('serves an uploaded logo with a versioned URL in the snapshot', async () => {
    await write(t.db, org.id, (tx) =>
      tx.query(`insert into public.organization_logos (org_id, content_type, bytes) values ($1, 'image/png', $2)`, [
        org.id,
        png,
      ]),
    );
    await vi.waitFor(async () => expect((await snapshot(org.slug)).organization.has_logo).toBe(true), {
      timeout: 5000,
      interval: 20,
    });
    const { logo_url } = (await snapshot(org.slug)).organization;
    expect(logo_url).toMatch(new RegExp(`^/api/public/status/${org.slug}/logo\\?v=[0-9a-z]+$`));
    const res = await t.app.request(logo_url!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);
    const again = await t.app.request(logo_url!, { headers: { 'If-None-Match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it("redirects a renamed org's old slug with 308 on every public route, CORS included", async () => {
    const oldSlug = org.slug;
    const newSlug = `${oldSlug}-renamed`;
    await snapshot(oldSlug); // cached under the old slug: the rename's event must drop it
    await write(t.db, org.id, (tx) =>
      tx.query('update public.organizations set slug = $2 where id = $1', [org.id, newSlug]),
    );
    await vi.waitFor(async () => expect((await t.app.request(`/api/public/status/${oldSlug}`)).status).toBe(308), {
      timeout: 5000,
      interval: 20,
    });
    for (const [suffix, query] of [
      ['', ''],
      ['/summary.json', ''],
      ['/logo', '?v=abc'],
    ] as const) {
      const res = await t.app.request(`/api/public/status/${oldSlug}${suffix}${query}`, {
        headers: { Origin: 'https://elsewhere.example' },
      });
      expect(res.status).toBe(308);
      expect(res.headers.get('location')).toBe(`/api/public/status/${newSlug}${suffix}${query}`);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
      const followed = await t.app.request(res.headers.get('location')!);
      expect(followed.status).toBe(200);
    }
    expect((await snapshot(newSlug)).organization.slug).toBe(newSlug);
  });
});
